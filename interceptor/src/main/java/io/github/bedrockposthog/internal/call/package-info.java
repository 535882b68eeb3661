/**
 * Internal: not API, may change without notice.
 *
 * <p>The state of one call across the SDK's hooks, and the caller's attribution scopes.
 */
package io.github.bedrockposthog.internal.call;
