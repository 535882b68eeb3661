package io.github.bedrockposthog.internal.log;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;

/** Logs one kind of warning at most once per interval, saying how many were suppressed in between. */
public final class RateLimitedLog {

    private final Logger logger;
    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(Logger logger, long intervalMillis) {
        this.logger = logger;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** Warns unless a message of this kind was logged less than one interval ago. */
    public void warn(String message, Object... args) {
        log(false, message, args);
    }

    /** Logs an error unless a message of this kind was logged less than one interval ago. */
    public void error(String message, Object... args) {
        log(true, message, args);
    }

    private void log(boolean error, String message, Object... args) {
        long now = System.nanoTime();
        long allowed = nextAllowed.get();
        if ((allowed == Long.MIN_VALUE || now - allowed >= 0) && nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            long skipped = suppressed.getAndSet(0);
            String text = skipped > 0 ? message + " ({} similar messages suppressed)" : message;
            Object[] all = skipped > 0 ? append(args, skipped) : args;
            if (error) {
                logger.error(text, all);
            } else {
                logger.warn(text, all);
            }
        } else {
            suppressed.incrementAndGet();
        }
    }

    private static Object[] append(Object[] args, Object last) {
        Object[] all = new Object[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = last;
        return all;
    }
}
