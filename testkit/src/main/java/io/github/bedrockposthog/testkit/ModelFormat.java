package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** One model family's InvokeModel wire format: the response body and the streamed chunks. */
interface ModelFormat {

    /** The InvokeModel response body. */
    ObjectNode body(Completion completion);

    /**
     * The model JSON of each InvokeModelWithResponseStream chunk, in order. The caller adds
     * {@code amazon-bedrock-invocationMetrics} to the last one.
     */
    List<ObjectNode> chunks(Completion completion);

    /**
     * One chunk per piece of the answer, built by {@code chunk(text, stopReason)}: the stop reason is
     * {@code "stop"} on the last chunk and {@code null} before it.
     */
    static List<ObjectNode> onePerPiece(Completion completion, BiFunction<String, String, ObjectNode> chunk) {
        List<String> pieces = completion.pieces();
        List<ObjectNode> chunks = new ArrayList<>(pieces.size());
        for (int i = 0; i < pieces.size(); i++) {
            chunks.add(chunk.apply(pieces.get(i), i == pieces.size() - 1 ? "stop" : null));
        }
        return chunks;
    }

    /** Whether InvokeModel answers carry prompt-cache token headers (always 0 here). */
    default boolean reportsCacheHeaders() {
        return false;
    }
}
