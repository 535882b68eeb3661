/**
 * Internal: not API, may change without notice.
 *
 * <p>Reading Bedrock Runtime requests and responses: model ids, model families, usage headers, Converse.
 */
package io.github.bedrockposthog.internal.bedrock;
