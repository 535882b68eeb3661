package io.github.bedrockposthog.internal.runtime;

/**
 * Counts the observed calls of one pipeline that have begun and not yet handed their event over, so a shutdown can
 * wait for them (within its deadline) instead of dropping the events of calls still streaming.
 */
public final class InFlightCalls {

    private int count;

    /** A call began ({@code beforeExecution}). Pair it with one {@link Token#end()}. */
    public Token begin() {
        synchronized (this) {
            count++;
        }
        return new Token();
    }

    /** Calls begun and not ended. */
    public synchronized int count() {
        return count;
    }

    /**
     * Waits until no call is in flight or {@code deadlineNanos} (on {@link System#nanoTime()}) has passed.
     *
     * @return whether all calls ended
     */
    public synchronized boolean awaitIdle(long deadlineNanos) {
        boolean interrupted = false;
        try {
            while (count > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    interrupted = true; // keep the deadline; restore the flag when done
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void ended() {
        count--;
        if (count <= 0) {
            notifyAll();
        }
    }

    /** One call's claim; ending it twice counts once. */
    public final class Token {
        private boolean ended;

        private Token() {
        }

        /** The call's event was handed over (or it will never be). */
        public void end() {
            synchronized (InFlightCalls.this) {
                if (ended) {
                    return;
                }
                ended = true;
                ended();
            }
        }
    }
}
