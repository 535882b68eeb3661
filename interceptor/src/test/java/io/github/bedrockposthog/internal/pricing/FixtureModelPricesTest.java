package io.github.bedrockposthog.internal.pricing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every model id of the recorded Bedrock fixtures (recorded in us-east-1) has a price. The ids are listed here
 * because the fixtures are being moved into the testkit (issue #11); once its classpath locator is merged, this
 * list should be read from it.
 */
class FixtureModelPricesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "ai21.j2-mid-v1",
            "amazon.nova-lite-v1:0",
            "amazon.titan-text-express-v1",
            "anthropic.claude-3-5-haiku-20241022-v1:0",
            "anthropic.claude-3-sonnet-20240229-v1:0",
            "anthropic.claude-v2:1",
            "arn:aws:bedrock:us-east-1:012345678901:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0",
            "cohere.command-text-v14",
            "meta.llama2-13b-chat-v1",
            "meta.llama3-2-1b-instruct-v1:0",
            "meta.llama3-70b-instruct-v1:0",
            "us.amazon.nova-lite-v1:0",
    })
    void everyRecordedBedrockModelHasAPrice(String modelId) {
        Cost cost = PriceTable.bundled().price(PriceQuery.builder().modelId(modelId).region("us-east-1")
                .inputTokens(100L).outputTokens(10L).build());
        assertTrue(cost.known() && cost.totalDollars() > 0, cost.toString());
    }

    @Test
    void theRecordedSageMakerEndpointIsNoBedrockModel() {
        Cost cost = PriceTable.bundled().price(PriceQuery.builder()
                .modelId("arn:aws:sagemaker:us-east-1:767398002385:endpoint/endpoint-quick-start-idr7y")
                .inputTokens(100L).outputTokens(10L).build());
        assertEquals(Cost.UNKNOWN_MODEL, cost.unknownDimension(), cost.toString());
    }
}
