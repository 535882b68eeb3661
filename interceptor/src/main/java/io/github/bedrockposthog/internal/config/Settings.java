package io.github.bedrockposthog.internal.config;

import io.github.bedrockposthog.EventSchema;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Immutable configuration of one pipeline. Resolution order: builder values, then system properties, then
 * environment variables, then defaults ({@link #resolve}).
 */
public final class Settings {

    /** PostHog's US cloud, where the tutorial sends events. */
    public static final String DEFAULT_HOST = "https://us.i.posthog.com";

    /** One configuration key: its environment variable and its system property. */
    public enum Key {
        API_KEY("POSTHOG_API_KEY", "posthog.apiKey"),
        HOST("POSTHOG_HOST", "posthog.host"),
        ENABLED("POSTHOG_BEDROCK_ENABLED", "posthog.bedrock.enabled"),
        PRIVACY_MODE("POSTHOG_BEDROCK_PRIVACY_MODE", "posthog.bedrock.privacyMode"),
        PRICES("POSTHOG_BEDROCK_PRICES", "posthog.bedrock.prices"),
        DISTINCT_ID("POSTHOG_BEDROCK_DISTINCT_ID", "posthog.bedrock.distinctId"),
        FLUSH_TIMEOUT_MS("POSTHOG_BEDROCK_FLUSH_TIMEOUT_MS", "posthog.bedrock.flushTimeoutMs"),
        MAX_QUEUE("POSTHOG_BEDROCK_MAX_QUEUE", "posthog.bedrock.maxQueue"),
        MAX_QUEUE_BYTES("POSTHOG_BEDROCK_MAX_QUEUE_BYTES", "posthog.bedrock.maxQueueBytes"),
        MAX_TEXT_CHARS("POSTHOG_BEDROCK_MAX_TEXT_CHARS", "posthog.bedrock.maxTextChars"),
        CAPTURE_STACK("POSTHOG_BEDROCK_CAPTURE_STACK", "posthog.bedrock.captureStack"),
        EVENTS("POSTHOG_BEDROCK_EVENTS", "posthog.bedrock.events"),
        // Delivery (retries and deadlines), see docs/RELIABILITY.md
        RETRY_MAX_AGE_MS("POSTHOG_BEDROCK_RETRY_MAX_AGE_MS", "posthog.bedrock.retryMaxAgeMs"),
        RETRY_MAX_ATTEMPTS("POSTHOG_BEDROCK_RETRY_MAX_ATTEMPTS", "posthog.bedrock.retryMaxAttempts"),
        RETRY_BACKOFF_MS("POSTHOG_BEDROCK_RETRY_BACKOFF_MS", "posthog.bedrock.retryBackoffMs"),
        RETRY_BACKOFF_MAX_MS("POSTHOG_BEDROCK_RETRY_BACKOFF_MAX_MS", "posthog.bedrock.retryBackoffMaxMs"),
        REQUEST_TIMEOUT_MS("POSTHOG_BEDROCK_REQUEST_TIMEOUT_MS", "posthog.bedrock.requestTimeoutMs"),
        GZIP("POSTHOG_BEDROCK_GZIP", "posthog.bedrock.gzip"),
        WORKER_IDLE_MS("POSTHOG_BEDROCK_WORKER_IDLE_MS", "posthog.bedrock.workerIdleMs");

        private final String environmentVariable;
        private final String systemProperty;

        Key(String environmentVariable, String systemProperty) {
            this.environmentVariable = environmentVariable;
            this.systemProperty = systemProperty;
        }

        public String environmentVariable() {
            return environmentVariable;
        }

        public String systemProperty() {
            return systemProperty;
        }
    }

    private final String apiKey;
    private final String host;
    private final boolean enabled;
    private final boolean privacyMode;
    private final String pricesPath;
    private final String defaultDistinctId;
    private final long flushTimeoutMillis;
    private final int maxQueue;
    private final long maxQueueBytes;
    private final int maxTextChars;
    private final boolean captureStack;
    private final EventSchema events;
    private final Delivery delivery;

    private Settings(String apiKey, String host, boolean enabled, boolean privacyMode, String pricesPath,
                     String defaultDistinctId, long flushTimeoutMillis, int maxQueue, long maxQueueBytes,
                     int maxTextChars, boolean captureStack, EventSchema events, Delivery delivery) {
        this.apiKey = apiKey;
        this.host = host;
        this.enabled = enabled;
        this.privacyMode = privacyMode;
        this.pricesPath = pricesPath;
        this.defaultDistinctId = defaultDistinctId;
        this.flushTimeoutMillis = flushTimeoutMillis;
        this.maxQueue = maxQueue;
        this.maxQueueBytes = maxQueueBytes;
        this.maxTextChars = maxTextChars;
        this.captureStack = captureStack;
        this.events = events;
        this.delivery = delivery;
    }

    /** Settings of the zero-code interceptor: system properties, then environment. */
    public static Settings fromEnvironment() {
        return resolve(java.util.Collections.<Key, String>emptyMap(), System::getProperty, System::getenv);
    }

    /**
     * Resolves every key: an explicit value (from the builder) wins, then the system property, then the
     * environment variable. Values that do not parse fall back to the default.
     */
    public static Settings resolve(Map<Key, String> explicit, Function<String, String> systemProperties,
                                   Function<String, String> environment) {
        Function<Key, String> value = key -> {
            String v = explicit.get(key);
            if (isBlank(v)) {
                v = safe(systemProperties, key.systemProperty());
            }
            if (isBlank(v)) {
                v = safe(environment, key.environmentVariable());
            }
            return isBlank(v) ? null : v.trim();
        };
        String host = value.apply(Key.HOST);
        return new Settings(
                value.apply(Key.API_KEY),
                stripTrailingSlash(host == null ? DEFAULT_HOST : host),
                bool(value.apply(Key.ENABLED), true),
                bool(value.apply(Key.PRIVACY_MODE), false),
                value.apply(Key.PRICES),
                value.apply(Key.DISTINCT_ID),
                positiveLong(value.apply(Key.FLUSH_TIMEOUT_MS), 5_000L),
                (int) Math.min(Integer.MAX_VALUE, positiveLong(value.apply(Key.MAX_QUEUE), 10_000L)),
                positiveLong(value.apply(Key.MAX_QUEUE_BYTES), 64L * 1024 * 1024),
                (int) Math.min(Integer.MAX_VALUE, positiveLong(value.apply(Key.MAX_TEXT_CHARS), 200_000L)),
                bool(value.apply(Key.CAPTURE_STACK), true),
                eventSchema(value.apply(Key.EVENTS)),
                new Delivery(positiveLong(value.apply(Key.RETRY_MAX_AGE_MS), Delivery.DEFAULT_RETRY_MAX_AGE_MS),
                        (int) Math.min(Integer.MAX_VALUE, positiveLong(value.apply(Key.RETRY_MAX_ATTEMPTS), 0L)),
                        positiveLong(value.apply(Key.RETRY_BACKOFF_MS), 250L),
                        positiveLong(value.apply(Key.RETRY_BACKOFF_MAX_MS), 30_000L),
                        positiveLong(value.apply(Key.REQUEST_TIMEOUT_MS), 30_000L),
                        positiveLong(value.apply(Key.WORKER_IDLE_MS), Delivery.DEFAULT_WORKER_IDLE_MS),
                        bool(value.apply(Key.GZIP), false)));
    }

    /** {@code bedrock}, {@code ai} or {@code both} in any case; anything else is the default, {@code bedrock}. */
    private static EventSchema eventSchema(String v) {
        if (v == null) {
            return EventSchema.BEDROCK;
        }
        String s = v.toLowerCase(Locale.ROOT);
        return s.equals("ai") ? EventSchema.AI : s.equals("both") ? EventSchema.BOTH : EventSchema.BEDROCK;
    }

    private static String safe(Function<String, String> source, String name) {
        try {
            return source.apply(name);
        } catch (RuntimeException e) { // a SecurityManager may refuse: treat as unset
            return null;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.trim().isEmpty();
    }

    private static String stripTrailingSlash(String host) {
        String h = host;
        while (h.endsWith("/")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    private static boolean bool(String v, boolean fallback) {
        if (v == null) {
            return fallback;
        }
        String s = v.toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("1") || s.equals("yes") || s.equals("on")) {
            return true;
        }
        if (s.equals("false") || s.equals("0") || s.equals("no") || s.equals("off")) {
            return false;
        }
        return fallback;
    }

    private static long positiveLong(String v, long fallback) {
        if (v == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(v);
            return parsed > 0 ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The PostHog project API key, or {@code null}: then nothing is sent. */
    public String apiKey() {
        return apiKey;
    }

    /** Base URL of PostHog, without a trailing slash. */
    public String host() {
        return host;
    }

    /** False when switched off by configuration. */
    public boolean enabled() {
        return enabled;
    }

    /** Whether events are sent at all: enabled and an API key is known. */
    public boolean active() {
        return enabled && apiKey != null;
    }

    /** True: no prompt, generation or error text leaves the process. */
    public boolean privacyMode() {
        return privacyMode;
    }

    /** Path of the user's price file, or {@code null}. */
    public String pricesPath() {
        return pricesPath;
    }

    /** Distinct id for calls made outside any scope, or {@code null}. */
    public String defaultDistinctId() {
        return defaultDistinctId;
    }

    /** How long a flush on close or JVM exit may wait. */
    public long flushTimeoutMillis() {
        return flushTimeoutMillis;
    }

    /** Most events waiting for delivery; beyond it new events are dropped and counted. */
    public int maxQueue() {
        return maxQueue;
    }

    /** Most estimated bytes of events waiting for delivery (default 64 MiB); beyond it new events are dropped. */
    public long maxQueueBytes() {
        return maxQueueBytes;
    }

    /** Longest text (prompt, generation) kept per property. */
    public int maxTextChars() {
        return maxTextChars;
    }

    /** Whether {@code error_stack} is sent. */
    public boolean captureStack() {
        return captureStack;
    }

    /** Which events each call produces ({@code POSTHOG_BEDROCK_EVENTS}: bedrock, ai, both). */
    public EventSchema events() {
        return events;
    }

    /** Retry and deadline settings of delivery. */
    public Delivery delivery() {
        return delivery;
    }

    /** How delivery retries and how long a request may take. */
    public static final class Delivery {
        /** Default of {@code POSTHOG_BEDROCK_RETRY_MAX_AGE_MS}: 10 minutes. */
        public static final long DEFAULT_RETRY_MAX_AGE_MS = 600_000L;
        /** Default of {@code POSTHOG_BEDROCK_WORKER_IDLE_MS}: 30 seconds. */
        public static final long DEFAULT_WORKER_IDLE_MS = 30_000L;

        private final long retryMaxAgeMillis;
        private final int retryMaxAttempts;
        private final long retryBackoffMillis;
        private final long retryBackoffMaxMillis;
        private final long requestTimeoutMillis;
        private final long workerIdleMillis;
        private final boolean gzip;

        Delivery(long retryMaxAgeMillis, int retryMaxAttempts, long retryBackoffMillis, long retryBackoffMaxMillis,
                 long requestTimeoutMillis, long workerIdleMillis, boolean gzip) {
            this.workerIdleMillis = workerIdleMillis;
            this.gzip = gzip;
            this.retryMaxAgeMillis = retryMaxAgeMillis;
            this.retryMaxAttempts = retryMaxAttempts;
            this.retryBackoffMillis = retryBackoffMillis;
            this.retryBackoffMaxMillis = retryBackoffMaxMillis;
            this.requestTimeoutMillis = requestTimeoutMillis;
        }

        /** How long after its first attempt a batch is still retried. */
        public long retryMaxAgeMillis() {
            return retryMaxAgeMillis;
        }

        /** Most attempts per batch; 0 for no limit but the age. */
        public int retryMaxAttempts() {
            return retryMaxAttempts;
        }

        /** First wait between attempts; it doubles up to {@link #retryBackoffMaxMillis()}. */
        public long retryBackoffMillis() {
            return retryBackoffMillis;
        }

        /** Longest wait between attempts. */
        public long retryBackoffMaxMillis() {
            return retryBackoffMaxMillis;
        }

        /** Longest time one request to PostHog may take, DNS to the end of the answer. */
        public long requestTimeoutMillis() {
            return requestTimeoutMillis;
        }

        /**
         * How long the delivery thread and the shutdown hook outlive their last work (an event or a call in flight);
         * then they end, and the next call starts them again.
         */
        public long workerIdleMillis() {
            return workerIdleMillis;
        }

        /**
         * Whether requests to PostHog are gzip-compressed ({@code POSTHOG_BEDROCK_GZIP}, default false): about 15% of
         * the bytes, for about 40% more CPU on the delivery thread (BENCHMARKS.md).
         */
        public boolean gzip() {
            return gzip;
        }

        @Override
        public String toString() {
            return "gzip=" + gzip + ", workerIdleMs=" + workerIdleMillis + ", retryMaxAgeMs=" + retryMaxAgeMillis + ", retryMaxAttempts=" + retryMaxAttempts + ", retryBackoffMs="
                    + retryBackoffMillis + ".." + retryBackoffMaxMillis + ", requestTimeoutMs=" + requestTimeoutMillis;
        }
    }

    @Override
    public String toString() { // never the key itself
        return "Settings{host=" + host + ", apiKey=" + (apiKey == null ? "unset" : "set") + ", enabled=" + enabled
                + ", privacyMode=" + privacyMode + ", prices=" + pricesPath + ", flushTimeoutMs=" + flushTimeoutMillis
                + ", maxQueue=" + maxQueue + ", maxQueueBytes=" + maxQueueBytes + ", maxTextChars=" + maxTextChars + ", captureStack=" + captureStack
                + ", events=" + events + ", " + delivery + '}';
    }
}
