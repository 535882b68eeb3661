package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery to a local HTTPS capture server with a self-signed certificate made for the test: not trusted by the
 * JVM, the handshake fails with one clear ERROR and backoff; trusted through {@code sslContext(..)}, events arrive.
 */
class TlsDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static BedrockEmulator emulator;
    private static CaptureServer https;
    private static KeyStore keys;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("capture.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "capture", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
        keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(keys, PASSWORD);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(km.getKeyManagers(), null, null);
        https = CaptureServer.startHttps(server);
        emulator = BedrockEmulator.start();
    }

    @AfterAll
    static void stop() {
        https.close();
        emulator.close();
    }

    private static SSLContext trusting() throws Exception {
        TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(keys);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tm.getTrustManagers(), null);
        return client;
    }

    private static BedrockPostHog.Builder posthog() {
        return BedrockPostHog.builder().apiKey("phc_tls").host(https.endpoint().toString())
                .retryBackoff(Duration.ofMillis(100), Duration.ofMillis(400)).flushTimeout(Duration.ofMillis(500));
    }

    private static void call(BedrockPostHog posthog, String prompt) {
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            client.invokeModel(r -> r.modelId("meta.llama3-1-8b-instruct-v1:0")
                    .body(SdkBytes.fromUtf8String("{\"prompt\":\"" + prompt + "\"}")));
        }
    }

    @Test
    void anUntrustedCertificateIsOneClearErrorAndRetriesKeepTheirBackoff() throws Exception {
        https.clear();
        try (LogCapture log = LogCapture.start(); BedrockPostHog posthog = posthog().build()) {
            call(posthog, "untrusted");
            log.await("TLS with the PostHog host https://127.0.0.1:" + https.port() + " failed (SSLHandshakeException)", WAIT);
            Thread.sleep(1_500); // several retries' worth of backoff
            assertEquals(1, log.lines("TLS with the PostHog host"), log::text);
            assertEquals(0, log.lines("not reachable"), "the TLS error says what it is: " + log.text());
            assertEquals(0, posthog.stats().sent());
            assertEquals(1, posthog.stats().queued(), "kept and retried, with backoff: " + posthog.stats());
            assertEquals(0, https.requestCount(), "no request got through the handshake");
        }
    }

    @Test
    void aTrustedCertificateDelivers() throws Exception {
        https.clear();
        try (BedrockPostHog posthog = posthog().sslContext(trusting()).build()) {
            call(posthog, "trusted");
            List<io.github.bedrockposthog.testkit.CapturedEvent> events = https.awaitEvents(1, WAIT);
            assertEquals("trusted", events.get(0).property("prompt"));
            Eventually.await("sent", () -> posthog.stats().sent() == 1, WAIT, () -> posthog.stats().toString());
        }
    }
}
