package io.github.bedrockposthog.internal.model;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.json.JsonText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The call record's one message shape, whatever the API or model family spoke: OpenAI-style chat messages as plain
 * maps and lists, which PostHog's LLM analytics renders for every provider ({@code $ai_input},
 * {@code $ai_output_choices}).
 * <ul>
 *   <li>reasoning is a {@code {type: "thinking", thinking}} part;</li>
 *   <li>{@code {role, content}} with role {@code system}, {@code user}, {@code assistant} or {@code tool};</li>
 *   <li>{@code content} is a string, or a list of parts ({@code {type: "text", text}}, {@code {type: "image",
 *       format}}, ...) when the message holds more than text. Media bytes are never copied;</li>
 *   <li>tool calls of an assistant: {@code tool_calls: [{type: "function", id, function: {name, arguments}}]},
 *       {@code arguments} as JSON text;</li>
 *   <li>tool results: one {@code {role: "tool", tool_call_id, content}} message each, before the rest of the turn.</li>
 * </ul>
 */
public final class Messages {

    /** Keys whose string values are model or user text (the rest is structure: roles, types, ids, names). */
    public static final Set<String> TEXT_KEYS = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(
            "content", "text", "arguments", "thinking"))); // thinking: converse fidelity (#13)

    private final List<Map<String, Object>> messages = new ArrayList<>();

    /** The messages so far; the list itself (callers own the builder). */
    public List<Map<String, Object>> list() {
        return messages;
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /** Adds a plain text message; nothing for {@code null} text. */
    public Messages text(String role, String text) {
        if (text != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", role);
            m.put("content", text);
            messages.add(m);
        }
        return this;
    }

    /** Starts a turn of several blocks; {@link Turn#end()} appends it. */
    public Turn turn(String role) {
        return new Turn(role);
    }

    /** One turn being assembled from content blocks. */
    public final class Turn {
        private final String role;
        private final List<Map<String, Object>> parts = new ArrayList<>();
        private final List<Map<String, Object>> toolCalls = new ArrayList<>();
        private final List<Map<String, Object>> toolResults = new ArrayList<>();

        private Turn(String role) {
            this.role = role;
        }

        public Turn text(String text) {
            if (text != null) {
                Map<String, Object> part = new LinkedHashMap<>();
                part.put("type", "text");
                part.put("text", text);
                parts.add(part);
            }
            return this;
        }

        /** The model's reasoning, as PostHog renders it: {@code {type: "thinking", thinking}} (#13). */
        public Turn thinking(String reasoning) {
            if (reasoning != null) {
                parts.add(thinkingPart(reasoning));
            }
            return this;
        }

        /** A non-text part, described without its bytes: {@code {type, <detail>: value}}. */
        public Turn media(String type, String detailKey, String detail) {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("type", type);
            if (detailKey != null && detail != null) {
                part.put(detailKey, detail);
            }
            parts.add(part);
            return this;
        }

        /** A tool call with arguments given as a tree (serialised to JSON text). */
        public Turn toolCall(String id, String name, Object arguments) {
            return toolCallJson(id, name, arguments == null ? null : JsonText.write(arguments));
        }

        /** A tool call with arguments already as JSON text (OpenAI-style bodies). */
        public Turn toolCallJson(String id, String name, String argumentsJson) {
            toolCalls.add(Messages.toolCall(id, name, argumentsJson));
            return this;
        }

        public Turn toolResult(String toolCallId, String content, boolean error) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", "tool");
            if (toolCallId != null) {
                m.put("tool_call_id", toolCallId);
            }
            m.put("content", content == null ? "" : content);
            if (error) {
                m.put("is_error", Boolean.TRUE);
            }
            toolResults.add(m);
            return this;
        }

        /** Appends the turn: its tool results first, then its own message when it has content or tool calls. */
        public Messages end() {
            messages.addAll(toolResults);
            if (!parts.isEmpty() || !toolCalls.isEmpty()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("role", role);
                m.put("content", content(parts));
                if (!toolCalls.isEmpty()) {
                    m.put("tool_calls", toolCalls);
                }
                messages.add(m);
            }
            return Messages.this;
        }
    }

    /** {@code {type: "thinking", thinking}}: a reasoning part as PostHog's LLM analytics renders it. */
    public static Map<String, Object> thinkingPart(String reasoning) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", "thinking");
        part.put("thinking", reasoning);
        return part;
    }

    /** {@code {type: "text", text}}. */
    public static Map<String, Object> textPart(String text) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", "text");
        part.put("text", text);
        return part;
    }

    /** {@code {type: "function", id, function: {name, arguments}}}; absent parts left out. */
    public static Map<String, Object> toolCall(String id, String name, String argumentsJson) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", name);
        if (argumentsJson != null) {
            function.put("arguments", argumentsJson);
        }
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("type", "function");
        if (id != null) {
            call.put("id", id);
        }
        call.put("function", function);
        return call;
    }

    /** Text parts only: their texts joined by newlines. Anything else: the part list. */
    private static Object content(List<Map<String, Object>> parts) {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> part : parts) {
            if (!"text".equals(part.get("type"))) {
                return parts;
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append((String) part.get("text"));
        }
        return text.toString();
    }

    /** The text of a string, or of the text blocks ({@code {text}} or {@code {type: "text", text}}) of a list. */
    public static String text(Object content) {
        if (content instanceof String) {
            return (String) content;
        }
        StringBuilder text = null;
        for (Object block : Json.array(content)) {
            Object type = Json.at(block, "type");
            String t = Json.string(block, "text");
            if (t == null || (type != null && !"text".equals(type))) {
                continue;
            }
            if (text == null) {
                text = new StringBuilder(t);
            } else {
                text.append('\n').append(t);
            }
        }
        return text == null ? null : text.toString();
    }
}
