package io.github.bedrockposthog.internal.events;

import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

/**
 * This library's own name and version, as the events name them ({@code $lib}, {@code $lib_version},
 * {@code $ai_lib}, {@code $ai_lib_version}). The version is written into {@code library.properties} by the build;
 * read once, never throws.
 */
final class Library {

    /** The library's name on every event. */
    static final String NAME = "bedrock-posthog";
    /** The library's version, or {@code unknown} when the resource cannot be read. */
    static final String VERSION = readVersion();

    private Library() {
    }

    /** The library on a {@code $ai_*} event: {@code $ai_lib}, {@code $ai_lib_version} and {@code $lib_version}. */
    static void putAi(Map<String, Object> properties) {
        properties.put("$ai_lib", NAME);
        properties.put("$ai_lib_version", VERSION);
        properties.put("$lib_version", VERSION);
    }

    private static String readVersion() {
        try (InputStream in = Library.class.getResourceAsStream("/io/github/bedrockposthog/library.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isEmpty() && !version.startsWith("${")) {
                    return version;
                }
            }
        } catch (Exception | LinkageError e) {
            // fall through: an event without a version beats no event
        }
        return "unknown";
    }
}
