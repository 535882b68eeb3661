package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback fake of the PostHog REST endpoints that provision dashboards and run queries, for one project:
 * <ul>
 *   <li>{@code GET/POST /api/projects/:id/dashboards/}, {@code GET/PATCH /api/projects/:id/dashboards/:id/} (the
 *       detail carries {@code tiles[{insight}]}, the list does not);</li>
 *   <li>{@code GET/POST /api/projects/:id/insights/} ({@code search}, {@code saved}), {@code GET/PATCH
 *       /api/projects/:id/insights/:id/};</li>
 *   <li>{@code POST /api/projects/:id/query/}, answered with the configured {@code {"results", "columns"}}.</li>
 * </ul>
 * Lists are paginated as PostHog does ({@code {"count", "next", "previous", "results"}}, {@code limit}/{@code offset},
 * absolute {@code next} URLs). Dashboards and insights live in memory with increasing ids; an insight is on a dashboard
 * when its {@code dashboards} holds the dashboard's id. Every request is recorded ({@link #requests()}) with method,
 * path, headers and JSON body. With {@link Builder#personalApiKey} set, other bearer tokens get 401;
 * {@link #failWith(int)} answers everything with 401, 403, 404 or any status; other projects get 404.
 *
 * <p>Thread-safe; all threads are daemons.
 */
public final class PostHogApiFake implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Pattern ROUTE = Pattern.compile(
            "/api/projects/([^/]+)/(dashboards|insights|query)/(?:([0-9]+)/)?");

    private final long projectId;
    private final String personalApiKey;
    private final int pageSize;
    private final HttpServer server;
    private final ExecutorService executor = ServerThreads.cachedDaemonPool("posthog-api-fake");

    private final Object lock = new Object();
    private final List<ApiRequest> requests = new ArrayList<>();
    private final Map<Long, ObjectNode> dashboards = new TreeMap<>();
    private final Map<Long, ObjectNode> insights = new TreeMap<>();
    private long nextId = 1;
    private int failStatus;
    private ObjectNode queryAnswer = queryAnswer(List.of(), List.of());

    private PostHogApiFake(Builder b) {
        this.projectId = b.projectId;
        this.personalApiKey = b.personalApiKey;
        this.pageSize = b.pageSize;
        try {
            this.server = HttpServer.create(ServerThreads.loopback(0), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot bind the PostHog API fake", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        ServerThreads.startAsDaemon(server, "posthog-api-fake");
    }

    /**
     * Starts a fake for project 1 that accepts any bearer token.
     *
     * @return the running fake
     */
    public static PostHogApiFake start() {
        return builder().start();
    }

    /**
     * A builder for a configured fake.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The host to give a client.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * The one project this fake serves.
     *
     * @return its id
     */
    public long projectId() {
        return projectId;
    }

    /**
     * Every request received, in arrival order.
     *
     * @return a copy
     */
    public List<ApiRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /**
     * The requests with one method.
     *
     * @param method e.g. {@code POST}
     * @return a copy, in arrival order
     */
    public List<ApiRequest> requests(String method) {
        return requests().stream().filter(r -> r.method().equalsIgnoreCase(method)).toList();
    }

    /** Forgets the recorded requests; dashboards and insights stay. */
    public void clearRequests() {
        synchronized (lock) {
            requests.clear();
        }
    }

    /**
     * The stored dashboards (deleted ones too), as the detail endpoint shows them, by id.
     *
     * @return deep copies
     */
    public List<ObjectNode> dashboards() {
        synchronized (lock) {
            return dashboards.values().stream().map(d -> dashboardDetail(d)).toList();
        }
    }

    /**
     * The stored insights (deleted ones too), by id.
     *
     * @return deep copies
     */
    public List<ObjectNode> insights() {
        synchronized (lock) {
            return insights.values().stream().map(ObjectNode::deepCopy).toList();
        }
    }

    /**
     * Stores a dashboard as if a user had made it (e.g. one with the same name elsewhere).
     *
     * @param fields its fields, e.g. {@code {"name": ..., "tags": [...]}}
     * @return its new id
     */
    public long addDashboard(ObjectNode fields) {
        synchronized (lock) {
            return create(dashboards, fields, "dashboard");
        }
    }

    /**
     * Stores an insight as if a user had made it.
     *
     * @param fields its fields, e.g. {@code {"name": ..., "dashboards": [1]}}
     * @return its new id
     */
    public long addInsight(ObjectNode fields) {
        synchronized (lock) {
            return create(insights, fields, "insight");
        }
    }

    /**
     * Sets what {@code /query/} answers: {@code {"columns": columns, "results": rows}}.
     *
     * @param columns the column names
     * @param rows    the rows; values are strings, numbers, booleans or null
     */
    public void answerQueries(List<String> columns, List<List<Object>> rows) {
        synchronized (lock) {
            queryAnswer = queryAnswer(columns, rows);
        }
    }

    /**
     * Answers every request with this status and a PostHog-style error body until {@link #recover()}; 401, 403 and
     * 404 get PostHog's own wording.
     *
     * @param status an HTTP status of 400 or more
     */
    public void failWith(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        synchronized (lock) {
            failStatus = status;
        }
    }

    /** Normal service again after {@link #failWith(int)}. */
    public void recover() {
        synchronized (lock) {
            failStatus = 0;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String body = new String(raw, StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            ApiRequest request = new ApiRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), uri.getRawPath(),
                    uri.getRawQuery(), exchange.getRequestHeaders(), body, Json.tryRead(raw));
            Answer answer;
            synchronized (lock) {
                requests.add(request);
                answer = answer(request);
            }
            respond(exchange, answer.status, Json.write(answer.body));
        } finally {
            exchange.close();
        }
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer answer(ApiRequest r) {
        if (failStatus != 0) {
            return failure(failStatus);
        }
        String authorization = r.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return error(401, "authentication_error", "not_authenticated", "Authentication credentials were not provided.");
        }
        if (personalApiKey != null && !personalApiKey.equals(authorization.substring("Bearer ".length()))) {
            return failure(401);
        }
        Matcher m = ROUTE.matcher(r.path());
        if (!m.matches()) {
            return failure(404);
        }
        if (!m.group(1).equals(String.valueOf(projectId))) {
            return error(404, "invalid_request", "not_found", "Project not found.");
        }
        String collection = m.group(2);
        Long id = m.group(3) == null ? null : Long.parseLong(m.group(3));
        Map<String, String> params = params(r.query());
        if (collection.equals("query")) {
            if (!r.method().equals("POST") || id != null) {
                return methodNotAllowed(r);
            }
            JsonNode query = r.json() == null ? null : r.json().path("query");
            if (query == null || !query.path("kind").isTextual()) {
                return error(400, "validation_error", "invalid_input", "query: This field is required.");
            }
            ObjectNode answer = queryAnswer.deepCopy();
            answer.set("query", query.path("query"));
            return new Answer(200, answer);
        }
        Map<Long, ObjectNode> store = collection.equals("dashboards") ? dashboards : insights;
        String kind = collection.equals("dashboards") ? "dashboard" : "insight";
        if (id == null) {
            switch (r.method()) {
                case "GET":
                    return new Answer(200, page(r, store, kind, params));
                case "POST":
                    if (!(r.json() instanceof ObjectNode fields)) {
                        return error(400, "validation_error", "parse_error", "JSON parse error");
                    }
                    Answer invalid = validate(kind, fields);
                    if (invalid != null) {
                        return invalid;
                    }
                    long created = create(store, fields, kind);
                    return new Answer(201, view(store.get(created), kind, true));
                default:
                    return methodNotAllowed(r);
            }
        }
        ObjectNode stored = store.get(id);
        if (stored == null) {
            return failure(404);
        }
        switch (r.method()) {
            case "GET":
                return new Answer(200, view(stored, kind, true));
            case "PATCH":
                if (!(r.json() instanceof ObjectNode fields)) {
                    return error(400, "validation_error", "parse_error", "JSON parse error");
                }
                Answer invalid = validate(kind, fields);
                if (invalid != null) {
                    return invalid;
                }
                fields.fields().forEachRemaining(e -> {
                    if (!e.getKey().equals("id")) {
                        stored.set(e.getKey(), e.getValue().deepCopy());
                    }
                });
                stored.put("last_modified_at", Instant.now().toString());
                return new Answer(200, view(stored, kind, true));
            default:
                return methodNotAllowed(r);
        }
    }

    private Answer validate(String kind, ObjectNode fields) {
        if (kind.equals("insight")) {
            for (JsonNode dashboardId : fields.path("dashboards")) {
                if (!dashboards.containsKey(dashboardId.asLong())) {
                    return error(400, "validation_error", "invalid_input",
                            "Dashboard " + dashboardId.asText() + " does not exist.");
                }
            }
            JsonNode query = fields.get("query");
            if (query != null && !query.path("kind").isTextual()) {
                return error(400, "validation_error", "invalid_input", "query: kind is required.");
            }
        }
        return null;
    }

    private long create(Map<Long, ObjectNode> store, ObjectNode fields, String kind) {
        long id = nextId++;
        ObjectNode stored = Json.object();
        stored.put("id", id);
        stored.put("name", "");
        stored.put("description", "");
        stored.putArray("tags");
        stored.put("deleted", false);
        stored.put("created_at", Instant.now().toString());
        if (kind.equals("insight")) {
            stored.put("short_id", Long.toString(36L * 36 * 36 * 36 + id, 36));
            stored.putArray("dashboards");
            stored.put("saved", true);
            stored.putNull("query");
        } else {
            stored.put("pinned", false);
        }
        fields.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("id")) {
                stored.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        store.put(id, stored);
        return id;
    }

    private ObjectNode view(ObjectNode stored, String kind, boolean detail) {
        if (kind.equals("dashboard")) {
            return detail ? dashboardDetail(stored) : stored.deepCopy();
        }
        return stored.deepCopy();
    }

    private ObjectNode dashboardDetail(ObjectNode dashboard) {
        ObjectNode view = dashboard.deepCopy();
        ArrayNode tiles = view.putArray("tiles");
        long id = dashboard.path("id").asLong();
        for (ObjectNode insight : insights.values()) {
            if (insight.path("deleted").asBoolean(false)) {
                continue;
            }
            for (JsonNode on : insight.path("dashboards")) {
                if (on.asLong() == id) {
                    ObjectNode tile = tiles.addObject();
                    tile.put("id", 1000 + insight.path("id").asLong());
                    tile.set("insight", insight.deepCopy());
                    tile.putNull("text");
                    tile.putObject("layouts");
                    tile.putNull("color");
                }
            }
        }
        return view;
    }

    private ObjectNode page(ApiRequest r, Map<Long, ObjectNode> store, String kind, Map<String, String> params) {
        List<ObjectNode> matching = new ArrayList<>();
        String search = params.get("search");
        String saved = params.get("saved");
        for (ObjectNode item : store.values()) {
            if (item.path("deleted").asBoolean(false)) {
                continue;
            }
            if (search != null && !contains(item, search)) {
                continue;
            }
            if (saved != null && kind.equals("insight") && item.path("saved").asBoolean(true) != Boolean.parseBoolean(saved)) {
                continue;
            }
            matching.add(item);
        }
        int limit = Math.max(1, Math.min(pageSize, parse(params.get("limit"), pageSize)));
        int offset = Math.max(0, parse(params.get("offset"), 0));
        ObjectNode page = Json.object();
        page.put("count", matching.size());
        String base = endpoint() + r.path() + "?" + query(params, limit);
        if (offset + limit < matching.size()) {
            page.put("next", base + "offset=" + (offset + limit));
        } else {
            page.putNull("next");
        }
        if (offset > 0) {
            page.put("previous", base + "offset=" + Math.max(0, offset - limit));
        } else {
            page.putNull("previous");
        }
        ArrayNode results = page.putArray("results");
        for (int i = offset; i < Math.min(matching.size(), offset + limit); i++) {
            results.add(view(matching.get(i), kind, false));
        }
        return page;
    }

    /** The other query parameters again (offset left off), ending with {@code &}. */
    private static String query(Map<String, String> params, int limit) {
        StringBuilder q = new StringBuilder("limit=").append(limit).append('&');
        params.forEach((k, v) -> {
            if (!k.equals("limit") && !k.equals("offset")) {
                q.append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
            }
        });
        return q.toString();
    }

    private static boolean contains(ObjectNode item, String search) {
        String needle = search.toLowerCase(Locale.ROOT);
        return item.path("name").asText("").toLowerCase(Locale.ROOT).contains(needle)
                || item.path("description").asText("").toLowerCase(Locale.ROOT).contains(needle);
    }

    private static int parse(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static ObjectNode queryAnswer(List<String> columns, List<List<Object>> rows) {
        ObjectNode answer = Json.object();
        ArrayNode cols = answer.putArray("columns");
        columns.forEach(cols::add);
        answer.set("results", Json.MAPPER.valueToTree(Objects.requireNonNull(rows, "rows")));
        answer.put("is_cached", false);
        return answer;
    }

    private static Answer failure(int status) {
        return switch (status) {
            case 401 -> error(401, "authentication_error", "authentication_failed",
                    "Personal API key found in request Authorization header is invalid.");
            case 403 -> error(403, "authentication_error", "permission_denied",
                    "API key missing required scope 'insight:write'");
            case 404 -> error(404, "invalid_request", "not_found", "Not found.");
            default -> error(status, "server_error", "error", "A server error occurred.");
        };
    }

    private static Answer methodNotAllowed(ApiRequest r) {
        return error(405, "invalid_request", "method_not_allowed", "Method \"" + r.method() + "\" not allowed.");
    }

    private static Answer error(int status, String type, String code, String detail) {
        ObjectNode body = Json.object();
        body.put("type", type);
        body.put("code", code);
        body.put("detail", detail);
        body.putNull("attr");
        return new Answer(status, body);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Configures a {@link PostHogApiFake}. */
    public static final class Builder {
        private long projectId = 1;
        private String personalApiKey;
        private int pageSize = 100;

        private Builder() {
        }

        /**
         * The project served; requests for any other get 404.
         *
         * @param projectId the id (default 1)
         * @return this builder
         */
        public Builder projectId(long projectId) {
            this.projectId = projectId;
            return this;
        }

        /**
         * The one personal API key accepted as {@code Authorization: Bearer <key>}; others get 401. Unset: any.
         *
         * @param key the key
         * @return this builder
         */
        public Builder personalApiKey(String key) {
            this.personalApiKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * The largest page lists return (PostHog's default is 100); small pages test {@code next} handling.
         *
         * @param pageSize at least 1
         * @return this builder
         */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1) {
                throw new IllegalArgumentException("pageSize must be at least 1");
            }
            this.pageSize = pageSize;
            return this;
        }

        /**
         * Starts the fake on a free loopback port.
         *
         * @return the running fake
         */
        public PostHogApiFake start() {
            return new PostHogApiFake(this);
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "PostHogApiFake{" + endpoint() + ", project " + projectId + ", " + dashboards.size() + " dashboards, "
                    + insights.size() + " insights}";
        }
    }
}
