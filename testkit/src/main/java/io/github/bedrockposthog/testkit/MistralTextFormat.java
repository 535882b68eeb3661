package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Mistral text completions (request has {@code prompt}): {@code {outputs[{text, stop_reason}]}}, no usage in the body. */
final class MistralTextFormat implements ModelFormat {

    @Override
    public ObjectNode body(Completion c) {
        return output(c.answer(), "stop");
    }

    @Override
    public List<ObjectNode> chunks(Completion c) {
        return ModelFormat.onePerPiece(c, MistralTextFormat::output);
    }

    private static ObjectNode output(String text, String stopReason) {
        ObjectNode body = Json.object();
        ObjectNode output = body.putArray("outputs").addObject();
        output.put("text", text);
        output.put("stop_reason", stopReason);
        return body;
    }
}
