package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Unknown families (imported models, opaque application profiles): {@code {completion, stop_reason}}. */
final class GenericFormat implements ModelFormat {

    @Override
    public ObjectNode body(Completion c) {
        return completion(c.answer(), "stop");
    }

    @Override
    public List<ObjectNode> chunks(Completion c) {
        return ModelFormat.onePerPiece(c, GenericFormat::completion);
    }

    private static ObjectNode completion(String text, String stopReason) {
        ObjectNode body = Json.object();
        body.put("completion", text);
        body.put("stop_reason", stopReason);
        return body;
    }
}
