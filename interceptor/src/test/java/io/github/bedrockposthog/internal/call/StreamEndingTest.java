package io.github.bedrockposthog.internal.call;

import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Operation;
import io.github.bedrockposthog.testkit.EventStreamFrames;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponse;

import java.nio.ByteBuffer;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a stream that stopped before its final event is recorded. Who cancelled the body publisher cannot be told from
 * the publisher: the app cancels when it stops reading, and the SDK cancels when the connection breaks, in either
 * order with its failure. The call's outcome decides: a failed call was cut off, a successful one was let go.
 */
class StreamEndingTest {

    private static final String LLAMA = "meta.llama3-8b-instruct-v1:0";

    /** Two Llama chunks without the final event, then the subscriber cancels. */
    private static CallRecord cancelledAfterTwoFrames() {
        InvokeModelWithResponseStreamRequest request = InvokeModelWithResponseStreamRequest.builder().modelId(LLAMA)
                .body(SdkBytes.fromUtf8String("{\"prompt\":\"tell\"}")).build();
        CallRecord record = new CallRecord(new Object(), false, System.nanoTime(), Operation.INVOKE_MODEL_STREAM, request,
                CallAttribution.resolve(null, null, "trace-1", null, request, () -> null, Collections.emptyMap(), null));
        Publisher<ByteBuffer> twoFrames = subscriber -> subscriber.onSubscribe(new Subscription() {
            private boolean sent;

            @Override
            public void request(long n) {
                if (!sent) {
                    sent = true;
                    subscriber.onNext(ByteBuffer.wrap(EventStreamFrames.chunk("{\"generation\":\"part0 \"}")));
                    subscriber.onNext(ByteBuffer.wrap(EventStreamFrames.chunk("{\"generation\":\"part1 \"}")));
                }
            }

            @Override
            public void cancel() {
            }
        });
        record.tapStream(twoFrames, 1000).subscribe(new Subscriber<ByteBuffer>() {
            private Subscription subscription;
            private int seen;

            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer buffer) {
                if (++seen == 2) {
                    subscription.cancel();
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        return record;
    }

    @Test
    void aCallThatFailedAfterItsStreamWasCancelledWasCutOff() {
        LlmCall call = cancelledAfterTwoFrames().failure(SdkClientException.create("Connection reset"), null,
                System.nanoTime()).build();
        assertEquals(LlmCall.INCOMPLETE_STREAM, call.errorName);
        assertTrue(call.streamIncomplete);
        assertFalse(call.streamCancelled);
        assertEquals("part0 part1 ", call.generation);
    }

    @Test
    void aCallThatSucceededAfterItsStreamWasCancelledWasLetGoByTheApp() {
        LlmCall call = cancelledAfterTwoFrames().success(InvokeModelWithResponseStreamResponse.builder().build(),
                SdkHttpResponse.builder().statusCode(200).build(), System.nanoTime()).build();
        assertTrue(call.streamCancelled);
        assertFalse(call.streamIncomplete);
        assertNull(call.errorName);
        assertEquals("part0 part1 ", call.generation);
    }
}
