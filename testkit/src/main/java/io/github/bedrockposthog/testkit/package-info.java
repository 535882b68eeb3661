/**
 * Loopback test servers for bedrock-posthog: {@link io.github.bedrockposthog.testkit.BedrockEmulator}, a Bedrock
 * Runtime REST emulator that the real AWS SDK v2 clients can call, and
 * {@link io.github.bedrockposthog.testkit.CaptureServer}, a PostHog-compatible capture endpoint that records what
 * it receives. {@link io.github.bedrockposthog.testkit.RecordedExchange} loads the recorded Bedrock fixtures bundled
 * on the classpath.
 * {@link io.github.bedrockposthog.testkit.PostHogApiFake} fakes the PostHog REST API that provisions dashboards.
 */
package io.github.bedrockposthog.testkit;
