package io.github.bedrockposthog.internal.transport;

import com.posthog.java.Sender;
import com.posthog.java.shaded.org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * posthog-java's {@link Sender}, replaced: gzip, requests kept under {@link #MAX_REQUEST_BYTES} of UTF-8, retries
 * with capped, jittered exponential backoff on connection errors (refused, DNS, timeouts), 5xx, 408 and 429
 * (honouring {@code Retry-After} in seconds or as an HTTP date), no retry on other 4xx (logged, rate-limited),
 * halving on 413. It runs on posthog-java's queue thread (a daemon), never on the app's.
 *
 * <p>A batch is retried until it is delivered or the shutdown deadline passes; meanwhile new events wait in
 * posthog-java's queue, whose admission {@link PostHogSink} bounds. Every accepted event ends in exactly one of
 * {@code sent} or {@code failed}; each keeps its {@code uuid} across retries, so PostHog deduplicates a batch that
 * arrived but whose answer was lost.
 *
 * <p>Tuning for tests, read when a sink starts (not a supported configuration): system properties
 * {@code posthog.bedrock.internal.retryBaseMs} (first backoff, default 250), {@code posthog.bedrock.internal.retryMaxMs}
 * (backoff cap, default 30,000) and {@code posthog.bedrock.internal.readTimeoutMs} (default 15,000).
 */
final class BatchSender implements Sender {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.bedrockposthog.transport");

    /** PostHog accepts ~20 MB a request; stay under 5 MB of uncompressed UTF-8 JSON. */
    static final int MAX_REQUEST_BYTES = 4_500_000;
    static final String RETRY_BASE_PROPERTY = "posthog.bedrock.internal.retryBaseMs";
    static final String RETRY_MAX_PROPERTY = "posthog.bedrock.internal.retryMaxMs";
    static final String READ_TIMEOUT_PROPERTY = "posthog.bedrock.internal.readTimeoutMs";
    static final long DEFAULT_FIRST_BACKOFF_MILLIS = 250;
    static final long DEFAULT_MAX_BACKOFF_MILLIS = 30_000;
    /** A {@code Retry-After} longer than this is not believed (a misconfigured proxy must not stop delivery). */
    static final long MAX_RETRY_AFTER_MILLIS = 120_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int DEFAULT_READ_TIMEOUT_MILLIS = 15_000;

    private final URL batchUrl;
    private final byte[] requestPrefix;
    private final Counters counters;
    private final long firstBackoffMillis;
    private final long maxBackoffMillis;
    private final int readTimeoutMillis;
    private final RateLimitedLog rejectedLog = new RateLimitedLog(LOG, 60_000);
    private final RateLimitedLog retryLog = new RateLimitedLog(LOG, 60_000);
    private final Object sleeper = new Object();
    private volatile long closeDeadlineNanos;
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
        this(host, apiKey, counters, longProperty(RETRY_BASE_PROPERTY, DEFAULT_FIRST_BACKOFF_MILLIS),
                longProperty(RETRY_MAX_PROPERTY, DEFAULT_MAX_BACKOFF_MILLIS),
                (int) Math.min(Integer.MAX_VALUE, longProperty(READ_TIMEOUT_PROPERTY, DEFAULT_READ_TIMEOUT_MILLIS)));
    }

    BatchSender(String host, String apiKey, Counters counters, long firstBackoffMillis, long maxBackoffMillis,
                int readTimeoutMillis) throws IOException {
        this.batchUrl = new URL(host + "/batch/");
        this.requestPrefix = ("{\"api_key\":" + JSONObject.quote(apiKey) + ",\"batch\":[").getBytes(StandardCharsets.UTF_8);
        this.counters = counters;
        this.firstBackoffMillis = Math.max(1, firstBackoffMillis);
        this.maxBackoffMillis = Math.max(this.firstBackoffMillis, maxBackoffMillis);
        this.readTimeoutMillis = Math.max(1, readTimeoutMillis);
    }

    private static long longProperty(String name, long fallback) {
        try {
            String value = System.getProperty(name);
            if (value != null) {
                long parsed = Long.parseLong(value.trim());
                if (parsed > 0) {
                    return parsed;
                }
            }
        } catch (RuntimeException e) {
            // unreadable or not a number: the default
        }
        return fallback;
    }

    /** From now on, give up retrying once {@code deadlineNanos} (on {@link System#nanoTime()}) has passed. */
    void beginClosing(long deadlineNanos) {
        this.closeDeadlineNanos = deadlineNanos;
        this.closing = true;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    /**
     * Delivers what posthog-java took from its queue (everything queued, possibly thousands of events after an
     * outage), one request of at most {@link #MAX_REQUEST_BYTES} at a time. Each event is serialized when its request
     * is built and then removed from the list, so the bytes of about one request exist beside the events still
     * waiting as JSON trees, never a second copy of the whole backlog.
     */
    @Override
    public Boolean send(List<JSONObject> events) {
        List<Item> chunk = new ArrayList<>();
        List<Item> full = null;
        boolean removable = true;
        int consumed = 0;
        try {
            int size = requestPrefix.length + 2;
            Iterator<JSONObject> it = events.iterator();
            while (it.hasNext()) {
                JSONObject event = it.next();
                long held = QueuedEvent.heldBytes(event);
                byte[] json;
                try {
                    json = EventJson.toJson(event).getBytes(StandardCharsets.UTF_8);
                } catch (RuntimeException e) { // not serializable: this event alone is lost
                    json = null;
                }
                if (removable) {
                    try {
                        it.remove(); // the JSON tree can go: its bytes are what is retried
                    } catch (RuntimeException unmodifiable) {
                        removable = false;
                    }
                }
                consumed++;
                if (json == null) {
                    counters.settled(1, held, false);
                    continue;
                }
                Item item = new Item(json, held);
                if (!chunk.isEmpty() && size + json.length + 1 > MAX_REQUEST_BYTES) {
                    full = chunk;
                    chunk = new ArrayList<>();
                    chunk.add(item);
                    size = requestPrefix.length + 2 + json.length + 1;
                    deliver(full);
                    full = null;
                } else {
                    chunk.add(item);
                    size += json.length + 1;
                }
            }
            if (!chunk.isEmpty()) {
                deliver(chunk);
            }
        } catch (Throwable t) { // never kill the queue thread, never leak the admission count
            LOG.warn("bedrock-posthog: unexpected error while sending events: {}", t.getClass().getName());
            if (full != null) {
                settle(full, false);
            }
            settle(chunk, false);
            settleRest(events, removable ? 0 : consumed);
        }
        return Boolean.TRUE;
    }

    /** Counts as failed the events an unexpected error left in the list unsent, from index {@code from}. */
    private void settleRest(List<JSONObject> events, int from) {
        try {
            int count = 0;
            long held = 0;
            for (JSONObject event : events.subList(Math.min(from, events.size()), events.size())) {
                count++;
                held += QueuedEvent.heldBytes(event);
            }
            if (count > 0) {
                counters.settled(count, held, false);
            }
        } catch (Throwable ignored) {
            // nothing more can be done without risking the queue thread
        }
    }

    /** Feature flags are not used by the interceptor. */
    @Override
    public JSONObject post(String route, String distinctId) {
        return null;
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

    private void deliver(List<Item> events) {
        int attempt = 0;
        while (true) {
            if (closing && System.nanoTime() - closeDeadlineNanos >= 0) {
                LOG.warn("bedrock-posthog: {} event(s) not delivered before the shutdown deadline", events.size());
                settle(events, false);
                return;
            }
            Outcome outcome = post(events);
            if (outcome.status >= 200 && outcome.status < 300) {
                counters.lastError = null;
                settle(events, true);
                return;
            }
            if (outcome.status == 413 && events.size() > 1) {
                int half = events.size() / 2;
                deliver(events.subList(0, half));
                deliver(events.subList(half, events.size()));
                return;
            }
            counters.lastError = outcome.reason;
            if (!retryable(outcome.status)) {
                rejectedLog.warn("bedrock-posthog: PostHog rejected {} event(s) with HTTP {}{}; they are not retried",
                        events.size(), outcome.status, hint(outcome.status));
                settle(events, false);
                return;
            }
            retryLog.warn("bedrock-posthog: PostHog not reachable ({}); events stay queued and are retried",
                    outcome.reason);
            pause(backoffMillis(attempt, outcome.retryAfterMillis));
            attempt++;
        }
    }

    /** Connection failures, timeouts, 408, 429 and 5xx are worth another try; other statuses are final. */
    static boolean retryable(int status) {
        return status < 0 || status == 408 || status == 429 || status >= 500;
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
                    Thread.currentThread().interrupt();
                    return;
                }
                if (closing) {
                    return;
                }
            }
        }
    }

    private Outcome post(List<Item> events) {
        HttpURLConnection connection = null;
        try {
            byte[] body = gzip(events);
            connection = (HttpURLConnection) batchUrl.openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setUseCaches(false);
            connection.setConnectTimeout(timeout(CONNECT_TIMEOUT_MILLIS));
            connection.setReadTimeout(timeout(readTimeoutMillis));
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setRequestProperty("Content-Encoding", "gzip");
            connection.setRequestProperty("User-Agent", "bedrock-posthog");
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            drain(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
            long retryAfter = parseRetryAfter(connection.getHeaderField("Retry-After"), System.currentTimeMillis());
            return new Outcome(status, "HTTP " + status, retryAfter);
        } catch (IOException | RuntimeException e) {
            // The class name and the host only: exception messages are not ours to vouch for.
            return new Outcome(-1, e.getClass().getSimpleName() + " to " + batchUrl.getHost() + ":" + batchUrl.getPort(), 0);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    /** During the shutdown flush no single request may outlive the deadline. */
    private int timeout(int normal) {
        if (!closing) {
            return normal;
        }
        long left = (closeDeadlineNanos - System.nanoTime()) / 1_000_000L;
        return (int) Math.max(1, Math.min(normal, left));
    }

    private byte[] gzip(List<Item> events) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(requestPrefix);
            for (int i = 0; i < events.size(); i++) {
                if (i > 0) {
                    gzip.write(',');
                }
                gzip.write(events.get(i).json);
            }
            gzip.write("]}".getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void drain(InputStream in) throws IOException {
        if (in == null) {
            return;
        }
        try (InputStream stream = in) {
            byte[] buffer = new byte[1024];
            while (stream.read(buffer) >= 0) {
                // discard: lets the connection be reused
            }
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

        Outcome(int status, String reason, long retryAfterMillis) {
            this.status = status;
            this.reason = reason;
            this.retryAfterMillis = retryAfterMillis;
        }
    }
}
