package io.github.bedrockposthog.sample;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The sample app's settings, read once at startup from environment variables (and, for PostHog, the same system
 * properties the interceptor reads). Immutable.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code PORT}</td><td>3000</td><td>HTTP port of the web page (0 picks a free one)</td></tr>
 *   <tr><td>{@code BEDROCK_MODEL_ID}</td><td>{@value #DEFAULT_MODEL_ID}</td><td>the Llama model to invoke</td></tr>
 *   <tr><td>{@code BEDROCK_OFFLINE}</td><td>unset</td><td>true: always the local emulator; false: always real
 *       Bedrock; unset: real Bedrock when AWS credentials and a region are found</td></tr>
 *   <tr><td>{@code BEDROCK_EMULATOR_LATENCY_MS}</td><td>300</td><td>offline: the emulated model's base latency</td></tr>
 *   <tr><td>{@code BEDROCK_EMULATOR_ERROR_RATE}</td><td>0.05</td><td>offline: fraction of calls that fail</td></tr>
 *   <tr><td>{@code POSTHOG_API_KEY} / {@code -Dposthog.apiKey}</td><td>unset</td><td>set: real PostHog; unset: the
 *       local capture server and the local insights page</td></tr>
 *   <tr><td>{@code POSTHOG_HOST} / {@code -Dposthog.host}</td><td>{@value #DEFAULT_POSTHOG_HOST}</td><td>PostHog
 *       ingestion host (real PostHog only)</td></tr>
 * </table>
 */
public final class AppConfig {

    /** The tutorial's model: Meta Llama 3.1 8B Instruct. */
    public static final String DEFAULT_MODEL_ID = "meta.llama3-1-8b-instruct-v1:0";
    /** PostHog US cloud ingestion, as in the tutorial. */
    public static final String DEFAULT_POSTHOG_HOST = "https://us.i.posthog.com";
    /** The default HTTP port, as the tutorial's {@code npm run dev}. */
    public static final int DEFAULT_PORT = 3000;
    /** The default base latency of the emulated model. */
    public static final long DEFAULT_EMULATOR_LATENCY_MS = 300;
    /** The default share of emulated calls that fail. */
    public static final double DEFAULT_EMULATOR_ERROR_RATE = 0.05;

    /** Whether to use the local emulator instead of Amazon Bedrock. */
    public enum OfflineChoice {
        /** Real Bedrock when AWS credentials and a region resolve, else the emulator. */
        AUTO,
        /** Always the emulator ({@code BEDROCK_OFFLINE=true}). */
        ALWAYS,
        /** Always real Bedrock ({@code BEDROCK_OFFLINE=false}). */
        NEVER
    }

    private final int port;
    private final String modelId;
    private final OfflineChoice offline;
    private final long emulatorLatencyMs;
    private final double emulatorErrorRate;
    private final String postHogApiKey;
    private final String postHogHost;

    private AppConfig(int port, String modelId, OfflineChoice offline, long emulatorLatencyMs, double emulatorErrorRate,
                      String postHogApiKey, String postHogHost) {
        this.port = port;
        this.modelId = modelId;
        this.offline = offline;
        this.emulatorLatencyMs = emulatorLatencyMs;
        this.emulatorErrorRate = emulatorErrorRate;
        this.postHogApiKey = postHogApiKey;
        this.postHogHost = postHogHost;
    }

    /**
     * The settings of this process: its environment variables and system properties.
     *
     * @return the settings
     * @throws IllegalArgumentException when a variable holds an invalid value
     */
    public static AppConfig fromEnvironment() {
        return from(System.getenv(), System::getProperty);
    }

    /**
     * Settings from given sources (tests pass maps).
     *
     * @param environment      environment variables by name
     * @param systemProperties system property lookup
     * @return the settings
     * @throws IllegalArgumentException when a variable holds an invalid value, naming it
     */
    public static AppConfig from(Map<String, String> environment, Function<String, String> systemProperties) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(systemProperties, "systemProperties");
        int port = (int) integer(environment, "PORT", DEFAULT_PORT, 0, 65535);
        String model = text(environment.get("BEDROCK_MODEL_ID"));
        long latency = integer(environment, "BEDROCK_EMULATOR_LATENCY_MS", DEFAULT_EMULATOR_LATENCY_MS, 0, 60_000);
        double errorRate = fraction(environment, "BEDROCK_EMULATOR_ERROR_RATE", DEFAULT_EMULATOR_ERROR_RATE);
        String key = firstText(systemProperties.apply("posthog.apiKey"), environment.get("POSTHOG_API_KEY"));
        String host = firstText(systemProperties.apply("posthog.host"), environment.get("POSTHOG_HOST"));
        return new AppConfig(port, model == null ? DEFAULT_MODEL_ID : model, offline(environment), latency, errorRate,
                key, host == null ? DEFAULT_POSTHOG_HOST : host);
    }

    /**
     * A copy with another port.
     *
     * @param newPort the port, 0 for a free one
     * @return the copy
     */
    public AppConfig withPort(int newPort) {
        return new AppConfig(newPort, modelId, offline, emulatorLatencyMs, emulatorErrorRate, postHogApiKey, postHogHost);
    }

    /** @return the HTTP port, 0 for a free one */
    public int port() {
        return port;
    }

    /** @return the Bedrock model id to invoke */
    public String modelId() {
        return modelId;
    }

    /** @return whether to use the emulator */
    public OfflineChoice offline() {
        return offline;
    }

    /** @return the emulated model's base latency in milliseconds */
    public long emulatorLatencyMs() {
        return emulatorLatencyMs;
    }

    /** @return the share of emulated calls that fail, 0 to 1 */
    public double emulatorErrorRate() {
        return emulatorErrorRate;
    }

    /** @return the PostHog project API key, or null when unset (then PostHog is emulated locally) */
    public String postHogApiKey() {
        return postHogApiKey;
    }

    /** @return the PostHog ingestion host for real PostHog */
    public String postHogHost() {
        return postHogHost;
    }

    private static OfflineChoice offline(Map<String, String> environment) {
        String value = text(environment.get("BEDROCK_OFFLINE"));
        if (value == null) {
            return OfflineChoice.AUTO;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "on":
                return OfflineChoice.ALWAYS;
            case "false": case "0": case "no": case "off":
                return OfflineChoice.NEVER;
            case "auto":
                return OfflineChoice.AUTO;
            default:
                throw new IllegalArgumentException("BEDROCK_OFFLINE must be true, false or auto, not '" + value + "'");
        }
    }

    private static long integer(Map<String, String> environment, String name, long fallback, long min, long max) {
        String value = text(environment.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    private static double fraction(Map<String, String> environment, String name, double fallback) {
        String value = text(environment.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a number from 0 to 1, not '" + value + "'");
    }

    private static String firstText(String first, String second) {
        String t = text(first);
        return t != null ? t : text(second);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
