package io.github.bedrockposthog;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library runs wherever the AWS SDK v2 runs: every class it ships is Java 8 bytecode. */
class BytecodeLevelTest {

    @Test
    void everyCompiledClassOfTheLibraryIsJava8Bytecode() throws Exception {
        Path classes = Paths.get(PostHogBedrockInterceptor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "runs against the compiled classes directory: " + classes);
        List<Path> classFiles;
        try (Stream<Path> walk = Files.walk(classes)) {
            classFiles = walk.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
        }
        assertTrue(classFiles.size() > 40, "found the library's classes: " + classFiles.size());
        for (Path file : classFiles) {
            assertEquals(ClassFileInfo.JAVA_8, ClassFileInfo.read(Files.readAllBytes(file)).major,
                    () -> classes.relativize(file) + " is not Java 8 bytecode");
        }
    }
}
