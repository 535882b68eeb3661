package io.github.bedrockposthog.internal.events;

import io.github.bedrockposthog.internal.call.Observation;
import io.github.bedrockposthog.internal.config.Settings;

import java.util.Map;

/** Who an event belongs to, the same way for both event schemas. */
final class Attribution {

    private Attribution() {
    }

    /**
     * The call's user, else the configured default user, else the trace id; for an anonymous call it also marks
     * {@code properties} with {@code $process_person_profile: false}, as PostHog's own AI SDKs do.
     */
    static String distinctId(Observation o, Settings settings, Map<String, Object> properties) {
        String distinctId = o.distinctId != null ? o.distinctId : settings.defaultDistinctId();
        if (distinctId == null) {
            distinctId = o.traceId;
            properties.put("$process_person_profile", Boolean.FALSE);
        }
        return distinctId;
    }
}
