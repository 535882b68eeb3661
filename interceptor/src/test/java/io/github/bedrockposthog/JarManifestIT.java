package io.github.bedrockposthog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both published jars as built by {@code package}: a stable {@code Automatic-Module-Name}, and nothing of the
 * dashboard/report command (its own artifact, {@code bedrock-posthog-cli}): no {@code Main-Class}, no
 * {@code cli} package, so no PostHog admin client on an application's class path.
 */
class JarManifestIT {

    private static Path jar(String suffix) {
        String all = System.getProperty("bedrockposthog.allJar");
        Path jar = Paths.get(all.substring(0, all.length() - "-all.jar".length()) + suffix);
        assertTrue(Files.isRegularFile(jar), () -> jar + " is built in the package phase");
        return jar;
    }

    @ParameterizedTest
    @ValueSource(strings = {".jar", "-all.jar"})
    void theJarHasAModuleNameAndNoCommand(String suffix) throws IOException {
        try (JarFile file = new JarFile(jar(suffix).toFile())) {
            Attributes main = file.getManifest().getMainAttributes();
            assertEquals("io.github.bedrockposthog", main.getValue("Automatic-Module-Name"));
            assertNull(main.getValue(Attributes.Name.MAIN_CLASS));
            assertTrue(file.stream().noneMatch(e -> e.getName().startsWith("io/github/bedrockposthog/cli/")),
                    "the command lives in bedrock-posthog-cli");
            assertTrue(file.getEntry("io/github/bedrockposthog/PostHogBedrockInterceptor.class") != null);
        }
    }
}
