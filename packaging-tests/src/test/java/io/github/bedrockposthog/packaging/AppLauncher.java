package io.github.bedrockposthog.packaging;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Builds and runs the sample apps of {@code src/app/java} the way a user would: compiled against the SDK (and
 * whatever else the app uses) only, packed as {@code app.jar}, started as {@code java -cp app.jar:...}.
 */
final class AppLauncher {

    /** Directories the build filled (see the POM): sdk, plain, all, conflicts. */
    static final Path DROP_IN = Paths.get(required("dropin.dir"));
    static final Path APP_SOURCES = Paths.get(required("dropin.appSources"));
    static final String AWS_SDK_VERSION = required("dropin.awssdkVersion");

    private AppLauncher() {
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("system property " + property + " is set by the failsafe configuration");
        }
        return value;
    }

    /** Every jar of one of the build's drop-in directories, sorted by name; fails if there is none. */
    static List<Path> jars(String directory) {
        Path dir = DROP_IN.resolve(directory);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
            assertTrue(!jars.isEmpty(), "no jars in " + dir);
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + dir + ": run through `mvn verify`", e);
        }
    }

    /** The one jar of a drop-in directory whose name contains {@code marker}. */
    static Path jar(String directory, String marker) {
        List<Path> matches = jars(directory).stream().filter(p -> p.getFileName().toString().contains(marker))
                .collect(Collectors.toList());
        assertEquals(1, matches.size(), () -> "one " + marker + " jar in " + directory + ": " + matches);
        return matches.get(0);
    }

    /** Compiles app sources (names relative to src/app/java) for Java 8 against {@code classpath}; returns app.jar. */
    static Path buildAppJar(Path workDir, List<Path> classpath, String... sources) throws IOException {
        Path classes = Files.createDirectories(workDir.resolve("app-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<File> sourceFiles = Arrays.stream(sources).map(s -> APP_SOURCES.resolve(s).toFile())
                    .collect(Collectors.toList());
            List<String> options = Arrays.asList("--release", "8", "-Xlint:-options", "-nowarn",
                    "-classpath", join(classpath), "-d", classes.toString());
            boolean ok = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromFiles(sourceFiles)).call();
            if (!ok) {
                fail("the app does not compile against " + classpath + ":\n" + diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(Object::toString)
                        .collect(Collectors.joining("\n")));
            }
        }
        Path jar = workDir.resolve("app.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A finished child JVM: exit code and everything it printed. */
    static final class Run {
        final int exitCode;
        final String output;

        Run(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        /** Exit 0, the app's last line printed, and no internal error of bedrock-posthog logged. */
        Run assertCompleted(int calls) {
            assertEquals(0, exitCode, () -> "the app failed:\n" + output);
            assertTrue(output.contains("app calls done: " + calls), () -> "the app did not finish:\n" + output);
            assertTrue(!output.contains("bedrock-posthog: internal error"),
                    () -> "bedrock-posthog lost a call to an internal error:\n" + output);
            return this;
        }

        /** The text after {@code prefix} on the first output line that starts with it. */
        String line(String prefix) {
            return Arrays.stream(output.split("\\R")).filter(l -> l.startsWith(prefix)).findFirst()
                    .map(l -> l.substring(prefix.length()))
                    .orElseThrow(() -> new AssertionError("no line '" + prefix + "...' in:\n" + output));
        }
    }

    /** Runs {@code java -cp <classpath> <mainClass> <args>} with the test JVM's java and waits up to 2 minutes. */
    static Run run(Path workDir, List<Path> classpath, Map<String, String> environment, String mainClass,
                   String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(join(classpath));
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        Path log = workDir.resolve("child.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("POSTHOG_"));
        builder.environment().putAll(environment);
        Process child = builder.start();
        try (OutputStream ignored = child.getOutputStream()) {
            // no standard input
        }
        boolean exited = child.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = "$ " + String.join(" ", command) + "\n" + new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        assertTrue(exited, () -> "the app did not exit within 2 minutes:\n" + output);
        return new Run(child.exitValue(), output);
    }

    @SafeVarargs
    static List<Path> classpath(List<Path>... parts) {
        List<Path> all = new ArrayList<>();
        for (List<Path> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static String join(List<Path> classpath) {
        return classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
