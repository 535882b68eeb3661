package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Converse API, the same for every family: the response body and the ConverseStream events. Stream payloads
 * list their keys alphabetically and carry the {@code "p"} padding field, as the recorded ones do.
 */
final class ConverseFormat {

    private ConverseFormat() {
    }

    static ObjectNode body(Completion c) {
        ObjectNode body = Json.object();
        body.set("metrics", metrics(c));
        ObjectNode message = body.putObject("output").putObject("message");
        message.putArray("content").addObject().put("text", c.answer());
        message.put("role", "assistant");
        body.put("stopReason", "end_turn");
        body.set("usage", usage(c));
        return body;
    }

    /** Encoded frames: messageStart, contentBlockDelta per piece, contentBlockStop, messageStop, metadata. */
    static List<byte[]> frames(Completion c) {
        List<byte[]> frames = new ArrayList<>();
        ObjectNode start = Json.object();
        start.put("p", EventStreamFrames.padding(0));
        start.put("role", "assistant");
        frames.add(EventStreamFrames.event("messageStart", Json.write(start)));
        List<String> pieces = c.pieces();
        for (int i = 0; i < pieces.size(); i++) {
            ObjectNode delta = Json.object();
            delta.put("contentBlockIndex", 0);
            delta.putObject("delta").put("text", pieces.get(i));
            delta.put("p", EventStreamFrames.padding(i + 1));
            frames.add(EventStreamFrames.event("contentBlockDelta", Json.write(delta)));
        }
        ObjectNode blockStop = Json.object();
        blockStop.put("contentBlockIndex", 0);
        blockStop.put("p", EventStreamFrames.padding(pieces.size() + 1));
        frames.add(EventStreamFrames.event("contentBlockStop", Json.write(blockStop)));
        ObjectNode messageStop = Json.object();
        messageStop.put("p", EventStreamFrames.padding(pieces.size() + 2));
        messageStop.put("stopReason", "end_turn");
        frames.add(EventStreamFrames.event("messageStop", Json.write(messageStop)));
        ObjectNode metadata = Json.object();
        metadata.set("metrics", metrics(c));
        metadata.put("p", EventStreamFrames.padding(pieces.size() + 3));
        metadata.set("usage", usage(c));
        frames.add(EventStreamFrames.event("metadata", Json.write(metadata)));
        return frames;
    }

    private static ObjectNode metrics(Completion c) {
        ObjectNode metrics = Json.object();
        metrics.put("latencyMs", c.latencyMs());
        return metrics;
    }

    private static ObjectNode usage(Completion c) {
        ObjectNode usage = Json.object();
        usage.put("inputTokens", c.inputTokens());
        usage.put("outputTokens", c.outputTokens());
        usage.put("totalTokens", c.totalTokens());
        return usage;
    }
}
