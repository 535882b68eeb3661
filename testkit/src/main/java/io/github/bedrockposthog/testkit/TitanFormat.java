package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Amazon Titan Text: {@code {inputTextTokenCount, results[{tokenCount, outputText, completionReason}]}}; chunks
 * {@code {outputText, index}} with {@code inputTextTokenCount} on the first and {@code totalOutputTextTokenCount},
 * {@code completionReason} on the last, as recorded.
 */
final class TitanFormat implements ModelFormat {

    @Override
    public ObjectNode body(Completion c) {
        ObjectNode body = Json.object();
        body.put("inputTextTokenCount", c.inputTokens());
        ObjectNode result = body.putArray("results").addObject();
        result.put("tokenCount", c.outputTokens());
        result.put("outputText", c.answer());
        result.put("completionReason", "FINISH");
        return body;
    }

    @Override
    public List<ObjectNode> chunks(Completion c) {
        List<String> pieces = c.pieces();
        List<ObjectNode> chunks = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            ObjectNode chunk = Json.object();
            chunk.put("outputText", pieces.get(i));
            chunk.put("index", 0);
            if (i == 0) {
                chunk.put("inputTextTokenCount", c.inputTokens());
            }
            if (i == pieces.size() - 1) {
                chunk.put("totalOutputTextTokenCount", c.outputTokens());
                chunk.put("completionReason", "FINISH");
            }
            chunks.add(chunk);
        }
        return chunks;
    }
}
