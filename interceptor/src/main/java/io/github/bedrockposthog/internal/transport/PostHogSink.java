package io.github.bedrockposthog.internal.transport;

import com.posthog.java.PostHog;
import com.posthog.java.QueueManager;
import io.github.bedrockposthog.internal.json.JsonSize;
import io.github.bedrockposthog.internal.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

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
    /** After the flush deadline, how long close() lets a cut request count its events as failed. */
    private static final long SETTLE_GRACE_MILLIS = 250;
    /** Per-event heap beyond its JSON text: the JSON tree's map, the uuid, timestamp and name strings. */
    private static final long EVENT_OVERHEAD_BYTES = 1024;
    /** Per-property heap beyond its JSON text: a map entry, a key string, a boxed value. */
    private static final long PROPERTY_OVERHEAD_BYTES = 100;

    /** posthog-java's client and queue; replaced when its queue thread has died (it stops for good on interrupt). */
    private volatile PostHog postHog;
    private volatile QueueManager queueManager;
    private volatile Thread worker;
    private final AtomicLong workerRestarts = new AtomicLong();
    private final BatchSender sender;
    private final BatchSender.Counters counters = new BatchSender.Counters();
    private final int maxQueue;
    private final long maxQueueBytes;
    private final long flushTimeoutMillis;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RateLimitedLog droppedLog = new RateLimitedLog(LOG, 60_000);
    private final Thread shutdownHook;
    private final LongPredicate callsInFlightEnded;

    private PostHogSink(String host, String apiKey, int maxQueue, long maxQueueBytes, long flushTimeoutMillis,
                        DeliveryPolicy policy, LongPredicate callsInFlightEnded) throws Exception {
        this.callsInFlightEnded = callsInFlightEnded;
        this.maxQueue = maxQueue;
        this.maxQueueBytes = maxQueueBytes;
        this.flushTimeoutMillis = flushTimeoutMillis;
        this.sender = new BatchSender(host, apiKey, counters, policy);
        startWorker();
        this.shutdownHook = new Thread(new Runnable() {
            @Override
            public void run() {
                close(PostHogSink.this.flushTimeoutMillis);
            }
        }, "bedrock-posthog-shutdown-flush");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A new posthog-java queue and queue thread (a daemon, created on a daemon thread). */
    private void startWorker() throws Exception {
        final QueueManager queue = new QueueManager.Builder(sender)
                .maxQueueSize(BATCH_SIZE)
                .maxTimeInQueue(MAX_TIME_IN_QUEUE)
                .sleepMs(QUEUE_POLL_MILLIS)
                .build();
        PostHog client = onDaemonThread(new Callable<PostHog>() {
            @Override
            public PostHog call() {
                return new PostHog.BuilderWithCustomQueueManager(queue, sender).build();
            }
        });
        this.worker = queueThreadOf(client);
        this.queueManager = queue;
        this.postHog = client;
    }

    /** posthog-java 1.2.0 keeps its queue thread in a private field; {@code null} if that ever changes. */
    private static Thread queueThreadOf(PostHog client) {
        try {
            Field field = PostHog.class.getDeclaredField("queueManagerThread");
            field.setAccessible(true);
            return (Thread) field.get(client);
        } catch (Throwable t) {
            return null;
        }
    }

    /**
     * posthog-java's queue thread ends for good when interrupted in its sleep, and later events would wait forever.
     * When it is found dead (and the sink is open), a new one takes over and the old queue's leftovers are sent
     * from a daemon thread.
     */
    private void replaceDeadWorker() {
        Thread current = worker;
        if (current == null || current.isAlive() || closing.get()) {
            return;
        }
        synchronized (this) {
            if (worker != current || closing.get()) {
                return;
            }
            final QueueManager old = queueManager;
            try {
                startWorker();
            } catch (Throwable t) {
                return; // try again on the next event
            }
            workerRestarts.incrementAndGet();
            LOG.warn("bedrock-posthog: the delivery thread had stopped (interrupted?); a new one took over");
            Thread leftovers = new Thread(new Runnable() {
                @Override
                public void run() {
                    for (int i = 0; i < 2; i++) { // twice: an event may have been added to the old queue meanwhile
                        old.run(); // stopped already: sends what it holds, then returns
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            // keep going: the second pass still helps
                        }
                    }
                }
            }, "bedrock-posthog-leftovers");
            leftovers.setDaemon(true);
            leftovers.setContextClassLoader(null);
            leftovers.start();
        }
    }

    /** {@link #start(String, String, int, long, long)} with the default byte bound. */
    public static EventSink start(String host, String apiKey, int maxQueue, long flushTimeoutMillis) {
        return start(host, apiKey, maxQueue, DEFAULT_MAX_QUEUE_BYTES, flushTimeoutMillis);
    }

    /**
     * Starts a sink delivering to {@code host}; {@code null} (logged) when it cannot start, so the app goes on.
     */
    public static EventSink start(String host, String apiKey, int maxQueue, long maxQueueBytes, long flushTimeoutMillis) {
        return start(host, apiKey, maxQueue, maxQueueBytes, flushTimeoutMillis, DeliveryPolicy.DEFAULT);
    }

    /**
     * Starts a sink delivering to {@code host} with a retry and timeout policy; {@code null} (logged) when it cannot
     * start, so the app goes on.
     */
    public static EventSink start(String host, String apiKey, int maxQueue, long maxQueueBytes, long flushTimeoutMillis,
                                  DeliveryPolicy policy) {
        return start(host, apiKey, maxQueue, maxQueueBytes, flushTimeoutMillis, policy, null);
    }

    /**
     * Like {@link #start(String, String, int, long, long, DeliveryPolicy)}; {@code close} (also at JVM exit) first
     * waits, within its deadline, for {@code callsInFlightEnded} (given the deadline on {@link System#nanoTime()}),
     * so the events of calls still running are admitted and flushed too.
     */
    public static EventSink start(String host, String apiKey, int maxQueue, long maxQueueBytes, long flushTimeoutMillis,
                                  DeliveryPolicy policy, LongPredicate callsInFlightEnded) {
        try {
            PostHogHost.validate(host, LOG);
        } catch (IllegalArgumentException e) {
            LOG.error("bedrock-posthog: {}; events will not be sent", e.getMessage());
            return null;
        }
        try {
            return new PostHogSink(host, apiKey, maxQueue, maxQueueBytes, flushTimeoutMillis, policy, callsInFlightEnded);
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
        replaceDeadWorker();
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
                counters.failed.get(), Math.max(0, counters.pendingBytes.get()), workerRestarts.get(),
                worker == null || worker.isAlive() || closing.get(), counters.lastError);
    }

    @Override
    public void close(long timeoutMillis) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        if (callsInFlightEnded != null) {
            try {
                callsInFlightEnded.test(deadline); // their events are still admitted meanwhile
            } catch (RuntimeException e) {
                // flush what there is
            }
        }
        closed.set(true);
        sender.beginClosing(deadline);
        Thread flusher = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    postHog.shutdown();
                } finally {
                    sender.shutdown();
                }
            }
        }, "bedrock-posthog-flush");
        flusher.setDaemon(true);
        flusher.start();
        try {
            flusher.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            if (flusher.isAlive()) {
                flusher.join(SETTLE_GRACE_MILLIS); // a request cut at the deadline settles its events as failed
            }
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
