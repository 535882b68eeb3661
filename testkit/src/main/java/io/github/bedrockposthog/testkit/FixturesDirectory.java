package io.github.bedrockposthog.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Finds {@code shared/fixtures/recorded-bedrock} for {@link RecordedExchange#fixturesDir()}. */
final class FixturesDirectory {

    static final String PROPERTY = "bedrockposthog.fixtures";
    static final String ENVIRONMENT = "BEDROCKPOSTHOG_FIXTURES";
    private static final Path RELATIVE = Paths.get("shared", "fixtures", "recorded-bedrock");

    private FixturesDirectory() {
    }

    static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT);
        }
        if (configured != null && !configured.isBlank()) {
            Path dir = Paths.get(configured).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("fixtures directory " + dir + " (from " + PROPERTY + " or "
                        + ENVIRONMENT + ") does not exist");
            }
            return dir;
        }
        List<Path> tried = new ArrayList<>();
        for (Path dir = Paths.get("").toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            tried.add(candidate);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no recorded Bedrock fixtures found; set -D" + PROPERTY
                + "=<dir> or put shared/ beside the clone. Looked in: " + tried);
    }
}
