package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * OpenAI-style chat completions, used by AI21 Jamba, OpenAI gpt-oss, Qwen, MiniMax, Kimi, GLM, Nemotron, Gemma and
 * Writer Palmyra:
 * {@code {id, object, created, model, choices[{index, message{role, content}, finish_reason}],
 * usage{prompt_tokens, completion_tokens, total_tokens}}}; chunks carry {@code choices[].delta}, the last one
 * {@code finish_reason} and {@code usage}.
 */
final class OpenAiChatFormat implements ModelFormat {

    private static final long CREATED = 1_735_689_600L;

    @Override
    public ObjectNode body(Completion c) {
        ObjectNode body = header(c, "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", c.answer());
        choice.put("finish_reason", "stop");
        body.set("usage", usage(c));
        return body;
    }

    @Override
    public List<ObjectNode> chunks(Completion c) {
        List<String> pieces = c.pieces();
        List<ObjectNode> chunks = new ArrayList<>();
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            ObjectNode chunk = header(c, "chat.completion.chunk");
            chunk.put("id", id);
            ObjectNode choice = chunk.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode delta = choice.putObject("delta");
            if (i == 0) {
                delta.put("role", "assistant");
            }
            delta.put("content", pieces.get(i));
            if (last) {
                choice.put("finish_reason", "stop");
                chunk.set("usage", usage(c));
            } else {
                choice.putNull("finish_reason");
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    private static ObjectNode header(Completion c, String object) {
        ObjectNode body = Json.object();
        body.put("id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""));
        body.put("object", object);
        body.put("created", CREATED);
        body.put("model", ModelIds.shortName(c.modelId()));
        return body;
    }

    private static ObjectNode usage(Completion c) {
        ObjectNode usage = Json.object();
        usage.put("prompt_tokens", c.inputTokens());
        usage.put("completion_tokens", c.outputTokens());
        usage.put("total_tokens", c.totalTokens());
        return usage;
    }
}
