/**
 * Internal: not API, may change without notice.
 *
 * <p>JSON reading and size estimates over jackson-core's streaming API.
 */
package io.github.bedrockposthog.internal.json;
