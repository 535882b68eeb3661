package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * Builds and reads {@code application/vnd.amazon.eventstream} frames the way Bedrock Runtime sends them.
 *
 * <p>Like the real service, the frames this class builds for {@link #chunk(String)} carry a {@code "p"} padding
 * field next to {@code "bytes"}; clients must ignore it.
 */
public final class EventStreamFrames {

    private static final String PADDING_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private EventStreamFrames() {
    }

    /**
     * An InvokeModelWithResponseStream {@code chunk} event: headers {@code :event-type=chunk},
     * {@code :content-type=application/json}, {@code :message-type=event}, payload
     * {@code {"bytes":"<base64 of modelJson>","p":"..."}}.
     *
     * @param modelJson the model's own chunk JSON
     * @return the encoded frame
     */
    public static byte[] chunk(String modelJson) {
        String encoded = Base64.getEncoder().encodeToString(modelJson.getBytes(StandardCharsets.UTF_8));
        ObjectNode payload = Json.object();
        payload.put("bytes", encoded);
        payload.put("p", padding(encoded.length()));
        return event("chunk", Json.write(payload));
    }

    /**
     * An event frame: headers {@code :event-type=<eventType>}, {@code :content-type=application/json},
     * {@code :message-type=event}, and the payload exactly as given.
     *
     * @param eventType   e.g. {@code messageStart}, {@code contentBlockDelta}, {@code metadata}
     * @param jsonPayload the JSON payload
     * @return the encoded frame
     */
    public static byte[] event(String eventType, String jsonPayload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(eventType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return encode(headers, jsonPayload);
    }

    /**
     * A mid-stream error frame: headers {@code :exception-type=<exceptionType>},
     * {@code :content-type=application/json}, {@code :message-type=exception}, payload {@code {"message":"..."}}.
     *
     * @param exceptionType the stream member name, e.g. {@code modelStreamErrorException},
     *                      {@code throttlingException}, {@code internalServerException}
     * @param message       the message
     * @return the encoded frame
     */
    public static byte[] exception(String exceptionType, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":exception-type", HeaderValue.fromString(exceptionType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("exception"));
        return encode(headers, Json.message(message));
    }

    /**
     * Decodes a whole event-stream body.
     *
     * @param body the bytes of zero or more complete frames
     * @return the messages in order
     * @throws IllegalArgumentException when the body ends inside a frame
     */
    public static List<Message> decode(byte[] body) {
        List<Message> messages = new ArrayList<>();
        for (byte[] frame : split(body)) {
            messages.add(Message.decode(ByteBuffer.wrap(frame)));
        }
        return messages;
    }

    /**
     * Decodes frames incrementally, the way a client reading pieces does; the result equals {@link #decode} for
     * complete bodies.
     *
     * @param pieces the body in pieces, split anywhere
     * @return the messages in order
     */
    public static List<Message> decodePieces(List<byte[]> pieces) {
        List<Message> messages = new ArrayList<>();
        MessageDecoder decoder = new MessageDecoder(messages::add);
        for (byte[] piece : pieces) {
            decoder.feed(piece);
        }
        return messages;
    }

    /**
     * Splits an event-stream body at its frame boundaries, using each frame's length prelude; the bytes are
     * returned unchanged.
     *
     * @param body the bytes of zero or more complete frames
     * @return the encoded frames in order
     * @throws IllegalArgumentException when the body ends inside a frame
     */
    public static List<byte[]> split(byte[] body) {
        List<byte[]> frames = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(body);
        while (buffer.remaining() > 0) {
            if (buffer.remaining() < 4) {
                throw new IllegalArgumentException("event stream ends inside a frame prelude");
            }
            int length = buffer.getInt(buffer.position());
            if (length < Message.MESSAGE_OVERHEAD || length > buffer.remaining()) {
                throw new IllegalArgumentException("bad or truncated frame of length " + length
                        + " with " + buffer.remaining() + " bytes left");
            }
            byte[] frame = new byte[length];
            buffer.get(frame);
            frames.add(frame);
        }
        return Collections.unmodifiableList(frames);
    }

    /**
     * A header of a decoded message as a string.
     *
     * @param message a decoded message
     * @param name    e.g. {@code :event-type}
     * @return the value, or null when absent
     */
    public static String header(Message message, String name) {
        HeaderValue value = message.getHeaders().get(name);
        return value == null ? null : value.getString();
    }

    /**
     * The payload of a decoded message as UTF-8 text.
     *
     * @param message a decoded message
     * @return the payload text
     */
    public static String payloadText(Message message) {
        return new String(message.getPayload(), StandardCharsets.UTF_8);
    }

    /**
     * The model JSON a {@code chunk} message carries (its payload's {@code bytes}, base64-decoded).
     *
     * @param message a decoded chunk message
     * @return the model's chunk JSON text
     * @throws IllegalArgumentException when the message has no {@code bytes}
     */
    public static String chunkJson(Message message) {
        JsonNode payload = Json.tryRead(message.getPayload());
        if (payload == null || !payload.path("bytes").isTextual()) {
            throw new IllegalArgumentException("not a chunk event: " + payloadText(message));
        }
        return new String(Base64.getDecoder().decode(payload.get("bytes").asText()), StandardCharsets.UTF_8);
    }

    private static byte[] encode(Map<String, HeaderValue> headers, String payload) {
        ByteBuffer buffer = new Message(headers, payload.getBytes(StandardCharsets.UTF_8)).toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** Deterministic padding of 1 to 62 characters, like the "p" field the service adds. */
    static String padding(int seed) {
        int length = 1 + Math.floorMod(seed * 31 + 7, PADDING_ALPHABET.length());
        return PADDING_ALPHABET.substring(0, length);
    }
}
