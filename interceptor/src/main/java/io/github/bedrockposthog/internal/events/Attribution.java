package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.model.LlmCall;

import java.util.Map;

/** Who an event belongs to, the same way for both event schemas. */
final class Attribution {

    private Attribution() {
    }

    /**
     * The call's user (resolved once per call by {@code CallAttribution}), else the trace id; for an anonymous call
     * it also marks {@code properties} with {@code $process_person_profile: false}, as PostHog's own AI SDKs do.
     */
    static String distinctId(LlmCall o, Map<String, Object> properties) {
        String distinctId = o.distinctId;
        if (distinctId == null) {
            distinctId = o.traceId;
            properties.put("$process_person_profile", Boolean.FALSE);
        }
        return distinctId;
    }
}
