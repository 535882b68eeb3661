package io.github.bedrockposthog.internal.pricing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import io.github.bedrockposthog.testkit.RecordedExchange;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every model id of the recorded Bedrock fixtures (recorded in us-east-1) has a price, except the one SageMaker
 * endpoint, which is no Bedrock model.
 */
class FixtureModelPricesTest {

    private static final String SAGEMAKER = "arn:aws:sagemaker:";

    static Stream<String> recordedModelIds() {
        return RecordedExchange.loadAll().stream().map(RecordedExchange::modelId).filter(Objects::nonNull).distinct()
                .sorted();
    }

    @Test
    void theFixturesNameModels() {
        assertTrue(recordedModelIds().count() >= 12, () -> recordedModelIds().toList().toString());
    }

    @ParameterizedTest
    @MethodSource("recordedModelIds")
    void everyRecordedModelHasAPrice(String modelId) {
        Cost cost = PriceTable.bundled().price(PriceQuery.builder().modelId(modelId).region("us-east-1")
                .inputTokens(100L).outputTokens(10L).build());
        if (modelId.startsWith(SAGEMAKER)) {
            assertEquals(Cost.UNKNOWN_MODEL, cost.unknownDimension(), cost.toString());
        } else {
            assertTrue(cost.known() && cost.totalDollars() > 0, cost.toString());
        }
    }
}
