package io.github.bedrockposthog.cli;

import io.github.bedrockposthog.testkit.PostHogApiFake;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar as users run it: {@code java -jar bedrock-posthog-cli-<version>.jar}, with nothing else on the
 * class path. Runs after {@code package} (failsafe), against the loopback PostHog API fake.
 */
class JavaJarIT {

    private static Path jar() {
        Path jar = Paths.get(System.getProperty("bedrockposthog.cliJar", "target/no-jar-configured.jar"));
        assertTrue(Files.isRegularFile(jar), () -> "no packaged jar " + jar + " (run mvn verify)");
        return jar;
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result java(String host, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        if (host != null) {
            command.addAll(List.of("--host", host, "--project-id", "9"));
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("POSTHOG_PERSONAL_API_KEY", CommandRun.KEY);
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command ended");
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void theJarRunsTheCommandOnItsOwnAndASecondRunUpdates() throws Exception {
        try (PostHogApiFake fake = PostHogApiFake.builder().projectId(9).personalApiKey(CommandRun.KEY).start()) {
            Result first = java(fake.endpoint().toString(), "dashboard");
            assertEquals(0, first.exitCode(), first::toString);
            assertEquals("", first.err());
            assertTrue(first.out().contains("Error rate                   created (id 6)"), first.out());

            Result second = java(fake.endpoint().toString(), "dashboard", "--schema", "ai");
            assertEquals(0, second.exitCode(), second::toString);
            assertEquals(5, fake.requests("PATCH").size(), "PATCH works from the plain jar");
            assertEquals(6, fake.dashboards().size() + fake.insights().size());

            fake.answerQueries(List.of(ReportQueries.COLUMNS), List.of(List.of(3, 0.25, 0.5, 100, 0)));
            Result report = java(fake.endpoint().toString(), "report");
            assertEquals(0, report.exitCode(), report::toString);
            assertTrue(report.out().contains("Error rate                     0.00%"), report.out());
            assertTrue(!first.out().contains(CommandRun.KEY) && !second.err().contains(CommandRun.KEY));
        }
    }

    @Test
    void helpNeedsNoKeyAndNoNetwork() throws Exception {
        Result help = java(null, "--help");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.out().startsWith("Usage: java -jar bedrock-posthog-cli.jar"), help.out());
    }

    @Test
    void theManifestNamesTheMainClassAndAStableModuleName() throws IOException {
        try (JarFile file = new JarFile(jar().toFile())) {
            Attributes main = file.getManifest().getMainAttributes();
            assertEquals(Main.class.getName(), main.getValue(Attributes.Name.MAIN_CLASS));
            assertEquals("io.github.bedrockposthog.cli", main.getValue("Automatic-Module-Name"));
            assertTrue(file.getEntry("com/fasterxml/jackson/databind/ObjectMapper.class") != null, "jackson is inside");
            assertTrue(file.stream().noneMatch(e -> e.getName().endsWith("module-info.class")),
                    "no descriptor of a bundled library makes the jar claim its module name");
        }
    }
}
