package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.bedrock.ModelFamily;
import io.github.bedrockposthog.internal.call.Observation;
import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.text.CappedText;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code $ai_output_choices}: {@code [{role: "assistant", content: <generated text>, tool_calls: [...]}]}. The text
 * is what the {@code bedrock_*} events call the generation; the tool calls come from the Converse response's
 * {@code toolUse} blocks, an InvokeModel body's Anthropic {@code tool_use} blocks, Nova {@code toolUse} blocks or
 * OpenAI-style {@code tool_calls}, or, for streams, the tool names the stream announced.
 */
final class AiOutput {

    private AiOutput() {
    }

    /**
     * The output choices of a call.
     *
     * @return one assistant choice, or {@code null} when the call produced neither text nor tool calls
     */
    static List<Map<String, Object>> of(Observation o, ModelFamily family, int maxTextChars) {
        List<Map<String, Object>> toolCalls = toolCalls(o, family);
        if (o.generation == null && toolCalls.isEmpty()) {
            return null;
        }
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("role", "assistant");
        choice.put("content", o.generation == null ? "" : CappedText.cap(o.generation, maxTextChars));
        if (!toolCalls.isEmpty()) {
            choice.put("tool_calls", toolCalls);
        }
        List<Map<String, Object>> choices = new ArrayList<>(1);
        choices.add(choice);
        return choices;
    }

    private static List<Map<String, Object>> toolCalls(Observation o, ModelFamily family) {
        List<Map<String, Object>> calls = new ArrayList<>();
        if (o.response instanceof ConverseResponse) {
            ConverseResponse r = (ConverseResponse) o.response;
            if (r.output() != null && r.output().message() != null && r.output().message().hasContent()) {
                for (ContentBlock b : r.output().message().content()) {
                    if (b != null && b.toolUse() != null) {
                        calls.add(AiMessages.toolCall(b.toolUse().toolUseId(), b.toolUse().name(),
                                AiValues.json(AiValues.plain(b.toolUse().input()))));
                    }
                }
            }
        } else if (o.response instanceof InvokeModelResponse) {
            SdkBytes body = ((InvokeModelResponse) o.response).body();
            if (body != null && family != null && family != ModelFamily.UNKNOWN) {
                bodyToolCalls(Json.parse(body.asByteArrayUnsafe()), calls);
            }
        }
        if (calls.isEmpty() && o.stream) {
            for (String name : o.streamToolNames) {
                calls.add(AiMessages.toolCall(null, name, null));
            }
        }
        return calls.isEmpty() ? Collections.<Map<String, Object>>emptyList() : calls;
    }

    /** Tool calls in any of the body shapes that have them; each shape's keys are distinct, so all are tried. */
    private static void bodyToolCalls(Object body, List<Map<String, Object>> calls) {
        for (Object block : Json.array(Json.at(body, "content"))) { // Anthropic messages
            if ("tool_use".equals(Json.string(block, "type"))) {
                calls.add(AiMessages.toolCall(Json.string(block, "id"), Json.string(block, "name"),
                        AiValues.json(Json.at(block, "input"))));
            }
        }
        for (Object block : Json.array(Json.at(body, "output", "message", "content"))) { // Nova
            Object use = Json.at(block, "toolUse");
            if (use != null) {
                calls.add(AiMessages.toolCall(Json.string(use, "toolUseId"), Json.string(use, "name"),
                        AiValues.json(Json.at(use, "input"))));
            }
        }
        for (Object call : Json.array(Json.at(body, "choices", 0, "message", "tool_calls"))) { // OpenAI-style
            Object arguments = Json.at(call, "function", "arguments");
            calls.add(AiMessages.toolCall(Json.string(call, "id"), Json.string(call, "function", "name"),
                    arguments instanceof String || arguments == null ? (String) arguments : AiValues.json(arguments)));
        }
        for (Object call : Json.array(Json.at(body, "tool_calls"))) { // Cohere Command R
            calls.add(AiMessages.toolCall(null, Json.string(call, "name"), AiValues.json(Json.at(call, "parameters"))));
        }
    }
}
