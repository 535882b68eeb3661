package io.github.bedrockposthog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bedrockposthog.testkit.EventStreamFrames;
import software.amazon.awssdk.eventstream.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * What a recorded stream says, computed independently of the library (Jackson over the decoded frames):
 * the concatenated text and the token counts Bedrock reported.
 */
record ExpectedStream(String text, Long inputTokens, Long outputTokens) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ExpectedStream of(byte[] body) {
        StringBuilder text = new StringBuilder();
        Long in = null;
        Long out = null;
        for (Message frame : EventStreamFrames.decode(body)) {
            String eventType = EventStreamFrames.header(frame, ":event-type");
            JsonNode payload = parse(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
            if ("chunk".equals(eventType)) {
                JsonNode chunk = parse(new String(Base64.getDecoder().decode(payload.path("bytes").asText()),
                        java.nio.charset.StandardCharsets.UTF_8));
                if ("content_block_delta".equals(chunk.path("type").asText())) {
                    text.append(chunk.path("delta").path("text").asText(""));
                }
                text.append(chunk.path("contentBlockDelta").path("delta").path("text").asText(""));
                text.append(chunk.path("outputText").asText(""));
                text.append(chunk.path("generation").asText(""));
                JsonNode metrics = chunk.path("amazon-bedrock-invocationMetrics");
                if (metrics.has("inputTokenCount")) {
                    in = metrics.path("inputTokenCount").asLong();
                    out = metrics.path("outputTokenCount").asLong();
                }
            } else if ("contentBlockDelta".equals(eventType)) {
                text.append(payload.path("delta").path("text").asText(""));
            } else if ("metadata".equals(eventType)) {
                in = payload.path("usage").path("inputTokens").asLong();
                out = payload.path("usage").path("outputTokens").asLong();
            }
        }
        return new ExpectedStream(text.toString(), in, out);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
