/**
 * Internal: not API, may change without notice.
 *
 * <p>The one normalised, Bedrock-free record of a call ({@code LlmCall}) that both event schemas render.
 */
package io.github.bedrockposthog.internal.model;
