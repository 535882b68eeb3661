/**
 * Loopback test servers for bedrock-posthog: {@link io.github.bedrockposthog.testkit.BedrockEmulator}, a Bedrock
 * Runtime REST emulator that the real AWS SDK v2 clients can call, and
 * {@link io.github.bedrockposthog.testkit.CaptureServer}, a PostHog-compatible capture endpoint that records what
 * it receives. {@link io.github.bedrockposthog.testkit.RecordedExchange} loads the recorded Bedrock fixtures.
 */
package io.github.bedrockposthog.testkit;
