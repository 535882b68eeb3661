package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.OperationKind;

import java.util.Map;

/**
 * Amazon Nova Canvas and Titan Image Generator: request {@code {taskType, textToImageParams{text, negativeText} (or
 * another task's *Params with its text), imageGenerationConfig{numberOfImages, width, height, ...}}}; response
 * {@code {images[base64], error}}. Kept: the task's text, the number of images, the size asked for; never an image.
 */
final class AmazonImageDialect extends NonTextDialect {

    static final AmazonImageDialect INSTANCE = new AmazonImageDialect();

    private AmazonImageDialect() {
        super(OperationKind.IMAGE);
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        b.prompt = taskText(body);
        b.imageCount = positiveInt(body, "imageGenerationConfig", "numberOfImages");
        b.imageWidth = positiveInt(body, "imageGenerationConfig", "width");
        b.imageHeight = positiveInt(body, "imageGenerationConfig", "height");
    }

    /** The {@code text} of the task's parameters ({@code textToImageParams}, {@code inPaintingParams}, ...). */
    private static String taskText(Object body) {
        Map<String, Object> fields = Json.object(body);
        if (fields == null) {
            return null;
        }
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (field.getKey().endsWith("Params")) {
                String text = Json.string(field.getValue(), "text");
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        Integer generated = size(body, "images");
        if (generated != null) {
            b.imageCount = generated;
        }
    }
}
