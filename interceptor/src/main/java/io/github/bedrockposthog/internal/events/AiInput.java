package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.bedrock.ModelFamily;
import io.github.bedrockposthog.internal.json.Json;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code $ai_input}: the whole request as {@link AiMessages} — system prompts, the message history, tool calls and
 * tool results — from the Converse API's typed request or from an InvokeModel body in the model family's format.
 * Prompt-style families become one user message. Unknown families give nothing, as for {@code bedrock_*} events.
 */
final class AiInput {

    private AiInput() {
    }

    /**
     * The request as messages.
     *
     * @param request the SDK request object
     * @param body    the parsed InvokeModel body ({@link AiRequestOptions#body}), {@code null} for Converse
     * @param family  the model family (for InvokeModel bodies)
     * @return the messages, or {@code null} when the request carries none we can read
     */
    static List<Map<String, Object>> of(Object request, Object body, ModelFamily family) {
        AiMessages m = new AiMessages();
        if (request instanceof ConverseRequest) {
            ConverseRequest r = (ConverseRequest) request;
            converse(m, r.hasSystem() ? r.system() : null, r.hasMessages() ? r.messages() : null);
        } else if (request instanceof ConverseStreamRequest) {
            ConverseStreamRequest r = (ConverseStreamRequest) request;
            converse(m, r.hasSystem() ? r.system() : null, r.hasMessages() ? r.messages() : null);
        } else {
            body(m, body, family);
        }
        return m.isEmpty() ? null : m.list();
    }

    // ---------------------------------------------------------------- Converse (typed)

    private static void converse(AiMessages m, List<SystemContentBlock> system, List<Message> messages) {
        if (system != null) {
            StringBuilder text = new StringBuilder();
            for (SystemContentBlock block : system) {
                String t = block == null ? null : block.text() != null ? block.text() : guardText(block.guardContent());
                if (t != null) {
                    text.append(text.length() > 0 ? "\n" : "").append(t);
                }
            }
            if (text.length() > 0) {
                m.text("system", text.toString());
            }
        }
        if (messages == null) {
            return;
        }
        for (Message message : messages) {
            if (message == null) {
                continue;
            }
            AiMessages.Turn turn = m.turn(role(message.roleAsString()));
            if (message.hasContent()) {
                for (ContentBlock block : message.content()) {
                    converseBlock(turn, block);
                }
            }
            turn.end();
        }
    }

    private static void converseBlock(AiMessages.Turn turn, ContentBlock b) {
        if (b == null) {
            return;
        }
        if (b.text() != null) {
            turn.text(b.text());
        } else if (b.guardContent() != null) {
            turn.text(guardText(b.guardContent()));
        } else if (b.toolUse() != null) {
            turn.toolCall(b.toolUse().toolUseId(), b.toolUse().name(), AiValues.plain(b.toolUse().input()));
        } else if (b.toolResult() != null) {
            ToolResultBlock result = b.toolResult();
            turn.toolResult(result.toolUseId(), toolResultText(result), result.status() == ToolResultStatus.ERROR);
        } else if (b.image() != null) {
            turn.media("image", "format", b.image().formatAsString());
        } else if (b.document() != null) {
            turn.media("document", "name", b.document().name());
        } else if (b.video() != null) {
            turn.media("video", "format", b.video().formatAsString());
        } else if (b.audio() != null) {
            turn.media("audio", "format", b.audio().formatAsString());
        } else if (b.reasoningContent() != null && b.reasoningContent().reasoningText() != null) {
            turn.media("reasoning", "text", b.reasoningContent().reasoningText().text());
        }
        // cache points, citations and tool additions/removals carry no conversation content
    }

    private static String toolResultText(ToolResultBlock result) {
        if (!result.hasContent()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (ToolResultContentBlock c : result.content()) {
            String t = null;
            if (c == null) {
                continue;
            } else if (c.text() != null) {
                t = c.text();
            } else if (c.json() != null) {
                t = AiValues.json(AiValues.plain(c.json()));
            } else if (c.image() != null) {
                t = "[image]";
            } else if (c.document() != null) {
                t = "[document]";
            }
            if (t != null) {
                text.append(text.length() > 0 ? "\n" : "").append(t);
            }
        }
        return text.toString();
    }

    private static String guardText(software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentBlock g) {
        return g == null || g.text() == null ? null : g.text().text();
    }

    // ---------------------------------------------------------------- InvokeModel bodies

    private static void body(AiMessages m, Object body, ModelFamily family) {
        if (family == null || !(body instanceof Map)) {
            return;
        }
        switch (family) {
            case ANTHROPIC:
                anthropic(m, body);
                break;
            case NOVA:
                nova(m, body);
                break;
            case COHERE_COMMAND_R:
                cohereChat(m, body);
                break;
            case OPENAI:
            case DEEPSEEK:
            case AI21:
            case MISTRAL:
                chat(m, body);
                break;
            case META:
            case COHERE_COMMAND:
                m.text("user", Json.string(body, "prompt"));
                break;
            case TITAN:
                m.text("user", Json.string(body, "inputText"));
                break;
            default:
                break; // unknown body format: nothing is guessed
        }
    }

    /** Anthropic messages API: {@code system} (string or text blocks), {@code messages[{role, content}]}; or legacy {@code prompt}. */
    private static void anthropic(AiMessages m, Object body) {
        m.text("system", AiMessages.text(Json.at(body, "system")));
        Object messages = Json.at(body, "messages");
        if (!(messages instanceof List)) {
            m.text("user", Json.string(body, "prompt"));
            return;
        }
        for (Object message : Json.array(messages)) {
            AiMessages.Turn turn = m.turn(role(Json.string(message, "role")));
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
                    turn.toolResult(Json.string(block, "tool_use_id"), anthropicToolResult(Json.at(block, "content")),
                            Boolean.TRUE.equals(Json.at(block, "is_error")));
                } else if ("thinking".equals(type)) {
                    turn.media("reasoning", "text", Json.string(block, "thinking"));
                } else if ("image".equals(type) || "document".equals(type)) {
                    turn.media(type, "media_type", Json.string(block, "source", "media_type"));
                } else if (type != null && !"redacted_thinking".equals(type)) {
                    turn.media(type, null, null);
                }
            }
            turn.end();
        }
    }

    private static String anthropicToolResult(Object content) {
        if (content == null || content instanceof String) {
            return (String) content;
        }
        String text = AiMessages.text(content);
        return text != null ? text : "";
    }

    /** Amazon Nova: Converse-shaped JSON, {@code system[{text}]}, {@code messages[{role, content[{text}|{toolUse}|...]}]}. */
    private static void nova(AiMessages m, Object body) {
        m.text("system", AiMessages.text(Json.at(body, "system")));
        for (Object message : Json.array(Json.at(body, "messages"))) {
            AiMessages.Turn turn = m.turn(role(Json.string(message, "role")));
            for (Object block : Json.array(Json.at(message, "content"))) {
                Map<String, Object> b = Json.object(block);
                if (b.get("text") instanceof String) {
                    turn.text((String) b.get("text"));
                } else if (b.get("toolUse") != null) {
                    Object use = b.get("toolUse");
                    turn.toolCall(Json.string(use, "toolUseId"), Json.string(use, "name"), Json.at(use, "input"));
                } else if (b.get("toolResult") != null) {
                    Object result = b.get("toolResult");
                    turn.toolResult(Json.string(result, "toolUseId"), novaToolResult(Json.at(result, "content")),
                            "error".equalsIgnoreCase(Json.string(result, "status")));
                } else if (b.get("reasoningContent") != null) {
                    turn.media("reasoning", "text", Json.string(b.get("reasoningContent"), "reasoningText", "text"));
                } else {
                    for (String media : new String[] {"image", "document", "video", "audio"}) {
                        if (b.get(media) != null) {
                            turn.media(media, "format", Json.string(b.get(media), "format"));
                        }
                    }
                }
            }
            turn.end();
        }
    }

    private static String novaToolResult(Object content) {
        StringBuilder text = new StringBuilder();
        for (Object c : Json.array(content)) {
            String t = Json.string(c, "text");
            if (t == null && Json.at(c, "json") != null) {
                t = AiValues.json(Json.at(c, "json"));
            }
            if (t != null) {
                text.append(text.length() > 0 ? "\n" : "").append(t);
            }
        }
        return text.toString();
    }

    /** OpenAI-style chat (gpt-oss, DeepSeek, Jamba, Mistral chat), or a {@code prompt} for their text variants. */
    private static void chat(AiMessages m, Object body) {
        Object messages = Json.at(body, "messages");
        if (!(messages instanceof List)) {
            m.text("user", Json.string(body, "prompt"));
            return;
        }
        for (Object message : Json.array(messages)) {
            String role = role(Json.string(message, "role"));
            Object content = Json.at(message, "content");
            if ("tool".equals(role)) {
                AiMessages.Turn turn = m.turn("tool");
                turn.toolResult(Json.string(message, "tool_call_id"), AiMessages.text(content), false);
                turn.end();
                continue;
            }
            AiMessages.Turn turn = m.turn(role);
            if (content instanceof String) {
                turn.text((String) content);
            }
            for (Object part : Json.array(content)) {
                String type = Json.string(part, "type");
                if ("text".equals(type)) {
                    turn.text(Json.string(part, "text"));
                } else if (type != null) {
                    turn.media(type.startsWith("image") ? "image" : type, null, null);
                }
            }
            for (Object call : Json.array(Json.at(message, "tool_calls"))) {
                Object arguments = Json.at(call, "function", "arguments");
                turn.toolCallJson(Json.string(call, "id"), Json.string(call, "function", "name"),
                        arguments instanceof String || arguments == null ? (String) arguments : AiValues.json(arguments));
            }
            turn.end();
        }
    }

    /** Cohere Command R: {@code preamble}, {@code chat_history[{role: USER|CHATBOT|SYSTEM, message}]}, {@code message}. */
    private static void cohereChat(AiMessages m, Object body) {
        m.text("system", Json.string(body, "preamble"));
        for (Object turn : Json.array(Json.at(body, "chat_history"))) {
            m.text(role(Json.string(turn, "role")), Json.string(turn, "message"));
        }
        m.text("user", Json.string(body, "message"));
    }

    /** Roles in OpenAI's spelling: Cohere's {@code CHATBOT} is the assistant, case is folded. */
    private static String role(String role) {
        if (role == null) {
            return "user";
        }
        String r = role.toLowerCase(Locale.ROOT);
        return r.equals("chatbot") || r.equals("model") ? "assistant" : r;
    }
}
