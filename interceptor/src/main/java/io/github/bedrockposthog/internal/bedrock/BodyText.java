package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;

import java.util.List;
import java.util.Map;

/** Null-safe pieces shared by the family readers: text blocks, message lists and token counts. */
final class BodyText {

    private BodyText() {
    }

    /**
     * The text of a message content: the string itself, or the text blocks of a block list joined with
     * {@code separator}. A block counts as text when it has a string {@code text} and no type or type
     * {@code "text"} (Anthropic and OpenAI blocks are typed, Nova/Converse blocks are not); images, tool use,
     * tool results and reasoning blocks are left out.
     *
     * @return the text, or {@code null} when there is none
     */
    static String text(Object content, String separator) {
        if (content instanceof String) {
            return (String) content;
        }
        if (!(content instanceof List)) {
            return null;
        }
        StringBuilder joined = null;
        for (Object block : (List<?>) content) {
            String text = blockText(block);
            if (text == null) {
                continue;
            }
            if (joined == null) {
                joined = new StringBuilder(text);
            } else {
                joined.append(separator).append(text);
            }
        }
        return joined == null ? null : joined.toString();
    }

    /**
     * The generated text of an output content. Output blocks are pieces of one answer (Anthropic splits an answer
     * into several text blocks around citations), so they are concatenated without a separator.
     */
    static String outputText(Object content) {
        return text(content, "");
    }

    private static String blockText(Object block) {
        if (!(block instanceof Map)) {
            return null;
        }
        Object type = ((Map<?, ?>) block).get("type");
        if (type != null && !"text".equals(type)) {
            return null;
        }
        Object text = ((Map<?, ?>) block).get("text");
        return text instanceof String ? (String) text : null;
    }

    /**
     * The prompt of a {@code messages} array, by the rule every family shares (Converse's included): the last user
     * turn's text; when that turn holds only tool results (a tool-loop step), the tool results' text joined by
     * newlines, since that is what the model was given to answer. Tool results are Anthropic {@code tool_result}
     * blocks, Nova {@code toolResult} blocks, or chat-completions {@code tool} messages after the last assistant
     * turn. A user turn with neither text nor tool results is passed over.
     *
     * @param messages a {@code messages} array ({@code [{role, content}]}), possibly {@code null} or garbage
     * @return the text with blocks joined by {@code "\n"}, or {@code null}
     */
    static String lastUserText(Object messages) {
        List<Object> list = Json.array(messages);
        String toolMessages = null; // chat-completions tool messages, newest last
        for (int i = list.size() - 1; i >= 0; i--) {
            Object message = list.get(i);
            String role = Json.string(message, "role");
            if ("tool".equals(role)) {
                String result = text(Json.at(message, "content"), "\n");
                if (result != null && !result.isEmpty()) {
                    toolMessages = toolMessages == null ? result : result + "\n" + toolMessages;
                }
                continue;
            }
            if (toolMessages != null) {
                return toolMessages;
            }
            if (!"user".equals(role)) {
                continue;
            }
            Object content = Json.at(message, "content");
            String text = text(content, "\n");
            if (text != null && !text.isEmpty()) {
                return text;
            }
            String results = toolResultsText(content);
            if (results != null) {
                return results;
            }
        }
        return toolMessages;
    }

    /** The text of a turn's tool-result blocks (Anthropic {@code tool_result}, Nova {@code toolResult}). */
    private static String toolResultsText(Object content) {
        StringBuilder joined = null;
        for (Object block : Json.array(content)) {
            Object nova = Json.at(block, "toolResult");
            Object result = nova != null ? Json.at(nova, "content")
                    : "tool_result".equals(Json.string(block, "type")) ? Json.at(block, "content") : null;
            String text = text(result, "\n");
            if (text != null && !text.isEmpty()) {
                joined = joined == null ? new StringBuilder(text) : joined.append('\n').append(text);
            }
        }
        return joined == null ? null : joined.toString();
    }

    /** A token count at the path; {@code null} when absent, not a number, or negative. */
    static Long count(Object node, Object... path) {
        Long value = Json.number(node, path);
        return value != null && value >= 0 ? value : null;
    }

    /** The length of the array at the path (token lists of AI21 Jurassic-2); {@code null} when not an array. */
    static Long length(Object node, Object... path) {
        Object value = Json.at(node, path);
        return value instanceof List ? (long) ((List<?>) value).size() : null;
    }

    /** An output of the parts read; {@link ModelOutput#EMPTY} itself when the body said nothing at all. */
    static ModelOutput output(String text, Long inputTokens, Long outputTokens, Long cacheReadInputTokens,
                              Long cacheWriteInputTokens, String stopReason) {
        if (text == null && inputTokens == null && outputTokens == null && cacheReadInputTokens == null
                && cacheWriteInputTokens == null && stopReason == null) {
            return ModelOutput.EMPTY;
        }
        return new ModelOutput(text, inputTokens, outputTokens, cacheReadInputTokens, cacheWriteInputTokens,
                stopReason);
    }

    /** The first argument that is not {@code null}. */
    static <T> T firstNonNull(T first, T second) {
        return first != null ? first : second;
    }
}
