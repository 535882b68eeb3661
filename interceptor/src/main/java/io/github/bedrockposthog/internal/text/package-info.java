/**
 * Internal: not API, may change without notice.
 *
 * <p>Bounded text.
 */
package io.github.bedrockposthog.internal.text;
