package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One model family's InvokeModel wire format: the response body and the streamed chunks. */
interface ModelFormat {

    /** The InvokeModel response body. */
    ObjectNode body(Completion completion);

    /**
     * The model JSON of each InvokeModelWithResponseStream chunk, in order. The caller adds
     * {@code amazon-bedrock-invocationMetrics} to the last one.
     */
    List<ObjectNode> chunks(Completion completion);

    /** Whether InvokeModel answers carry prompt-cache token headers (always 0 here). */
    default boolean reportsCacheHeaders() {
        return false;
    }
}
