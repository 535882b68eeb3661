/**
 * Internal: not API, may change without notice.
 *
 * <p>Delivering events to PostHog off the application's threads.
 */
package io.github.bedrockposthog.internal.transport;
