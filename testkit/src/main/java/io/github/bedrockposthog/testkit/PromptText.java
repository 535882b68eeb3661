package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulls the prompt text out of any family's request body (and Converse's): {@code prompt}, {@code inputText},
 * {@code message}, {@code system} and every text of {@code messages[].content}, joined by newlines.
 */
final class PromptText {

    private static final String[] PLAIN_FIELDS = {"system", "prompt", "inputText", "message"};

    private PromptText() {
    }

    static String extract(JsonNode request) {
        List<String> texts = new ArrayList<>();
        if (request == null || !request.isObject()) {
            return "";
        }
        for (String field : PLAIN_FIELDS) {
            collect(request.get(field), texts);
        }
        for (JsonNode message : request.path("messages")) {
            collect(message.get("content"), texts);
        }
        return String.join("\n", texts);
    }

    /** A string, or an array of strings / {@code {"text": ...}} blocks (also nested guardContent texts). */
    private static void collect(JsonNode node, List<String> texts) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isTextual()) {
            texts.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, texts);
            }
        } else if (node.isObject()) {
            if (node.has("text")) {
                collect(node.get("text"), texts);
            } else if (node.has("guardContent")) {
                collect(node.get("guardContent"), texts);
            }
        }
    }
}
