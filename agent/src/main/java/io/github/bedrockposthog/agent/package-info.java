/**
 * {@code -javaagent:bedrock-posthog-agent.jar}: adds bedrock-posthog's interceptor to every Bedrock Runtime client
 * an app builds, from a class loader of its own on top of the loader that holds the app's AWS SDK. Internal: the jar's
 * manifest is its only interface.
 */
package io.github.bedrockposthog.agent;
