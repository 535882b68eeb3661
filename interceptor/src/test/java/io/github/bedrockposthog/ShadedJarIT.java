package io.github.bedrockposthog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published {@code -all} jar as built by {@code package}: only our package at the top, every bundled library
 * (jackson-core) relocated under {@code io.github.bedrockposthog.shaded}, nothing of posthog-java (the library has
 * its own sender), no reference left to an unrelocated name, Java 8 bytecode, the SDK's registration file merged.
 * Running it is {@code packaging-tests}' job.
 */
class ShadedJarIT {

    private static final String ROOT = "io/github/bedrockposthog/";
    private static final String SHADED = ROOT + "shaded/";
    /** What the -all jar bundles, as class-file names; each must appear only behind {@link #SHADED}. */
    private static final List<String> BUNDLED = Arrays.asList(
            "com/fasterxml/jackson/core/");
    private static final String REGISTRATION = "software/amazon/awssdk/services/bedrockruntime/execution.interceptors";

    private static Map<String, byte[]> entries;

    @BeforeAll
    static void readTheJar() throws IOException {
        Path jar = Paths.get(System.getProperty("bedrockposthog.allJar"));
        assertTrue(Files.isRegularFile(jar), () -> "the shade plugin builds " + jar + " in the package phase");
        entries = new LinkedHashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().collect(Collectors.toList())) {
                if (!entry.isDirectory()) {
                    try (InputStream in = file.getInputStream(entry)) {
                        entries.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
    }

    private static List<String> classNames() {
        return entries.keySet().stream().filter(n -> n.endsWith(".class")).collect(Collectors.toList());
    }

    @Test
    void everyClassLivesUnderOurPackageAndTheBundledLibrariesAreInside() {
        List<String> outside = classNames().stream().filter(n -> !n.startsWith(ROOT)).collect(Collectors.toList());
        assertEquals(List.of(), outside, "nothing outside io.github.bedrockposthog: no SDK, slf4j, module-info");
        assertTrue(entries.containsKey("io/github/bedrockposthog/PostHogBedrockInterceptor.class"));
        assertTrue(classNames().stream().noneMatch(n -> n.contains("com/posthog/") || n.contains("okhttp3/")
                || n.contains("kotlin/")), "no posthog-java, OkHttp or Kotlin inside");
        assertTrue(entries.containsKey(SHADED + "com/fasterxml/jackson/core/JsonFactory.class"));
        assertTrue(classNames().stream().noneMatch(n -> n.contains("software/amazon/awssdk/eventstream/")),
                "the stream tap needs no event-stream codec");
        assertTrue(classNames().stream().noneMatch(n -> n.startsWith(ROOT + "shaded/org/slf4j/")
                || n.startsWith(ROOT + "shaded/software/amazon/awssdk/core/")), "slf4j and the SDK core stay out");
    }

    @Test
    void noClassRefersToABundledLibraryByItsOriginalName() throws IOException {
        List<String> leaks = new ArrayList<>();
        for (String name : classNames()) {
            for (String constant : ClassFileInfo.read(entries.get(name)).utf8) {
                for (String bundled : BUNDLED) {
                    if (unrelocated(constant, bundled) || unrelocated(constant, bundled.replace('/', '.'))) {
                        leaks.add(name + " -> " + constant);
                    }
                }
            }
        }
        assertEquals(List.of(), leaks.stream().limit(20).collect(Collectors.toList()), leaks.size() + " references");
    }

    /** Whether {@code constant} names {@code bundled} anywhere other than right behind our shaded prefix. */
    private static boolean unrelocated(String constant, String bundled) {
        String prefix = bundled.indexOf('/') >= 0 ? SHADED : SHADED.replace('/', '.');
        for (int i = constant.indexOf(bundled); i >= 0; i = constant.indexOf(bundled, i + 1)) {
            if (!constant.startsWith(prefix, i - prefix.length())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void ourClassesAreJava8BytecodeAndNoBundledClassNeedsMore() throws IOException {
        for (String name : classNames()) {
            int major = ClassFileInfo.read(entries.get(name)).major;
            if (name.startsWith(SHADED)) {
                assertTrue(major <= ClassFileInfo.JAVA_8, () -> name + " needs Java " + (major - 44));
            } else {
                assertEquals(ClassFileInfo.JAVA_8, major, () -> name + " is not Java 8 bytecode");
            }
        }
    }

    @Test
    void theSdkFindsTheInterceptorAndNoForeignMetadataIsLeft() {
        String registration = new String(entries.get(REGISTRATION), StandardCharsets.UTF_8).trim();
        assertEquals(PostHogBedrockInterceptor.class.getName(), registration);
        assertTrue(entries.containsKey(registration.replace('.', '/') + ".class"));
        List<String> junk = entries.keySet().stream().filter(n -> n.endsWith("module-info.class")
                || n.startsWith("META-INF/versions/") || n.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")
                || n.endsWith(".kotlin_module") || n.startsWith("META-INF/proguard/")
                || (n.startsWith("META-INF/maven/") && !n.startsWith("META-INF/maven/io.github.bedrockposthog/")))
                .collect(Collectors.toList());
        assertEquals(List.of(), junk, "no signatures, module descriptors, foreign POMs or Kotlin metadata");
        for (String service : entries.keySet()) {
            if (service.startsWith("META-INF/services/")) {
                String contract = service.substring("META-INF/services/".length());
                assertTrue(contract.startsWith("io.github.bedrockposthog."), () -> service + " names a relocated type");
                for (String impl : new String(entries.get(service), StandardCharsets.UTF_8).split("\\R")) {
                    String implementation = impl.replaceAll("#.*", "").trim();
                    assertTrue(implementation.isEmpty() || entries.containsKey(implementation.replace('.', '/') + ".class"),
                            () -> service + " lists " + implementation + ", which the jar lacks");
                }
            }
        }
    }
}
