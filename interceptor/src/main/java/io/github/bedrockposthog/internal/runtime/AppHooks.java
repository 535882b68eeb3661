package io.github.bedrockposthog.internal.runtime;

import io.github.bedrockposthog.internal.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The app's own code that a configuration calls on the caller's thread when a call starts: a user resolver
 * (asked only when nothing else names the user) and a properties contributor (added to every event). A hook
 * that throws or returns nothing counts as absent: it never fails the call nor loses its event.
 */
public final class AppHooks {

    /** No hooks. */
    public static final AppHooks NONE = new AppHooks(null, null);

    private static final Logger LOG = LoggerFactory.getLogger("io.github.bedrockposthog");
    private static final RateLimitedLog FAILURES = new RateLimitedLog(LOG, 60_000);

    private final Supplier<String> userResolver;
    private final Supplier<? extends Map<String, ?>> propertiesContributor;

    private AppHooks(Supplier<String> userResolver, Supplier<? extends Map<String, ?>> propertiesContributor) {
        this.userResolver = userResolver;
        this.propertiesContributor = propertiesContributor;
    }

    /** Hooks from the builder; either may be {@code null}. */
    public static AppHooks of(Supplier<String> userResolver, Supplier<? extends Map<String, ?>> propertiesContributor) {
        return userResolver == null && propertiesContributor == null ? NONE
                : new AppHooks(userResolver, propertiesContributor);
    }

    /** The resolver's user, or {@code null} when there is no resolver, it names nobody, or it fails. */
    public String user() {
        if (userResolver == null) {
            return null;
        }
        try {
            String user = userResolver.get();
            return user == null || user.trim().isEmpty() ? null : user;
        } catch (Throwable t) { // the app's code: never the call's problem
            FAILURES.warn("bedrock-posthog: the user resolver failed ({}); the call is reported without it",
                    t.getClass().getName());
            return null;
        }
    }

    /** The contributor's properties (never {@code null}), empty when there is none or it fails. */
    public Map<String, ?> properties() {
        if (propertiesContributor == null) {
            return Collections.emptyMap();
        }
        try {
            Map<String, ?> properties = propertiesContributor.get();
            return properties == null ? Collections.<String, Object>emptyMap() : properties;
        } catch (Throwable t) {
            FAILURES.warn("bedrock-posthog: the properties contributor failed ({}); the call is reported without them",
                    t.getClass().getName());
            return Collections.emptyMap();
        }
    }
}
