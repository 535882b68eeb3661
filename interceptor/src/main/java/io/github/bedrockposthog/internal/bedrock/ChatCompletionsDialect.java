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
 * The OpenAI chat-completions shape that most newer families speak on Bedrock (OpenAI gpt-oss, AI21 Jamba, Mistral
 * chat, DeepSeek, Qwen, MiniMax, Kimi, GLM, NVIDIA Nemotron, Google Gemma). Request {@code {messages[{role,
 * content, tool_calls, tool_call_id}], tools[{type: function, function}], max_tokens | max_completion_tokens,
 * temperature, top_p, stop}} or the text variant {@code {prompt}}; response {@code {choices[{message{content,
 * tool_calls}, finish_reason}], usage{prompt_tokens, completion_tokens}}} or {@code {choices[{text,
 * finish_reason | stop_reason}]}}; chunks {@code {choices[{delta{content, tool_calls}}], usage}}.
 *
 * <p>Only the answer is output text: {@code reasoning_content} (the model's reasoning, DeepSeek / Qwen / gpt-oss
 * style) is the call's reasoning, sent as PostHog thinking parts, never part of {@code generation}.
 */
final class ChatCompletionsDialect implements Dialect {

    static final ChatCompletionsDialect INSTANCE = new ChatCompletionsDialect();

    private ChatCompletionsDialect() {
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        b.prompt = BodyText.firstNonNull(BodyText.lastUserText(Json.at(body, "messages")), Json.string(body, "prompt"));
        b.inputMessages = messages(body);
        new DialectSupport.Parameters(body)
                .take("max_tokens", path("max_tokens"), path("max_completion_tokens"))
                .take("temperature", path("temperature"))
                .take("top_p", path("top_p"), path("topP")) // topP: imported models served with TGI-style APIs
                .take("top_k", path("top_k"))
                .take("stop_sequences", path("stop_sequences"), path("stop"))
                .into(b);
        List<Map<String, Object>> tools = new ArrayList<>();
        for (Object t : Json.array(Json.at(body, "tools"))) {
            Object f = Json.at(t, "function");
            if (f != null) {
                tools.add(DialectSupport.tool(Json.string(f, "name"), Json.string(f, "description"),
                        Json.at(f, "parameters")));
            }
        }
        b.tools = tools;
    }

    /** {@code messages} in OpenAI's shape (or one user message for {@code prompt}); {@code null} when none. */
    static List<Map<String, Object>> messages(Object body) {
        Messages m = new Messages();
        Object messages = Json.at(body, "messages");
        if (!(messages instanceof List)) {
            m.text("user", Json.string(body, "prompt"));
        }
        for (Object message : Json.array(messages)) {
            String role = DialectSupport.role(Json.string(message, "role"));
            Object content = Json.at(message, "content");
            if ("tool".equals(role)) {
                m.turn("tool").toolResult(Json.string(message, "tool_call_id"), Messages.text(content), false).end();
                continue;
            }
            Messages.Turn turn = m.turn(role);
            if (content instanceof String) {
                turn.text((String) content);
            }
            for (Object part : Json.array(content)) {
                String type = Json.string(part, "type");
                if ("text".equals(type)) {
                    turn.text(Json.string(part, "text"));
                } else if (type != null) {
                    turn.media(type.startsWith("image") ? "image" : type, null, null);
                } else if (Json.string(part, "text") != null) { // Writer-style {text} parts
                    turn.text(Json.string(part, "text"));
                }
            }
            for (Object call : Json.array(Json.at(message, "tool_calls"))) {
                turn.toolCallJson(Json.string(call, "id"), Json.string(call, "function", "name"),
                        arguments(Json.at(call, "function", "arguments")));
            }
            turn.end();
        }
        return m.isEmpty() ? null : m.list();
    }

    private static String arguments(Object arguments) {
        return arguments instanceof String || arguments == null ? (String) arguments : JsonText.write(arguments);
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        Object choice = Json.at(body, "choices", 0);
        Object message = Json.at(choice, "message");
        b.generation = message != null ? BodyText.outputText(Json.at(message, "content")) : Json.string(choice, "text");
        b.reasoning = Json.string(message, "reasoning_content");
        for (Object call : Json.array(Json.at(message, "tool_calls"))) {
            b.toolCall(Json.string(call, "id"), Json.string(call, "function", "name"),
                    arguments(Json.at(call, "function", "arguments")));
        }
        DialectSupport.bodyUsage(b, BodyText.count(body, "usage", "prompt_tokens"),
                BodyText.count(body, "usage", "completion_tokens"), null, null);
        b.stopReason = BodyText.firstNonNull(Json.string(choice, "finish_reason"), Json.string(choice, "stop_reason"));
    }

    /** Only the first choice counts, so several choices never interleave into one text. */
    @Override
    public boolean readChunk(Map<String, Object> chunk, ChunkSink into) {
        Object choices = chunk.get("choices");
        if (!(choices instanceof List)) {
            return false;
        }
        for (Object choice : (List<?>) choices) {
            Long index = Json.number(choice, "index");
            if (index != null && index != 0L) {
                continue;
            }
            String text = Json.string(choice, "delta", "content");
            if (text == null) {
                text = Json.string(choice, "message", "content");
            }
            if (text == null) {
                text = Json.string(choice, "text");
            }
            into.reasoning(Json.string(choice, "delta", "reasoning_content"));
            into.text(text);
            String stop = Json.string(choice, "finish_reason");
            into.stopReason(stop != null ? stop : Json.string(choice, "stop_reason"));
            toolCalls(Json.at(choice, "delta", "tool_calls"), into);
            toolCalls(Json.at(choice, "message", "tool_calls"), into);
        }
        Object usage = chunk.get("usage");
        if (usage != null) {
            into.usage(Json.number(usage, "prompt_tokens"), Json.number(usage, "completion_tokens"), null, null, false);
        }
        return true;
    }

    /** A delta's tool calls: the first fragment names the call (id, name), later ones carry argument text. */
    private static void toolCalls(Object calls, ChunkSink into) {
        for (Object call : Json.array(calls)) {
            String id = Json.string(call, "id");
            String name = Json.string(call, "function", "name");
            if (id != null || name != null) {
                into.toolCall(id, name);
            }
            into.toolArguments(arguments(Json.at(call, "function", "arguments")));
        }
    }
}
