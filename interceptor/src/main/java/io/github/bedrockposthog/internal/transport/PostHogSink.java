package io.github.bedrockposthog.internal.transport;

import com.posthog.java.PostHog;
import com.posthog.java.QueueManager;
import io.github.bedrockposthog.internal.json.JsonSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The default sink: posthog-java 1.2.0's queue and queue thread with our {@link BatchSender}, an admission bound in
 * front of its (unbounded) queue, a daemon queue thread, and a JVM shutdown hook that flushes within a deadline.
 *
 * <p>Admission is bounded twice: at most {@code maxQueue} events and at most {@code maxQueueBytes} of estimated event
 * size are waiting at any time (the batch being retried included). Beyond either bound a new event is dropped,
 * counted, and reported in a rate-limited WARN. {@link #send} only builds the event's JSON tree and appends it to an
 * in-memory list: no I/O and no waiting on the caller's thread.
 */
public final class PostHogSink implements EventSink {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.bedrockposthog.transport");
    /** Default of {@code POSTHOG_BEDROCK_MAX_QUEUE_BYTES}. */
    public static final long DEFAULT_MAX_QUEUE_BYTES = 64L * 1024 * 1024;
    private static final int BATCH_SIZE = 100;
    private static final Duration MAX_TIME_IN_QUEUE = Duration.ofMillis(500);
    private static final int QUEUE_POLL_MILLIS = 50;
    /** Per-event heap beyond its JSON text: the JSON tree's map, the uuid, timestamp and name strings. */
    private static final long EVENT_OVERHEAD_BYTES = 1024;
    /** Per-property heap beyond its JSON text: a map entry, a key string, a boxed value. */
    private static final long PROPERTY_OVERHEAD_BYTES = 100;

    private final PostHog postHog;
    private final QueueManager queueManager;
    private final BatchSender sender;
    private final BatchSender.Counters counters = new BatchSender.Counters();
    private final int maxQueue;
    private final long maxQueueBytes;
    private final long flushTimeoutMillis;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RateLimitedLog droppedLog = new RateLimitedLog(LOG, 60_000);
    private final Thread shutdownHook;

    private PostHogSink(String host, String apiKey, int maxQueue, long maxQueueBytes, long flushTimeoutMillis)
            throws Exception {
        this.maxQueue = maxQueue;
        this.maxQueueBytes = maxQueueBytes;
        this.flushTimeoutMillis = flushTimeoutMillis;
        this.sender = new BatchSender(host, apiKey, counters);
        this.queueManager = new QueueManager.Builder(sender)
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

    /** {@link #start(String, String, int, long, long)} with the default byte bound. */
    public static EventSink start(String host, String apiKey, int maxQueue, long flushTimeoutMillis) {
        return start(host, apiKey, maxQueue, DEFAULT_MAX_QUEUE_BYTES, flushTimeoutMillis);
    }

    /**
     * Starts a sink delivering to {@code host}; {@code null} (logged) when it cannot start, so the app goes on.
     */
    public static EventSink start(String host, String apiKey, int maxQueue, long maxQueueBytes, long flushTimeoutMillis) {
        try {
            return new PostHogSink(host, apiKey, maxQueue, maxQueueBytes, flushTimeoutMillis);
        } catch (Throwable t) {
            LOG.error("bedrock-posthog: cannot start delivery to {}: {}; events will not be sent", host, t.getClass().getName());
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

    /**
     * Admits one event or drops it. The event goes straight into posthog-java's queue (its {@code capture} would
     * build the same JSON, minus the byte accounting).
     */
    @Override
    public boolean send(String event, String distinctId, Map<String, Object> properties) {
        if (closed.get()) {
            counters.dropped.incrementAndGet();
            return false;
        }
        long bytes = heldBytes(event, distinctId, properties);
        if (counters.pending.incrementAndGet() > maxQueue) {
            counters.pending.decrementAndGet();
            return drop(maxQueue + " events");
        }
        if (counters.pendingBytes.addAndGet(bytes) > maxQueueBytes) {
            counters.pending.decrementAndGet();
            counters.pendingBytes.addAndGet(-bytes);
            return drop(maxQueueBytes + " bytes");
        }
        try {
            queueManager.add(QueuedEvent.of(event, distinctId, properties, bytes));
            return true;
        } catch (RuntimeException e) {
            counters.settled(1, bytes, false);
            return false;
        }
    }

    /**
     * An approximation of the heap an event holds while it waits: its JSON size (UTF-8, an upper bound of Latin-1
     * text, 1.5x under CJK text) plus the tree's per-event and per-property overhead.
     */
    static long heldBytes(String event, String distinctId, Map<String, Object> properties) {
        long bytes = EVENT_OVERHEAD_BYTES + JsonSize.of(event) + JsonSize.of(distinctId);
        if (properties != null) {
            bytes += JsonSize.of(properties) + PROPERTY_OVERHEAD_BYTES * properties.size();
        }
        return bytes;
    }

    private boolean drop(String bound) {
        long dropped = counters.dropped.incrementAndGet();
        droppedLog.warn("bedrock-posthog: delivery queue full ({}; PostHog unreachable or slow?); new events are "
                + "dropped ({} dropped so far)", bound, dropped);
        return false;
    }

    @Override
    public DeliveryStats stats() {
        return new DeliveryStats(Math.max(0, counters.pending.get()), counters.sent.get(), counters.dropped.get(),
                counters.failed.get(), Math.max(0, counters.pendingBytes.get()), counters.lastError);
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
