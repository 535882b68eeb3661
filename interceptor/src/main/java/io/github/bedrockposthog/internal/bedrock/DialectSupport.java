package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.UsageSource;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Small pieces the dialects share: roles, parameters, tool definitions, body usage. */
final class DialectSupport {

    private DialectSupport() {
    }

    /** Roles in OpenAI's spelling: Cohere's {@code CHATBOT} and Gemini-style {@code model} are the assistant. */
    static String role(String role) {
        if (role == null) {
            return "user";
        }
        String r = role.toLowerCase(Locale.ROOT);
        return r.equals("chatbot") || r.equals("model") ? "assistant" : r;
    }

    /** A parameter table under construction: normalised name ← first path of the body that holds a value. */
    static final class Parameters {
        private final Object body;
        private final Map<String, Object> values = new LinkedHashMap<>();

        Parameters(Object body) {
            this.body = body;
        }

        /** Takes the first path that holds a scalar or list (objects are not parameters). */
        Parameters take(String name, Object[]... paths) {
            for (Object[] path : paths) {
                Object value = Json.at(body, path);
                if (value != null && !(value instanceof Map)) {
                    values.put(name, value);
                    break;
                }
            }
            return this;
        }

        void into(LlmCall.Builder b) {
            b.parameters = values;
        }
    }

    static Object[] path(Object... keys) {
        return keys;
    }

    /** {@code {name, description, input_schema}}; absent parts left out. */
    static Map<String, Object> tool(String name, String description, Object inputSchema) {
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("name", name);
        if (description != null) {
            tool.put("description", description);
        }
        if (inputSchema != null) {
            tool.put("input_schema", inputSchema);
        }
        return tool;
    }

    /** Token counts a body states (negative or absent counts are not counts). */
    static void bodyUsage(LlmCall.Builder b, Long input, Long output, Long cacheRead, Long cacheWrite) {
        b.inputTokens = input;
        b.outputTokens = output;
        b.cacheReadInputTokens = cacheRead;
        b.cacheWriteInputTokens = cacheWrite;
        if (input != null || output != null || cacheRead != null || cacheWrite != null) {
            b.usageSource = UsageSource.BODY;
        }
    }
}
