package io.github.bedrockposthog.testkit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The record keeps its body and headers to itself and compares the body by content. */
class EmulatedRequestTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    private static EmulatedRequest request(byte[] body) {
        return new EmulatedRequest(EmulatedRequest.INVOKE_MODEL, "m", "POST", "/model/m/invoke", body,
                Map.of("X-Amz-Target", List.of("a", "b")), AT);
    }

    @Test
    void theBodyIsCopiedInAndOut() {
        byte[] body = "{\"prompt\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        EmulatedRequest request = request(body);
        body[0] = 'X';
        assertEquals("{\"prompt\":\"hi\"}", request.bodyText());
        request.body()[0] = 'Y';
        assertEquals('{', request.body()[0]);
    }

    @Test
    void headersIgnoreCaseAndCannotChange() {
        EmulatedRequest request = request(new byte[0]);
        assertEquals("a", request.header("x-amz-target"));
        assertEquals(List.of("a", "b"), request.headers().get("X-AMZ-TARGET"));
        assertThrows(UnsupportedOperationException.class, () -> request.headers().put("k", List.of()));
    }

    @Test
    void equalRequestsAreEqualByBodyContent() {
        EmulatedRequest a = request("{}".getBytes(StandardCharsets.UTF_8));
        EmulatedRequest b = request("{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertArrayEquals(a.body(), b.body());
        assertNotEquals(a, request("[]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("InvokeModel m (2 bytes)", a.toString());
    }
}
