package io.github.bedrockposthog.internal.pricing;

import io.github.bedrockposthog.internal.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a price file, the bundled one or a user's (one format, see the README "Prices"):
 *
 * <pre>
 * {"models": {
 *    "&lt;key&gt;": {"input": 3.0, "output": 15.0, "cache_read": 0.3, "cache_write": 3.75, "cache_write_1h": 6.0,
 *              "long_context": {"above_input_tokens": 200000, "input": 6.0, "output": 22.5, ...},
 *              "service_tiers": {"priority": {"input": ..., "output": ...}, "flex": {...}, "reserved": {...}},
 *              "latency_optimized": {"input": ..., "output": ...},
 *              "image": 0.04,
 *              "routes": "listed"}},
 *  "aliases": {"&lt;application inference profile or provisioned model ARN&gt;": "&lt;model id&gt;"}}
 * </pre>
 *
 * Token prices in USD per 1M tokens, {@code image} in USD per image. A key is a model id ({@code
 * anthropic.claude-sonnet-4-5-20250929-v1:0}), a profile id ({@code us.…}, {@code global.…}), a region and a model
 * id ({@code us-gov-west-1/…}) or an ARN. Only {@code input} and {@code output} are required (or {@code image} alone),
 * so the first format of this library, {@code {"models": {id: {input, output, cache_read, cache_write}}}}, reads
 * unchanged. Other top-level fields are ignored. Never throws: what is wrong ends up in {@link Result#problems()}.
 */
final class PriceFile {

    private PriceFile() {
    }

    /** The usable entries and aliases of a file, and what was wrong with it. */
    static final class Result {
        private final Map<String, ModelPrice> prices;
        private final Map<String, String> aliases;
        private final List<String> problems;
        private final boolean unusable;

        private Result(Map<String, ModelPrice> prices, Map<String, String> aliases, List<String> problems,
                       boolean unusable) {
            this.prices = Collections.unmodifiableMap(prices);
            this.aliases = Collections.unmodifiableMap(aliases);
            this.problems = Collections.unmodifiableList(problems);
            this.unusable = unusable;
        }

        static Result unusable(String problem) {
            return new Result(new LinkedHashMap<String, ModelPrice>(), new LinkedHashMap<String, String>(),
                    Collections.singletonList(problem), true);
        }

        /** The valid entries (bad entries are skipped). */
        Map<String, ModelPrice> prices() {
            return prices;
        }

        /** ARN (or ARN tail) → model id. */
        Map<String, String> aliases() {
            return aliases;
        }

        /** Human-readable problems, in file order; empty when the file is fine. */
        List<String> problems() {
            return problems;
        }

        /** True when the file as a whole could not be used (missing, unreadable, not JSON, wrong shape). */
        boolean unusable() {
            return unusable;
        }

        PriceList list() {
            return new PriceList(prices, aliases);
        }
    }

    /** Reads and parses the file at {@code path}. */
    static Result read(String path) {
        byte[] bytes;
        try {
            Path file = Paths.get(path);
            if (Files.isDirectory(file)) {
                return Result.unusable("it is a directory");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Result.unusable("file not found");
        } catch (IOException | RuntimeException e) {
            // RuntimeException: InvalidPathException, SecurityException.
            return Result.unusable("cannot read it (" + e + ")");
        }
        return parse(bytes);
    }

    /** Parses the bytes of a price file. */
    static Result parse(byte[] bytes) {
        Object tree = Json.parse(bytes);
        if (tree == null) {
            return Result.unusable("it is empty or not valid JSON");
        }
        Object models = Json.at(tree, "models");
        Object aliases = Json.at(tree, "aliases");
        boolean modelsOk = models instanceof Map;
        boolean aliasesOk = aliases instanceof Map;
        if ((!modelsOk && !aliasesOk) || (models != null && !modelsOk) || (aliases != null && !aliasesOk)) {
            return Result.unusable("expected {\"models\": {\"<model id>\": {\"input\": ..., \"output\": ...}},"
                    + " \"aliases\": {\"<ARN>\": \"<model id>\"}}");
        }
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (modelsOk) {
            for (Map.Entry<String, Object> entry : Json.object(models).entrySet()) {
                String problem = addEntry(entry.getKey(), entry.getValue(), prices);
                if (problem != null) {
                    problems.add("model \"" + entry.getKey() + "\": " + problem);
                }
            }
        }
        Map<String, String> aliasMap = new LinkedHashMap<>();
        if (aliasesOk) {
            for (Map.Entry<String, Object> alias : Json.object(aliases).entrySet()) {
                Object target = alias.getValue();
                if (alias.getKey().trim().isEmpty() || !(target instanceof String) || ((String) target).trim().isEmpty()) {
                    problems.add("alias \"" + alias.getKey() + "\": expected \"<ARN>\": \"<model id>\"");
                } else {
                    aliasMap.put(alias.getKey().trim(), ((String) target).trim());
                }
            }
        }
        return new Result(prices, aliasMap, problems, false);
    }

    /** Adds a valid entry to {@code prices}; returns what is wrong with it otherwise. */
    private static String addEntry(String key, Object entry, Map<String, ModelPrice> prices) {
        if (key.trim().isEmpty()) {
            return "empty model id";
        }
        if (!(entry instanceof Map)) {
            return "expected an object {\"input\": ..., \"output\": ...}";
        }
        Map<String, Object> fields = Json.object(entry);
        String problem = checkPrice(fields, "image", false);
        if (problem != null) {
            return problem;
        }
        Double image = Json.decimal(fields, "image");
        Price base = null;
        if (image == null || fields.containsKey("input")) {
            Object[] rates = rates(fields);
            if (rates[1] != null) {
                return (String) rates[1];
            }
            base = (Price) rates[0];
        }
        Long above = null;
        Price longContext = null;
        Object lc = fields.get("long_context");
        if (lc != null) {
            if (!(lc instanceof Map)) {
                return "\"long_context\" is not an object";
            }
            Double threshold = Json.decimal(lc, "above_input_tokens");
            if (threshold == null || threshold < 0 || threshold != Math.rint(threshold)) {
                return "\"long_context\": \"above_input_tokens\" must be a whole number of tokens";
            }
            above = threshold.longValue();
            Map<String, Object> lcFields = Json.object(lc);
            if (lcFields.containsKey("input") || lcFields.containsKey("output")) {
                Object[] rates = rates(lcFields);
                if (rates[1] != null) {
                    return "\"long_context\": " + rates[1];
                }
                longContext = (Price) rates[0];
            } // a threshold alone: the tier exists, its rates are unknown
        }
        Map<String, Price> tiers = new LinkedHashMap<>();
        Object st = fields.get("service_tiers");
        if (st != null) {
            if (!(st instanceof Map)) {
                return "\"service_tiers\" is not an object";
            }
            for (Map.Entry<String, Object> tier : Json.object(st).entrySet()) {
                if (!(tier.getValue() instanceof Map)) {
                    return "\"service_tiers\": \"" + tier.getKey() + "\" is not an object";
                }
                Object[] rates = rates(Json.object(tier.getValue()));
                if (rates[1] != null) {
                    return "\"service_tiers\": \"" + tier.getKey() + "\": " + rates[1];
                }
                tiers.put(tier.getKey().toLowerCase(java.util.Locale.ROOT), (Price) rates[0]);
            }
        }
        Price latencyOptimized = null;
        Object lo = fields.get("latency_optimized");
        if (lo != null) {
            if (!(lo instanceof Map)) {
                return "\"latency_optimized\" is not an object";
            }
            Object[] rates = rates(Json.object(lo));
            if (rates[1] != null) {
                return "\"latency_optimized\": " + rates[1];
            }
            latencyOptimized = (Price) rates[0];
        }
        Object routes = fields.get("routes");
        if (routes != null && !"listed".equals(routes) && !"any".equals(routes)) {
            return "\"routes\" must be \"listed\" or \"any\": " + abbreviate(routes);
        }
        prices.put(key.trim(), new ModelPrice(base, above, longContext, tiers, latencyOptimized, image,
                "listed".equals(routes)));
        return null;
    }

    /** {price, null} or {null, problem} for one set of token rates. */
    private static Object[] rates(Map<String, Object> fields) {
        for (String name : new String[] {"input", "output", "cache_read", "cache_write", "cache_write_1h"}) {
            String problem = checkPrice(fields, name, "input".equals(name) || "output".equals(name));
            if (problem != null) {
                return new Object[] {null, problem};
            }
        }
        Price price = Price.of(Json.decimal(fields, "input"), Json.decimal(fields, "output"),
                Json.decimal(fields, "cache_read"), Json.decimal(fields, "cache_write"),
                Json.decimal(fields, "cache_write_1h"));
        // null is not reachable after the checks above; kept so a gap cannot throw
        return price == null ? new Object[] {null, "invalid price"} : new Object[] {price, null};
    }

    private static String checkPrice(Map<String, Object> fields, String name, boolean required) {
        if (!fields.containsKey(name) || fields.get(name) == null) {
            return required ? "\"" + name + "\" is missing" : null;
        }
        Object value = fields.get(name);
        if (!(value instanceof Number)) {
            return "\"" + name + "\" is not a number: " + abbreviate(value);
        }
        double d = ((Number) value).doubleValue();
        if (d < 0 || Double.isInfinite(d) || Double.isNaN(d)) {
            return "\"" + name + "\" is negative or not finite: " + value;
        }
        return null;
    }

    private static String abbreviate(Object value) {
        String s = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
