package io.github.bedrockposthog.internal.stream;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A response body publisher that shows every buffer to an {@link EventStreamTap} before handing the very
 * same buffer object on, unmodified, to the subscriber. It adds no buffering, reordering or demand of its
 * own: {@code request}, {@code cancel} and the terminal signals pass straight through, and a failing tap
 * never fails the stream.
 *
 * <p>Only the first subscription is tapped; a later one (the body re-read) receives the source untapped,
 * so nothing is counted twice.
 */
public final class TappedPublisher implements Publisher<ByteBuffer> {

    private final Publisher<ByteBuffer> source;
    private final Consumer<ByteBuffer> tap;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile boolean completed;
    private volatile Throwable failure;

    /**
     * Wraps {@code source} so that {@code tap} sees its bytes.
     *
     * @param source the original response body publisher
     * @param tap    the tap to feed
     */
    public TappedPublisher(Publisher<ByteBuffer> source, EventStreamTap tap) {
        this(source, (Consumer<ByteBuffer>) tap);
    }

    // Any byte consumer will do; tests use one that throws.
    TappedPublisher(Publisher<ByteBuffer> source, Consumer<ByteBuffer> tap) {
        this.source = source;
        this.tap = tap;
    }

    /**
     * Subscribes to the source on behalf of {@code subscriber}.
     *
     * @param subscriber the downstream subscriber
     * @throws NullPointerException when {@code subscriber} is {@code null}, as Reactive Streams rule 1.9 requires
     */
    @Override
    public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
        if (subscriber == null) {
            throw new NullPointerException("subscriber");
        }
        if (tap == null || !subscribed.compareAndSet(false, true)) {
            source.subscribe(subscriber);
            return;
        }
        source.subscribe(new TapSubscriber(subscriber));
    }

    /**
     * Whether the downstream subscriber cancelled the stream (e.g. the application stopped reading).
     *
     * @return {@code true} once {@code cancel()} was called downstream
     */
    public boolean cancelled() {
        return cancelled;
    }

    /**
     * Whether the source completed normally.
     *
     * @return {@code true} after {@code onComplete}
     */
    public boolean completed() {
        return completed;
    }

    /**
     * The error the source ended with.
     *
     * @return the {@code onError} cause, or {@code null}
     */
    public Throwable failure() {
        return failure;
    }

    /** The response ended one way or another: the tap gives back the scratch budget a frame in transit holds. */
    private void endTap() {
        if (tap instanceof EventStreamTap) {
            try {
                ((EventStreamTap) tap).end();
            } catch (Throwable ignored) {
                // Observing must never break the application's stream.
            }
        }
    }

    /** Shows each buffer to the tap, then passes it on. */
    private final class TapSubscriber implements Subscriber<ByteBuffer> {

        private final Subscriber<? super ByteBuffer> downstream;

        TapSubscriber(Subscriber<? super ByteBuffer> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            downstream.onSubscribe(subscription == null ? null : new TapSubscription(subscription));
        }

        @Override
        public void onNext(ByteBuffer buffer) {
            try {
                tap.accept(buffer);
            } catch (Throwable ignored) {
                // Observing must never break the application's stream.
            }
            downstream.onNext(buffer);
        }

        @Override
        public void onError(Throwable error) {
            failure = error;
            endTap();
            downstream.onError(error);
        }

        @Override
        public void onComplete() {
            completed = true;
            endTap();
            downstream.onComplete();
        }
    }

    /** Records a downstream cancel before passing it on. */
    private final class TapSubscription implements Subscription {

        private final Subscription upstream;

        TapSubscription(Subscription upstream) {
            this.upstream = upstream;
        }

        @Override
        public void request(long n) {
            upstream.request(n);
        }

        @Override
        public void cancel() {
            cancelled = true;
            endTap();
            upstream.cancel();
        }
    }
}
