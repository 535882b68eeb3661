package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.OperationKind;

import java.util.List;

/**
 * Stability AI on Bedrock. Stable Image Core / Ultra and SD3.x: request {@code {prompt, aspect_ratio, mode,
 * output_format, seed}}, response {@code {seeds, finish_reasons, images[base64]}}. SDXL 1.0: request
 * {@code {text_prompts[{text, weight}], height, width, samples, ...}}, response {@code {result,
 * artifacts[{seed, base64, finishReason}]}}. Kept: the prompt, the number of images, the size when asked for.
 */
final class StabilityImageDialect extends NonTextDialect {

    static final StabilityImageDialect INSTANCE = new StabilityImageDialect();

    private StabilityImageDialect() {
        super(OperationKind.IMAGE);
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        String prompt = Json.string(body, "prompt");
        b.prompt = prompt != null ? prompt : textPrompts(Json.at(body, "text_prompts"));
        b.imageCount = positiveInt(body, "samples");
        b.imageWidth = positiveInt(body, "width");
        b.imageHeight = positiveInt(body, "height");
    }

    /** SDXL's positive prompts (negative weights are what not to draw), one per line. */
    private static String textPrompts(Object prompts) {
        if (!(prompts instanceof List)) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Object prompt : (List<?>) prompts) {
            Double weight = Json.decimal(prompt, "weight");
            String text = Json.string(prompt, "text");
            if (text != null && (weight == null || weight >= 0)) {
                out.append(out.length() > 0 ? "\n" : "").append(text);
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        Integer generated = size(body, "images");
        if (generated == null) {
            generated = size(body, "artifacts");
        }
        if (generated != null) {
            b.imageCount = generated;
        }
    }
}
