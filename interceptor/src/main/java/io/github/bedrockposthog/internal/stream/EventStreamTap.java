package io.github.bedrockposthog.internal.stream;

import io.github.bedrockposthog.internal.bedrock.ConverseDialect;
import io.github.bedrockposthog.internal.bedrock.Dialect;
import io.github.bedrockposthog.internal.bedrock.Dialects;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.json.ScratchJson;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Watches the bytes of a Bedrock streaming response ({@value #CONTENT_TYPE}) as they pass from the HTTP
 * client to the SDK and records what the model said: text, tokens, stop reason, tools, guardrail action and
 * a mid-stream exception. It only reads: the caller's buffers keep their position and limit, and nothing is
 * held back.
 *
 * <p>Understands both streaming operations: InvokeModelWithResponseStream ({@code chunk} events whose payload
 * wraps the model's JSON in base64, read by the family's {@link Dialect}) and ConverseStream (named events, read by
 * {@link ConverseDialect}).
 *
 * <p>Never throws. Bytes that are not a valid event stream (bad prelude, checksum or length) stop the decoding
 * for good ({@link #corrupt()}); the stream itself is not affected.
 *
 * <p>Lean by design, as it runs for every frame of every stream: frames are framed and checked (both CRCs) in
 * place, headers compared as bytes, and a chunk's base64 decoded into a reused array and read by a reused
 * {@link ScratchJson}. Only a frame split across buffers is copied (into one reused array). What a stream
 * allocates beyond a constant is the generated text itself. Anything the lean path cannot vouch for is read
 * by the general parser instead, with the same result.
 *
 * <p>Threading: {@link #accept(ByteBuffer)} is called serially (one signal at a time, possibly from
 * different threads); {@link #result()} may be called from any thread. A private lock, uncontended in
 * practice, publishes the state safely.
 */
public final class EventStreamTap implements Consumer<ByteBuffer> {

    /** The content type of an AWS event stream response. */
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    /** Total length (4), headers length (4), prelude CRC (4). */
    private static final int PRELUDE_LENGTH = 12;
    /** Prelude plus the trailing message CRC. */
    private static final int MIN_FRAME_LENGTH = PRELUDE_LENGTH + 4;
    /** The event-stream limits: 128 KiB of headers, 16 MiB of payload. */
    private static final int MAX_HEADERS_LENGTH = 128 * 1024;
    private static final int MAX_FRAME_LENGTH = MIN_FRAME_LENGTH + MAX_HEADERS_LENGTH + 16 * 1024 * 1024;

    private static final byte HEADER_STRING = 7;
    /**
     * Scratch arrays up to this size are a stream's own; a frame split across buffers beyond it, and the reading of
     * a frame larger than it, draw on the process-wide {@link ScratchBudget}.
     */
    static final int FREE_SCRATCH_BYTES = 64 * 1024;

    private static final byte[] MESSAGE_TYPE = ascii(":message-type");
    private static final byte[] EVENT_TYPE = ascii(":event-type");
    private static final byte[] EXCEPTION_TYPE = ascii(":exception-type");
    private static final byte[] ERROR_CODE = ascii(":error-code");
    private static final byte[] ERROR_MESSAGE = ascii(":error-message");
    private static final byte[] EVENT = ascii("event");
    private static final byte[] EXCEPTION = ascii("exception");
    private static final byte[] ERROR = ascii("error");
    private static final byte[] CHUNK = ascii("chunk");
    private static final byte[] BYTES = ascii("bytes");
    private static final byte[] BYTES_PREFIX = ascii("{\"bytes\":\"");
    private static final byte[] PADDING_PREFIX = ascii(",\"p\":\"");

    /** ConverseStream event names, so that their frames need no new string. */
    private static final String[] KNOWN_EVENTS = {
        ConverseDialect.MESSAGE_START, ConverseDialect.CONTENT_BLOCK_START,
        ConverseDialect.CONTENT_BLOCK_DELTA, ConverseDialect.CONTENT_BLOCK_STOP,
        ConverseDialect.MESSAGE_STOP, ConverseDialect.METADATA,
    };
    private static final byte[][] KNOWN_EVENT_BYTES = new byte[KNOWN_EVENTS.length][];

    static {
        for (int i = 0; i < KNOWN_EVENTS.length; i++) {
            KNOWN_EVENT_BYTES[i] = ascii(KNOWN_EVENTS[i]);
        }
    }

    private final Object lock = new Object();
    private final StreamAccumulator state;
    private final Dialect dialect;
    private final CRC32 crc = new CRC32();
    private final ScratchJson json = new ScratchJson();
    private final ScratchBudget budget;
    /** What {@link #pending} holds of the budget (its length when beyond the free size, else 0). */
    private int pendingReserved;
    /** Bytes still to come of a frame skipped because the budget could not hold it. */
    private int skipping;
    /** Set on the first framing error: nothing after it can be framed reliably. */
    private boolean broken;
    /** The start of a frame that did not arrive whole; {@code pendingLength} bytes of it so far. */
    private byte[] pending;
    private int pendingLength;
    /** The bytes of a buffer without an accessible array. */
    private byte[] copied;
    /** Decoded base64 of a chunk. */
    private byte[] decoded;

    // The string headers of the frame being read: offsets into its array, -1 when absent.
    private int messageTypeAt;
    private int messageTypeLength;
    private int eventTypeAt;
    private int eventTypeLength;
    private int exceptionTypeAt;
    private int exceptionTypeLength;
    private int errorCodeAt;
    private int errorCodeLength;
    private int errorMessageAt;
    private int errorMessageLength;

    /**
     * Creates a tap for one response stream.
     *
     * @param maxTextChars the most characters of generated text kept (see {@link StreamResult#textTruncated()})
     * @param onFirstText  run once, synchronously on the decoding thread, when the first non-empty generated
     *                     text is decoded (e.g. to take the time to first token); may be {@code null}; what
     *                     it throws is ignored
     */
    public EventStreamTap(int maxTextChars, Runnable onFirstText) {
        this(maxTextChars, null, onFirstText);
    }

    /**
     * Creates a tap for one response stream whose chunks are in a known dialect.
     *
     * @param dialect the call's dialect for InvokeModelWithResponseStream chunks; {@code null} when the family is
     *                unknown (every dialect is asked) or for ConverseStream
     */
    public EventStreamTap(int maxTextChars, Dialect dialect, Runnable onFirstText) {
        this(maxTextChars, dialect, onFirstText, ScratchBudget.PROCESS);
    }

    EventStreamTap(int maxTextChars, Dialect dialect, Runnable onFirstText, ScratchBudget budget) {
        this.state = new StreamAccumulator(maxTextChars, onFirstText);
        this.dialect = dialect;
        this.budget = budget;
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
     * only read: its position, limit and content stay as they were.
     *
     * @param buffer the bytes between its position and limit; {@code null} is ignored
     */
    @Override
    public void accept(ByteBuffer buffer) {
        if (buffer == null) {
            return;
        }
        synchronized (lock) {
            if (broken) {
                return;
            }
            try {
                int length = buffer.remaining();
                if (length == 0) {
                    return;
                }
                if (buffer.hasArray()) {
                    feed(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
                } else { // direct or read-only: read through a duplicate, so the caller's position stays
                    ByteBuffer view = buffer.duplicate();
                    if (copied == null || copied.length < Math.min(length, FREE_SCRATCH_BYTES)) {
                        copied = new byte[Math.min(Math.max(length, 1024), FREE_SCRATCH_BYTES)];
                    }
                    while (view.hasRemaining() && !broken) { // in slices: the copy never outgrows the free size
                        int slice = Math.min(view.remaining(), copied.length);
                        view.get(copied, 0, slice);
                        feed(copied, 0, slice);
                    }
                }
            } catch (Throwable t) {
                markCorrupt();
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

    private void markCorrupt() {
        broken = true;
        releasePending();
        copied = null;
        decoded = null;
        state.corrupt();
    }

    /**
     * The response ended (completed, failed or cancelled): gives back the budget a frame still in transit holds.
     * Idempotent; the result stays readable.
     */
    public void end() {
        synchronized (lock) {
            releasePending();
        }
    }

    private void releasePending() {
        budget.release(pendingReserved);
        pendingReserved = 0;
        pending = null;
        pendingLength = 0;
    }

    /** A frame of {@code total} bytes is skipped: {@code seen} of them have passed already. */
    private void skipFrame(int total, int seen) {
        skipping = total - seen;
        pendingLength = 0;
        state.frameSkipped();
    }

    /** Frames {@code bytes[offset, offset+length)}: whole frames in place, a split one through {@link #pending}. */
    private void feed(byte[] bytes, int offset, int length) {
        int at = offset;
        int end = offset + length;
        while (at < end && !broken) {
            if (skipping > 0) {
                int n = Math.min(skipping, end - at);
                skipping -= n;
                at += n;
                continue;
            }
            if (pendingLength == 0) {
                int available = end - at;
                if (available >= PRELUDE_LENGTH) {
                    int total = frameLength(bytes, at);
                    if (total < 0) {
                        markCorrupt();
                        return;
                    }
                    if (available >= total) {
                        frame(bytes, at, total);
                        at += total;
                        continue;
                    }
                    if (!ensurePending(total)) {
                        skipFrame(total, available);
                        return;
                    }
                } else {
                    ensurePending(PRELUDE_LENGTH);
                }
                System.arraycopy(bytes, at, pending, 0, available);
                pendingLength = available;
                return;
            }
            // Complete the frame started in an earlier buffer: its prelude first, then the rest.
            int target = pendingLength < PRELUDE_LENGTH ? PRELUDE_LENGTH : frameLength(pending, 0);
            int take = Math.min(target - pendingLength, end - at);
            System.arraycopy(bytes, at, pending, pendingLength, take);
            pendingLength += take;
            at += take;
            if (pendingLength == PRELUDE_LENGTH) {
                int total = frameLength(pending, 0);
                if (total < 0) {
                    markCorrupt();
                    return;
                }
                if (!ensurePending(total)) {
                    skipFrame(total, PRELUDE_LENGTH);
                    continue;
                }
                target = total;
            }
            if (pendingLength == target && target > PRELUDE_LENGTH) {
                pendingLength = 0;
                frame(pending, 0, target);
                if (pendingReserved > 0) {
                    releasePending(); // a large frame's array goes back at once
                }
            }
        }
    }

    /** Grows {@link #pending} to hold {@code length} bytes; {@code false} when the budget cannot hold them. */
    private boolean ensurePending(int length) {
        if (pending != null && pending.length >= length) {
            return true;
        }
        int size = length > FREE_SCRATCH_BYTES ? length
                : Math.min(FREE_SCRATCH_BYTES, Math.max(length, pending == null ? 1024 : pending.length * 2));
        int reserve = size > FREE_SCRATCH_BYTES ? size : 0;
        if (!budget.reserve(reserve - pendingReserved)) {
            return false;
        }
        pendingReserved = reserve;
        byte[] grown = new byte[size];
        if (pending != null && pendingLength > 0) {
            System.arraycopy(pending, 0, grown, 0, pendingLength);
        }
        pending = grown;
        return true;
    }

    /** The total length of the frame whose valid prelude starts at {@code at}, or -1 for a bad prelude. */
    private int frameLength(byte[] bytes, int at) {
        int total = readInt(bytes, at);
        int headers = readInt(bytes, at + 4);
        crc.reset();
        crc.update(bytes, at, 8);
        if ((int) crc.getValue() != readInt(bytes, at + 8)) {
            return -1;
        }
        if (total < MIN_FRAME_LENGTH || total > MAX_FRAME_LENGTH || headers < 0 || headers > MAX_HEADERS_LENGTH
                || headers > total - MIN_FRAME_LENGTH) {
            return -1;
        }
        return total;
    }

    /** A whole frame of {@code total} bytes at {@code at}, prelude already checked. */
    private void frame(byte[] bytes, int at, int total) {
        crc.reset();
        crc.update(bytes, at, total - 4);
        if ((int) crc.getValue() != readInt(bytes, at + total - 4)) {
            markCorrupt();
            return;
        }
        int headersEnd = at + PRELUDE_LENGTH + readInt(bytes, at + 4);
        if (!readHeaders(bytes, at + PRELUDE_LENGTH, headersEnd)) {
            markCorrupt();
            return;
        }
        int payloadLength = at + total - 4 - headersEnd;
        // Reading a large frame (decoding, parsing) needs about its size again, for a moment.
        int reading = payloadLength > FREE_SCRATCH_BYTES ? payloadLength : 0;
        if (!budget.reserve(reading)) {
            state.frameSkipped();
            return;
        }
        state.frame();
        try {
            readFrame(bytes, headersEnd, payloadLength);
        } catch (Throwable ignored) {
            // A frame we cannot read is skipped; the framing is intact, so the next one is read.
        } finally {
            budget.release(reading);
            if (decoded != null && decoded.length > FREE_SCRATCH_BYTES) {
                decoded = null; // covered by the reservation just released
            }
        }
    }

    /** Notes where the string headers we use are; false when the header block is malformed. */
    private boolean readHeaders(byte[] bytes, int from, int to) {
        messageTypeAt = -1;
        eventTypeAt = -1;
        exceptionTypeAt = -1;
        errorCodeAt = -1;
        errorMessageAt = -1;
        int p = from;
        while (p < to) {
            int nameLength = bytes[p] & 0xff;
            int nameAt = p + 1;
            p = nameAt + nameLength;
            if (nameLength == 0 || p >= to) {
                return false;
            }
            byte type = bytes[p++];
            int valueAt = p;
            int valueLength;
            switch (type) {
                case 0: // true
                case 1: // false
                    valueLength = 0;
                    break;
                case 2: // byte
                    valueLength = 1;
                    break;
                case 3: // short
                    valueLength = 2;
                    break;
                case 4: // int
                    valueLength = 4;
                    break;
                case 5: // long
                case 8: // timestamp
                    valueLength = 8;
                    break;
                case 6: // byte array
                case HEADER_STRING:
                    if (p + 2 > to) {
                        return false;
                    }
                    valueLength = ((bytes[p] & 0xff) << 8) | (bytes[p + 1] & 0xff);
                    valueAt = p + 2;
                    break;
                case 9: // uuid
                    valueLength = 16;
                    break;
                default:
                    return false;
            }
            p = valueAt + valueLength;
            if (p > to) {
                return false;
            }
            if (type == HEADER_STRING) {
                noteHeader(bytes, nameAt, nameLength, valueAt, valueLength);
            } else {
                forgetHeader(bytes, nameAt, nameLength); // a later header of another type replaces an earlier one
            }
        }
        return true;
    }

    private void noteHeader(byte[] bytes, int nameAt, int nameLength, int valueAt, int valueLength) {
        if (equal(bytes, nameAt, nameLength, MESSAGE_TYPE)) {
            messageTypeAt = valueAt;
            messageTypeLength = valueLength;
        } else if (equal(bytes, nameAt, nameLength, EVENT_TYPE)) {
            eventTypeAt = valueAt;
            eventTypeLength = valueLength;
        } else if (equal(bytes, nameAt, nameLength, EXCEPTION_TYPE)) {
            exceptionTypeAt = valueAt;
            exceptionTypeLength = valueLength;
        } else if (equal(bytes, nameAt, nameLength, ERROR_CODE)) {
            errorCodeAt = valueAt;
            errorCodeLength = valueLength;
        } else if (equal(bytes, nameAt, nameLength, ERROR_MESSAGE)) {
            errorMessageAt = valueAt;
            errorMessageLength = valueLength;
        }
    }

    private void forgetHeader(byte[] bytes, int nameAt, int nameLength) {
        if (equal(bytes, nameAt, nameLength, MESSAGE_TYPE)) {
            messageTypeAt = -1;
        } else if (equal(bytes, nameAt, nameLength, EVENT_TYPE)) {
            eventTypeAt = -1;
        } else if (equal(bytes, nameAt, nameLength, EXCEPTION_TYPE)) {
            exceptionTypeAt = -1;
        } else if (equal(bytes, nameAt, nameLength, ERROR_CODE)) {
            errorCodeAt = -1;
        } else if (equal(bytes, nameAt, nameLength, ERROR_MESSAGE)) {
            errorMessageAt = -1;
        }
    }

    private void readFrame(byte[] bytes, int payloadAt, int payloadLength) {
        if (messageTypeAt < 0 || equal(bytes, messageTypeAt, messageTypeLength, EVENT)) {
            if (eventTypeAt < 0) {
                return;
            }
            if (equal(bytes, eventTypeAt, eventTypeLength, CHUNK)) {
                readChunk(bytes, payloadAt, payloadLength);
                return;
            }
            String eventType = eventType(bytes);
            if (!ConverseDialect.isIgnorable(eventType)) {
                ConverseDialect.readEvent(eventType, tree(bytes, payloadAt, payloadLength), state, true);
            }
        } else if (equal(bytes, messageTypeAt, messageTypeLength, EXCEPTION)) {
            String text = exceptionMessage(Arrays.copyOfRange(bytes, payloadAt, payloadAt + payloadLength));
            state.exception(text(bytes, exceptionTypeAt, exceptionTypeLength),
                    text != null ? text : text(bytes, errorMessageAt, errorMessageLength));
        } else if (equal(bytes, messageTypeAt, messageTypeLength, ERROR)) {
            state.exception(text(bytes, errorCodeAt, errorCodeLength), text(bytes, errorMessageAt, errorMessageLength));
        }
    }

    /** An InvokeModelWithResponseStream chunk: {@code {"bytes": "<base64 of the model's JSON>"}}. */
    private void readChunk(byte[] bytes, int payloadAt, int payloadLength) {
        int length = decodeBedrockChunk(bytes, payloadAt, payloadLength);
        if (length < 0) {
            long range = json.stringMember(bytes, payloadAt, payloadLength, BYTES);
            if (range == ScratchJson.NOT_FOUND) {
                return;
            }
            if (range != ScratchJson.UNREADABLE) {
                int from = (int) (range >>> 32);
                int to = (int) range;
                ensureDecoded(to - from);
                length = Base64Bytes.decode(bytes, from, to, decoded);
            }
        }
        Object chunk;
        if (length >= 0) {
            chunk = tree(decoded, 0, length);
        } else { // not plain: the general path decides, exactly as it always did
            byte[] payload = Arrays.copyOfRange(bytes, payloadAt, payloadAt + payloadLength);
            String encoded = Json.string(Json.parse(payload), "bytes");
            if (encoded == null) {
                return;
            }
            chunk = Json.parse(Base64.getDecoder().decode(encoded));
        }
        if (chunk instanceof Map) {
            Dialects.readChunk(dialect, Json.object(chunk), state);
        }
    }

    /**
     * The fast path for the payload exactly as Bedrock writes it, {@code {"bytes":"<base64>"}} or
     * {@code {"bytes":"<base64>","p":"<padding>"}} with printable ASCII padding: the base64 is decoded while it is
     * scanned, into {@link #decoded}.
     *
     * @return the decoded length, or -1 for any other payload (then read by the general path)
     */
    private int decodeBedrockChunk(byte[] bytes, int at, int length) {
        int end = at + length;
        int p = at + BYTES_PREFIX.length;
        if (p >= end || !equal(bytes, at, BYTES_PREFIX.length, BYTES_PREFIX)) {
            return -1;
        }
        ensureDecoded(end - p);
        long decodedRange = Base64Bytes.decodeJsonString(bytes, p, end, decoded);
        if (decodedRange < 0) {
            return -1;
        }
        p = (int) (decodedRange >>> 32) + 1; // after the closing quote
        if (end - p >= PADDING_PREFIX.length + 2 && equal(bytes, p, PADDING_PREFIX.length, PADDING_PREFIX)) {
            p += PADDING_PREFIX.length;
            while (p < end && bytes[p] != '"') {
                byte b = bytes[p];
                if (b < 0x20 || b == '\\') { // control, escape or non-ASCII: let the general path judge
                    return -1;
                }
                p++;
            }
            p++;
        }
        return p == end - 1 && bytes[p] == '}' ? (int) decodedRange : -1;
    }

    private void ensureDecoded(int base64Length) {
        int room = Base64Bytes.maxDecodedLength(base64Length);
        if (decoded == null || decoded.length < room) {
            decoded = new byte[Math.max(room, 1024)];
        }
    }

    /** The JSON in {@code bytes[at, at+length)} as a scratch tree (valid until the next frame) or a general one. */
    private Object tree(byte[] bytes, int at, int length) {
        if (length == 0) {
            return null;
        }
        Object tree = json.parse(bytes, at, length);
        return tree != ScratchJson.UNSUPPORTED ? tree : Json.parse(Arrays.copyOfRange(bytes, at, at + length));
    }

    private String eventType(byte[] bytes) {
        for (int i = 0; i < KNOWN_EVENT_BYTES.length; i++) {
            if (equal(bytes, eventTypeAt, eventTypeLength, KNOWN_EVENT_BYTES[i])) {
                return KNOWN_EVENTS[i];
            }
        }
        return text(bytes, eventTypeAt, eventTypeLength);
    }

    private static String exceptionMessage(byte[] payload) {
        Object body = Json.parse(payload);
        String text = Json.string(body, "message");
        return text != null ? text : Json.string(body, "Message");
    }

    private static String text(byte[] bytes, int at, int length) {
        return at < 0 ? null : new String(bytes, at, length, StandardCharsets.UTF_8);
    }

    private static boolean equal(byte[] bytes, int at, int length, byte[] expected) {
        if (length != expected.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
