package io.github.bedrockposthog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every package under {@code io.github.bedrockposthog.internal} says it is no API: its {@code package-info.java}
 * carries the marker sentence, so a new internal package cannot slip out unmarked.
 */
class InternalPackagesTest {

    static final String MARKER = "Internal: not API, may change without notice.";
    private static final Path INTERNAL = Paths.get("src/main/java/io/github/bedrockposthog/internal");

    @Test
    void everyInternalPackageIsMarkedInternal() throws IOException {
        List<Path> packages;
        try (Stream<Path> dirs = Files.walk(INTERNAL)) {
            packages = dirs.filter(Files::isDirectory).filter(InternalPackagesTest::hasClasses)
                    .collect(Collectors.toList());
        }
        assertFalse(packages.isEmpty(), "run from the interceptor module: " + INTERNAL.toAbsolutePath());
        List<String> unmarked = new ArrayList<>();
        for (Path dir : packages) {
            Path info = dir.resolve("package-info.java");
            if (!Files.isRegularFile(info) || !Files.readString(info, StandardCharsets.UTF_8).contains(MARKER)) {
                unmarked.add(INTERNAL.relativize(dir).toString());
            }
        }
        assertEquals(List.of(), unmarked, "packages without a package-info.java saying \"" + MARKER + "\"");
    }

    private static boolean hasClasses(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
