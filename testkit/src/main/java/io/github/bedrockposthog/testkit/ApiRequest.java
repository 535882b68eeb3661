package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request the {@link PostHogApiFake} received, whatever it answered.
 *
 * @param method  the HTTP method, e.g. {@code PATCH}
 * @param path    the raw path, e.g. {@code /api/projects/1/insights/7/}
 * @param query   the raw query string without {@code ?}, or {@code null}
 * @param headers the request headers, names in lower case
 * @param body    the body as UTF-8 text ({@code ""} when none)
 * @param json    the body parsed as JSON, or {@code null} when empty or not JSON
 */
public record ApiRequest(String method, String path, String query, Map<String, List<String>> headers, String body,
                         JsonNode json) {

    /**
     * Keeps an unmodifiable copy of the headers with lower-case names.
     *
     * @param method  the HTTP method
     * @param path    the raw path
     * @param query   the raw query string, or {@code null}
     * @param headers the request headers
     * @param body    the body as UTF-8 text
     * @param json    the body parsed as JSON, or {@code null}
     */
    public ApiRequest {
        TreeMap<String, List<String>> lower = new TreeMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(lower);
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, any case
     * @return the value, or null
     */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The path with the query string.
     *
     * @return e.g. {@code /api/projects/1/dashboards/?limit=100}
     */
    public String pathAndQuery() {
        return query == null ? path : path + "?" + query;
    }

    @Override
    public String toString() {
        return method + " " + pathAndQuery();
    }
}
