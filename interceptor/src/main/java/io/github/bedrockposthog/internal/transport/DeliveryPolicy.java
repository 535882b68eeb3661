package io.github.bedrockposthog.internal.transport;

import javax.net.ssl.SSLSocketFactory;

/**
 * How hard {@link BatchSender} tries: how long a batch may be retried, how many attempts it gets, how long it waits
 * between attempts, and how long one request may take in total. Immutable.
 */
public final class DeliveryPolicy {

    /** Default of {@code POSTHOG_BEDROCK_RETRY_MAX_AGE_MS}: a batch is given up after 10 minutes of retries. */
    public static final long DEFAULT_RETRY_MAX_AGE_MILLIS = 600_000;
    /** Default first backoff. */
    public static final long DEFAULT_FIRST_BACKOFF_MILLIS = 250;
    /** Default backoff cap. */
    public static final long DEFAULT_MAX_BACKOFF_MILLIS = 30_000;
    /** Default total time of one request: DNS, connect, write, read and drain. */
    public static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 30_000;

    /** The production defaults. */
    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(DEFAULT_RETRY_MAX_AGE_MILLIS, 0,
            DEFAULT_FIRST_BACKOFF_MILLIS, DEFAULT_MAX_BACKOFF_MILLIS, DEFAULT_REQUEST_TIMEOUT_MILLIS);

    private final long retryMaxAgeMillis;
    private final int maxAttempts;
    private final long firstBackoffMillis;
    private final long maxBackoffMillis;
    private final long requestTimeoutMillis;
    private final SSLSocketFactory tls;
    private final HostResolver resolver;
    private final long workerIdleMillis;
    private final boolean gzip;

    /**
     * @param retryMaxAgeMillis    how long after its first attempt a batch is still retried
     * @param maxAttempts          most attempts per batch; 0 for no limit but the age
     * @param firstBackoffMillis   first wait between attempts (doubles from there)
     * @param maxBackoffMillis     the longest wait between attempts
     * @param requestTimeoutMillis the longest a single request may take, all phases together
     */
    public DeliveryPolicy(long retryMaxAgeMillis, int maxAttempts, long firstBackoffMillis, long maxBackoffMillis,
                          long requestTimeoutMillis) {
        this(retryMaxAgeMillis, maxAttempts, firstBackoffMillis, maxBackoffMillis, requestTimeoutMillis, null);
    }

    /**
     * Like the other constructor, with the TLS socket factory of https requests ({@code null}: the JVM's default,
     * i.e. its trust store).
     */
    public DeliveryPolicy(long retryMaxAgeMillis, int maxAttempts, long firstBackoffMillis, long maxBackoffMillis,
                          long requestTimeoutMillis, SSLSocketFactory tls) {
        this(retryMaxAgeMillis, maxAttempts, firstBackoffMillis, maxBackoffMillis, requestTimeoutMillis, tls,
                HostResolver.JVM, PostHogSink.DEFAULT_IDLE_MILLIS, false);
    }

    private DeliveryPolicy(long retryMaxAgeMillis, int maxAttempts, long firstBackoffMillis, long maxBackoffMillis,
                           long requestTimeoutMillis, SSLSocketFactory tls, HostResolver resolver,
                           long workerIdleMillis, boolean gzip) {
        this.tls = tls;
        this.gzip = gzip;
        this.workerIdleMillis = Math.max(1, workerIdleMillis);
        this.resolver = resolver == null ? HostResolver.JVM : resolver;
        this.retryMaxAgeMillis = Math.max(1, retryMaxAgeMillis);
        this.maxAttempts = Math.max(0, maxAttempts);
        this.firstBackoffMillis = Math.max(1, firstBackoffMillis);
        this.maxBackoffMillis = Math.max(this.firstBackoffMillis, maxBackoffMillis);
        this.requestTimeoutMillis = Math.max(1, requestTimeoutMillis);
    }

    public long retryMaxAgeMillis() {
        return retryMaxAgeMillis;
    }

    /** 0: no limit but {@link #retryMaxAgeMillis()}. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public long firstBackoffMillis() {
        return firstBackoffMillis;
    }

    public long maxBackoffMillis() {
        return maxBackoffMillis;
    }

    public long requestTimeoutMillis() {
        return requestTimeoutMillis;
    }

    /** The TLS socket factory of https requests, or {@code null} for the JVM's default. */
    public SSLSocketFactory tls() {
        return tls;
    }

    /** How the PostHog host is looked up (within the request deadline). */
    public HostResolver resolver() {
        return resolver;
    }

    /** This policy with another host lookup (tests: a resolver that hangs). */
    public DeliveryPolicy withResolver(HostResolver resolver) {
        return new DeliveryPolicy(retryMaxAgeMillis, maxAttempts, firstBackoffMillis, maxBackoffMillis,
                requestTimeoutMillis, tls, resolver, workerIdleMillis, gzip);
    }

    /** How long the delivery thread (and the shutdown hook) outlive their last work before they end. */
    public long workerIdleMillis() {
        return workerIdleMillis;
    }

    /** This policy with another idle time of the delivery thread. */
    public DeliveryPolicy withWorkerIdle(long millis) {
        return new DeliveryPolicy(retryMaxAgeMillis, maxAttempts, firstBackoffMillis, maxBackoffMillis,
                requestTimeoutMillis, tls, resolver, millis, gzip);
    }

    /** Whether request bodies are gzip-compressed ({@code Content-Encoding: gzip}); plain JSON by default. */
    public boolean gzip() {
        return gzip;
    }

    /** This policy with or without gzip-compressed request bodies. */
    public DeliveryPolicy withGzip(boolean gzip) {
        return new DeliveryPolicy(retryMaxAgeMillis, maxAttempts, firstBackoffMillis, maxBackoffMillis,
                requestTimeoutMillis, tls, resolver, workerIdleMillis, gzip);
    }

    @Override
    public String toString() {
        return "DeliveryPolicy{retryMaxAgeMs=" + retryMaxAgeMillis + ", maxAttempts=" + maxAttempts + ", backoffMs="
                + firstBackoffMillis + ".." + maxBackoffMillis + ", requestTimeoutMs=" + requestTimeoutMillis + ", workerIdleMs=" + workerIdleMillis + ", gzip=" + gzip + '}';
    }
}
