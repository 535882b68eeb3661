package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Anthropic Claude legacy text completions (request has {@code prompt}): {@code {type, completion, stop_reason, stop}}. */
final class AnthropicTextFormat implements ModelFormat {

    private static final String STOP = "\n\nHuman:";

    @Override
    public ObjectNode body(Completion c) {
        ObjectNode body = Json.object();
        body.put("type", "completion");
        body.put("completion", c.answer());
        body.put("stop_reason", "stop_sequence");
        body.put("stop", STOP);
        return body;
    }

    @Override
    public List<ObjectNode> chunks(Completion c) {
        List<String> pieces = c.pieces();
        List<ObjectNode> chunks = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            ObjectNode chunk = Json.object();
            chunk.put("type", "completion");
            chunk.put("completion", pieces.get(i));
            if (last) {
                chunk.put("stop_reason", "stop_sequence");
                chunk.put("stop", STOP);
            } else {
                chunk.putNull("stop_reason");
                chunk.putNull("stop");
            }
            chunks.add(chunk);
        }
        return chunks;
    }
}
