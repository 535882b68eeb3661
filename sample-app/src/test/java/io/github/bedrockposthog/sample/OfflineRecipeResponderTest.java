package io.github.bedrockposthog.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bedrockposthog.testkit.EmulatedRequest;
import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.Tokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OfflineRecipeResponderTest {

    private static final String MODEL = AppConfig.DEFAULT_MODEL_ID;
    private final ObjectMapper json = new ObjectMapper();

    private static EmulatedRequest invoke(String body) {
        return EmulatedRequest.of(EmulatedRequest.INVOKE_MODEL, MODEL, body);
    }

    @Test
    void answersARecipeInLlamasFormatWithConsistentTokenCounts() throws Exception {
        String prompt = RecipePrompt.build("chicken, broccoli, garlic");
        EmulatorReply reply = new OfflineRecipeResponder(200, 2).respond(invoke(RecipePrompt.requestBody(prompt)));

        assertEquals(200, reply.status());
        JsonNode body = json.readTree(reply.bodyText());
        String generation = body.get("generation").asText();
        assertEquals(new OfflineRecipeWriter().write("chicken, broccoli, garlic"), generation);
        int output = Tokens.estimate(generation);
        int input = Tokens.estimate(prompt);
        assertTrue(output > 100, "a recipe is a few hundred tokens: " + output);
        assertEquals(input, body.get("prompt_token_count").asInt());
        assertEquals(output, body.get("generation_token_count").asInt());
        assertEquals("stop", body.get("stop_reason").asText());
        assertEquals(Integer.toString(input), reply.header("X-Amzn-Bedrock-Input-Token-Count"));
        assertEquals(Integer.toString(output), reply.header("X-Amzn-Bedrock-Output-Token-Count"));
        assertEquals(Long.toString(200 + 2L * output), reply.header("X-Amzn-Bedrock-Invocation-Latency"));
        assertEquals(Duration.ofMillis(2L * output), reply.delay(), "generation time grows with the output");
    }

    @Test
    void aPromptWithoutIngredientsGetsAPoliteRefusal() throws Exception {
        EmulatorReply reply = new OfflineRecipeResponder(0).respond(invoke(RecipePrompt.requestBody("Tell me a joke")));

        assertEquals(200, reply.status());
        assertTrue(json.readTree(reply.bodyText()).get("generation").asText().startsWith("I can only write recipes"));
    }

    @Test
    void aBodyThatIsNotJsonIsAValidationError() {
        EmulatorReply reply = new OfflineRecipeResponder(0).respond(invoke("not json"));

        assertEquals(400, reply.status());
        assertEquals("ValidationException", reply.header("x-amzn-ErrorType"));
        assertEquals(Duration.ZERO, reply.delay());
    }
}
