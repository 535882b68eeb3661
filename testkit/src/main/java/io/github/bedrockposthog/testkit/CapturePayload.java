package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a PostHog capture request body: a batch {@code {"api_key", "batch": [event...]}} or a single event
 * {@code {"api_key", "event", "distinct_id", "properties", ...}}, plain or gzip-compressed. Keeps each event's
 * JSON text as received.
 */
final class CapturePayload {

    /** The body is not a capture payload; answered with 400. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private CapturePayload() {
    }

    /** Whether the bytes start with the gzip magic number. */
    static boolean looksGzipped(byte[] body) {
        return body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    }

    static byte[] gunzip(byte[] body) throws Invalid {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new Invalid("body is not valid gzip: " + e.getMessage());
        }
    }

    static List<CapturedEvent> parse(byte[] json, boolean gzipped) throws Invalid {
        ObjectNode top = Json.object();
        List<ObjectNode> batch = null;
        List<String> raws = new ArrayList<>();
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new Invalid("body is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("batch".equals(field) && value == JsonToken.START_ARRAY) {
                    batch = new ArrayList<>();
                    readBatch(parser, json, batch, raws);
                } else {
                    top.set(field, parser.readValueAsTree());
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new Invalid("body is not one JSON object");
            }
        } catch (IOException e) {
            throw new Invalid("body is not valid JSON: " + e.getMessage());
        }
        JsonNode apiKey = top.get("api_key");
        if (apiKey == null || !apiKey.isTextual() || apiKey.asText().isBlank()) {
            throw new Invalid("api_key is required");
        }
        Instant now = Instant.now();
        List<CapturedEvent> events = new ArrayList<>();
        if (batch != null) {
            for (int i = 0; i < batch.size(); i++) {
                requireEventName(batch.get(i));
                events.add(CapturedEvent.of(batch.get(i), apiKey.asText(), gzipped, raws.get(i), now));
            }
        } else if (top.has("event")) {
            requireEventName(top);
            events.add(CapturedEvent.of(top, apiKey.asText(), gzipped,
                    new String(json, StandardCharsets.UTF_8).strip(), now));
        } else {
            throw new Invalid("body has neither 'batch' nor 'event'");
        }
        return events;
    }

    private static void readBatch(JsonParser parser, byte[] json, List<ObjectNode> batch, List<String> raws)
            throws IOException, Invalid {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                throw new Invalid("every batch element must be a JSON object");
            }
            int start = (int) parser.currentTokenLocation().getByteOffset();
            ObjectNode event = parser.readValueAsTree();
            int end = (int) parser.currentLocation().getByteOffset();
            batch.add(event);
            raws.add(new String(json, start, end - start, StandardCharsets.UTF_8));
        }
    }

    private static void requireEventName(JsonNode event) throws Invalid {
        JsonNode name = event.get("event");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw new Invalid("every event needs an 'event' name");
        }
    }
}
