package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Unknown families (imported models, opaque application profiles): {@code {completion, stop_reason}}. */
final class GenericFormat implements ModelFormat {

    @Override
    public ObjectNode body(Completion c) {
        ObjectNode body = Json.object();
        body.put("completion", c.answer());
        body.put("stop_reason", "stop");
        return body;
    }

    @Override
    public List<ObjectNode> chunks(Completion c) {
        List<String> pieces = c.pieces();
        List<ObjectNode> chunks = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            ObjectNode chunk = Json.object();
            chunk.put("completion", pieces.get(i));
            chunk.put("stop_reason", i == pieces.size() - 1 ? "stop" : null);
            chunks.add(chunk);
        }
        return chunks;
    }
}
