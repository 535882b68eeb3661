package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Cohere Command R / R+: {@code {response_id, text, generation_id, chat_history, finish_reason}} with no usage in
 * the body (the token headers are the only source); streams {@code stream-start}, {@code text-generation}...,
 * {@code stream-end}.
 */
final class CohereCommandRFormat implements ModelFormat {

    @Override
    public ObjectNode body(Completion c) {
        ObjectNode body = Json.object();
        body.put("response_id", UUID.randomUUID().toString());
        body.put("text", c.answer());
        body.put("generation_id", UUID.randomUUID().toString());
        ArrayNode history = body.putArray("chat_history");
        ObjectNode user = history.addObject();
        user.put("role", "USER");
        user.put("message", c.request().path("message").asText(c.prompt()));
        ObjectNode bot = history.addObject();
        bot.put("role", "CHATBOT");
        bot.put("message", c.answer());
        body.put("finish_reason", "COMPLETE");
        return body;
    }

    @Override
    public List<ObjectNode> chunks(Completion c) {
        String generationId = UUID.randomUUID().toString();
        List<ObjectNode> chunks = new ArrayList<>();
        ObjectNode start = Json.object();
        start.put("is_finished", false);
        start.put("event_type", "stream-start");
        start.put("generation_id", generationId);
        chunks.add(start);
        for (String piece : c.pieces()) {
            ObjectNode chunk = Json.object();
            chunk.put("is_finished", false);
            chunk.put("event_type", "text-generation");
            chunk.put("text", piece);
            chunks.add(chunk);
        }
        ObjectNode end = Json.object();
        end.put("is_finished", true);
        end.put("event_type", "stream-end");
        ObjectNode response = end.putObject("response");
        response.put("response_id", UUID.randomUUID().toString());
        response.put("text", c.answer());
        response.put("generation_id", generationId);
        response.put("finish_reason", "COMPLETE");
        end.put("finish_reason", "COMPLETE");
        chunks.add(end);
        return chunks;
    }
}
