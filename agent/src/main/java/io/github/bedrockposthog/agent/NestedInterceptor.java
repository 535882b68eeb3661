package io.github.bedrockposthog.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The interceptor's {@code -all} jar, nested in the agent jar as a resource (under {@code bedrock-posthog-agent/},
 * which no class loader treats as a class path). It is copied to a temporary file the first time a Bedrock Runtime
 * client is built, so an app that never builds one has nothing written and nothing loaded.
 */
final class NestedInterceptor {

    static final String RESOURCE = "bedrock-posthog-agent/bedrock-posthog-interceptor.jar";

    private final URL source;
    private URL extracted;

    private NestedInterceptor(URL source) {
        this.source = source;
    }

    static NestedInterceptor fromAgentJar() throws IOException {
        URL source = NestedInterceptor.class.getClassLoader().getResource(RESOURCE);
        if (source == null) {
            throw new IOException("the agent jar lacks " + RESOURCE);
        }
        return new NestedInterceptor(source);
    }

    /** The jar as a file URL, copied out on first use; the file is deleted when the JVM exits. */
    synchronized URL jar() throws IOException {
        if (extracted == null) {
            Path file = Files.createTempFile("bedrock-posthog-agent-interceptor-", ".jar");
            file.toFile().deleteOnExit();
            try (InputStream in = source.openStream()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            extracted = file.toUri().toURL();
        }
        return extracted;
    }
}
