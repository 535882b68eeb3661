package io.github.bedrockposthog.testkit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Pauses that end early when their server closes, so {@code close()} never waits for a scripted delay. */
final class Waits {

    private Waits() {
    }

    /**
     * Waits for {@code duration} unless {@code closed} opens first.
     *
     * @return true when the whole duration passed, false when the server closed or the thread was interrupted
     */
    static boolean pause(Duration duration, CountDownLatch closed) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            return closed.getCount() > 0;
        }
        try {
            return !closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
