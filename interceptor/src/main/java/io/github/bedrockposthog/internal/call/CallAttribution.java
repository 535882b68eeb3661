package io.github.bedrockposthog.internal.call;

import io.github.bedrockposthog.internal.bedrock.ConverseDialect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who made a call, which trace it belongs to and which extra properties it carries, resolved once in
 * {@code beforeExecution}. Precedence, first found wins: the request's execution attribute, the caller's
 * {@link CallerScope}, Converse {@code requestMetadata} ({@value ConverseDialect#DISTINCT_ID_METADATA_KEY}), the
 * app's user resolver, the configured default. Properties: the app's contributor, then the scope's, then the
 * request's (later wins). No user at all means an anonymous call (the renderers then use the trace id).
 */
public final class CallAttribution {

    private final String distinctId;
    private final Map<String, Object> properties;
    private final String traceId;

    private CallAttribution(String distinctId, Map<String, Object> properties, String traceId) {
        this.distinctId = distinctId;
        this.properties = properties;
        this.traceId = traceId;
    }

    /**
     * Resolves a call's attribution.
     *
     * @param attributeDistinctId the request's {@code DISTINCT_ID} attribute, may be {@code null}
     * @param attributeProperties the request's {@code PROPERTIES} attribute, may be {@code null}
     * @param attributeTraceId    the request's {@code TRACE_ID} attribute, may be {@code null}
     * @param scope               the calling thread's scope, may be {@code null}
     * @param request             the SDK request (for Converse {@code requestMetadata})
     * @param userResolver        the app's user resolver, asked only when nothing above names the user
     *                            (returns {@code null} for nobody; never throws)
     * @param contributed         the app's properties for every event, never {@code null}
     * @param defaultDistinctId   the configured default user, may be {@code null}
     */
    public static CallAttribution resolve(String attributeDistinctId, Map<String, Object> attributeProperties,
                                          String attributeTraceId, CallerScope scope, Object request,
                                          Supplier<String> userResolver, Map<String, ?> contributed,
                                          String defaultDistinctId) {
        String distinctId = attributeDistinctId;
        if (distinctId == null && scope != null) {
            distinctId = scope.distinctId();
        }
        if (distinctId == null) {
            distinctId = ConverseDialect.metadataDistinctId(request);
        }
        if (distinctId == null) {
            distinctId = userResolver.get(); // the app's resolver: after everything the call names, on its thread
        }
        if (distinctId == null) {
            distinctId = defaultDistinctId;
        }
        Map<String, Object> properties = new LinkedHashMap<>(contributed);
        if (scope != null) {
            properties.putAll(scope.properties());
        }
        if (attributeProperties != null) {
            properties.putAll(attributeProperties); // the request's own properties win over the scope's
        }
        String traceId = attributeTraceId;
        if (traceId == null && scope != null) {
            traceId = scope.traceId();
        }
        if (traceId == null) {
            traceId = TraceIds.random();
        }
        return new CallAttribution(distinctId, Collections.unmodifiableMap(properties), traceId);
    }

    /** The user, or {@code null} for an anonymous call. */
    public String distinctId() {
        return distinctId;
    }

    /** Extra event properties from the scope and the request. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** The trace id: given, or a random UUID. */
    public String traceId() {
        return traceId;
    }
}
