package io.github.bedrockposthog.agent.it;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts an app in a child JVM the way an operator would ({@code java [-javaagent:…] -jar app.jar} or {@code -cp}),
 * with the test JVM's java, and keeps its standard output (the app's) apart from its standard error (logs, the
 * agent's line).
 */
final class ChildJvm {

    /** What the build copied (see the POM): agent/, apps/, plain/, old-sdk/. */
    static final Path DIR = Paths.get(System.getProperty("agent.it.dir", "target/agent-it"));
    static final Path AGENT = DIR.resolve("agent/bedrock-posthog-agent.jar");

    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();

    static ChildJvm withAgent() {
        ChildJvm jvm = new ChildJvm();
        jvm.jvmOptions.add("-javaagent:" + AGENT);
        return jvm;
    }

    static ChildJvm withoutAgent() {
        return new ChildJvm();
    }

    ChildJvm env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    static Path app(String fileName) {
        Path jar = DIR.resolve("apps").resolve(fileName);
        assertTrue(Files.isRegularFile(jar), () -> "missing " + jar + ": run through `mvn verify`");
        return jar;
    }

    /** Every jar of one of the copied directories, sorted by name. */
    static List<Path> jars(String directory) {
        try (Stream<Path> files = Files.list(DIR.resolve(directory))) {
            List<Path> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
            assertTrue(!jars.isEmpty(), "no jars in " + directory);
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + directory + ": run through `mvn verify`", e);
        }
    }

    static String classpath(List<Path> jars) {
        return jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** Runs {@code java <options> <arguments>} in {@code work} and waits up to 2 minutes. */
    Run run(Path work, String... arguments) throws IOException, InterruptedException {
        return run(work, null, arguments);
    }

    /** What to do with a running child once it printed {@code app waiting}; a line on its input then lets it go on. */
    interface WhileWaiting {
        void accept(Process child) throws Exception;
    }

    /** As {@link #run(Path, String...)}; with {@code whileWaiting}, the child's standard input stays open for it. */
    Run run(Path work, WhileWaiting whileWaiting, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(Arrays.asList(arguments));
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("POSTHOG_") || k.startsWith("AWS_"));
        builder.environment().putAll(environment);
        Process child = builder.start();
        try (OutputStream input = child.getOutputStream()) {
            if (whileWaiting != null) {
                awaitLine(out, "app waiting", child);
                whileWaiting.accept(child);
                input.write('\n');
            }
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            child.destroyForcibly();
            throw e;
        } catch (Exception e) {
            child.destroyForcibly();
            throw new IllegalStateException(e);
        }
        boolean exited = child.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Run run = new Run(exited ? child.exitValue() : -1, String.join(" ", command),
                new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
                new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
        assertTrue(exited, () -> "the app did not exit within 2 minutes:\n" + run);
        return run;
    }

    private static void awaitLine(Path stdout, String line, Process child) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8).contains(line)) {
            assertTrue(child.isAlive() && System.nanoTime() < deadline, () -> "the app never printed '" + line + "'");
            Thread.sleep(50);
        }
    }

    /** A finished child JVM. */
    static final class Run {
        final int exitCode;
        final String command;
        final String stdout;
        final String stderr;

        Run(int exitCode, String command, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.command = command;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** What the app printed: its standard output lines starting with {@code app }. */
        List<String> appLines() {
            return Arrays.stream(stdout.split("\\R")).filter(l -> l.startsWith("app ")).collect(Collectors.toList());
        }

        /** The agent's lines on standard error, without the prefix. */
        List<String> agentLines() {
            String prefix = "[bedrock-posthog-agent] ";
            return Arrays.stream(stderr.split("\\R")).filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length())).collect(Collectors.toList());
        }

        /** The text after {@code prefix} on the app's first line that starts with it. */
        String line(String prefix) {
            return appLines().stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .map(l -> l.substring(prefix.length()))
                    .orElseThrow(() -> new AssertionError("no line '" + prefix + "...' in:\n" + this));
        }

        /** Exit 0, the app's last line printed, and no internal error of bedrock-posthog logged. */
        Run assertCompleted(int calls) {
            assertEquals(0, exitCode, () -> "the app failed:\n" + this);
            assertTrue(stdout.contains("app calls done: " + calls), () -> "the app did not finish:\n" + this);
            assertTrue(!stderr.contains("bedrock-posthog: internal error"),
                    () -> "bedrock-posthog lost a call to an internal error:\n" + this);
            return this;
        }

        @Override
        public String toString() {
            return "$ " + command + "\n--- exit " + exitCode + ", stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }
}
