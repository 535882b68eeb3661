package io.github.bedrockposthog.internal.call;

import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Operation;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The call record of a prompt router's call (#13) is the answering model's, whatever renders it: {@code model} is
 * the invoked model's base id and no longer opaque, {@code modelId} stays the router. (The events, priced, are
 * covered end to end by {@code PromptRouterIT}.)
 */
class RoutedCallTest {

    private static final String ROUTER = "arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1";
    private static final String INVOKED =
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0";

    @Test
    void aRoutersRecordNamesTheModelThatAnswered() {
        ConverseRequest request = ConverseRequest.builder().modelId(ROUTER).messages(m -> m.role(ConversationRole.USER)
                .content(ContentBlock.fromText("Hi"))).build();
        CallRecord record = new CallRecord(new Object(), false, System.nanoTime(), Operation.CONVERSE, request,
                CallAttribution.resolve(null, null, "trace-1", null, request, () -> null, Collections.emptyMap(), null));
        ConverseResponse response = ConverseResponse.builder()
                .output(o -> o.message(m -> m.role(ConversationRole.ASSISTANT).content(ContentBlock.fromText("Hello"))))
                .stopReason("end_turn").usage(u -> u.inputTokens(3).outputTokens(1).totalTokens(4))
                .trace(t -> t.promptRouter(r -> r.invokedModelId(INVOKED))).build();
        LlmCall call = record.success(response, SdkHttpResponse.builder().statusCode(200).build(), System.nanoTime())
                .build();
        assertEquals(ROUTER, call.modelId);
        assertEquals(INVOKED, call.invokedModelId);
        assertEquals("anthropic.claude-3-5-haiku-20241022-v1:0", call.model);
        assertFalse(call.modelOpaque, "the answering model's id names a model");
    }
}
