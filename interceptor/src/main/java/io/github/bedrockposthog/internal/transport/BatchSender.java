package io.github.bedrockposthog.internal.transport;

import io.github.bedrockposthog.internal.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLHandshakeException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Delivers events to PostHog's {@code /batch} endpoint: plain JSON or, when the policy asks, gzip; requests kept under {@link #MAX_REQUEST_BYTES} of UTF-8, retries
 * with capped, jittered exponential backoff on connection errors (refused, DNS, timeouts), 5xx, 408 and 429
 * (honouring {@code Retry-After} in seconds or as an HTTP date), no retry on other 4xx (logged, rate-limited),
 * halving on 413. It runs on the sink's delivery thread (a daemon), never on the app's.
 *
 * <p>A batch is retried until it is delivered, its {@link DeliveryPolicy} runs out (maximum age, optional maximum
 * attempts) or the shutdown deadline passes; then it counts as failed and later events go on. A batch answered 500
 * is halved to isolate an event PostHog cannot digest. Meanwhile new calls wait in the sink's queue, whose admission
 * {@link PostHogSink} bounds. Every accepted event ends in exactly one of {@code sent} or {@code failed};
 * each keeps its {@code uuid} across retries, so PostHog deduplicates a batch that arrived but whose answer was lost.
 */
final class BatchSender {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.bedrockposthog.transport");

    /** PostHog accepts ~20 MB a request; stay under 5 MB of uncompressed UTF-8 JSON. */
    static final int MAX_REQUEST_BYTES = 4_500_000;
    static final long DEFAULT_FIRST_BACKOFF_MILLIS = DeliveryPolicy.DEFAULT_FIRST_BACKOFF_MILLIS;
    static final long DEFAULT_MAX_BACKOFF_MILLIS = DeliveryPolicy.DEFAULT_MAX_BACKOFF_MILLIS;
    /** A {@code Retry-After} longer than this is not believed (a misconfigured proxy must not stop delivery). */
    static final long MAX_RETRY_AFTER_MILLIS = 120_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** After its deadline a request's connection is closed again this often until the request ends. */
    private static final long ABORT_REPEAT_MILLIS = 50;
    /** {@code "sent_at":"<instant>","batch":[ ... ]}} around the events. */
    private static final int ENVELOPE_BYTES = 64;
    /** How much of an answer is read to judge it; PostHog's is a few bytes. */
    private static final int ANSWER_BYTES = 4096;
    /** A connection failure, timeout, or reset: retried. */
    static final int CONNECTION_FAILED = -1;
    /** A 2xx whose body is not PostHog's answer (a captive portal, a proxy): retried, not counted as sent. */
    static final int UNEXPECTED_ANSWER = -2;
    /** PostHog answered, but dropped the events over quota: final. */
    static final int QUOTA_LIMITED = -3;

    private final URL batchUrl;
    private final byte[] requestPrefix;
    private final Counters counters;
    private final DeliveryPolicy policy;
    private final long firstBackoffMillis;
    private final long maxBackoffMillis;
    private final int readTimeoutMillis;
    private final RateLimitedLog rejectedLog = new RateLimitedLog(LOG, 60_000);
    private final RateLimitedLog retryLog = new RateLimitedLog(LOG, 60_000);
    private final RateLimitedLog givenUpLog = new RateLimitedLog(LOG, 60_000);
    private final RateLimitedLog redirectLog = new RateLimitedLog(LOG, 60_000);
    private final RateLimitedLog tlsLog = new RateLimitedLog(LOG, 60_000);
    private final Object sleeper = new Object();
    /** Event ids; used by one thread at a time (the delivery thread, then the flush after it ended). */
    private final EventIds ids = new EventIds();
    private final EventTimestamps timestamps = new EventTimestamps();
    private final ScheduledThreadPoolExecutor deadlines = deadlineTimer();
    /** Runs host lookups, which the JDK cannot interrupt, so a hanging resolver holds this thread, not the sender. */
    private final ExecutorService lookups = lookupThread();
    /** The lookup under way; a new attempt waits for it rather than queueing another (sender thread only). */
    private Future<Void> lookup;
    private volatile long closeDeadlineNanos;
    /** The request under way, so the shutdown deadline can cut it. */
    private volatile Abort inFlight;
    private volatile boolean closing;

    /** The counters a sender updates and its sink reads. */
    static final class Counters {
        final AtomicLong pending = new AtomicLong();
        final AtomicLong pendingBytes = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        /** Why the latest delivery attempt failed; {@code null} once one succeeds. Never holds the key. */
        volatile String lastError;

        void settled(int count, long heldBytes, boolean delivered) {
            pending.addAndGet(-count);
            pendingBytes.addAndGet(-heldBytes);
            (delivered ? sent : failed).addAndGet(count);
        }
    }

    /** One serialized event on its way; settled exactly once. */
    private static final class Item {
        final byte[] json;
        final long heldBytes;
        boolean settled;

        Item(byte[] json, long heldBytes) {
            this.json = json;
            this.heldBytes = heldBytes;
        }
    }

    BatchSender(String host, String apiKey, Counters counters) throws IOException {
        this(host, apiKey, counters, DeliveryPolicy.DEFAULT);
    }

    BatchSender(String host, String apiKey, Counters counters, DeliveryPolicy policy) throws IOException {
        this.batchUrl = new URL(host + "/batch/");
        this.requestPrefix = ("{\"api_key\":" + EventJson.quote(apiKey) + ",").getBytes(StandardCharsets.UTF_8);
        this.counters = counters;
        this.policy = policy;
        this.firstBackoffMillis = policy.firstBackoffMillis();
        this.maxBackoffMillis = policy.maxBackoffMillis();
        this.readTimeoutMillis = (int) Math.min(15_000, policy.requestTimeoutMillis());
    }

    private static ScheduledThreadPoolExecutor deadlineTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, new ThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "bedrock-posthog-request-deadline");
                t.setDaemon(true);
                t.setContextClassLoader(null); // holds no app class loader
                return t;
            }
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(5, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true); // no thread while no request runs: nothing pins the class loader
        return timer;
    }

    private static ExecutorService lookupThread() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS,
                new LinkedBlockingQueue<Runnable>(), new ThreadFactory() {
            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "bedrock-posthog-host-lookup");
                t.setDaemon(true);
                t.setContextClassLoader(null);
                return t;
            }
        });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * Looks the PostHog host up within {@code timeoutMillis}, the part of the request deadline DNS may use; the
     * connection then finds the address in the JVM's cache.
     *
     * @return {@code null} once resolved, else why the attempt failed
     */
    private String lookUpHost(long timeoutMillis) {
        final String host = batchUrl.getHost();
        if (lookup == null || lookup.isDone()) {
            lookup = lookups.submit(new Callable<Void>() {
                @Override
                public Void call() throws IOException {
                    policy.resolver().resolve(host);
                    return null;
                }
            });
        }
        long until = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            try {
                lookup.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                return null;
            } catch (InterruptedException e) {
                // This thread is ours: keep the deadline, forget the flag (as pause() does).
            } catch (TimeoutException e) {
                return "DNS lookup of " + host + " (request deadline)";
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                return cause.getClass().getSimpleName() + " to " + host + ":" + batchUrl.getPort();
            }
        }
    }

    /** From now on, give up retrying once {@code deadlineNanos} (on {@link System#nanoTime()}) has passed. */
    void beginClosing(long deadlineNanos) {
        this.closeDeadlineNanos = deadlineNanos;
        this.closing = true;
        try { // a request still under way at the deadline is cut, so its events are settled by then
            deadlines.schedule(new Runnable() {
                @Override
                public void run() {
                    Abort request = inFlight;
                    if (request != null) {
                        request.run();
                    }
                }
            }, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            // the timer is gone: the request deadline still applies
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    /**
     * Renders and delivers what the sink took from its queue (everything queued, possibly thousands of calls after an
     * outage), one request of at most {@link #MAX_REQUEST_BYTES} at a time. Each call's events are rendered and
     * serialized when its request is built, and the call is then let go of, so the bytes of about one request exist
     * beside the calls still waiting, never a second copy of the whole backlog. Each event gets its {@code uuid}
     * here, once: every retry sends the same one, so PostHog deduplicates a batch whose answer was lost.
     */
    void send(List<DeferredEvents> calls) {
        Request request = new Request();
        int next = 0;
        try {
            while (next < calls.size()) {
                DeferredEvents call = calls.get(next);
                calls.set(next++, null); // from here on its bytes are what is retried
                request.render(call);
            }
            request.deliverRest();
        } catch (Throwable t) { // never kill the delivery thread, never leak the admission count
            LOG.warn("bedrock-posthog: unexpected error while sending events: {}", t.getClass().getName());
            request.settleAll();
            settleRest(calls, next);
        }
    }

    /**
     * The request being filled: receives each call's rendered events, serializes them, and delivers a full request
     * before it would pass {@link #MAX_REQUEST_BYTES}.
     */
    private final class Request implements DeferredEvents.Consumer {
        private List<Item> items = new ArrayList<>();
        private int size = requestPrefix.length + ENVELOPE_BYTES;
        /** The call being rendered, and how many of its events came so far. */
        private DeferredEvents call;
        private String timestamp;
        private long timestampMillis;
        private int rendered;
        /** Reused for every event's JSON (this request is filled by one thread). */
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);

        void render(DeferredEvents next) {
            call = next;
            timestampMillis = next.timestampMillis();
            timestamp = timestamps.format(timestampMillis);
            rendered = 0;
            next.render(this);
            settleUnrendered();
            call = null;
        }

        @Override
        public void event(String event, String distinctId, Map<String, Object> properties) {
            if (rendered == call.count()) {
                return; // more than announced: not admitted, not sent
            }
            long held = rendered++ == 0 ? call.heldBytes() : 0L;
            byte[] json;
            try {
                json = EventJson.toJson(ids.next(timestampMillis), timestamp, distinctId, event, properties, buffer);
            } catch (IOException | RuntimeException e) { // not serializable: this event alone is lost
                counters.settled(1, held, false);
                return;
            }
            if (!items.isEmpty() && size + json.length + 1 > MAX_REQUEST_BYTES) {
                deliverRest();
            }
            items.add(new Item(json, held));
            size += json.length + 1;
        }

        /** Delivers what the request holds, and starts an empty one. */
        void deliverRest() {
            List<Item> full = items;
            items = new ArrayList<>();
            size = requestPrefix.length + ENVELOPE_BYTES;
            if (!full.isEmpty()) {
                try {
                    deliver(full);
                } finally {
                    settle(full, false); // a no-op for what deliver settled: only after an unexpected error
                }
            }
        }

        /** A renderer that failed (it counted that) made fewer events than announced: the rest are settled. */
        private void settleUnrendered() {
            if (call != null && rendered < call.count()) {
                counters.settled(call.count() - rendered, rendered == 0 ? call.heldBytes() : 0L, false);
                rendered = call.count();
            }
        }

        /** After an unexpected error: everything held counts as failed. */
        void settleAll() {
            settleUnrendered();
            settle(items, false);
        }
    }

    /** Counts as failed the calls an unexpected error left unsent, from index {@code from}. */
    private void settleRest(List<DeferredEvents> calls, int from) {
        try {
            int count = 0;
            long held = 0;
            for (DeferredEvents call : calls.subList(Math.min(from, calls.size()), calls.size())) {
                if (call != null) {
                    count += call.count();
                    held += call.heldBytes();
                }
            }
            if (count > 0) {
                counters.settled(count, held, false);
            }
        } catch (Throwable ignored) {
            // nothing more can be done without risking the delivery thread
        }
    }

    private void settle(List<Item> items, boolean delivered) {
        int count = 0;
        long held = 0;
        for (Item item : items) {
            if (!item.settled) {
                item.settled = true;
                count++;
                held += item.heldBytes;
            }
        }
        if (count > 0) {
            counters.settled(count, held, delivered);
        }
    }

    /** Delivers one request's events, retrying for at most the policy's maximum age. */
    private void deliver(List<Item> events) {
        deliver(events, System.nanoTime() + policy.retryMaxAgeMillis() * 1_000_000L);
    }

    /**
     * Tries {@code events} until delivered, refused, or out of retries: past {@code giveUpNanos} (the age limit of
     * the batch they came in) or after the policy's most attempts. Parts of a split batch share that limit but each
     * gets one attempt, so the good events of a batch split around a poison event are still sent.
     */
    private void deliver(List<Item> events, long giveUpNanos) {
        int attempt = 0;
        while (true) {
            if (closing && System.nanoTime() - closeDeadlineNanos >= 0) {
                LOG.warn("bedrock-posthog: {} event(s) not delivered before the shutdown deadline", events.size());
                settle(events, false);
                return;
            }
            Outcome outcome = post(events);
            attempt++;
            if (outcome.status >= 200 && outcome.status < 300) {
                counters.lastError = null;
                settle(events, true);
                return;
            }
            boolean expired = System.nanoTime() - giveUpNanos >= 0;
            if (events.size() > 1 && outcome.status == 413) { // too large: halves
                int half = events.size() / 2;
                deliver(events.subList(0, half), giveUpNanos);
                deliver(events.subList(half, events.size()), giveUpNanos);
                return;
            }
            if (events.size() > 1 && splitsOn(outcome.status) && !expired) {
                // Maybe one event PostHog cannot digest: bisect with one attempt per part, so the good parts go
                // now, then retry only the parts that still fail.
                List<List<Item>> left = new ArrayList<>();
                probe(events.subList(0, events.size() / 2), left);
                probe(events.subList(events.size() / 2, events.size()), left);
                for (List<Item> part : left) {
                    deliver(part, giveUpNanos);
                }
                return;
            }
            counters.lastError = outcome.reason;
            if (!retryable(outcome.status)) {
                reject(events.size(), outcome);
                settle(events, false);
                return;
            }
            if (expired || (policy.maxAttempts() > 0 && attempt >= policy.maxAttempts())) {
                givenUpLog.warn("bedrock-posthog: {} event(s) given up after {} attempt(s) ({}); they count as "
                        + "failed and later events are sent", events.size(), attempt, outcome.reason);
                settle(events, false);
                return;
            }
            if (!outcome.explained) {
                retryLog.warn("bedrock-posthog: PostHog not reachable ({}); events stay queued and are retried",
                        outcome.reason);
            }
            long left = Math.max(1, (giveUpNanos - System.nanoTime()) / 1_000_000L);
            pause(Math.min(backoffMillis(attempt - 1, outcome.retryAfterMillis), left));
        }
    }

    /** One attempt at {@code events}, bisecting on answers that may mean a poison event; what still fails goes to {@code left}. */
    private void probe(List<Item> events, List<List<Item>> left) {
        if (closing) {
            left.add(events);
            return;
        }
        Outcome outcome = post(events);
        if (outcome.status >= 200 && outcome.status < 300) {
            settle(events, true);
        } else if (events.size() > 1 && splitsOn(outcome.status)) {
            probe(events.subList(0, events.size() / 2), left);
            probe(events.subList(events.size() / 2, events.size()), left);
        } else if (!retryable(outcome.status) && outcome.status != 413) {
            reject(events.size(), outcome);
            settle(events, false);
        } else {
            left.add(events);
        }
    }

    /**
     * Answers that may come from one event the server cannot digest rather than from an outage: worth splitting the
     * batch to isolate it (502, 503 and 504 are gateways and overload, never the payload).
     */
    static boolean splitsOn(int status) {
        return status == 500 || status == 501 || status >= 505;
    }

    private void reject(int count, Outcome outcome) {
        if (outcome.status >= 300 && outcome.status < 400) {
            redirectLog.error("bedrock-posthog: the PostHog host {} answered {}; redirects are not followed, so {} "
                    + "event(s) are not delivered: set POSTHOG_HOST to the address it redirects to", hostAndPort(),
                    outcome.reason, count);
        } else {
            rejectedLog.warn("bedrock-posthog: PostHog rejected {} event(s) ({}){}; they are not retried", count,
                    outcome.reason, hint(outcome.status));
        }
    }

    private String hostAndPort() {
        return batchUrl.getProtocol() + "://" + batchUrl.getHost() + (batchUrl.getPort() < 0 ? "" : ":" + batchUrl.getPort());
    }

    /** Connection failures, timeouts, 408, 429 and 5xx are worth another try; other statuses are final. */
    static boolean retryable(int status) {
        return status == CONNECTION_FAILED || status == UNEXPECTED_ANSWER || status == 408 || status == 429
                || status >= 500;
    }

    private static String hint(int status) {
        switch (status) {
            case 400:
                return " (payload refused)";
            case 401:
            case 403:
                return " (check the project API key, POSTHOG_API_KEY)";
            case 413:
                return " (an event is too large)";
            case QUOTA_LIMITED:
                return " (the PostHog project is over its quota; PostHog dropped them)";
            default:
                return "";
        }
    }

    /** The wait before retry number {@code attempt} (0-based). */
    long backoffMillis(int attempt, long retryAfterMillis) {
        return backoffMillis(attempt, retryAfterMillis, firstBackoffMillis, maxBackoffMillis);
    }

    /**
     * Exponential from {@code first}, capped at {@code max}, with "equal jitter" (uniform in the upper half of the
     * step) so many processes do not retry in lock-step; never shorter than a believable {@code Retry-After}.
     */
    static long backoffMillis(int attempt, long retryAfterMillis, long first, long max) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        long exponential = first << shift;
        long capped = exponential <= 0 || exponential > max ? max : exponential;
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Math.max(jittered, Math.min(retryAfterMillis, MAX_RETRY_AFTER_MILLIS));
    }

    private void pause(long millis) {
        long until = System.nanoTime() + millis * 1_000_000L;
        synchronized (sleeper) {
            while (true) {
                long now = System.nanoTime();
                long wait = until - now;
                if (closing) {
                    wait = Math.min(wait, closeDeadlineNanos - now);
                    wait = Math.min(wait, 100_000_000L); // retry briskly while the shutdown flush runs
                }
                if (wait <= 0) {
                    return;
                }
                try {
                    sleeper.wait(Math.max(1, wait / 1_000_000L));
                } catch (InterruptedException e) {
                    // This thread is ours: only close() ends it. Keep waiting (no hot retry loop), forget the flag.
                    continue;
                }
                if (closing) {
                    return;
                }
            }
        }
    }

    private Outcome post(List<Item> events) {
        HttpURLConnection connection = null;
        ScheduledFuture<?> watchdog = null;
        Abort abort = null;
        boolean reusable = false;
        try {
            byte[] body = policy.gzip() ? gzip(events) : plain(events);
            long started = System.nanoTime();
            int requestTimeout = timeout((int) Math.min(Integer.MAX_VALUE, policy.requestTimeoutMillis()));
            String unresolved = lookUpHost(requestTimeout);
            if (unresolved != null) {
                return new Outcome(CONNECTION_FAILED, unresolved, 0);
            }
            long left = Math.max(1, requestTimeout - (System.nanoTime() - started) / 1_000_000L);
            connection = (HttpURLConnection) batchUrl.openConnection();
            abort = new Abort(connection);
            inFlight = abort;
            if (policy.tls() != null && connection instanceof HttpsURLConnection) {
                ((HttpsURLConnection) connection).setSSLSocketFactory(policy.tls());
            }
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setUseCaches(false);
            connection.setInstanceFollowRedirects(false); // a redirect is a wrong POSTHOG_HOST, reported as such
            connection.setConnectTimeout(timeout(CONNECT_TIMEOUT_MILLIS));
            connection.setReadTimeout(timeout(readTimeoutMillis));
            connection.setRequestProperty("Content-Type", "application/json");
            if (policy.gzip()) {
                connection.setRequestProperty("Content-Encoding", "gzip");
            }
            connection.setRequestProperty("User-Agent", "bedrock-posthog");
            connection.setFixedLengthStreamingMode(body.length);
            // The whole request (DNS, connect, write, read, drain) within one deadline: a trickling peer cannot hold it.
            watchdog = deadlines.scheduleWithFixedDelay(abort, left, ABORT_REPEAT_MILLIS, TimeUnit.MILLISECONDS);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            byte[] head = new byte[ANSWER_BYTES];
            int length = readAndDrain(in, head, abort);
            long retryAfter = parseRetryAfter(connection.getHeaderField("Retry-After"), System.currentTimeMillis());
            reusable = true;
            if (status >= 300 && status < 400) {
                return new Outcome(status, "HTTP " + status + " redirect to " + hostOf(connection.getHeaderField("Location")), 0);
            }
            if (status >= 200 && status < 300) {
                PostHogAnswer answer = PostHogAnswer.of(head, length);
                if (answer == PostHogAnswer.QUOTA_LIMITED) {
                    return new Outcome(QUOTA_LIMITED, "HTTP " + status + " quota limited", 0);
                }
                if (answer == PostHogAnswer.UNEXPECTED) {
                    reusable = false;
                    return new Outcome(UNEXPECTED_ANSWER, "HTTP " + status + " that is not PostHog's answer ("
                            + connection.getContentType() + ")", 0);
                }
            }
            return new Outcome(status, "HTTP " + status, retryAfter);
        } catch (SSLHandshakeException e) {
            tlsLog.error("bedrock-posthog: TLS with the PostHog host {} failed ({}): is its certificate trusted by this "
                    + "JVM? Give a trust store (javax.net.ssl.trustStore) or BedrockPostHog.builder().sslContext(..); "
                    + "events are retried with backoff", hostAndPort(), e.getClass().getSimpleName());
            return new Outcome(CONNECTION_FAILED, e.getClass().getSimpleName() + " to " + batchUrl.getHost() + ":"
                    + batchUrl.getPort(), 0, true);
        } catch (IOException | RuntimeException e) {
            // The class name and the host only: exception messages are not ours to vouch for.
            return new Outcome(-1, e.getClass().getSimpleName() + " to " + batchUrl.getHost() + ":" + batchUrl.getPort()
                    + (abort != null && abort.fired ? " (request deadline)" : ""), 0);
        } finally {
            inFlight = null;
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            if (connection != null && !reusable) {
                connection.disconnect(); // else kept alive for the next request
            }
        }
    }

    /**
     * Ends a request when its deadline passes (or the shutdown deadline, {@link #beginClosing}): disconnects, which ends
     * a connect, write or header read blocked on it, again every {@value #ABORT_REPEAT_MILLIS} ms until the request ends
     * (a disconnect before the connection has its socket closes nothing); and stops the reading of the answer's body
     * between two reads, never during one (see {@link #run()}). A peer that trickles its answer held a request for
     * minutes on CI three times: the delivery thread waited for the JDK's keep-alive cleaner.
     */
    static final class Abort implements Runnable {
        private final HttpURLConnection connection;
        /** The deadline passed: how the request ended is told as "(request deadline)". */
        volatile boolean fired;
        /** The delivery thread is inside a read of the answer's body. Guarded by this. */
        private boolean reading;

        Abort(HttpURLConnection connection) {
            this.connection = connection;
        }

        /**
         * Past the deadline: disconnects, unless a read of the answer is under way. Once the answer's headers are in,
         * a disconnect hands the connection to the JDK's keep-alive cleaner, which drains the rest of the body on its
         * own thread holding the stream's lock; a read of ours then waits for that drain (200 s from a peer that
         * trickles, seen in a thread dump). So a read under way is left to end by itself (data, or the read timeout),
         * and no read starts after the deadline: {@link #beginRead()}.
         */
        @Override
        public void run() {
            synchronized (this) {
                fired = true;
                if (!reading) {
                    connection.disconnect();
                }
            }
        }

        /** Before each read of the answer: false once the deadline has passed, and then no read may follow. */
        synchronized boolean beginRead() {
            if (fired) {
                return false;
            }
            reading = true;
            return true;
        }

        synchronized void endRead() {
            reading = false;
        }
    }

    private static String hostOf(String location) {
        try {
            return location == null ? "nowhere" : new URL(new URL("http://x/"), location).getHost();
        } catch (IOException e) {
            return "an unreadable location";
        }
    }

    /** Stops the request-deadline timer thread; after {@link #beginClosing} once nothing more is sent. */
    void shutdown() {
        deadlines.shutdownNow();
        lookups.shutdownNow(); // a lookup still hanging ends with the JDK's own resolver timeout
    }

    /** During the shutdown flush no single request may outlive the deadline. */
    private int timeout(int normal) {
        if (!closing) {
            return normal;
        }
        long left = (closeDeadlineNanos - System.nanoTime()) / 1_000_000L;
        return (int) Math.max(1, Math.min(normal, left));
    }

    /** The request body as plain JSON, in one array of its exact size. */
    private byte[] plain(List<Item> events) throws IOException {
        int size = 0;
        for (Item event : events) {
            size += event.json.length + 1;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(requestPrefix.length + ENVELOPE_BYTES + size);
        join(events, bytes);
        return bytes.toByteArray();
    }

    /**
     * The request body, gzipped at {@link Deflater#BEST_SPEED}: on 100 varied events (the golden events,
     * {@code GzipBenchmark}) it takes 2.6x less CPU than the default level 6 (3.1 against 7.9 µs an event) for 15.3% of
     * the JSON's size instead of 11.1%. Even so it is about a third of the delivery thread's CPU, so it is an option.
     */
    private byte[] gzip(List<Item> events) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (GZIPOutputStream gzip = new FastGzip(bytes)) {
            join(events, gzip);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code {"api_key":…,"sent_at":…,"batch":[…]}} with the events' JSON. */
    private void join(List<Item> events, OutputStream out) throws IOException {
        out.write(requestPrefix);
        // Per attempt: PostHog corrects event timestamps of a host with a skewed clock by its own receive time.
        out.write(("\"sent_at\":\"" + Instant.now() + "\",\"batch\":[").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(events.get(i).json);
        }
        out.write("]}".getBytes(StandardCharsets.UTF_8));
    }

    /** A gzip stream that deflates at {@link Deflater#BEST_SPEED}. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 8192);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /**
     * Reads the answer into {@code head} (as much as fits), discards the rest: lets the connection be reused. Every
     * read asks {@code abort} first; past the request deadline it stops with a {@link SocketTimeoutException}.
     */
    private static int readAndDrain(InputStream in, byte[] head, Abort abort) throws IOException {
        if (in == null) {
            return 0;
        }
        int length = 0;
        try (InputStream stream = in) {
            int n;
            while (length < head.length && (n = read(stream, head, length, head.length - length, abort)) >= 0) {
                length += n;
            }
            byte[] buffer = new byte[1024];
            while (read(stream, buffer, 0, buffer.length, abort) >= 0) {
                // discard
            }
        }
        return length;
    }

    private static int read(InputStream stream, byte[] into, int offset, int length, Abort abort) throws IOException {
        if (!abort.beginRead()) {
            throw new SocketTimeoutException("request deadline");
        }
        try {
            return stream.read(into, offset, length);
        } finally {
            abort.endRead();
        }
    }

    /**
     * {@code Retry-After} in milliseconds from now: delay-seconds or an HTTP date; 0 when absent or unreadable.
     */
    static long parseRetryAfter(String header, long nowMillis) {
        if (header == null || header.trim().isEmpty()) {
            return 0;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds <= 0 ? 0 : Math.min(seconds, MAX_RETRY_AFTER_MILLIS) * 1000L;
        } catch (NumberFormatException notSeconds) {
            try {
                long at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Math.max(0, at - nowMillis);
            } catch (DateTimeParseException notADate) {
                return 0;
            }
        }
    }

    private static final class Outcome {
        final int status;
        final String reason;
        final long retryAfterMillis;

        /** Already logged with its own explanation (e.g. TLS): no generic "not reachable" line. */
        final boolean explained;

        Outcome(int status, String reason, long retryAfterMillis) {
            this(status, reason, retryAfterMillis, false);
        }

        Outcome(int status, String reason, long retryAfterMillis, boolean explained) {
            this.explained = explained;
            this.status = status;
            this.reason = reason;
            this.retryAfterMillis = retryAfterMillis;
        }
    }
}
