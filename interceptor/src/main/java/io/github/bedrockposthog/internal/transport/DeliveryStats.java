package io.github.bedrockposthog.internal.transport;

/** A snapshot of delivery counters of one sink. */
public final class DeliveryStats {

    /** All zero. */
    public static final DeliveryStats ZERO = new DeliveryStats(0, 0, 0, 0);

    private final long queued;
    private final long sent;
    private final long dropped;
    private final long failed;
    private final long queuedBytes;
    private final String lastError;

    public DeliveryStats(long queued, long sent, long dropped, long failed) {
        this(queued, sent, dropped, failed, 0);
    }

    public DeliveryStats(long queued, long sent, long dropped, long failed, long queuedBytes) {
        this(queued, sent, dropped, failed, queuedBytes, null);
    }

    public DeliveryStats(long queued, long sent, long dropped, long failed, long queuedBytes, String lastError) {
        this.lastError = lastError;
        this.queued = queued;
        this.sent = sent;
        this.dropped = dropped;
        this.failed = failed;
        this.queuedBytes = queuedBytes;
    }

    /** Events accepted and not yet delivered or given up. */
    public long queued() {
        return queued;
    }

    /** Events PostHog acknowledged. */
    public long sent() {
        return sent;
    }

    /** Events refused at the door because the queue was full (in events or bytes) or the sink closed. */
    public long dropped() {
        return dropped;
    }

    /** Events given up after acceptance (rejected by PostHog, or undeliverable before the shutdown deadline). */
    public long failed() {
        return failed;
    }

    /** Estimated size of the events counted in {@link #queued()} (0 when the sink does not measure it). */
    public long queuedBytes() {
        return queuedBytes;
    }

    /** Why the latest delivery attempt failed (e.g. {@code HTTP 401}), or {@code null} when it succeeded. */
    public String lastError() {
        return lastError;
    }

    @Override
    public String toString() {
        return "DeliveryStats{queued=" + queued + ", sent=" + sent + ", dropped=" + dropped + ", failed=" + failed
                + ", queuedBytes=" + queuedBytes + (lastError == null ? "" : ", lastError=" + lastError) + '}';
    }
}
