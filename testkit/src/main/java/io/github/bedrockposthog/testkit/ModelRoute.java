package io.github.bedrockposthog.testkit;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Parses {@code /model/{modelId}/{action}} paths of the Bedrock Runtime REST API.
 *
 * @param operation the operation name, e.g. {@link EmulatedRequest#INVOKE_MODEL}
 * @param modelId   the decoded model id
 */
record ModelRoute(String operation, String modelId) {

    private static final String PREFIX = "/model/";
    private static final Map<String, String> OPERATIONS = Map.of(
            "invoke", EmulatedRequest.INVOKE_MODEL,
            "converse", EmulatedRequest.CONVERSE,
            "invoke-with-response-stream", EmulatedRequest.INVOKE_MODEL_WITH_RESPONSE_STREAM,
            "converse-stream", EmulatedRequest.CONVERSE_STREAM);


    /**
     * Parses a raw (still encoded) path; the model id segment is percent-decoded, so an ARN's {@code %2F} becomes
     * {@code /}.
     *
     * @return the route, or null when the path names no Bedrock Runtime operation
     */
    static ModelRoute parse(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(PREFIX)) {
            return null;
        }
        String rest = rawPath.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash != rest.lastIndexOf('/')) {
            return null;
        }
        String operation = OPERATIONS.get(rest.substring(slash + 1));
        if (operation == null) {
            return null;
        }
        String modelId = decode(rest.substring(0, slash));
        return modelId == null || modelId.isEmpty() ? null : new ModelRoute(operation, modelId);
    }

    /** The raw path of an operation on a model, the model id encoded as the SDK encodes it. */
    static String pathOf(String operation, String modelId) {
        String action = OPERATIONS.entrySet().stream()
                .filter(e -> e.getValue().equals(operation))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown operation: " + operation));
        return PREFIX + URLEncoder.encode(modelId, StandardCharsets.UTF_8) + "/" + action;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
