package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import software.amazon.awssdk.http.SdkHttpResponse;

/** Reads an InvokeModel exchange: the family's reader for the bodies, the headers for exact usage. */
public final class InvokeModelReader {

    private InvokeModelReader() {
    }

    /** The prompt of an InvokeModel request body, or {@code null} for an unknown family or shape. */
    public static String prompt(ModelId modelId, byte[] requestBody) {
        if (modelId.family() == ModelFamily.UNKNOWN) {
            return null;
        }
        return FamilyReaders.forFamily(modelId.family()).prompt(Json.parse(requestBody));
    }

    /** The output of an InvokeModel response: the body read by the family's reader, tokens from headers first. */
    public static ModelOutput output(ModelId modelId, byte[] responseBody, SdkHttpResponse http) {
        ModelOutput body = ModelOutput.EMPTY;
        if (modelId.family() != ModelFamily.UNKNOWN) {
            ModelOutput read = FamilyReaders.forFamily(modelId.family()).output(Json.parse(responseBody));
            if (read != null) {
                body = read;
            }
        }
        return UsageHeaders.preferHeaders(body, http);
    }
}
