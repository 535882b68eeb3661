/**
 * Internal: not API, may change without notice.
 *
 * <p>Reading event-stream responses as their bytes pass to the application.
 */
package io.github.bedrockposthog.internal.stream;
