/**
 * JUnit 5 support for the loopback servers: {@link io.github.bedrockposthog.testkit.junit.LoopbackServers}, the one
 * extension every module's end-to-end tests use to run a Bedrock emulator and a PostHog capture server.
 */
package io.github.bedrockposthog.testkit.junit;
