package io.github.bedrockposthog.internal.events;

import java.util.Map;

/** One PostHog event ready to send: name, distinct id and properties. */
public final class Event {

    private final String name;
    private final String distinctId;
    private final Map<String, Object> properties;

    public Event(String name, String distinctId, Map<String, Object> properties) {
        this.name = name;
        this.distinctId = distinctId;
        this.properties = properties;
    }

    public String name() {
        return name;
    }

    public String distinctId() {
        return distinctId;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
