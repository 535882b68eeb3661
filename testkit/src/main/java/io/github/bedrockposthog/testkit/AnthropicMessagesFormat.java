package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Anthropic Claude messages API: {@code {id, type, role, model, content[{type:text, text}], stop_reason,
 * stop_sequence, usage{input_tokens, output_tokens}}}; streams {@code message_start}, {@code content_block_start},
 * {@code content_block_delta}..., {@code content_block_stop}, {@code message_delta}, {@code message_stop}.
 */
final class AnthropicMessagesFormat implements ModelFormat {

    @Override
    public ObjectNode body(Completion c) {
        ObjectNode body = message(c);
        ObjectNode text = body.putArray("content").addObject();
        text.put("type", "text");
        text.put("text", c.answer());
        body.put("stop_reason", "end_turn");
        body.putNull("stop_sequence");
        ObjectNode usage = body.putObject("usage");
        usage.put("input_tokens", c.inputTokens());
        usage.put("output_tokens", c.outputTokens());
        return body;
    }

    @Override
    public List<ObjectNode> chunks(Completion c) {
        List<ObjectNode> chunks = new ArrayList<>();
        ObjectNode start = Json.object();
        start.put("type", "message_start");
        ObjectNode message = message(c);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        ObjectNode startUsage = message.putObject("usage");
        startUsage.put("input_tokens", c.inputTokens());
        startUsage.put("output_tokens", 1);
        start.set("message", message);
        chunks.add(start);

        ObjectNode blockStart = Json.object();
        blockStart.put("type", "content_block_start");
        blockStart.put("index", 0);
        ObjectNode block = blockStart.putObject("content_block");
        block.put("type", "text");
        block.put("text", "");
        chunks.add(blockStart);

        for (String piece : c.pieces()) {
            ObjectNode delta = Json.object();
            delta.put("type", "content_block_delta");
            delta.put("index", 0);
            ObjectNode d = delta.putObject("delta");
            d.put("type", "text_delta");
            d.put("text", piece);
            chunks.add(delta);
        }

        ObjectNode blockStop = Json.object();
        blockStop.put("type", "content_block_stop");
        blockStop.put("index", 0);
        chunks.add(blockStop);

        ObjectNode messageDelta = Json.object();
        messageDelta.put("type", "message_delta");
        ObjectNode d = messageDelta.putObject("delta");
        d.put("stop_reason", "end_turn");
        d.putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", c.outputTokens());
        chunks.add(messageDelta);

        ObjectNode stop = Json.object();
        stop.put("type", "message_stop");
        chunks.add(stop);
        return chunks;
    }

    private static ObjectNode message(Completion c) {
        ObjectNode body = Json.object();
        body.put("id", "msg_bdrk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", ModelIds.shortName(c.modelId()));
        return body;
    }
}
