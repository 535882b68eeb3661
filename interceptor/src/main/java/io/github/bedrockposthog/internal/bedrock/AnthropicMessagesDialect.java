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
 * Anthropic Claude, messages API. Request {@code {system, messages[{role, content}], tools[{name, description,
 * input_schema}], max_tokens, ...}}; response {@code {content[{type: text|tool_use|thinking}], stop_reason,
 * usage{input_tokens, output_tokens, cache_read_input_tokens, cache_creation_input_tokens}}}; stream chunks typed
 * {@code message_start}, {@code content_block_start|delta|stop}, {@code message_delta}, {@code message_stop},
 * {@code error}. A request with {@code prompt} and no {@code messages} is the legacy text API
 * ({@link AnthropicTextDialect}).
 */
final class AnthropicMessagesDialect implements Dialect {

    static final AnthropicMessagesDialect INSTANCE = new AnthropicMessagesDialect();

    private AnthropicMessagesDialect() {
    }

    @Override
    public Dialect variantFor(Object requestBody) {
        boolean text = Json.at(requestBody, "messages") == null && Json.at(requestBody, "prompt") != null;
        return text ? AnthropicTextDialect.INSTANCE : this;
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        b.prompt = BodyText.firstNonNull(BodyText.lastUserText(Json.at(body, "messages")), Json.string(body, "prompt"));
        Messages m = new Messages();
        m.text("system", Messages.text(Json.at(body, "system")));
        Object messages = Json.at(body, "messages");
        if (!(messages instanceof List)) {
            m.text("user", Json.string(body, "prompt"));
        }
        for (Object message : Json.array(messages)) {
            Messages.Turn turn = m.turn(DialectSupport.role(Json.string(message, "role")));
            Object content = Json.at(message, "content");
            if (content instanceof String) {
                turn.text((String) content);
            }
            for (Object block : Json.array(content)) {
                String type = Json.string(block, "type");
                if ("text".equals(type)) {
                    turn.text(Json.string(block, "text"));
                } else if ("tool_use".equals(type)) {
                    turn.toolCall(Json.string(block, "id"), Json.string(block, "name"), Json.at(block, "input"));
                } else if ("tool_result".equals(type)) {
                    turn.toolResult(Json.string(block, "tool_use_id"), toolResult(Json.at(block, "content")),
                            Boolean.TRUE.equals(Json.at(block, "is_error")));
                } else if ("thinking".equals(type)) {
                    turn.thinking(Json.string(block, "thinking"));
                } else if ("image".equals(type) || "document".equals(type)) {
                    turn.media(type, "media_type", Json.string(block, "source", "media_type"));
                } else if (type != null && !"redacted_thinking".equals(type)) {
                    turn.media(type, null, null);
                }
            }
            turn.end();
        }
        b.inputMessages = m.isEmpty() ? null : m.list();
        parameters(body, b);
        List<Map<String, Object>> tools = new ArrayList<>();
        for (Object t : Json.array(Json.at(body, "tools"))) {
            if (Json.string(t, "name") != null) {
                tools.add(DialectSupport.tool(Json.string(t, "name"), Json.string(t, "description"),
                        Json.at(t, "input_schema")));
            }
        }
        b.tools = tools;
    }

    /** Shared with the text API: the same parameter names. */
    static void parameters(Object body, LlmCall.Builder b) {
        new DialectSupport.Parameters(body)
                .take("max_tokens", path("max_tokens"), path("max_tokens_to_sample"))
                .take("temperature", path("temperature"))
                .take("top_p", path("top_p"))
                .take("top_k", path("top_k"))
                .take("stop_sequences", path("stop_sequences"))
                .into(b);
    }

    private static String toolResult(Object content) {
        if (content == null || content instanceof String) {
            return (String) content;
        }
        String text = Messages.text(content);
        return text != null ? text : "";
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        Object content = Json.at(body, "content");
        b.generation = content instanceof List ? BodyText.outputText(content) : Json.string(body, "completion");
        StringBuilder thinking = null;
        for (Object block : Json.array(content)) {
            String type = Json.string(block, "type");
            if ("tool_use".equals(type)) {
                b.toolCall(Json.string(block, "id"), Json.string(block, "name"), JsonText.write(Json.at(block, "input")));
            } else if ("thinking".equals(type) && Json.string(block, "thinking") != null) {
                // converse fidelity (#13): reasoning goes to the output choices, not into the answer
                thinking = thinking == null ? new StringBuilder() : thinking;
                thinking.append(Json.string(block, "thinking"));
            }
        }
        b.reasoning = thinking == null ? null : thinking.toString();
        DialectSupport.bodyUsage(b,
                BodyText.count(body, "usage", "input_tokens"),
                BodyText.count(body, "usage", "output_tokens"),
                BodyText.count(body, "usage", "cache_read_input_tokens"),
                BodyText.count(body, "usage", "cache_creation_input_tokens"));
        b.stopReason = Json.string(body, "stop_reason");
    }

    @Override
    public boolean readChunk(Map<String, Object> chunk, ChunkSink into) {
        Object type = chunk.get("type");
        if (!(type instanceof String)) {
            return false;
        }
        switch ((String) type) {
            case "content_block_delta": {
                Object delta = chunk.get("delta");
                String deltaType = Json.string(delta, "type");
                if (deltaType == null || "text_delta".equals(deltaType)) {
                    into.text(Json.string(delta, "text"));
                } else if ("input_json_delta".equals(deltaType)) {
                    into.toolArguments(Json.string(delta, "partial_json"));
                } else if ("thinking_delta".equals(deltaType)) {
                    into.reasoning(Json.string(delta, "thinking")); // reasoning, not part of the answer
                }
                return true;
            }
            case "content_block_start": {
                Object block = chunk.get("content_block");
                String blockType = Json.string(block, "type");
                if ("tool_use".equals(blockType)) {
                    into.toolCall(Json.string(block, "id"), Json.string(block, "name"));
                } else if ("text".equals(blockType)) {
                    into.text(Json.string(block, "text"));
                }
                return true;
            }
            case "message_start":
                usage(Json.at(chunk, "message", "usage"), into);
                into.stopReason(Json.string(chunk, "message", "stop_reason"));
                return true;
            case "message_delta":
                usage(chunk.get("usage"), into);
                into.stopReason(Json.string(chunk, "delta", "stop_reason"));
                return true;
            case "error":
                into.exception(Json.string(chunk, "error", "type"), Json.string(chunk, "error", "message"));
                return true;
            case "message_stop":
            case "content_block_stop":
            case "ping":
                return true;
            default:
                return false;
        }
    }

    private static void usage(Object usage, ChunkSink into) {
        if (usage != null) {
            into.usage(Json.number(usage, "input_tokens"), Json.number(usage, "output_tokens"),
                    Json.number(usage, "cache_read_input_tokens"), Json.number(usage, "cache_creation_input_tokens"),
                    false);
            // #14: the split of the cache writes by TTL, as the sync body's usage.cache_creation has it
            Object creation = Json.at(usage, "cache_creation");
            if (creation instanceof Map) {
                into.cacheWrite1h(Json.number(creation, "ephemeral_1h_input_tokens"));
            }
        }
    }
}
