package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The recorded Bedrock exchanges in {@code shared/fixtures/recorded-bedrock}, found beside the clone (Maven runs
 * tests in the module directory) or through the system property {@code bedrockposthog.fixtures}.
 */
final class RecordedFixtures {

    static final String PROPERTY = "bedrockposthog.fixtures";

    private RecordedFixtures() {
    }

    /** One recorded exchange. */
    record Exchange(String file, String operation, String modelId, Object request, Map<String, Object> headers,
                    Object response) {

        /** A response header, case-insensitively; {@code null} when absent. */
        Long header(String name) {
            for (Map.Entry<String, Object> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return Json.number(e.getValue());
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static Path directory() {
        String configured = System.getProperty(PROPERTY);
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Paths.get(configured));
        }
        candidates.add(Paths.get("../../shared/fixtures/recorded-bedrock"));
        candidates.add(Paths.get("../shared/fixtures/recorded-bedrock"));
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("recorded Bedrock fixtures not found; tried " + candidates
                + " from " + Paths.get("").toAbsolutePath() + " (set -D" + PROPERTY + "=<dir>)");
    }

    /** Every non-streaming InvokeModel exchange (the ones whose response body is plain JSON text). */
    static List<Exchange> invokeModel() {
        return all().filter(e -> "InvokeModel".equals(e.operation())).toList();
    }

    static Exchange named(String fileName) {
        return all().filter(e -> e.file().equals(fileName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fixture " + fileName));
    }

    private static Stream<Exchange> all() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted()
                    .map(RecordedFixtures::load).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Exchange load(Path path) {
        try {
            Object tree = Json.parse(Files.readString(path, StandardCharsets.UTF_8));
            Object request = Json.at(tree, "request");
            String responseBody = Json.string(tree, "response", "body");
            return new Exchange(path.getFileName().toString(),
                    Json.string(request, "operation"),
                    Json.string(request, "model_id"),
                    Json.parse(Json.string(request, "body")),
                    Json.object(Json.at(tree, "response", "headers")),
                    responseBody == null ? null : Json.parse(responseBody));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
