/**
 * Internal: not API, may change without notice.
 *
 * <p>The bundled Bedrock price table and the cost of a call.
 */
package io.github.bedrockposthog.internal.pricing;
