package io.github.bedrockposthog.internal.call;

import io.github.bedrockposthog.internal.config.Settings;
import io.github.bedrockposthog.internal.events.AiGenerationMapper;
import io.github.bedrockposthog.internal.events.EventMapper;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Operation;
import io.github.bedrockposthog.internal.model.UsageSource;
import io.github.bedrockposthog.internal.pricing.PriceTable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponse;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each body of a call is parsed at most once, whatever reads it: the dialect, the guardrail check, the stream tap's
 * dialect choice and both event schemas. The record's counting hook ({@link CallRecord#bodyParses()}) says so.
 */
class ParseOnceTest {

    private static final String MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final String REQUEST = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":50,"
            + "\"system\":\"Be brief.\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String RESPONSE = "{\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}],"
            + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1},"
            + "\"amazon-bedrock-guardrailAction\":\"NONE\"}";

    private static final Settings SETTINGS = Settings.resolve(new EnumMap<>(Settings.Key.class), n -> null, n -> null);

    private static CallRecord record(Operation operation, Object request) {
        return new CallRecord(new Object(), false, System.nanoTime(), operation,
                (software.amazon.awssdk.core.SdkRequest) request,
                CallAttribution.resolve(null, null, "trace-1", null, request, () -> null,
                        java.util.Collections.emptyMap(), null));
    }

    /** Both schemas rendered, as the pipeline does with {@code events=both}. */
    private static void renderBoth(LlmCall call) {
        new EventMapper(SETTINGS, PriceTable.of(Map.of())).map(call);
        new AiGenerationMapper(SETTINGS, PriceTable.of(Map.of())).map(call);
    }

    @Test
    void anInvokeModelParsesItsRequestOnceAndItsResponseOnce() {
        CallRecord record = record(Operation.INVOKE_MODEL, InvokeModelRequest.builder().modelId(MODEL)
                .body(SdkBytes.fromUtf8String(REQUEST)).build());
        SdkHttpResponse http = SdkHttpResponse.builder().statusCode(200)
                .putHeader("X-Amzn-Bedrock-Input-Token-Count", "3").build();
        LlmCall call = record.success(InvokeModelResponse.builder().body(SdkBytes.fromUtf8String(RESPONSE)).build(),
                http, System.nanoTime()).build();
        renderBoth(call);
        assertEquals(2, record.bodyParses(), "one request and one response parse");
        assertEquals("Hello", call.generation);
        assertEquals("Hi", call.prompt);
        assertEquals("NONE", call.guardrailAction, "read from the same parsed response");
        assertEquals(UsageSource.HEADERS, call.usageSource);
        assertEquals(List.of(Map.of("role", "system", "content", "Be brief."), Map.of("role", "user", "content", "Hi")),
                call.inputMessages);
    }

    @Test
    void aStreamParsesItsRequestOnceForTheTapAndTheRecord() {
        CallRecord record = record(Operation.INVOKE_MODEL_STREAM, InvokeModelWithResponseStreamRequest.builder()
                .modelId("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc")
                .body(SdkBytes.fromUtf8String(REQUEST)).build());
        record.tapStream(subscriber -> { }, 1000); // chooses the dialect from the request body
        LlmCall call = record.success(InvokeModelWithResponseStreamResponse.builder().build(),
                SdkHttpResponse.builder().statusCode(200).build(), System.nanoTime()).build();
        renderBoth(call);
        assertEquals(1, record.bodyParses(), "the tap and the record share one parse");
        assertEquals("Hi", call.prompt, "an opaque id's Claude body is recognised, as for sync calls");
    }

    @Test
    void aFailedCallParsesItsRequestOnce() {
        CallRecord record = record(Operation.INVOKE_MODEL, InvokeModelRequest.builder().modelId(MODEL)
                .body(SdkBytes.fromUtf8String(REQUEST)).build());
        LlmCall call = record.failure(new IllegalStateException("boom"), null, System.nanoTime()).build();
        renderBoth(call);
        assertEquals(1, record.bodyParses());
        assertEquals("Hi", call.prompt);
    }
}
