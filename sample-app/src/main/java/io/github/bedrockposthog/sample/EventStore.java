package io.github.bedrockposthog.sample;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The captured Bedrock events the local insights are computed from: the newest {@code capacity} of them, in
 * memory. Thread-safe (the capture server adds from its threads while the insights page reads).
 */
public final class EventStore {

    /** How many events the app keeps by default. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final int capacity;
    private final ArrayDeque<InsightEvent> events = new ArrayDeque<>();
    private long added;

    /** A store keeping the newest {@link #DEFAULT_CAPACITY} events. */
    public EventStore() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * A store keeping the newest {@code capacity} events.
     *
     * @param capacity at least 1
     */
    public EventStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Keeps an event, forgetting the oldest one when full.
     *
     * @param event the event
     */
    public synchronized void add(InsightEvent event) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
        added++;
        notifyAll();
    }

    /** @return the kept events, oldest first (a copy) */
    public synchronized List<InsightEvent> snapshot() {
        return List.copyOf(events);
    }

    /** @return how many events were ever added, including forgotten ones */
    public synchronized long added() {
        return added;
    }

    /**
     * Waits until at least {@code count} events were ever added.
     *
     * @param count     the number to wait for
     * @param timeoutMs the longest wait
     * @return true when reached, false on timeout
     * @throws InterruptedException when interrupted
     */
    public synchronized boolean awaitAdded(long count, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (added < count) {
            long leftMs = (deadline - System.nanoTime()) / 1_000_000L;
            if (leftMs <= 0) {
                return false;
            }
            wait(leftMs);
        }
        return true;
    }
}
