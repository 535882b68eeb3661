package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.json.JsonText;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.bedrockposthog.internal.bedrock.DialectSupport.path;

/**
 * Amazon Nova: Converse-shaped JSON. Request {@code {system[{text}], messages[{role, content[{text}|{toolUse}|
 * {toolResult}|{image}...]}], inferenceConfig, toolConfig.tools[{toolSpec}]}}; response {@code {output.message.
 * content[...], stopReason, usage{inputTokens, outputTokens, cacheReadInputTokenCount, cacheWriteInputTokenCount}}};
 * stream chunks wrap ConverseStream's events by name ({@code {"contentBlockDelta": {...}}}).
 *
 * <p>When a guardrail intervenes, {@code amazon-bedrock-trace.guardrail.modelOutput} holds the unmasked answer: it
 * is deliberately not read, the masked text in {@code output} is what the application received.
 */
final class NovaDialect implements Dialect {

    static final NovaDialect INSTANCE = new NovaDialect();

    // The wrapped events that carry something we record.
    private static final String[] EVENTS = {
        ConverseDialect.CONTENT_BLOCK_DELTA, ConverseDialect.CONTENT_BLOCK_START,
        ConverseDialect.MESSAGE_STOP, ConverseDialect.METADATA,
    };

    private NovaDialect() {
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        b.prompt = BodyText.lastUserText(Json.at(body, "messages"));
        Messages m = new Messages();
        m.text("system", Messages.text(Json.at(body, "system")));
        for (Object message : Json.array(Json.at(body, "messages"))) {
            Messages.Turn turn = m.turn(DialectSupport.role(Json.string(message, "role")));
            for (Object block : Json.array(Json.at(message, "content"))) {
                Map<String, Object> blk = Json.object(block);
                if (blk.get("text") instanceof String) {
                    turn.text((String) blk.get("text"));
                } else if (blk.get("toolUse") != null) {
                    Object use = blk.get("toolUse");
                    turn.toolCall(Json.string(use, "toolUseId"), Json.string(use, "name"), Json.at(use, "input"));
                } else if (blk.get("toolResult") != null) {
                    Object result = blk.get("toolResult");
                    turn.toolResult(Json.string(result, "toolUseId"), toolResult(Json.at(result, "content")),
                            "error".equalsIgnoreCase(Json.string(result, "status")));
                } else if (blk.get("reasoningContent") != null) {
                    turn.thinking(Json.string(blk.get("reasoningContent"), "reasoningText", "text"));
                } else {
                    for (String media : new String[] {"image", "document", "video", "audio"}) {
                        if (blk.get(media) != null) {
                            turn.media(media, "format", Json.string(blk.get(media), "format"));
                        }
                    }
                }
            }
            turn.end();
        }
        b.inputMessages = m.isEmpty() ? null : m.list();
        new DialectSupport.Parameters(body)
                .take("max_tokens", path("inferenceConfig", "max_new_tokens"), path("inferenceConfig", "maxTokens"))
                .take("temperature", path("inferenceConfig", "temperature"))
                .take("top_p", path("inferenceConfig", "top_p"), path("inferenceConfig", "topP"))
                .take("top_k", path("inferenceConfig", "top_k"), path("inferenceConfig", "topK"))
                .take("stop_sequences", path("inferenceConfig", "stopSequences"))
                .into(b);
        List<Map<String, Object>> tools = new ArrayList<>();
        for (Object t : Json.array(Json.at(body, "toolConfig", "tools"))) {
            Object spec = Json.at(t, "toolSpec");
            if (spec != null) {
                tools.add(DialectSupport.tool(Json.string(spec, "name"), Json.string(spec, "description"),
                        Json.at(spec, "inputSchema", "json")));
            }
        }
        b.tools = tools;
    }

    private static String toolResult(Object content) {
        StringBuilder text = new StringBuilder();
        for (Object c : Json.array(content)) {
            String t = Json.string(c, "text");
            if (t == null && Json.at(c, "json") != null) {
                t = JsonText.write(Json.at(c, "json"));
            }
            if (t != null) {
                text.append(text.length() > 0 ? "\n" : "").append(t);
            }
        }
        return text.toString();
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        Object content = Json.at(body, "output", "message", "content");
        b.generation = BodyText.outputText(content);
        StringBuilder reasoning = null;
        for (Object block : Json.array(content)) {
            Object use = Json.at(block, "toolUse");
            if (use != null) {
                b.toolCall(Json.string(use, "toolUseId"), Json.string(use, "name"), JsonText.write(Json.at(use, "input")));
            }
            String thought = Json.string(block, "reasoningContent", "reasoningText", "text");
            if (thought != null) { // converse fidelity (#13): reasoning, apart from the answer
                reasoning = reasoning == null ? new StringBuilder(thought) : reasoning.append(thought);
            }
        }
        b.reasoning = reasoning == null ? null : reasoning.toString();
        Object usage = Json.at(body, "usage");
        DialectSupport.bodyUsage(b,
                BodyText.count(usage, "inputTokens"),
                BodyText.count(usage, "outputTokens"),
                // Converse spells these without "Count"; accept both so a shape change does not lose them.
                BodyText.firstNonNull(BodyText.count(usage, "cacheReadInputTokenCount"),
                        BodyText.count(usage, "cacheReadInputTokens")),
                BodyText.firstNonNull(BodyText.count(usage, "cacheWriteInputTokenCount"),
                        BodyText.count(usage, "cacheWriteInputTokens")));
        b.stopReason = Json.string(body, "stopReason");
    }

    @Override
    public boolean readChunk(Map<String, Object> chunk, ChunkSink into) {
        boolean recognised = false;
        for (String name : EVENTS) {
            Object event = chunk.get(name);
            if (event instanceof Map) {
                ConverseDialect.readEvent(name, event, into, false);
                recognised = true;
            }
        }
        return recognised || chunk.get(ConverseDialect.MESSAGE_START) instanceof Map
                || chunk.get(ConverseDialect.CONTENT_BLOCK_STOP) instanceof Map;
    }
}
