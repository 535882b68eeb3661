package io.github.bedrockposthog.internal.stream;

import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds event-stream frames the way Bedrock sends them, with the SDK's own encoder. */
final class Frames {

    private Frames() {
    }

    /** An InvokeModelWithResponseStream chunk wrapping the model's JSON. */
    static byte[] chunk(String modelJson) {
        String encoded = Base64.getEncoder().encodeToString(modelJson.getBytes(StandardCharsets.UTF_8));
        return event("chunk", "{\"bytes\":\"" + encoded + "\",\"p\":\"abcdef\"}");
    }

    /** A ConverseStream event (or any named event) whose payload is the JSON itself. */
    static byte[] event(String eventType, String json) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(eventType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return encode(headers, json);
    }

    /** A mid-stream exception frame. */
    static byte[] exception(String exceptionType, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":exception-type", HeaderValue.fromString(exceptionType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("exception"));
        return encode(headers, "{\"message\":\"" + message + "\"}");
    }

    /** An {@code error} frame: code and message travel in headers. */
    static byte[] error(String code, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("error"));
        headers.put(":error-code", HeaderValue.fromString(code));
        headers.put(":error-message", HeaderValue.fromString(message));
        return encode(headers, "");
    }

    /** Concatenates frames into one body. */
    static byte[] concat(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** Feeds a whole body to a fresh tap and returns its result. */
    static StreamResult tapAll(byte[] body) {
        EventStreamTap tap = new EventStreamTap(100_000, null);
        tap.accept(ByteBuffer.wrap(body));
        return tap.result();
    }

    private static byte[] encode(Map<String, HeaderValue> headers, String payload) {
        ByteBuffer buffer = new Message(headers, payload.getBytes(StandardCharsets.UTF_8)).toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
