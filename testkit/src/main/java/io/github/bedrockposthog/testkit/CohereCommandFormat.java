package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Cohere legacy Command (text/light): {@code {id, generations[{id, text, finish_reason}], prompt}}. */
final class CohereCommandFormat implements ModelFormat {

    @Override
    public ObjectNode body(Completion c) {
        ObjectNode body = Json.object();
        body.put("id", UUID.randomUUID().toString());
        ObjectNode generation = body.putArray("generations").addObject();
        generation.put("id", UUID.randomUUID().toString());
        generation.put("text", c.answer());
        generation.put("finish_reason", "COMPLETE");
        body.put("prompt", c.prompt());
        return body;
    }

    @Override
    public List<ObjectNode> chunks(Completion c) {
        List<String> pieces = c.pieces();
        List<ObjectNode> chunks = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            ObjectNode chunk = Json.object();
            chunk.put("text", pieces.get(i));
            chunk.put("is_finished", false);
            chunks.add(chunk);
        }
        ObjectNode end = Json.object();
        end.put("is_finished", true);
        end.put("finish_reason", "COMPLETE");
        ObjectNode generation = end.putArray("generations").addObject();
        generation.put("text", c.answer());
        generation.put("finish_reason", "COMPLETE");
        chunks.add(end);
        return chunks;
    }
}
