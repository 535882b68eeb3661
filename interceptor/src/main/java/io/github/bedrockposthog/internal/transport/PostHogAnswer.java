package io.github.bedrockposthog.internal.transport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * What the body of a 2xx answer says. PostHog answers {@code {"status": 1}} (or {@code "Ok"}); a captive portal's
 * HTML page or a proxy's empty reply is not a delivery, and {@code "quota_limited"} means PostHog dropped the events.
 */
enum PostHogAnswer {
    /** PostHog took the batch. */
    ACCEPTED,
    /** PostHog answered but dropped the events: the project is over its quota. */
    QUOTA_LIMITED,
    /** Not PostHog's answer (HTML, empty, another JSON): the batch did not reach PostHog. */
    UNEXPECTED;

    private static final JsonFactory JSON = new JsonFactory();

    /** Classifies the first bytes of a 2xx body. */
    static PostHogAnswer of(byte[] body, int length) {
        boolean accepted = false;
        boolean quotaLimited = false;
        try (JsonParser parser = JSON.createParser(body, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return UNEXPECTED;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.getCurrentName();
                JsonToken value = parser.nextToken();
                if ("status".equals(name)) {
                    accepted = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() == 1
                            : value == JsonToken.VALUE_STRING && "ok".equalsIgnoreCase(parser.getText());
                } else if ("quota_limited".equals(name) && value == JsonToken.START_ARRAY) {
                    JsonToken first = parser.nextToken();
                    quotaLimited = first != JsonToken.END_ARRAY;
                    if (quotaLimited) {
                        parser.skipChildren(); // a nested first element
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            parser.skipChildren();
                        }
                    }
                    continue;
                }
                parser.skipChildren();
            }
        } catch (Exception e) { // not JSON, or cut off
            return UNEXPECTED;
        }
        return quotaLimited ? QUOTA_LIMITED : accepted ? ACCEPTED : UNEXPECTED;
    }
}
