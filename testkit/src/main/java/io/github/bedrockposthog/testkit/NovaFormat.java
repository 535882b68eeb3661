package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Amazon Nova: {@code {output{message{role, content[{text}]}}, stopReason, usage{inputTokens, outputTokens,
 * totalTokens, cacheReadInputTokenCount, cacheWriteInputTokenCount}}}; chunks {@code messageStart},
 * {@code contentBlockDelta}..., {@code contentBlockStop}, {@code messageStop}, {@code metadata{usage}}.
 */
final class NovaFormat implements ModelFormat {

    @Override
    public ObjectNode body(Completion c) {
        ObjectNode body = Json.object();
        ObjectNode message = body.putObject("output").putObject("message");
        message.put("role", "assistant");
        message.putArray("content").addObject().put("text", c.answer());
        body.put("stopReason", "end_turn");
        ObjectNode usage = body.putObject("usage");
        usage.put("inputTokens", c.inputTokens());
        usage.put("outputTokens", c.outputTokens());
        usage.put("totalTokens", c.totalTokens());
        usage.put("cacheReadInputTokenCount", 0);
        usage.put("cacheWriteInputTokenCount", 0);
        return body;
    }

    @Override
    public List<ObjectNode> chunks(Completion c) {
        List<ObjectNode> chunks = new ArrayList<>();
        ObjectNode start = Json.object();
        start.putObject("messageStart").put("role", "assistant");
        chunks.add(start);
        for (String piece : c.pieces()) {
            ObjectNode chunk = Json.object();
            ObjectNode delta = chunk.putObject("contentBlockDelta");
            delta.putObject("delta").put("text", piece);
            delta.put("contentBlockIndex", 0);
            chunks.add(chunk);
        }
        ObjectNode blockStop = Json.object();
        blockStop.putObject("contentBlockStop").put("contentBlockIndex", 0);
        chunks.add(blockStop);
        ObjectNode messageStop = Json.object();
        messageStop.putObject("messageStop").put("stopReason", "end_turn");
        chunks.add(messageStop);
        ObjectNode metadata = Json.object();
        ObjectNode meta = metadata.putObject("metadata");
        ObjectNode usage = meta.putObject("usage");
        usage.put("inputTokens", c.inputTokens());
        usage.put("outputTokens", c.outputTokens());
        usage.put("cacheReadInputTokenCount", 0);
        usage.put("cacheWriteInputTokenCount", 0);
        meta.putObject("metrics");
        meta.putObject("trace");
        chunks.add(metadata);
        return chunks;
    }

    @Override
    public boolean reportsCacheHeaders() {
        return true;
    }
}
