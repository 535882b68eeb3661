package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * AI21 Jurassic-2: {@code {id, prompt{text, tokens}, completions[{data{text, tokens}, finishReason{reason}}]}}.
 * Jurassic-2 never streamed; a stream request gets the whole body as one chunk.
 */
final class Ai21JurassicFormat implements ModelFormat {

    @Override
    public ObjectNode body(Completion c) {
        ObjectNode body = Json.object();
        body.put("id", 1234);
        ObjectNode prompt = body.putObject("prompt");
        prompt.put("text", c.prompt());
        prompt.putArray("tokens");
        ObjectNode completion = body.putArray("completions").addObject();
        ObjectNode data = completion.putObject("data");
        data.put("text", c.answer());
        data.putArray("tokens");
        completion.putObject("finishReason").put("reason", "endoftext");
        return body;
    }

    @Override
    public List<ObjectNode> chunks(Completion c) {
        return List.of(body(c));
    }
}
