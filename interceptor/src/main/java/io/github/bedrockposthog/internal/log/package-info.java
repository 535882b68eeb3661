/**
 * Internal: not API, may change without notice.
 *
 * <p>Logging helpers: rate-limited warnings and privacy-aware diagnostics of internal errors.
 */
package io.github.bedrockposthog.internal.log;
