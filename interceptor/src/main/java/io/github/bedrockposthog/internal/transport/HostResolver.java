package io.github.bedrockposthog.internal.transport;

import java.io.IOException;
import java.net.InetAddress;

/**
 * Looks up the PostHog host's addresses. The JDK's resolver cannot be interrupted, so {@link BatchSender} runs it on
 * its own lookup thread and waits for it only within the request deadline; tests give a resolver that hangs.
 */
public interface HostResolver {

    /** The JVM's resolver (and its address cache, which the request's own connection then hits). */
    HostResolver JVM = new HostResolver() {
        @Override
        public void resolve(String host) throws IOException {
            InetAddress.getAllByName(host);
        }
    };

    /**
     * Resolves {@code host}, or throws.
     *
     * @param host a host name or address literal
     * @throws IOException when the host has no address
     */
    void resolve(String host) throws IOException;
}
