package io.github.bedrockposthog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The layers of docs/ARCHITECTURE.md, read from the compiled classes' constant pools: the call record is
 * Bedrock-free, and the renderers see only the record (no SDK type, no body reader, no stream tap) and write plain
 * Java values, no type of posthog-java or its org.json (the transport translates).
 */
class LayersTest {

    @ParameterizedTest(name = "{0} uses no {1}")
    @CsvSource({
            "internal/model, software/amazon/awssdk/",
            "internal/model, io/github/bedrockposthog/internal/bedrock/",
            "internal/model, io/github/bedrockposthog/internal/call/",
            "internal/events, software/amazon/awssdk/",
            "internal/events, io/github/bedrockposthog/internal/bedrock/",
            "internal/events, io/github/bedrockposthog/internal/call/",
            "internal/events, io/github/bedrockposthog/internal/stream/",
            "internal/events, org/json/",
            "internal/events, com/posthog/",
    })
    void aLayerDoesNotReachBack(String layer, String forbidden) throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Path classFile : classes(layer)) {
            try (InputStream in = Files.newInputStream(classFile)) {
                for (String constant : ClassFileInfo.read(in.readAllBytes()).utf8) {
                    if (constant.contains(forbidden)) {
                        offenders.add(classFile.getFileName() + " -> " + constant);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    private static List<Path> classes(String layer) throws IOException, URISyntaxException {
        Path root = Paths.get(LayersTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolveSibling("classes").resolve("io/github/bedrockposthog").resolve(layer);
        try (Stream<Path> files = Files.list(root)) {
            List<Path> classes = files.filter(p -> p.toString().endsWith(".class")).toList();
            assertFalse(classes.isEmpty(), "no classes in " + root);
            return classes;
        }
    }
}
