package io.github.bedrockposthog.spring;

import io.github.bedrockposthog.EventSchema;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The {@code posthog.*} application properties. Every value left unset falls back to the interceptor's own
 * system property or environment variable (e.g. {@code POSTHOG_BEDROCK_FLUSH_TIMEOUT_MS}), then its default. Spring's
 * relaxed binding already maps {@code POSTHOG_API_KEY} to {@code posthog.api-key}, with Spring's precedence.
 */
@ConfigurationProperties(prefix = "posthog")
public class BedrockPostHogProperties {

    /** PostHog project API key (phc_...). Without one, Bedrock calls are not reported. */
    private String apiKey;

    /** PostHog host, e.g. https://eu.i.posthog.com (default https://us.i.posthog.com). */
    private String host;

    /** How Bedrock calls are reported. */
    private final Bedrock bedrock = new Bedrock();

    /**
     * The PostHog project API key.
     *
     * @return the key, or {@code null} when unset
     */
    public String getApiKey() {
        return apiKey;
    }

    /**
     * Sets the PostHog project API key.
     *
     * @param apiKey the key
     */
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    /**
     * The PostHog host.
     *
     * @return the host URL, or {@code null} when unset
     */
    public String getHost() {
        return host;
    }

    /**
     * Sets the PostHog host.
     *
     * @param host the host URL
     */
    public void setHost(String host) {
        this.host = host;
    }

    /**
     * The {@code posthog.bedrock.*} properties.
     *
     * @return the nested properties
     */
    public Bedrock getBedrock() {
        return bedrock;
    }

    /** The {@code posthog.bedrock.*} properties. */
    public static class Bedrock {

        /** Whether Bedrock calls are reported at all (default true). */
        private Boolean enabled;

        /** True: no prompt, generation or error text leaves the process (default false). */
        private Boolean privacyMode;

        /** Which events each call produces: bedrock (bedrock_completion / bedrock_error, default), ai ($ai_generation) or both. */
        private EventSchema events;

        /** Path of a JSON price file overriding or adding prices (USD per 1M tokens). */
        private String prices;

        /** Distinct id of calls that no scope, attribute, requestMetadata or user resolver attributes. */
        private String distinctId;

        /** Most events waiting for delivery (default 10000); beyond it new events are dropped and counted. */
        private Integer maxQueue;

        /** Longest wait of the flush when the context closes and at JVM exit (default 5s). */
        private Duration flushTimeout;

        /** Whether error_stack is sent with bedrock_error (default true). */
        private Boolean captureStack;

        /** Longest prompt or generation kept per event, in characters (default 200000). */
        private Integer maxTextChars;

        /** Whether requests to PostHog are gzip-compressed (default false: plain JSON, less CPU, more bytes). */
        private Boolean gzip;

        /**
         * Whether Bedrock calls are reported.
         *
         * @return the value, or {@code null} when unset
         */
        public Boolean getEnabled() {
            return enabled;
        }

        /**
         * Sets whether Bedrock calls are reported.
         *
         * @param enabled false to report nothing
         */
        public void setEnabled(Boolean enabled) {
            this.enabled = enabled;
        }

        /**
         * Whether texts stay in the process.
         *
         * @return the value, or {@code null} when unset
         */
        public Boolean getPrivacyMode() {
            return privacyMode;
        }

        /**
         * Sets privacy mode.
         *
         * @param privacyMode true to keep every text in the process
         */
        public void setPrivacyMode(Boolean privacyMode) {
            this.privacyMode = privacyMode;
        }

        /**
         * The event schema.
         *
         * @return the schema, or {@code null} when unset
         */
        public EventSchema getEvents() {
            return events;
        }

        /**
         * Sets the event schema.
         *
         * @param events bedrock, ai or both
         */
        public void setEvents(EventSchema events) {
            this.events = events;
        }

        /**
         * The price file path.
         *
         * @return the path, or {@code null} when unset
         */
        public String getPrices() {
            return prices;
        }

        /**
         * Sets the price file path.
         *
         * @param prices the path of a JSON price file
         */
        public void setPrices(String prices) {
            this.prices = prices;
        }

        /**
         * The default distinct id.
         *
         * @return the id, or {@code null} when unset
         */
        public String getDistinctId() {
            return distinctId;
        }

        /**
         * Sets the default distinct id.
         *
         * @param distinctId the user of otherwise unattributed calls
         */
        public void setDistinctId(String distinctId) {
            this.distinctId = distinctId;
        }

        /**
         * The queue bound.
         *
         * @return the bound, or {@code null} when unset
         */
        public Integer getMaxQueue() {
            return maxQueue;
        }

        /**
         * Sets the queue bound.
         *
         * @param maxQueue the most waiting events, positive
         */
        public void setMaxQueue(Integer maxQueue) {
            this.maxQueue = maxQueue;
        }

        /**
         * The flush deadline.
         *
         * @return the deadline, or {@code null} when unset
         */
        public Duration getFlushTimeout() {
            return flushTimeout;
        }

        /**
         * Sets the flush deadline.
         *
         * @param flushTimeout the longest wait, positive
         */
        public void setFlushTimeout(Duration flushTimeout) {
            this.flushTimeout = flushTimeout;
        }

        /**
         * Whether stacks are sent.
         *
         * @return the value, or {@code null} when unset
         */
        public Boolean getCaptureStack() {
            return captureStack;
        }

        /**
         * Sets whether stacks are sent.
         *
         * @param captureStack false to leave error_stack out
         */
        public void setCaptureStack(Boolean captureStack) {
            this.captureStack = captureStack;
        }

        /**
         * Whether requests to PostHog are gzip-compressed.
         *
         * @return the value, or {@code null} when unset
         */
        public Boolean getGzip() {
            return gzip;
        }

        /**
         * Sets whether requests to PostHog are gzip-compressed.
         *
         * @param gzip true to compress requests
         */
        public void setGzip(Boolean gzip) {
            this.gzip = gzip;
        }

        /**
         * The text bound.
         *
         * @return the bound, or {@code null} when unset
         */
        public Integer getMaxTextChars() {
            return maxTextChars;
        }

        /**
         * Sets the text bound.
         *
         * @param maxTextChars the longest text kept, positive
         */
        public void setMaxTextChars(Integer maxTextChars) {
            this.maxTextChars = maxTextChars;
        }
    }
}
