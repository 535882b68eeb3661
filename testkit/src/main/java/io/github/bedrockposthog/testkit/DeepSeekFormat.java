package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** DeepSeek R1: {@code {choices[{text, stop_reason}]}}, no usage in the body. */
final class DeepSeekFormat implements ModelFormat {

    @Override
    public ObjectNode body(Completion c) {
        return choice(c.answer(), "stop");
    }

    @Override
    public List<ObjectNode> chunks(Completion c) {
        List<String> pieces = c.pieces();
        List<ObjectNode> chunks = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            chunks.add(choice(pieces.get(i), i == pieces.size() - 1 ? "stop" : null));
        }
        return chunks;
    }

    private static ObjectNode choice(String text, String stopReason) {
        ObjectNode body = Json.object();
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("text", text);
        choice.put("stop_reason", stopReason);
        return body;
    }
}
