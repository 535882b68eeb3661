package io.github.bedrockposthog.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bedrockposthog.testkit.EmulatedRequest;
import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.Responder;
import io.github.bedrockposthog.testkit.Responders;
import java.io.IOException;
import java.time.Duration;

/**
 * The offline "model" behind the in-process Bedrock emulator: answers a recipe prompt with a recipe written from
 * its ingredients ({@link OfflineRecipeWriter}), in Llama's exact wire format with token counts consistent with the
 * texts (testkit's canned responder: {@code X-Amzn-Bedrock-Input/Output-Token-Count} headers and the body's
 * {@code prompt_token_count}/{@code generation_token_count} agree).
 *
 * <p>Timing is realistic: on top of the emulator's base latency, generating takes {@value #MS_PER_OUTPUT_TOKEN} ms
 * per output token, and {@code X-Amzn-Bedrock-Invocation-Latency} reports the total.
 */
final class OfflineRecipeResponder implements Responder {

    /** Emulated generation time per output token, so longer recipes take a little longer. */
    static final int MS_PER_OUTPUT_TOKEN = 1;
    private static final String NOT_A_RECIPE = "I can only write recipes. Tell me which ingredients you have.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Responder canned;
    private final long baseLatencyMs;
    private final long msPerOutputToken;

    /**
     * A responder for an emulator whose base latency is {@code baseLatencyMs}.
     *
     * @param baseLatencyMs the emulator's configured latency, included in the reported invocation latency
     */
    OfflineRecipeResponder(long baseLatencyMs) {
        this(baseLatencyMs, MS_PER_OUTPUT_TOKEN);
    }

    OfflineRecipeResponder(long baseLatencyMs, long msPerOutputToken) {
        OfflineRecipeWriter writer = new OfflineRecipeWriter();
        this.canned = Responders.canned(request -> {
            String ingredients = RecipePrompt.ingredientsIn(promptOf(request));
            return ingredients == null ? NOT_A_RECIPE : writer.write(ingredients);
        });
        this.baseLatencyMs = baseLatencyMs;
        this.msPerOutputToken = msPerOutputToken;
    }

    @Override
    public EmulatorReply respond(EmulatedRequest request) {
        EmulatorReply reply = canned.respond(request);
        String outputTokens = reply.header("X-Amzn-Bedrock-Output-Token-Count");
        if (reply.status() != 200 || outputTokens == null) {
            return reply;
        }
        long generationMs = msPerOutputToken * Long.parseLong(outputTokens);
        return reply.toBuilder()
                .delay(reply.delay().plus(Duration.ofMillis(generationMs)))
                .header("X-Amzn-Bedrock-Invocation-Latency", Long.toString(baseLatencyMs + generationMs))
                .build();
    }

    private static String promptOf(EmulatedRequest request) {
        try {
            JsonNode body = JSON.readTree(request.body());
            JsonNode prompt = body == null ? null : body.get("prompt");
            return prompt != null && prompt.isTextual() ? prompt.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
