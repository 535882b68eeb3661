package io.github.bedrockposthog.internal.stream;

import io.github.bedrockposthog.internal.json.Json;
import software.amazon.awssdk.eventstream.HeaderType;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Watches the bytes of a Bedrock streaming response ({@value #CONTENT_TYPE}) as they pass from the HTTP
 * client to the SDK and records what the model said: text, tokens, stop reason, tools, guardrail action and
 * a mid-stream exception. It only reads: the caller's buffers keep their position and limit, and nothing is
 * held back.
 *
 * <p>Understands both streaming operations: InvokeModelWithResponseStream ({@code chunk} events whose payload
 * wraps the model's JSON in base64, read by {@link ChunkReader}) and ConverseStream (named events, read by
 * {@link ConverseEventReader}).
 *
 * <p>Never throws. Bytes that are not a valid event stream stop the decoding for good ({@link #corrupt()});
 * the stream itself is not affected.
 *
 * <p>Threading: {@link #accept(ByteBuffer)} is called serially (one signal at a time, possibly from
 * different threads); {@link #result()} may be called from any thread. A private lock, uncontended in
 * practice, publishes the state safely.
 */
public final class EventStreamTap implements Consumer<ByteBuffer> {

    /** The content type of an AWS event stream response. */
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private static final String MESSAGE_TYPE = ":message-type";
    private static final String EVENT_TYPE = ":event-type";
    private static final String EXCEPTION_TYPE = ":exception-type";
    private static final String ERROR_CODE = ":error-code";
    private static final String ERROR_MESSAGE = ":error-message";
    private static final String CHUNK = "chunk";

    private final Object lock = new Object();
    private final StreamAccumulator state;
    // Set to null on the first decoding error: the decoder's state is then unusable, and its buffer is freed.
    private MessageDecoder decoder;

    /**
     * Creates a tap for one response stream.
     *
     * @param maxTextChars the most characters of generated text kept (see {@link StreamResult#textTruncated()})
     * @param onFirstText  run once, synchronously on the decoding thread, when the first non-empty generated
     *                     text is decoded (e.g. to take the time to first token); may be {@code null}; what
     *                     it throws is ignored
     */
    public EventStreamTap(int maxTextChars, Runnable onFirstText) {
        this.state = new StreamAccumulator(maxTextChars, onFirstText);
        this.decoder = new MessageDecoder(this::onMessage);
    }

    /**
     * Whether a {@code Content-Type} header value names an AWS event stream; case-insensitive, parameters
     * (after {@code ;}) ignored.
     *
     * @param contentTypeHeaderValue the header value, may be {@code null}
     * @return {@code true} for {@value #CONTENT_TYPE}
     */
    public static boolean isEventStream(String contentTypeHeaderValue) {
        if (contentTypeHeaderValue == null) {
            return false;
        }
        int end = contentTypeHeaderValue.indexOf(';');
        String mediaType = (end < 0 ? contentTypeHeaderValue : contentTypeHeaderValue.substring(0, end)).trim();
        return CONTENT_TYPE.equals(mediaType.toLowerCase(Locale.ROOT));
    }

    /**
     * Feeds the next bytes of the response. Frames may be split across buffers at any byte. The buffer is
     * only read, through a read-only view: its position, limit and content stay as they were.
     *
     * @param buffer the bytes between its position and limit; {@code null} is ignored
     */
    @Override
    public void accept(ByteBuffer buffer) {
        if (buffer == null) {
            return;
        }
        synchronized (lock) {
            if (decoder == null) {
                return;
            }
            try {
                decoder.feed(buffer.asReadOnlyBuffer());
            } catch (Throwable t) {
                // Bad prelude, checksum or length: nothing after this point can be framed reliably.
                decoder = null;
                state.corrupt();
            }
        }
    }

    /**
     * Whether decoding stopped because the bytes were not a valid event stream.
     *
     * @return {@code true} after a decoding error
     */
    public boolean corrupt() {
        synchronized (lock) {
            return state.isCorrupt();
        }
    }

    /**
     * What the stream has said so far, as an immutable snapshot.
     *
     * @return the current result, never {@code null}
     */
    public StreamResult result() {
        synchronized (lock) {
            return state.snapshot();
        }
    }

    /** Called by the decoder, under the lock, for each complete frame. Must not throw: see below. */
    private void onMessage(Message message) {
        state.frame();
        try {
            readFrame(message);
        } catch (Throwable ignored) {
            // A frame we cannot read is skipped. Throwing here would leave the decoder mid-frame and lose
            // every following frame.
        }
    }

    private void readFrame(Message message) {
        Map<String, HeaderValue> headers = message.getHeaders();
        String messageType = header(headers, MESSAGE_TYPE);
        if (messageType == null || "event".equals(messageType)) {
            String eventType = header(headers, EVENT_TYPE);
            if (CHUNK.equals(eventType)) {
                readChunk(message.getPayload());
            } else if (eventType != null && !ConverseEventReader.isIgnorable(eventType)) {
                ConverseEventReader.read(eventType, Json.parse(message.getPayload()), state, true);
            }
        } else if ("exception".equals(messageType)) {
            String text = exceptionMessage(message.getPayload());
            state.exception(header(headers, EXCEPTION_TYPE), text != null ? text : header(headers, ERROR_MESSAGE));
        } else if ("error".equals(messageType)) {
            state.exception(header(headers, ERROR_CODE), header(headers, ERROR_MESSAGE));
        }
    }

    /** An InvokeModelWithResponseStream chunk: {@code {"bytes": "<base64 of the model's JSON>"}}. */
    private void readChunk(byte[] payload) {
        String encoded = Json.string(Json.parse(payload), "bytes");
        if (encoded == null) {
            return;
        }
        Object chunk = Json.parse(Base64.getDecoder().decode(encoded));
        if (chunk instanceof Map) {
            ChunkReader.read(Json.object(chunk), state);
        }
    }

    private static String exceptionMessage(byte[] payload) {
        Object body = Json.parse(payload);
        String text = Json.string(body, "message");
        return text != null ? text : Json.string(body, "Message");
    }

    private static String header(Map<String, HeaderValue> headers, String name) {
        HeaderValue value = headers.get(name);
        return value != null && value.getType() == HeaderType.STRING ? value.getString() : null;
    }
}
