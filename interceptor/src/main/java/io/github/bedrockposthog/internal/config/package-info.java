/**
 * Internal: not API, may change without notice.
 *
 * <p>The interceptor's settings: builder, system properties and environment variables.
 */
package io.github.bedrockposthog.internal.config;
