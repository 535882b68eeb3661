package io.github.bedrockposthog.internal.stream;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.github.bedrockposthog.internal.stream.Frames.concat;
import static io.github.bedrockposthog.internal.stream.Frames.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TappedPublisherTest {

    private static final byte[] BODY = concat(
            event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Streamed\"}}"),
            event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" text\"}}"),
            event("messageStop", "{\"stopReason\":\"end_turn\"}"));

    @Test
    void theSubscriberGetsTheSameBufferInstancesInOrderAndTheTapSeesTheBytes() {
        List<ByteBuffer> buffers = pieces(BODY, 7);
        ListPublisher source = new ListPublisher(buffers, null);
        EventStreamTap tap = new EventStreamTap(1000, null);
        TappedPublisher tapped = new TappedPublisher(source, tap);
        RecordingSubscriber downstream = new RecordingSubscriber(Long.MAX_VALUE);

        tapped.subscribe(downstream);

        assertEquals(buffers.size(), downstream.received.size());
        for (int i = 0; i < buffers.size(); i++) {
            assertSame(buffers.get(i), downstream.received.get(i));
            assertEquals(0, downstream.positionsSeen.get(i), "the buffer reached the subscriber unread");
        }
        assertTrue(downstream.completed);
        assertTrue(tapped.completed());
        assertFalse(tapped.cancelled());
        assertNull(tapped.failure());
        assertEquals("Streamed text", tap.result().output().text());
        assertEquals("end_turn", tap.result().output().stopReason());
    }

    @Test
    void demandPassesThroughUnchanged() {
        ListPublisher source = new ListPublisher(pieces(BODY, 50), null);
        TappedPublisher tapped = new TappedPublisher(source, new EventStreamTap(1000, null));
        RecordingSubscriber downstream = new RecordingSubscriber(0);

        tapped.subscribe(downstream);
        assertEquals(0, downstream.received.size());
        downstream.subscription.request(2);
        assertEquals(2, downstream.received.size());
        downstream.subscription.request(1);

        assertEquals(List.of(2L, 1L), source.requests);
        assertEquals(3, downstream.received.size());
    }

    @Test
    void aDownstreamCancelIsRecordedAndPassedOn() {
        ListPublisher source = new ListPublisher(pieces(BODY, 10), null);
        TappedPublisher tapped = new TappedPublisher(source, new EventStreamTap(1000, null));
        RecordingSubscriber downstream = new RecordingSubscriber(1);

        tapped.subscribe(downstream);
        downstream.subscription.cancel();

        assertTrue(tapped.cancelled());
        assertTrue(source.cancelled);
        assertFalse(tapped.completed());
    }

    @Test
    void aThrowingTapDoesNotBreakTheStream() {
        List<ByteBuffer> buffers = pieces(BODY, 5);
        Consumer<ByteBuffer> broken = buffer -> {
            throw new IllegalStateException("tap bug");
        };
        TappedPublisher tapped = new TappedPublisher(new ListPublisher(buffers, null), broken);
        RecordingSubscriber downstream = new RecordingSubscriber(Long.MAX_VALUE);

        tapped.subscribe(downstream);

        assertEquals(buffers, downstream.received);
        assertTrue(downstream.completed);
        assertNull(downstream.error);
    }

    @Test
    void anErrorPassesThroughAndIsRecorded() {
        RuntimeException boom = new RuntimeException("connection reset");
        List<ByteBuffer> buffers = pieces(BODY, 40);
        TappedPublisher tapped = new TappedPublisher(new ListPublisher(buffers, boom), new EventStreamTap(1000, null));
        RecordingSubscriber downstream = new RecordingSubscriber(Long.MAX_VALUE);

        tapped.subscribe(downstream);

        assertSame(boom, downstream.error);
        assertSame(boom, tapped.failure());
        assertEquals(buffers.size(), downstream.received.size());
        assertFalse(tapped.completed());
    }

    @Test
    void aSecondSubscriptionIsNotTappedSoNothingCountsTwice() {
        List<ByteBuffer> buffers = pieces(BODY, 13);
        EventStreamTap tap = new EventStreamTap(1000, null);
        TappedPublisher tapped = new TappedPublisher(new ListPublisher(buffers, null), tap);

        tapped.subscribe(new RecordingSubscriber(Long.MAX_VALUE));
        RecordingSubscriber second = new RecordingSubscriber(Long.MAX_VALUE);
        tapped.subscribe(second);

        assertEquals(buffers, second.received);
        assertEquals("Streamed text", tap.result().output().text());
        assertEquals(3, tap.result().frameCount());
    }

    @Test
    void aNullSubscriberIsRejectedAsTheSpecificationRequires() {
        TappedPublisher tapped = new TappedPublisher(new ListPublisher(List.of(), null), new EventStreamTap(10, null));

        assertThrows(NullPointerException.class, () -> tapped.subscribe(null));
    }

    private static List<ByteBuffer> pieces(byte[] body, int size) {
        List<ByteBuffer> buffers = new ArrayList<>();
        for (int offset = 0; offset < body.length; offset += size) {
            int length = Math.min(size, body.length - offset);
            byte[] piece = new byte[length];
            System.arraycopy(body, offset, piece, 0, length);
            buffers.add(ByteBuffer.wrap(piece));
        }
        return buffers;
    }

    /** Emits a fixed list on demand, synchronously, then completes or fails. */
    private static final class ListPublisher implements Publisher<ByteBuffer> {
        private final List<ByteBuffer> items;
        private final Throwable failAtEnd;
        final List<Long> requests = new ArrayList<>();
        boolean cancelled;

        ListPublisher(List<ByteBuffer> items, Throwable failAtEnd) {
            this.items = items;
            this.failAtEnd = failAtEnd;
        }

        @Override
        public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(new Subscription() {
                private int next;
                private long demand;
                private boolean emitting;
                private boolean done;

                @Override
                public void request(long n) {
                    requests.add(n);
                    demand = n == Long.MAX_VALUE || demand + n < 0 ? Long.MAX_VALUE : demand + n;
                    if (emitting) {
                        return; // re-entrant request from onNext: the running loop picks it up
                    }
                    emitting = true;
                    while (!done && !cancelled && demand > 0 && next < items.size()) {
                        demand--;
                        subscriber.onNext(items.get(next++));
                    }
                    if (!done && !cancelled && next == items.size()) {
                        done = true;
                        if (failAtEnd != null) {
                            subscriber.onError(failAtEnd);
                        } else {
                            subscriber.onComplete();
                        }
                    }
                    emitting = false;
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }
    }

    /** Records what arrives; requests {@code initialDemand} on subscribe. */
    private static final class RecordingSubscriber implements Subscriber<ByteBuffer> {
        private final long initialDemand;
        final List<ByteBuffer> received = new ArrayList<>();
        final List<Integer> positionsSeen = new ArrayList<>();
        Subscription subscription;
        boolean completed;
        Throwable error;

        RecordingSubscriber(long initialDemand) {
            this.initialDemand = initialDemand;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            if (initialDemand > 0) {
                s.request(initialDemand);
            }
        }

        @Override
        public void onNext(ByteBuffer buffer) {
            positionsSeen.add(buffer.position());
            received.add(buffer);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }
}
