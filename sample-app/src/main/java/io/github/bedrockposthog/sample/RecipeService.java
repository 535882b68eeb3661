package io.github.bedrockposthog.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bedrockposthog.BedrockPostHog;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/**
 * Asks the model for a recipe: one InvokeModel call with the {@link RecipePrompt}. The call is attributed to the
 * user with {@link BedrockPostHog#identify(String)}; the interceptor, loaded by the AWS SDK itself, turns it into a
 * {@code bedrock_completion} or {@code bedrock_error} event. That {@code try} is the app's only line about PostHog.
 */
public final class RecipeService {

    private static final Logger LOG = LoggerFactory.getLogger(RecipeService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BedrockRuntimeClient client;
    private final String modelId;

    /**
     * A service calling {@code modelId} through {@code client}.
     *
     * @param client  a plain Bedrock Runtime client
     * @param modelId a Meta Llama model id
     */
    public RecipeService(BedrockRuntimeClient client, String modelId) {
        this.client = Objects.requireNonNull(client, "client");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
    }

    /**
     * Generates a recipe.
     *
     * @param email       the user, sent to PostHog as the distinct id
     * @param ingredients what the user has
     * @return the recipe text
     * @throws RecipeFailedException when Bedrock fails or answers without a generation
     */
    public String generate(String email, String ingredients) {
        String prompt = RecipePrompt.build(ingredients);
        InvokeModelRequest request = InvokeModelRequest.builder()
                .modelId(modelId)
                .contentType("application/json")
                .accept("application/json")
                .body(SdkBytes.fromUtf8String(RecipePrompt.requestBody(prompt)))
                .build();
        InvokeModelResponse response;
        try (BedrockPostHog.Scope user = BedrockPostHog.identify(email)) {
            response = client.invokeModel(request);
        } catch (SdkException e) {
            LOG.warn("Bedrock call failed: {}", e.toString());
            throw new RecipeFailedException("Bedrock call failed", e);
        }
        return generationOf(response);
    }

    private static String generationOf(InvokeModelResponse response) {
        try {
            JsonNode generation = JSON.readTree(response.body().asInputStream()).get("generation");
            if (generation == null || !generation.isTextual() || generation.asText().isBlank()) {
                throw new RecipeFailedException("Bedrock answered without a generation", null);
            }
            return generation.asText().strip();
        } catch (IOException e) {
            throw new RecipeFailedException("Bedrock answered with a body that is not JSON", e);
        }
    }

    /** A recipe could not be generated; the page shows "Failed to generate recipe". */
    public static final class RecipeFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RecipeFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
