package io.github.bedrockposthog.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/** Writes an {@link EmulatorReply} to a JDK {@link HttpExchange}: headers, body or paced frames. */
final class ReplyWriter {

    /** Thrown to make the JDK server drop the connection without finishing the response. */
    static final class Disconnect extends IOException {
        private static final long serialVersionUID = 1L;

        Disconnect(String reason) {
            super(reason);
        }
    }

    private static final Set<String> COMPUTED = Set.of("content-length", "connection", "transfer-encoding");

    private ReplyWriter() {
    }

    /**
     * Sends the reply. Throws {@link Disconnect} when the reply asks for a dropped connection or the server closes
     * during a pause; the caller must then not close the exchange normally.
     */
    static void write(HttpExchange exchange, EmulatorReply reply, CountDownLatch closed) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
            if (!COMPUTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.set(header.getKey(), header.getValue());
            }
        }
        if (reply.header("Content-Type") == null) {
            headers.set("Content-Type", reply.isStream() ? EmulatorReply.EVENT_STREAM : "application/json");
        }
        if (reply.header("x-amzn-RequestId") == null) {
            headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
        }
        if (reply.isStream()) {
            writeFrames(exchange, reply, closed);
        } else {
            writeBody(exchange, reply);
        }
    }

    private static void writeBody(HttpExchange exchange, EmulatorReply reply) throws IOException {
        byte[] body = reply.body();
        if (body == null || body.length == 0) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(reply.status(), reply.chunkSize() > 0 ? 0 : body.length);
        OutputStream out = exchange.getResponseBody();
        writePieces(out, body, reply.chunkSize());
        out.close();
    }

    private static void writeFrames(HttpExchange exchange, EmulatorReply reply, CountDownLatch closed) throws IOException {
        exchange.sendResponseHeaders(reply.status(), 0);
        OutputStream out = exchange.getResponseBody();
        if (!Waits.pause(reply.firstByteDelay(), closed)) {
            throw new Disconnect("emulator closed");
        }
        List<byte[]> frames = reply.frames();
        for (int i = 0; i < frames.size(); i++) {
            if (i == reply.disconnectAfterFrames()) {
                throw new Disconnect("scripted disconnect after " + i + " frames");
            }
            if (i > 0 && !Waits.pause(reply.frameGap(), closed)) {
                throw new Disconnect("emulator closed");
            }
            writePieces(out, frames.get(i), reply.chunkSize());
        }
        if (reply.disconnectAfterFrames() >= frames.size()) {
            throw new Disconnect("scripted disconnect after " + frames.size() + " frames");
        }
        out.close();
    }

    private static void writePieces(OutputStream out, byte[] bytes, int chunkSize) throws IOException {
        int piece = chunkSize > 0 ? chunkSize : bytes.length;
        for (int offset = 0; offset < bytes.length; offset += piece) {
            out.write(bytes, offset, Math.min(piece, bytes.length - offset));
            out.flush();
        }
    }
}
