package io.github.bedrockposthog.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One answer of the {@link BedrockEmulator}: a status, headers and either a plain body or a list of encoded
 * event-stream frames, plus the timing of the answer. Immutable; build one with {@link #builder()} or a helper such
 * as {@link #json(String)} or {@link #error(int, String, String)}.
 *
 * <p>A plain body is sent with a Content-Length, unless {@link Builder#chunkSize(int)} asks for pieces. Frames are
 * always sent with chunked transfer encoding, flushed after every frame (or every piece).
 */
public final class EmulatorReply {

    /** The content type of event-stream answers. */
    public static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;
    private final List<byte[]> frames;
    private final Duration delay;
    private final Duration firstByteDelay;
    private final Duration frameGap;
    private final int chunkSize;
    private final int disconnectAfterFrames;

    private EmulatorReply(Builder b) {
        this.status = b.status;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.body = b.body == null ? null : b.body.clone();
        this.frames = b.frames == null ? null : copyFrames(b.frames);
        this.delay = b.delay;
        this.firstByteDelay = b.firstByteDelay;
        this.frameGap = b.frameGap;
        this.chunkSize = b.chunkSize;
        this.disconnectAfterFrames = b.disconnectAfterFrames;
    }

    /**
     * A new builder: status 200, no headers, no body, no delays.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A 200 answer with this JSON body and {@code Content-Type: application/json}.
     *
     * @param body JSON text
     * @return the reply
     */
    public static EmulatorReply json(String body) {
        return builder().header("Content-Type", "application/json").body(body).build();
    }

    /**
     * A restJson1 error as Bedrock sends it: header {@code x-amzn-ErrorType: <type>}, a request id and the body
     * {@code {"message": "..."}}.
     *
     * @param status  HTTP status, e.g. 429
     * @param type    error type, e.g. {@code ThrottlingException}
     * @param message the message
     * @return the reply
     */
    public static EmulatorReply error(int status, String type, String message) {
        return builder()
                .status(status)
                .header("Content-Type", "application/json")
                .header("x-amzn-ErrorType", type)
                .header("x-amzn-RequestId", UUID.randomUUID().toString())
                .body(Json.message(message))
                .build();
    }

    /**
     * A 200 event-stream answer carrying these encoded frames.
     *
     * @param encodedFrames frames, e.g. from {@link EventStreamFrames}
     * @return the reply
     */
    public static EmulatorReply stream(List<byte[]> encodedFrames) {
        return builder().frames(encodedFrames).build();
    }

    /**
     * A builder holding this reply's values.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.status = status;
        b.headers.putAll(headers);
        b.body = body;
        b.frames = frames;
        b.delay = delay;
        b.firstByteDelay = firstByteDelay;
        b.frameGap = frameGap;
        b.chunkSize = chunkSize;
        b.disconnectAfterFrames = disconnectAfterFrames;
        return b;
    }

    /**
     * The HTTP status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The headers in the order they were added (names as given).
     *
     * @return an unmodifiable map
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * One header, looked up ignoring case.
     *
     * @param name header name
     * @return its value, or null
     */
    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The plain body.
     *
     * @return a copy of the body, or null for a stream or an empty answer
     */
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    /**
     * The plain body as UTF-8 text.
     *
     * @return the text, or null
     */
    public String bodyText() {
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The encoded event-stream frames.
     *
     * @return an unmodifiable list of copies, or null when this is not a stream
     */
    public List<byte[]> frames() {
        return frames == null ? null : copyFrames(frames);
    }

    /**
     * Whether this answer is an event stream.
     *
     * @return true when frames were set
     */
    public boolean isStream() {
        return frames != null;
    }

    /**
     * The wait before the status line and headers are sent.
     *
     * @return the delay, never null
     */
    public Duration delay() {
        return delay;
    }

    /**
     * For streams: the wait between the headers and the first frame.
     *
     * @return the delay, never null
     */
    public Duration firstByteDelay() {
        return firstByteDelay;
    }

    /**
     * For streams: the wait between two frames.
     *
     * @return the gap, never null
     */
    public Duration frameGap() {
        return frameGap;
    }

    /**
     * The size of the pieces the body or frames are written in, each flushed alone; 0 writes whole frames (or the
     * whole body with a Content-Length).
     *
     * @return the piece size, 0 for none
     */
    public int chunkSize() {
        return chunkSize;
    }

    /**
     * For streams: after how many frames the emulator drops the connection without ending the chunked body;
     * -1 sends all frames and ends the body normally.
     *
     * @return the frame count, or -1
     */
    public int disconnectAfterFrames() {
        return disconnectAfterFrames;
    }

    private static List<byte[]> copyFrames(List<byte[]> frames) {
        List<byte[]> copy = new ArrayList<>(frames.size());
        for (byte[] frame : frames) {
            copy.add(Objects.requireNonNull(frame, "frame").clone());
        }
        return Collections.unmodifiableList(copy);
    }

    /** Builds an {@link EmulatorReply}. */
    public static final class Builder {
        private int status = 200;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;
        private List<byte[]> frames;
        private Duration delay = Duration.ZERO;
        private Duration firstByteDelay = Duration.ZERO;
        private Duration frameGap = Duration.ZERO;
        private int chunkSize;
        private int disconnectAfterFrames = -1;

        private Builder() {
        }

        /**
         * Sets the HTTP status.
         *
         * @param status e.g. 200 or 429
         * @return this builder
         */
        public Builder status(int status) {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("not an HTTP status: " + status);
            }
            this.status = status;
            return this;
        }

        /**
         * Sets a header, replacing one of the same name (ignoring case).
         *
         * @param name  header name
         * @param value header value
         * @return this builder
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            headers.put(name, value);
            return this;
        }

        /**
         * Sets the plain body.
         *
         * @param body the bytes, sent exactly
         * @return this builder
         */
        public Builder body(byte[] body) {
            this.body = body == null ? null : body.clone();
            return this;
        }

        /**
         * Sets the plain body as UTF-8 text.
         *
         * @param body the text
         * @return this builder
         */
        public Builder body(String body) {
            this.body = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * Makes this an event stream of these encoded frames; sets {@code Content-Type} to the event-stream type
         * unless a content type was given.
         *
         * @param encodedFrames frames, e.g. from {@link EventStreamFrames}
         * @return this builder
         */
        public Builder frames(List<byte[]> encodedFrames) {
            this.frames = copyFrames(Objects.requireNonNull(encodedFrames, "encodedFrames"));
            return this;
        }

        /**
         * Waits this long before sending the status line and headers.
         *
         * @param delay the delay
         * @return this builder
         */
        public Builder delay(Duration delay) {
            this.delay = nonNegative(delay, "delay");
            return this;
        }

        /**
         * For streams: waits this long after the headers before the first frame.
         *
         * @param delay the delay
         * @return this builder
         */
        public Builder firstByteDelay(Duration delay) {
            this.firstByteDelay = nonNegative(delay, "firstByteDelay");
            return this;
        }

        /**
         * For streams: waits this long between two frames.
         *
         * @param gap the gap
         * @return this builder
         */
        public Builder frameGap(Duration gap) {
            this.frameGap = nonNegative(gap, "frameGap");
            return this;
        }

        /**
         * Writes the body or the frames in pieces of this many bytes, flushing each, so frame boundaries fall
         * anywhere in what the client reads (1 is the harshest). 0 (the default) writes whole frames.
         *
         * @param chunkSize bytes per piece, or 0
         * @return this builder
         */
        public Builder chunkSize(int chunkSize) {
            if (chunkSize < 0) {
                throw new IllegalArgumentException("chunkSize must be >= 0: " + chunkSize);
            }
            this.chunkSize = chunkSize;
            return this;
        }

        /**
         * For streams: sends only the first {@code frames} frames, then drops the connection without ending the
         * chunked body, as a broken network would.
         *
         * @param frames frames to send first, 0 or more
         * @return this builder
         */
        public Builder disconnectAfterFrames(int frames) {
            if (frames < 0) {
                throw new IllegalArgumentException("frames must be >= 0: " + frames);
            }
            this.disconnectAfterFrames = frames;
            return this;
        }

        /**
         * Builds the reply.
         *
         * @return the immutable reply
         */
        public EmulatorReply build() {
            if (frames != null && body != null) {
                throw new IllegalStateException("a reply has either a body or frames, not both");
            }
            return new EmulatorReply(this);
        }

        private static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative: " + d);
            }
            return d;
        }
    }
}
