package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Mistral chat (request has {@code messages}, e.g. Mistral Large 2):
 * {@code {choices[{index, message{role, content}, stop_reason}]}}, no usage in the body.
 */
final class MistralChatFormat implements ModelFormat {

    @Override
    public ObjectNode body(Completion c) {
        return choice(c.answer(), "stop");
    }

    @Override
    public List<ObjectNode> chunks(Completion c) {
        return ModelFormat.onePerPiece(c, MistralChatFormat::choice);
    }

    private static ObjectNode choice(String text, String stopReason) {
        ObjectNode body = Json.object();
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", text);
        choice.put("stop_reason", stopReason);
        return body;
    }
}
