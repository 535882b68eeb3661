package io.github.bedrockposthog.spring;

import java.util.Map;

/**
 * Adds custom properties to every Bedrock event, e.g. the deployment or tenant. Declare one or more as beans; they
 * are asked on the calling thread as each call starts, in bean order, later ones winning on equal names. Scope and
 * per-request properties beat them, and the measured facts of the call beat all. One that throws adds nothing.
 */
@FunctionalInterface
public interface BedrockPostHogPropertiesContributor {

    /**
     * The properties to add to the current call's events.
     *
     * @return property names and JSON-friendly values; {@code null} or empty for none
     */
    Map<String, ?> properties();
}
