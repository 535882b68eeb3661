package io.github.bedrockposthog.agent.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM puts the agent jar on the system class path. This guards what that exposes: nothing an app's class loader
 * or the SDK's service lookup could pick up and fail to link (no {@code execution.interceptors}, no
 * {@code META-INF/services}, no class that names an SDK type), and the interceptor only as a nested jar.
 */
class AgentJarIT {

    private static final String NESTED = "bedrock-posthog-agent/bedrock-posthog-interceptor.jar";

    @Test
    void theManifestNamesTheAgentEntryPoints() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.AGENT.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertEquals("io.github.bedrockposthog.agent.BedrockPostHogAgent", main.getValue("Premain-Class"));
            assertEquals("io.github.bedrockposthog.agent.BedrockPostHogAgent", main.getValue("Agent-Class"));
            assertEquals("true", main.getValue("Can-Retransform-Classes"));
        }
    }

    @Test
    void onTheSystemClassPathThereIsOnlyTheAgentsOwnPackageAndTheNestedJar() throws IOException {
        List<String> unexpected = new ArrayList<>();
        try (JarFile jar = new JarFile(ChildJvm.AGENT.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                boolean allowed = entry.isDirectory() || name.equals(NESTED)
                        || name.startsWith("io/github/bedrockposthog/agent/")
                        || name.equals("META-INF/MANIFEST.MF") || name.startsWith("META-INF/maven/")
                        || name.startsWith("META-INF/licenses/") || name.equals("META-INF/LICENSE")
                        || name.equals("META-INF/NOTICE");
                if (!allowed || name.startsWith("META-INF/services/") || name.endsWith("execution.interceptors")) {
                    unexpected.add(name);
                }
            }
        }
        assertEquals(List.of(), unexpected, "entries a class loader could see");
    }

    @Test
    void noClassOfTheAgentLinksAgainstTheSdk() throws IOException {
        List<String> linking = new ArrayList<>();
        try (JarFile jar = new JarFile(ChildJvm.AGENT.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                String text;
                try (InputStream in = jar.getInputStream(entry)) {
                    text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                }
                // the only slash-form SDK name allowed is the resource path the advice compares with
                String rest = text.replace("software/amazon/awssdk/services/bedrockruntime/execution.interceptors", "");
                if (rest.contains("software/amazon/awssdk/")) {
                    linking.add(entry.getName());
                }
            }
        }
        assertEquals(List.of(), linking, "classes with a class reference into the AWS SDK");
    }

    @Test
    void theInterceptorAndItsRegistrationAreInsideTheNestedJar() throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(ChildJvm.AGENT.toFile());
             JarInputStream nested = new JarInputStream(jar.getInputStream(jar.getJarEntry(NESTED)))) {
            for (JarEntry e; (e = nested.getNextJarEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        assertTrue(names.contains("io/github/bedrockposthog/PostHogBedrockInterceptor.class"), names::toString);
        assertTrue(names.stream().anyMatch(n -> n.startsWith("io/github/bedrockposthog/shaded/com/fasterxml/jackson/core/")),
                "jackson-core relocated, as in the -all jar");
        assertTrue(names.stream().noneMatch(n -> n.contains("com/posthog/")), "no posthog-java: the sender is ours");
        assertTrue(names.stream().noneMatch(n -> n.startsWith("software/amazon/awssdk/") && n.endsWith(".class")),
                "no SDK class: the app's SDK is used");
    }
}
