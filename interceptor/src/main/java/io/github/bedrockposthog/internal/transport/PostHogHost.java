package io.github.bedrockposthog.internal.transport;

import org.slf4j.Logger;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.Locale;

/**
 * Checks {@code POSTHOG_HOST} when delivery starts, so a wrong host is one clear message instead of retries that can
 * never succeed: only http and https URLs are accepted, and plain http to anything but this machine is warned about
 * (prompts would travel unencrypted). No name is resolved here: startup never waits for DNS.
 */
final class PostHogHost {

    private PostHogHost() {
    }

    /**
     * @return the base URL
     * @throws IllegalArgumentException with a message naming the problem (the host is not secret)
     */
    static URL validate(String host, Logger log) {
        URL url;
        try {
            url = new URL(host);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("POSTHOG_HOST '" + host + "' is not a URL (expected e.g. https://us.i.posthog.com)");
        }
        String scheme = url.getProtocol().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("POSTHOG_HOST '" + host + "' must be an http:// or https:// URL, not " + scheme);
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("POSTHOG_HOST '" + host + "' names no host");
        }
        if (scheme.equals("http") && !loopback(url.getHost())) {
            log.warn("bedrock-posthog: POSTHOG_HOST {} uses plain http: events, prompts included, travel unencrypted; "
                    + "use https", host);
        }
        return url;
    }

    static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("[::1]")
                || h.equals("::1");
    }
}
