package io.github.bedrockposthog.internal.log;

import org.slf4j.Logger;

/**
 * DEBUG details of an internal error. Exception messages can echo request text (a prompt in a parse error, a
 * service message quoting the input): in privacy mode only the exception classes of the cause chain are logged.
 */
public final class Diagnostics {

    private Diagnostics() {
    }

    /** Logs {@code message} (one {@code {}} for {@code arg}) at DEBUG with {@code error}, or its classes only in privacy mode. */
    public static void debug(Logger log, boolean privacyMode, String message, Object arg, Throwable error) {
        if (!log.isDebugEnabled()) {
            return;
        }
        if (privacyMode) {
            log.debug(message + " ({}; messages withheld in privacy mode)", arg, classes(error));
        } else {
            log.debug(message, arg, error);
        }
    }

    /** {@code a.B <- c.D}: the classes of the cause chain, no messages. */
    static String classes(Throwable error) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = error; t != null && depth < 10; t = t.getCause(), depth++) {
            if (depth > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getName());
        }
        return out.toString();
    }
}
