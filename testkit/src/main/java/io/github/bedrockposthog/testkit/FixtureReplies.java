package io.github.bedrockposthog.testkit;

import java.util.Map;
import java.util.Set;

/** Turns a {@link RecordedExchange} into the {@link EmulatorReply} that replays it. */
final class FixtureReplies {

    /** Headers the server computes itself. */
    private static final Set<String> DROPPED = Set.of("content-length", "connection", "transfer-encoding");

    private FixtureReplies() {
    }

    /**
     * Same status, the recorded headers minus Content-Length/Connection/Transfer-Encoding, the body bytes exactly;
     * streams as their recorded frames (unchanged bytes), written in pieces of {@code chunkSize} when positive.
     */
    static EmulatorReply of(RecordedExchange exchange, int chunkSize) {
        EmulatorReply.Builder reply = EmulatorReply.builder().status(exchange.status()).chunkSize(chunkSize);
        for (Map.Entry<String, String> header : exchange.responseHeaders().entrySet()) {
            if (!DROPPED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                reply.header(header.getKey(), header.getValue());
            }
        }
        if (exchange.isStream()) {
            reply.frames(EventStreamFrames.split(exchange.responseBody()));
        } else {
            reply.body(exchange.responseBody());
        }
        return reply.build();
    }
}
