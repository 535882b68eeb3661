package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.RecordedExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A webapp redeploy: the app's jars (bedrock-posthog among them) in a class loader of their own, a configuration
 * installed and never closed, one Bedrock call, then the loader dropped as a servlet container drops it. Once delivery
 * is idle nothing of bedrock-posthog (delivery thread, request-deadline timer, shutdown hook) may keep that loader
 * reachable: it is garbage collected.
 */
class RedeployIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final LoopbackServers SERVERS = new LoopbackServers();

    @Test
    void aRedeployedWebappsClassLoaderIsCollectedOnceDeliveryIsIdle() throws Exception {
        BedrockEmulator emulator = SERVERS.emulator();
        CaptureServer capture = SERVERS.capture();
        emulator.enqueueFixture(RecordedExchange.named("test_meta__test_meta_llama3_completion"));

        WeakReference<ClassLoader> webapp = deployRunAndUndeploy(emulator, capture);

        long until = System.nanoTime() + WAIT.toNanos();
        while (webapp.get() != null && System.nanoTime() < until) {
            System.gc();
            Thread.sleep(100);
        }
        assertNull(webapp.get(), "the undeployed webapp's class loader is still reachable: " + threadsOfOurs());
    }

    /** Runs the webapp on a thread of its own (a request thread), returns a weak reference to its class loader. */
    private static WeakReference<ClassLoader> deployRunAndUndeploy(BedrockEmulator emulator, CaptureServer capture)
            throws Exception {
        List<URL> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            jars.add(new File(entry).toURI().toURL());
        }
        URLClassLoader loader = new URLClassLoader(jars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread request = new Thread(() -> {
            try {
                Thread.currentThread().setContextClassLoader(loader);
                loader.loadClass(RedeployedWebapp.class.getName())
                        .getMethod("run", String.class, String.class, String.class, String.class)
                        .invoke(null, emulator.endpoint().toString(), capture.endpoint().toString(),
                                "meta.llama3-1-8b-instruct-v1:0", "{\"prompt\":\"Tell me a joke\"}");
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "webapp-request");
        request.start();
        request.join();
        if (failure.get() != null) {
            throw new AssertionError("the webapp failed", failure.get());
        }
        assertEquals("phc_webapp", capture.awaitEvents(1, WAIT).get(0).apiKey(), "the webapp's call was reported");
        loader.close(); // the container undeploys it
        return new WeakReference<>(loader);
    }

    private static List<String> threadsOfOurs() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("bedrock-posthog")) {
                names.add(t.getName());
            }
        }
        return names;
    }
}
