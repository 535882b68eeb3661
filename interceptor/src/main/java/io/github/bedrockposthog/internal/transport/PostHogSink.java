package io.github.bedrockposthog.internal.transport;

import com.posthog.java.PostHog;
import com.posthog.java.QueueManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The default sink: posthog-java 1.2.0 with our {@link BatchSender}, a bounded admission counter in front
 * of its (unbounded) queue, a daemon queue thread, and a JVM shutdown hook that flushes within a deadline.
 */
public final class PostHogSink implements EventSink {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.bedrockposthog.transport");
    private static final int BATCH_SIZE = 100;
    private static final Duration MAX_TIME_IN_QUEUE = Duration.ofMillis(500);
    private static final int QUEUE_POLL_MILLIS = 50;

    private final PostHog postHog;
    private final BatchSender sender;
    private final BatchSender.Counters counters = new BatchSender.Counters();
    private final int maxQueue;
    private final long flushTimeoutMillis;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RateLimitedLog droppedLog = new RateLimitedLog(LOG, 60_000);
    private final Thread shutdownHook;

    private PostHogSink(String host, String apiKey, int maxQueue, long flushTimeoutMillis) throws Exception {
        this.maxQueue = maxQueue;
        this.flushTimeoutMillis = flushTimeoutMillis;
        this.sender = new BatchSender(host, apiKey, counters);
        final QueueManager queueManager = new QueueManager.Builder(sender)
                .maxQueueSize(BATCH_SIZE)
                .maxTimeInQueue(MAX_TIME_IN_QUEUE)
                .sleepMs(QUEUE_POLL_MILLIS)
                .build();
        this.postHog = onDaemonThread(new Callable<PostHog>() {
            @Override
            public PostHog call() {
                return new PostHog.BuilderWithCustomQueueManager(queueManager, sender).build();
            }
        });
        this.shutdownHook = new Thread(new Runnable() {
            @Override
            public void run() {
                close(PostHogSink.this.flushTimeoutMillis);
            }
        }, "bedrock-posthog-shutdown-flush");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a sink delivering to {@code host}; {@code null} (logged) when it cannot start, so the app goes on.
     */
    public static EventSink start(String host, String apiKey, int maxQueue, long flushTimeoutMillis) {
        try {
            return new PostHogSink(host, apiKey, maxQueue, flushTimeoutMillis);
        } catch (Throwable t) {
            LOG.error("bedrock-posthog: cannot start delivery to {}: {}; events will not be sent", host, t.toString());
            return null;
        }
    }

    /**
     * posthog-java starts its queue thread in its constructor and the thread inherits the daemon flag of
     * its creator: creating the client on a daemon thread makes the queue thread a daemon, so it never
     * keeps the JVM alive.
     */
    private static <T> T onDaemonThread(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Thread creator = new Thread(task, "bedrock-posthog-init");
        creator.setDaemon(true);
        creator.start();
        return task.get();
    }

    @Override
    public boolean send(String event, String distinctId, Map<String, Object> properties) {
        if (closed.get()) {
            counters.dropped.incrementAndGet();
            return false;
        }
        if (counters.pending.incrementAndGet() > maxQueue) {
            counters.pending.decrementAndGet();
            counters.dropped.incrementAndGet();
            droppedLog.warn("bedrock-posthog: delivery queue full ({} events); new events are dropped ({} dropped so far)",
                    maxQueue, counters.dropped.get());
            return false;
        }
        try {
            postHog.capture(distinctId, event, properties);
            return true;
        } catch (RuntimeException e) {
            counters.settled(1, false);
            return false;
        }
    }

    @Override
    public DeliveryStats stats() {
        return new DeliveryStats(Math.max(0, counters.pending.get()), counters.sent.get(), counters.dropped.get(),
                counters.failed.get());
    }

    @Override
    public void close(long timeoutMillis) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        sender.beginClosing(deadline);
        Thread flusher = new Thread(new Runnable() {
            @Override
            public void run() {
                postHog.shutdown();
            }
        }, "bedrock-posthog-flush");
        flusher.setDaemon(true);
        flusher.start();
        try {
            flusher.join(Math.max(1, timeoutMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
        long left = counters.pending.get();
        if (left > 0) {
            LOG.warn("bedrock-posthog: {} event(s) still undelivered after the {} ms flush deadline", left, timeoutMillis);
        }
    }
}
