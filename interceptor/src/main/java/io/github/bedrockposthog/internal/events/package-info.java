/**
 * Internal: not API, may change without notice.
 *
 * <p>Turning a finished call into PostHog events of either schema.
 */
package io.github.bedrockposthog.internal.events;
