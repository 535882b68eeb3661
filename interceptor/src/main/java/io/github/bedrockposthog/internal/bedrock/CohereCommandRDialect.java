package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.json.JsonText;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cohere Command R / R+: request {@code {message, preamble, chat_history[{role: USER|CHATBOT|SYSTEM, message}],
 * tools[{name, description, parameter_definitions}]}}; response {@code {text, finish_reason, tool_calls[{name,
 * parameters}]}} with no usage on Bedrock (the headers carry it; Cohere's {@code meta.billed_units} is read in case
 * it appears); chunks {@code {event_type: text-generation | tool-calls-generation | stream-end}}. The stream-end
 * event repeats the whole answer in {@code response.text}; it is not read, or the text would count twice.
 */
final class CohereCommandRDialect implements Dialect {

    static final CohereCommandRDialect INSTANCE = new CohereCommandRDialect();

    private CohereCommandRDialect() {
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        b.prompt = Json.string(body, "message");
        Messages m = new Messages();
        m.text("system", Json.string(body, "preamble"));
        for (Object turn : Json.array(Json.at(body, "chat_history"))) {
            m.text(DialectSupport.role(Json.string(turn, "role")), Json.string(turn, "message"));
        }
        m.text("user", b.prompt);
        b.inputMessages = m.isEmpty() ? null : m.list();
        CohereCommandDialect.parameters(body, b);
        List<Map<String, Object>> tools = new ArrayList<>();
        for (Object t : Json.array(Json.at(body, "tools"))) {
            if (Json.string(t, "name") != null) {
                tools.add(DialectSupport.tool(Json.string(t, "name"), Json.string(t, "description"),
                        Json.at(t, "parameter_definitions")));
            }
        }
        b.tools = tools;
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        b.generation = Json.string(body, "text");
        for (Object call : Json.array(Json.at(body, "tool_calls"))) {
            b.toolCall(null, Json.string(call, "name"), JsonText.write(Json.at(call, "parameters")));
        }
        DialectSupport.bodyUsage(b, BodyText.count(body, "meta", "billed_units", "input_tokens"),
                BodyText.count(body, "meta", "billed_units", "output_tokens"), null, null);
        b.stopReason = Json.string(body, "finish_reason");
    }

    @Override
    public boolean readChunk(Map<String, Object> chunk, ChunkSink into) {
        Object eventType = chunk.get("event_type");
        if (!(eventType instanceof String)) {
            return false;
        }
        switch ((String) eventType) {
            case "text-generation":
                into.text(Json.string(chunk, "text"));
                break;
            case "tool-calls-generation":
                for (Object call : Json.array(chunk.get("tool_calls"))) {
                    into.toolCall(null, Json.string(call, "name"));
                    Object parameters = Json.at(call, "parameters");
                    into.toolArguments(parameters == null ? null : JsonText.write(parameters));
                }
                break;
            case "stream-end": {
                into.stopReason(Json.string(chunk, "finish_reason"));
                Object billed = Json.at(chunk, "response", "meta", "billed_units");
                if (billed != null) {
                    into.usage(Json.number(billed, "input_tokens"), Json.number(billed, "output_tokens"),
                            null, null, false);
                }
                break;
            }
            default:
                break;
        }
        return true;
    }
}
