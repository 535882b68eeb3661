package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Meta Llama: {@code {generation, prompt_token_count, generation_token_count, stop_reason}}. */
final class LlamaFormat implements ModelFormat {

    @Override
    public ObjectNode body(Completion c) {
        ObjectNode body = Json.object();
        body.put("generation", c.answer());
        body.put("prompt_token_count", c.inputTokens());
        body.put("generation_token_count", c.outputTokens());
        body.put("stop_reason", "stop");
        return body;
    }

    @Override
    public List<ObjectNode> chunks(Completion c) {
        List<String> pieces = c.pieces();
        List<ObjectNode> chunks = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            ObjectNode chunk = Json.object();
            chunk.put("generation", pieces.get(i));
            if (i == 0) {
                chunk.put("prompt_token_count", c.inputTokens());
            } else {
                chunk.putNull("prompt_token_count");
            }
            chunk.put("generation_token_count", c.outputTokensAfter(i + 1, pieces.size()));
            if (last) {
                chunk.put("stop_reason", "stop");
            } else {
                chunk.putNull("stop_reason");
            }
            chunks.add(chunk);
        }
        return chunks;
    }
}
