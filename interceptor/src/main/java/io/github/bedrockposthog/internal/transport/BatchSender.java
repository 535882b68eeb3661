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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * posthog-java's {@link Sender}, replaced: gzip, batches kept under PostHog's request size, retries with
 * capped, jittered backoff on connection errors, 5xx and 429 (honouring {@code Retry-After}), no retry on
 * other 4xx, halving on 413. It runs on posthog-java's queue thread (a daemon), never on the app's.
 *
 * <p>Every accepted event ends in exactly one of {@code sent} or {@code failed}; each keeps its {@code uuid}
 * across retries, so PostHog deduplicates a batch that arrived but whose answer was lost.
 */
final class BatchSender implements Sender {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.bedrockposthog.transport");

    /** PostHog accepts ~20 MB a request; stay well under 5 MB of JSON. */
    static final int MAX_REQUEST_BYTES = 4_500_000;
    private static final long FIRST_BACKOFF_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private final URL batchUrl;
    private final String apiKeyJson;
    private final Counters counters;
    private final RateLimitedLog rejectedLog = new RateLimitedLog(LOG, 60_000);
    private final RateLimitedLog retryLog = new RateLimitedLog(LOG, 60_000);
    private final Object sleeper = new Object();
    private volatile long closeDeadlineNanos;
    private volatile boolean closing;

    /** The counters a sender updates and its sink reads. */
    static final class Counters {
        final AtomicLong pending = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        void settled(int count, boolean delivered) {
            pending.addAndGet(-count);
            (delivered ? sent : failed).addAndGet(count);
        }
    }

    BatchSender(String host, String apiKey, Counters counters) throws IOException {
        this.batchUrl = new URL(host + "/batch/");
        this.apiKeyJson = JSONObject.quote(apiKey);
        this.counters = counters;
    }

    /** From now on, give up retrying once {@code deadlineNanos} (on {@link System#nanoTime()}) has passed. */
    void beginClosing(long deadlineNanos) {
        this.closeDeadlineNanos = deadlineNanos;
        this.closing = true;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
    }

    @Override
    public Boolean send(List<JSONObject> events) {
        try {
            List<String> serialized = new ArrayList<>(events.size());
            for (JSONObject event : events) {
                serialized.add(EventJson.toJson(event));
            }
            int from = 0;
            while (from < serialized.size()) {
                int size = 0;
                int to = from;
                while (to < serialized.size() && (to == from || size + serialized.get(to).length() + 1 <= MAX_REQUEST_BYTES)) {
                    size += serialized.get(to).length() + 1;
                    to++;
                }
                deliver(serialized.subList(from, to));
                from = to;
            }
        } catch (Throwable t) { // never kill the queue thread
            LOG.warn("bedrock-posthog: unexpected error while sending events: {}", t.toString());
        }
        return Boolean.TRUE;
    }

    /** Feature flags are not used by the interceptor. */
    @Override
    public JSONObject post(String route, String distinctId) {
        return null;
    }

    private void deliver(List<String> events) {
        int attempt = 0;
        while (true) {
            if (closing && System.nanoTime() - closeDeadlineNanos >= 0) {
                LOG.warn("bedrock-posthog: {} event(s) not delivered before the shutdown deadline", events.size());
                counters.settled(events.size(), false);
                return;
            }
            Outcome outcome = post(events);
            if (outcome.status >= 200 && outcome.status < 300) {
                counters.settled(events.size(), true);
                return;
            }
            if (outcome.status == 413 && events.size() > 1) {
                int half = events.size() / 2;
                deliver(events.subList(0, half));
                deliver(events.subList(half, events.size()));
                return;
            }
            boolean retryable = outcome.status < 0 || outcome.status == 429 || outcome.status >= 500;
            if (!retryable) {
                rejectedLog.warn("bedrock-posthog: PostHog rejected {} event(s) with HTTP {}: {}",
                        events.size(), outcome.status, outcome.reason);
                counters.settled(events.size(), false);
                return;
            }
            retryLog.warn("bedrock-posthog: PostHog not reachable ({}); events stay queued and are retried",
                    outcome.reason);
            pause(backoffMillis(attempt, outcome.retryAfterMillis));
            attempt++;
        }
    }

    static long backoffMillis(int attempt, long retryAfterMillis) {
        long exponential = FIRST_BACKOFF_MILLIS << Math.min(attempt, 16);
        long capped = Math.min(MAX_BACKOFF_MILLIS, exponential);
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Math.max(jittered, Math.min(retryAfterMillis, MAX_BACKOFF_MILLIS * 2));
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

    private Outcome post(List<String> events) {
        HttpURLConnection connection = null;
        try {
            byte[] body = gzip(events);
            connection = (HttpURLConnection) batchUrl.openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setUseCaches(false);
            connection.setConnectTimeout(timeout(CONNECT_TIMEOUT_MILLIS));
            connection.setReadTimeout(timeout(READ_TIMEOUT_MILLIS));
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setRequestProperty("Content-Encoding", "gzip");
            connection.setRequestProperty("User-Agent", "bedrock-posthog");
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            drain(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
            long retryAfter = parseRetryAfter(connection.getHeaderField("Retry-After"));
            return new Outcome(status, "HTTP " + status, retryAfter);
        } catch (IOException | RuntimeException e) {
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

    private byte[] gzip(List<String> events) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(("{\"api_key\":" + apiKeyJson + ",\"batch\":[").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < events.size(); i++) {
                if (i > 0) {
                    gzip.write(',');
                }
                gzip.write(events.get(i).getBytes(StandardCharsets.UTF_8));
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

    static long parseRetryAfter(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim())) * 1000L;
        } catch (NumberFormatException e) {
            return 0;
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
