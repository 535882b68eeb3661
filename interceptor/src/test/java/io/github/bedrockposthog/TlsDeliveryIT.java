package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.junit.LoopbackServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
    private static KeyStore keys;

    /** An HTTPS capture server; its key store is made when the class starts. */
    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog(LoopbackServers.builder()
            .tls(TlsDeliveryIT::serverTls).retryBackoff(Duration.ofMillis(100), Duration.ofMillis(400)));
    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer https = SERVERS.capture();

    /** A self-signed certificate for 127.0.0.1 made by keytool, as the server's key. */
    private static SSLContext serverTls() {
        try {
            Path dir = Files.createTempDirectory("tls-delivery");
            Path store = dir.resolve("capture.p12");
            try {
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
            } finally {
                Files.deleteIfExists(store);
                Files.delete(dir);
            }
            KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            km.init(keys, PASSWORD);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(km.getKeyManagers(), null, null);
            return server;
        } catch (Exception e) {
            throw new IllegalStateException("no key store for the HTTPS capture server", e);
        }
    }

    private static SSLContext trusting() throws Exception {
        TrustManagerFactory tm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(keys);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tm.getTrustManagers(), null);
        return client;
    }

    private static BedrockPostHog.Builder posthog() {
        return SERVERS.posthog("phc_tls").flushTimeout(Duration.ofMillis(500));
    }

    private void call(BedrockPostHog posthog, String prompt) {
        try (BedrockRuntimeClient client = Clients.apache(emulator.endpoint(), posthog.interceptor())) {
            client.invokeModel(r -> r.modelId("meta.llama3-1-8b-instruct-v1:0")
                    .body(SdkBytes.fromUtf8String("{\"prompt\":\"" + prompt + "\"}")));
        }
    }

    @Test
    void anUntrustedCertificateIsOneClearErrorAndRetriesKeepTheirBackoff() throws Exception {
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
        try (BedrockPostHog posthog = posthog().sslContext(trusting()).build()) {
            call(posthog, "trusted");
            List<io.github.bedrockposthog.testkit.CapturedEvent> events = https.awaitEvents(1, WAIT);
            assertEquals("trusted", events.get(0).property("prompt"));
            Eventually.await("sent", () -> posthog.stats().sent() == 1, WAIT, () -> posthog.stats().toString());
        }
    }
}
