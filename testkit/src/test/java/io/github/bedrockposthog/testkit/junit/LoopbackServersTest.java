package io.github.bedrockposthog.testkit.junit;

import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.Responders;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The extension's contract, over two tests run in order: whatever the first test leaves behind (scripted replies,
 * recorded events, a fault mode, a stopped capture server, resources to close) is gone when the second begins; the
 * builder's options reach the servers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoopbackServersTest {

    private static final String SCRIPTED = "{\"generation\":\"from the responder\"}";

    @RegisterExtension
    static final LoopbackServers SERVERS = LoopbackServers.builder()
            .responder(Responders.always(EmulatorReply.json(SCRIPTED)))
            .retryBackoff(Duration.ofMillis(5), Duration.ofMillis(50))
            .build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> closed = new ArrayList<>();
    private static int firstPort;

    private static HttpResponse<String> post(URI uri, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int capture(String event) throws Exception {
        return post(URI.create(SERVERS.posthogHost() + "/batch/"),
                "{\"api_key\":\"phc_x\",\"batch\":[{\"event\":\"" + event + "\",\"distinct_id\":\"d\"}]}").statusCode();
    }

    @Test
    @Order(1)
    void aTestLeavesTheServersInDisarray() throws Exception {
        SERVERS.emulator().enqueueError(503, "ServiceUnavailableException", "left behind");
        assertEquals(200, capture("left behind"));
        SERVERS.capture().respondAlways(500);
        firstPort = SERVERS.capture().port();
        SERVERS.closeAfterEach(() -> closed.add("opened first"));
        SERVERS.closeAfterEach(() -> closed.add("opened last"));
        SERVERS.capture().stop();
        assertTrue(closed.isEmpty(), "closed only after the test");
    }

    @Test
    @Order(2)
    void theNextTestFindsThemBackToNormal() throws Exception {
        assumeTrue(firstPort != 0, "checks what aTestLeavesTheServersInDisarray left; run the class");
        assertEquals(List.of("opened last", "opened first"), closed, "closed after the test, the last first");
        assertEquals(0, SERVERS.emulator().pendingReplies(), "scripted replies forgotten");
        assertTrue(SERVERS.capture().isRunning(), "listening again");
        assertEquals(firstPort, SERVERS.capture().port(), "on the same port");
        assertEquals(List.of(), SERVERS.capture().events(), "recorded events forgotten");
        assertEquals(200, capture("next"), "the fault mode ended");
        assertEquals(1, SERVERS.capture().events().size());
    }

    @Test
    @Order(3)
    void theBuildersOptionsReachTheServers() throws Exception {
        HttpResponse<String> answer = post(URI.create(SERVERS.emulator().endpoint()
                + "/model/meta.llama3-1-8b-instruct-v1:0/invoke"), "{\"prompt\":\"Hi\"}");
        assertEquals(SCRIPTED, answer.body(), "the responder answers unscripted requests");
        assertEquals(Duration.ofMillis(5), SERVERS.retryBackoff());
        assertEquals(Duration.ofMillis(50), SERVERS.retryBackoffMax());
        assertEquals(SERVERS.capture().endpoint().toString(), SERVERS.posthogHost());
        assertEquals(Duration.ofMillis(LoopbackServers.FAST_RETRY_MILLIS), new LoopbackServers().retryBackoff(),
                "fast retries by default");
        assertThrows(IllegalArgumentException.class,
                () -> LoopbackServers.builder().retryBackoff(Duration.ofMillis(50), Duration.ofMillis(5)));
    }
}
