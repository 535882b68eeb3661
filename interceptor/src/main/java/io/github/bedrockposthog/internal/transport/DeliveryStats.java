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
    private final long workerRestarts;
    private final boolean workerAlive;
    private final long internalErrors;
    private final String lastError;

    public DeliveryStats(long queued, long sent, long dropped, long failed) {
        this(queued, sent, dropped, failed, 0);
    }

    public DeliveryStats(long queued, long sent, long dropped, long failed, long queuedBytes) {
        this(queued, sent, dropped, failed, queuedBytes, 0, true);
    }

    public DeliveryStats(long queued, long sent, long dropped, long failed, long queuedBytes, long workerRestarts,
                         boolean workerAlive) {
        this(queued, sent, dropped, failed, queuedBytes, workerRestarts, workerAlive, null);
    }

    public DeliveryStats(long queued, long sent, long dropped, long failed, long queuedBytes, long workerRestarts,
                         boolean workerAlive, String lastError) {
        this(queued, sent, dropped, failed, queuedBytes, workerRestarts, workerAlive, lastError, 0);
    }

    private DeliveryStats(long queued, long sent, long dropped, long failed, long queuedBytes, long workerRestarts,
                          boolean workerAlive, String lastError, long internalErrors) {
        this.internalErrors = internalErrors;
        this.workerRestarts = workerRestarts;
        this.workerAlive = workerAlive;
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

    /** These counters with {@code internalErrors} hook failures. */
    public DeliveryStats withInternalErrors(long internalErrors) {
        return new DeliveryStats(queued, sent, dropped, failed, queuedBytes, workerRestarts, workerAlive, lastError,
                internalErrors);
    }

    /** Hook failures (caught); each is a call that could not be reported. */
    public long internalErrors() {
        return internalErrors;
    }

    /** How often a dead delivery thread was replaced. */
    public long workerRestarts() {
        return workerRestarts;
    }

    /** False when the delivery thread is found dead and not yet replaced (it is replaced at the next event). */
    public boolean workerAlive() {
        return workerAlive;
    }

    /** Why the latest delivery attempt failed (e.g. {@code HTTP 401}), or {@code null} when it succeeded. */
    public String lastError() {
        return lastError;
    }

    @Override
    public String toString() {
        return "DeliveryStats{queued=" + queued + ", sent=" + sent + ", dropped=" + dropped + ", failed=" + failed
                + ", queuedBytes=" + queuedBytes + (workerRestarts > 0 ? ", workerRestarts=" + workerRestarts : "")
                + (workerAlive ? "" : ", workerAlive=false") + (internalErrors > 0 ? ", internalErrors=" + internalErrors : "")
                + (lastError == null ? "" : ", lastError=" + lastError) + '}';
    }
}
