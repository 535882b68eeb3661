package io.github.bedrockposthog.internal.transport;

import io.github.bedrockposthog.internal.json.JsonSize;
import io.github.bedrockposthog.internal.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * The default sink: a queue of the calls' {@link DeferredEvents}, drained by our own delivery thread, which renders
 * each call's events and sends them through our {@link BatchSender}; an admission bound in front of it, and a JVM
 * shutdown hook that flushes within a deadline.
 *
 * <p>Admission is bounded twice: at most {@code maxQueue} events and at most {@code maxQueueBytes} of estimated heap
 * are waiting at any time (the batch being retried included). Beyond either bound a new event is dropped, counted,
 * and reported in a rate-limited WARN. {@link #send} only appends to an in-memory queue: no rendering, no I/O and no
 * waiting on the caller's thread.
 *
 * <p>The delivery thread (a daemon) and the shutdown hook exist only while there is work: an event queued or being
 * sent, or a Bedrock call in flight. After {@code idleMillis} without any, the thread ends and the hook is removed;
 * the next call or event starts them again. So nothing of this sink (and of the class loader that loaded it) stays
 * reachable from a thread or the JVM's hook list once it is idle: a webapp redeployed without closing its
 * configuration, or a configuration built and never closed, can be garbage collected.
 */
public final class PostHogSink implements EventSink {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.bedrockposthog.transport");
    /** Default of {@code POSTHOG_BEDROCK_MAX_QUEUE_BYTES}. */
    public static final long DEFAULT_MAX_QUEUE_BYTES = 64L * 1024 * 1024;
    /** Default of {@code POSTHOG_BEDROCK_WORKER_IDLE_MS}: how long the delivery thread outlives its last work. */
    public static final long DEFAULT_IDLE_MILLIS = 30_000;
    /** A batch leaves when this many events wait, or {@link #MAX_MILLIS_IN_QUEUE} after the previous one. */
    private static final int BATCH_SIZE = 100;
    private static final long MAX_MILLIS_IN_QUEUE = 500;
    /** How often the delivery thread looks at the queue (a full batch wakes it at once). */
    private static final long POLL_MILLIS = 50;
    /** After the flush deadline, how long close() lets a cut request count its events as failed. */
    private static final long SETTLE_GRACE_MILLIS = 250;
    /** Per-event heap beyond its JSON text: the map, the name strings. */
    private static final long EVENT_OVERHEAD_BYTES = 1024;
    /** Per-property heap beyond its JSON text: a map entry, a key string, a boxed value. */
    private static final long PROPERTY_OVERHEAD_BYTES = 100;

    /** Calls waiting for the delivery thread; guarded by itself. */
    private final ArrayDeque<DeferredEvents> queue = new ArrayDeque<>();
    private final Object lock = new Object();
    /** The delivery thread, {@code null} while idle (or before the first call). */
    private volatile Thread worker;
    /** Guarded by {@link #lock}. */
    private boolean hookRegistered;
    private final AtomicLong workerRestarts = new AtomicLong();
    /** Set when the delivery thread ended abnormally; cleared when a new one takes over. */
    private volatile boolean workerDied;
    private final BatchSender sender;
    private final BatchSender.Counters counters = new BatchSender.Counters();
    private final int maxQueue;
    private final long maxQueueBytes;
    private final long flushTimeoutMillis;
    private final long idleMillis;
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
        this.idleMillis = policy.workerIdleMillis();
        this.sender = new BatchSender(host, apiKey, counters, policy);
        this.shutdownHook = new Thread(new Runnable() {
            @Override
            public void run() {
                close(PostHogSink.this.flushTimeoutMillis);
            }
        }, "bedrock-posthog-shutdown-flush");
        this.shutdownHook.setContextClassLoader(null);
    }

    /**
     * Starts the delivery thread (and registers the shutdown hook) unless it runs. The common case, a running
     * thread, is one volatile read.
     */
    private void ensureWorker() {
        if (worker != null) {
            return;
        }
        synchronized (lock) {
            if (worker != null || closing.get()) {
                return;
            }
            if (workerDied) {
                workerDied = false;
                workerRestarts.incrementAndGet();
                LOG.warn("bedrock-posthog: the delivery thread had stopped unexpectedly; a new one took over");
            }
            Thread t = new Thread(new Delivery(), "bedrock-posthog-delivery");
            t.setDaemon(true); // never keeps the JVM alive
            t.setContextClassLoader(null); // holds no app class loader
            worker = t;
            if (!hookRegistered) {
                try {
                    Runtime.getRuntime().addShutdownHook(shutdownHook);
                    hookRegistered = true;
                } catch (IllegalStateException | SecurityException e) {
                    // the JVM is already shutting down (its hooks run): nothing to register
                }
            }
            t.start();
        }
    }

    /** Whether a Bedrock call has begun and not yet handed its event over. */
    private boolean callsInFlight() {
        try {
            return callsInFlightEnded != null && !callsInFlightEnded.test(System.nanoTime());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The delivery thread's loop: a batch every {@value #MAX_MILLIS_IN_QUEUE} ms, or as soon as {@value #BATCH_SIZE}
     * events wait; ends when the sink closes (close() sends what is left) or after {@code idleMillis} without work.
     * Interrupts are ignored: only close() or idleness end it.
     */
    private final class Delivery implements Runnable {
        @Override
        public void run() {
            boolean ended = false;
            try {
                long lastBatch = System.nanoTime();
                long lastWork = lastBatch;
                while (!closing.get()) {
                    if (waiting() < BATCH_SIZE) {
                        LockSupport.parkNanos(this, POLL_MILLIS * 1_000_000L); // or until a batch is full
                    }
                    Thread.interrupted(); // this thread is ours: keep delivering, forget the flag
                    long now = System.nanoTime();
                    int waiting = waiting();
                    if (waiting >= BATCH_SIZE || (waiting > 0 && now - lastBatch >= MAX_MILLIS_IN_QUEUE * 1_000_000L)) {
                        sendAll(); // rendering, and retries (within the policy), happen in here, on this thread
                        lastBatch = System.nanoTime();
                        lastWork = lastBatch;
                    } else if (waiting > 0 || callsInFlight()) {
                        lastWork = now;
                    } else if (now - lastWork >= idleMillis * 1_000_000L && retire()) {
                        ended = true;
                        return;
                    }
                }
                ended = true;
            } catch (Throwable t) {
                LOG.warn("bedrock-posthog: the delivery thread stopped: {}", t.getClass().getName());
            } finally {
                if (!ended) {
                    synchronized (lock) {
                        if (worker == Thread.currentThread()) {
                            worker = null;
                            workerDied = true;
                        }
                    }
                }
            }
        }

        /**
         * Ends this thread and removes the shutdown hook while there is no work. An event or call that came in the
         * meantime is seen by the check after {@code worker = null} or by its own {@link #ensureWorker()}.
         *
         * @return whether the thread may end
         */
        private boolean retire() {
            synchronized (lock) {
                if (closing.get()) {
                    return true;
                }
                worker = null;
                if (hookRegistered) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(shutdownHook);
                        hookRegistered = false;
                    } catch (IllegalStateException | SecurityException e) {
                        // shutting down: the hook runs and closes the sink
                    }
                }
            }
            if (waiting() > 0 || callsInFlight()) {
                ensureWorker(); // work arrived while retiring: a new thread (or one started already) takes it
            }
            return true;
        }
    }

    /** Whether the delivery thread runs now (it does not while idle). */
    boolean deliveryThreadRunning() {
        Thread t = worker;
        return t != null && t.isAlive();
    }

    /** A Bedrock call began: the delivery thread and the shutdown hook stay until its event is delivered. */
    @Override
    public void callStarted() {
        ensureWorker();
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

    /** Calls waiting in the queue (not yet taken by the delivery thread). */
    private int waiting() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** Takes everything queued and renders and delivers it, on the calling (delivery or flush) thread. */
    private void sendAll() {
        List<DeferredEvents> taken;
        synchronized (queue) {
            taken = new ArrayList<>(queue);
            queue.clear();
        }
        if (!taken.isEmpty()) {
            sender.send(taken);
        }
    }

    /** Admits one event, rendered already (its timestamp: now), or drops it. */
    @Override
    public boolean send(String event, String distinctId, Map<String, Object> properties) {
        return send(new Rendered(event, distinctId, properties, heldBytes(event, distinctId, properties),
                System.currentTimeMillis()));
    }

    /** Admits a call's events, rendered later on the delivery thread, or drops them. */
    @Override
    public boolean send(DeferredEvents events) {
        int count = events.count();
        if (count <= 0) {
            return true;
        }
        if (closed.get()) {
            counters.dropped.addAndGet(count);
            return false;
        }
        long bytes = events.heldBytes();
        if (counters.pending.addAndGet(count) > maxQueue) {
            counters.pending.addAndGet(-count);
            return drop(count, maxQueue + " events");
        }
        if (counters.pendingBytes.addAndGet(bytes) > maxQueueBytes) {
            counters.pending.addAndGet(-count);
            counters.pendingBytes.addAndGet(-bytes);
            return drop(count, maxQueueBytes + " bytes");
        }
        try {
            int waiting;
            synchronized (queue) {
                queue.add(events);
                waiting = queue.size();
            }
            ensureWorker();
            if (waiting == BATCH_SIZE) {
                // A full batch goes now rather than at the next poll: calls wait for milliseconds, not for tens of
                // them, so under load fewer survive into the garbage collector's older spaces.
                Thread t = worker;
                if (t != null) {
                    LockSupport.unpark(t);
                }
            }
            return true;
        } catch (RuntimeException e) {
            counters.settled(count, bytes, false);
            return false;
        }
    }

    /** An event made before it was handed over. */
    private static final class Rendered extends DeferredEvents {
        private final String event;
        private final String distinctId;
        private final Map<String, Object> properties;

        Rendered(String event, String distinctId, Map<String, Object> properties, long heldBytes, long timestampMillis) {
            super(heldBytes, timestampMillis);
            this.event = event;
            this.distinctId = distinctId;
            this.properties = properties;
        }

        @Override
        public int count() {
            return 1;
        }

        @Override
        public void render(Consumer out) {
            out.event(event, distinctId, properties);
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

    private boolean drop(int count, String bound) {
        long dropped = counters.dropped.addAndGet(count);
        droppedLog.warn("bedrock-posthog: delivery queue full ({}; PostHog unreachable or slow?); new events are "
                + "dropped ({} dropped so far)", bound, dropped);
        return false;
    }

    @Override
    public DeliveryStats stats() {
        return new DeliveryStats(Math.max(0, counters.pending.get()), counters.sent.get(), counters.dropped.get(),
                counters.failed.get(), Math.max(0, counters.pendingBytes.get()), workerRestarts.get(),
                !workerDied, counters.lastError);
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
                    Thread running = worker;
                    if (running != null) {
                        running.join(); // it sees closing, ends its batch (retries give up at the deadline)
                    }
                    sendAll(); // what is left, within the deadline
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    sender.shutdown();
                }
            }
        }, "bedrock-posthog-flush");
        flusher.setDaemon(true);
        flusher.setContextClassLoader(null);
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
            synchronized (lock) {
                if (hookRegistered) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(shutdownHook);
                        hookRegistered = false;
                    } catch (IllegalStateException e) {
                        // the JVM is already shutting down
                    }
                }
            }
        }
        long left = counters.pending.get();
        if (left > 0) {
            LOG.warn("bedrock-posthog: {} event(s) still undelivered after the {} ms flush deadline", left, timeoutMillis);
        }
    }
}
