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
 * Reads a price file: {@code {"models": {"<model id>": {"input": 0.80, "output": 4.00, "cache_read": 0.08,
 * "cache_write": 1.00}}}}, USD per 1M tokens, cache prices optional, other top-level fields ignored.
 * Never throws: what is wrong ends up in {@link Result#problems()}.
 */
final class PriceFile {

    private PriceFile() {
    }

    /** The usable prices of a file, and what was wrong with it. */
    static final class Result {
        private final Map<String, Price> prices;
        private final List<String> problems;
        private final boolean unusable;

        private Result(Map<String, Price> prices, List<String> problems, boolean unusable) {
            this.prices = Collections.unmodifiableMap(prices);
            this.problems = Collections.unmodifiableList(problems);
            this.unusable = unusable;
        }

        static Result unusable(String problem) {
            return new Result(new LinkedHashMap<String, Price>(), Collections.singletonList(problem), true);
        }

        /** The valid entries (bad entries are skipped). */
        Map<String, Price> prices() {
            return prices;
        }

        /** Human-readable problems, in file order; empty when the file is fine. */
        List<String> problems() {
            return problems;
        }

        /** True when the file as a whole could not be used (missing, unreadable, not JSON, wrong shape). */
        boolean unusable() {
            return unusable;
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
        if (!(models instanceof Map)) {
            return Result.unusable("expected {\"models\": {\"<model id>\": {\"input\": ..., \"output\": ...}}}");
        }
        Map<String, Price> prices = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> entry : Json.object(models).entrySet()) {
            String problem = addEntry(entry.getKey(), entry.getValue(), prices);
            if (problem != null) {
                problems.add("model \"" + entry.getKey() + "\": " + problem);
            }
        }
        return new Result(prices, problems, false);
    }

    /** Adds a valid entry to {@code prices}; returns what is wrong with it otherwise. */
    private static String addEntry(String modelId, Object entry, Map<String, Price> prices) {
        if (modelId.trim().isEmpty()) {
            return "empty model id";
        }
        if (!(entry instanceof Map)) {
            return "expected an object {\"input\": ..., \"output\": ...}";
        }
        Map<String, Object> fields = Json.object(entry);
        String problem = checkPrice(fields, "input", true);
        if (problem == null) {
            problem = checkPrice(fields, "output", true);
        }
        if (problem == null) {
            problem = checkPrice(fields, "cache_read", false);
        }
        if (problem == null) {
            problem = checkPrice(fields, "cache_write", false);
        }
        if (problem != null) {
            return problem;
        }
        Price price = Price.of(Json.decimal(fields, "input"), Json.decimal(fields, "output"),
                Json.decimal(fields, "cache_read"), Json.decimal(fields, "cache_write"));
        if (price == null) {
            return "invalid price"; // not reachable after the checks above; kept so a gap cannot throw
        }
        prices.put(modelId, price);
        return null;
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
