package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** DeepSeek R1: {@code {choices[{text, stop_reason}]}}, no usage in the body. */
final class DeepSeekFormat implements ModelFormat {

    @Override
    public ObjectNode body(Completion c) {
        return choice(c.answer(), "stop");
    }

    @Override
    public List<ObjectNode> chunks(Completion c) {
        return ModelFormat.onePerPiece(c, DeepSeekFormat::choice);
    }

    private static ObjectNode choice(String text, String stopReason) {
        ObjectNode body = Json.object();
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("text", text);
        choice.put("stop_reason", stopReason);
        return body;
    }
}
