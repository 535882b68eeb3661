package io.github.bedrockposthog.agent;

import io.github.bedrockposthog.agent.bootstrap.InterceptorBridge;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts {@link InterceptorBridge} on the bootstrap class path, so the advice woven into the SDK links in every class
 * loader (a Spring Boot {@code LaunchedClassLoader}, an app server's loader that does not delegate to the system
 * loader). The bridge is copied into a one-class jar first; its copy in the agent jar is never defined, because
 * every loader asks the bootstrap loader first.
 */
final class BootstrapBridge {

    /** Named as text: naming the class would load it in the wrong loader. */
    private static final String BRIDGE = "io/github/bedrockposthog/agent/bootstrap/InterceptorBridge.class";

    private BootstrapBridge() {
    }

    static void inject(Instrumentation instrumentation) throws IOException {
        File jar = File.createTempFile("bedrock-posthog-agent-bridge-", ".jar");
        jar.deleteOnExit();
        try (InputStream in = BootstrapBridge.class.getClassLoader().getResourceAsStream(BRIDGE);
             OutputStream out = new JarOutputStream(Files.newOutputStream(jar.toPath()))) {
            if (in == null) {
                throw new IOException("the agent jar lacks " + BRIDGE);
            }
            ((JarOutputStream) out).putNextEntry(new JarEntry(BRIDGE));
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
    }

    /** Only after {@link #inject}: resolving the bridge earlier would define it in the system loader. */
    static void delegateTo(BiConsumer<Class<?>, List<Object>> agent) {
        InterceptorBridge.delegateTo(agent);
    }

}
