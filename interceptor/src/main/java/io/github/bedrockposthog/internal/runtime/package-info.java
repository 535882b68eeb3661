/**
 * Internal: not API, may change without notice.
 *
 * <p>One configured pipeline (settings, prices, mapper, sink), and the zero-code one.
 */
package io.github.bedrockposthog.internal.runtime;
