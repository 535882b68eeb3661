package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.json.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code $ai_model_parameters} and {@code $ai_tools} of a request. Parameters get one spelling whatever the API or
 * family: {@code max_tokens}, {@code temperature}, {@code top_p}, {@code top_k}, {@code stop_sequences}, so calls to
 * different models compare. Tools become {@code {name, description, input_schema}}.
 */
final class AiRequestOptions {

    /** Where each family keeps its parameters in an InvokeModel body: normalised name, then paths, first found wins. */
    private static final Object[][][] BODY_PARAMETERS = {
            {{"max_tokens"}, {"max_tokens"}, {"max_gen_len"}, {"max_tokens_to_sample"}, {"max_completion_tokens"},
                    {"maxTokens"}, {"textGenerationConfig", "maxTokenCount"}, {"inferenceConfig", "max_new_tokens"},
                    {"inferenceConfig", "maxTokens"}},
            {{"temperature"}, {"temperature"}, {"textGenerationConfig", "temperature"},
                    {"inferenceConfig", "temperature"}},
            {{"top_p"}, {"top_p"}, {"topP"}, {"p"}, {"textGenerationConfig", "topP"}, {"inferenceConfig", "top_p"},
                    {"inferenceConfig", "topP"}},
            {{"top_k"}, {"top_k"}, {"k"}, {"inferenceConfig", "top_k"}, {"inferenceConfig", "topK"}},
            {{"stop_sequences"}, {"stop_sequences"}, {"stop"}, {"stopSequences"},
                    {"textGenerationConfig", "stopSequences"}, {"inferenceConfig", "stopSequences"}},
    };

    private AiRequestOptions() {
    }

    /**
     * The request's generation parameters.
     *
     * @param body the parsed InvokeModel body ({@link #body}), {@code null} for Converse
     * @return the parameters; empty when the request sets none
     */
    static Map<String, Object> modelParameters(Object request, Object body) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (request instanceof ConverseRequest) {
            ConverseRequest r = (ConverseRequest) request;
            converse(p, r.inferenceConfig(), r.additionalModelRequestFields());
        } else if (request instanceof ConverseStreamRequest) {
            ConverseStreamRequest r = (ConverseStreamRequest) request;
            converse(p, r.inferenceConfig(), r.additionalModelRequestFields());
        } else {
            for (Object[][] parameter : BODY_PARAMETERS) {
                for (int i = 1; i < parameter.length; i++) {
                    Object value = Json.at(body, parameter[i]);
                    if (value != null && !(value instanceof Map)) {
                        p.put((String) parameter[0][0], value);
                        break;
                    }
                }
            }
        }
        return p;
    }

    private static void converse(Map<String, Object> p, InferenceConfiguration config, Document additional) {
        if (config != null) {
            put(p, "max_tokens", config.maxTokens() == null ? null : config.maxTokens().longValue());
            put(p, "temperature", AiValues.decimal(config.temperature()));
            put(p, "top_p", AiValues.decimal(config.topP()));
            if (config.hasStopSequences()) {
                p.put("stop_sequences", new ArrayList<>(config.stopSequences()));
            }
        }
        Object extra = AiValues.plain(additional); // e.g. Anthropic's top_k rides in additionalModelRequestFields
        put(p, "top_k", Json.at(extra, "top_k"));
    }

    /**
     * The request's tool definitions.
     *
     * @param body the parsed InvokeModel body ({@link #body}), {@code null} for Converse
     * @return the tools; empty when the request declares none
     */
    static List<Map<String, Object>> tools(Object request, Object body) {
        List<Map<String, Object>> tools = new ArrayList<>();
        ToolConfiguration config = request instanceof ConverseRequest ? ((ConverseRequest) request).toolConfig()
                : request instanceof ConverseStreamRequest ? ((ConverseStreamRequest) request).toolConfig() : null;
        if (config != null) {
            if (config.hasTools()) {
                for (Tool tool : config.tools()) {
                    ToolSpecification spec = tool == null ? null : tool.toolSpec();
                    if (spec != null) {
                        tools.add(tool(spec.name(), spec.description(),
                                spec.inputSchema() == null ? null : AiValues.plain(spec.inputSchema().json())));
                    } else if (tool != null && tool.systemTool() != null) {
                        tools.add(tool(tool.systemTool().name(), null, null));
                    }
                }
            }
            return tools;
        }
        List<Object> declared = new ArrayList<>(Json.array(Json.at(body, "tools")));
        declared.addAll(Json.array(Json.at(body, "toolConfig", "tools"))); // Nova
        for (Object t : declared) {
            if (Json.at(t, "toolSpec") != null) { // Nova: {toolSpec: {name, description, inputSchema: {json}}}
                Object spec = Json.at(t, "toolSpec");
                tools.add(tool(Json.string(spec, "name"), Json.string(spec, "description"),
                        Json.at(spec, "inputSchema", "json")));
            } else if (Json.at(t, "function") != null) { // OpenAI-style: {type: function, function: {...}}
                Object f = Json.at(t, "function");
                tools.add(tool(Json.string(f, "name"), Json.string(f, "description"), Json.at(f, "parameters")));
            } else if (Json.string(t, "name") != null) { // Anthropic {input_schema}, Cohere {parameter_definitions}
                Object schema = Json.at(t, "input_schema");
                tools.add(tool(Json.string(t, "name"), Json.string(t, "description"),
                        schema != null ? schema : Json.at(t, "parameter_definitions")));
            }
        }
        return tools;
    }

    private static Map<String, Object> tool(String name, String description, Object inputSchema) {
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("name", name);
        put(tool, "description", description);
        put(tool, "input_schema", inputSchema);
        return tool;
    }

    /** The parsed body of an InvokeModel (or its stream variant) request; {@code null} for anything else. */
    static Object body(Object request) {
        SdkBytes bytes = request instanceof InvokeModelRequest ? ((InvokeModelRequest) request).body()
                : request instanceof InvokeModelWithResponseStreamRequest
                ? ((InvokeModelWithResponseStreamRequest) request).body() : null;
        return bytes == null ? null : Json.parse(bytes.asByteArrayUnsafe());
    }

    private static void put(Map<String, Object> p, String key, Object value) {
        if (value != null) {
            p.put(key, value);
        }
    }
}
