package io.github.bedrockposthog.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ModelRouteTest {

    @Test
    void anEncodedArnIsDecodedWhole() {
        ModelRoute route = ModelRoute.parse("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A012345678901%3A"
                + "inference-profile%2Fus.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse");

        assertEquals("Converse", route.operation());
        assertEquals("arn:aws:bedrock:us-east-1:012345678901:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0",
                route.modelId());
    }

    @Test
    void everyOperationIsRecognised() {
        assertEquals("InvokeModel", ModelRoute.parse("/model/m/invoke").operation());
        assertEquals("InvokeModelWithResponseStream", ModelRoute.parse("/model/m/invoke-with-response-stream").operation());
        assertEquals("ConverseStream", ModelRoute.parse("/model/m/converse-stream").operation());
    }

    @Test
    void pathOfEncodesTheModelIdAsTheSdkDoes() {
        String arn = "arn:aws:bedrock:us-east-1:1:application-inference-profile/abc";

        String path = ModelRoute.pathOf("ConverseStream", arn);

        assertEquals("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Aapplication-inference-profile%2Fabc/converse-stream", path);
        assertEquals(arn, ModelRoute.parse(path).modelId());
    }

    @Test
    void otherPathsAreNotRoutes() {
        assertNull(ModelRoute.parse("/model/m/embed"));
        assertNull(ModelRoute.parse("/model//invoke"));
        assertNull(ModelRoute.parse("/model/a/b/invoke"));
        assertNull(ModelRoute.parse("/guardrail/g/version/1/apply"));
    }

    @Test
    void geoPrefixesAndArnsReduceToTheBaseId() {
        assertEquals("meta.llama3-1-8b-instruct-v1:0", ModelIds.baseId("global.meta.llama3-1-8b-instruct-v1:0"));
        assertEquals("anthropic.claude-3-haiku-20240307-v1:0", ModelIds.baseId("us-gov.anthropic.claude-3-haiku-20240307-v1:0"));
        assertEquals("amazon.nova-lite-v1:0",
                ModelIds.baseId("arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"));
        assertEquals("claude-3-haiku-20240307", ModelIds.shortName("anthropic.claude-3-haiku-20240307-v1:0"));
    }
}
