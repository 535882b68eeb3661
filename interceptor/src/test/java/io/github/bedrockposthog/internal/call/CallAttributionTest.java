package io.github.bedrockposthog.internal.call;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Attribute > scope > requestMetadata > default, resolved in one place. */
class CallAttributionTest {

    @ParameterizedTest(name = "attribute={0} scope={1} metadata={2} default={3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            "attr, scope, meta, dflt, attr",
            "-, scope, meta, dflt, scope",
            "-, -, meta, dflt, meta",
            "-, -, -, dflt, dflt",
            "-, -, -, -, -",
    })
    void theFirstSourceThatNamesTheUserWins(String attribute, String scope, String metadata, String byDefault,
                                             String expected) {
        ConverseRequest request = metadata == null ? ConverseRequest.builder().build()
                : ConverseRequest.builder().requestMetadata(Map.of("posthog_distinct_id", metadata)).build();
        CallerScope frame = scope == null ? null : CallerScope.open(scope, null, null);
        try {
            CallAttribution resolved = CallAttribution.resolve(attribute, null, null, CallerScope.current(), request,
                    () -> null, Map.of(), byDefault);
            assertEquals(expected, resolved.distinctId());
        } finally {
            if (frame != null) {
                frame.close();
            }
        }
    }

    @Test
    void theRequestsPropertiesAndTraceWinOverTheScopes() {
        CallerScope frame = CallerScope.open(null, Map.of("feature", "scope", "team", "a"), "scope-trace");
        try {
            CallAttribution resolved = CallAttribution.resolve(null, Map.of("feature", "request"), null,
                    CallerScope.current(), ConverseRequest.builder().build(), () -> null, Map.of(), null);
            assertEquals(Map.of("feature", "request", "team", "a"), resolved.properties());
            assertEquals("scope-trace", resolved.traceId());
            assertNotNull(CallAttribution.resolve(null, null, null, null, null, () -> null, Map.of(), null).traceId(), "always a trace");
        } finally {
            frame.close();
        }
    }

    @Test
    void theAppsResolverNamesTheUserOnlyWhenNothingElseDoesAndContributedPropertiesComeFirst() {
        ConverseRequest request = ConverseRequest.builder().build();
        CallAttribution byResolver = CallAttribution.resolve(null, Map.of("feature", "request"), null, null, request,
                () -> "resolved@example.com", Map.of("feature", "app", "build", "42"), "default");
        assertEquals("resolved@example.com", byResolver.distinctId());
        assertEquals(Map.of("feature", "request", "build", "42"), byResolver.properties());
        CallAttribution byAttribute = CallAttribution.resolve("attr", null, null, null, request,
                () -> "resolved@example.com", Map.of(), "default");
        assertEquals("attr", byAttribute.distinctId());
    }
}
