package io.github.bedrockposthog.internal.stream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all stream taps together may hold beyond each one's small scratch arrays: a frame split across buffers
 * and the decoding of a large frame draw on it, and give it back when done. An event stream frame may carry 16 MiB,
 * so without it concurrent streams from a hostile or broken endpoint could pin tens of megabytes each. A frame that
 * does not fit is skipped (the call's generation is then marked truncated); the stream itself is never touched.
 */
final class ScratchBudget {

    /** The process-wide budget: 64 MiB across every stream being observed. */
    static final ScratchBudget PROCESS = new ScratchBudget(64L * 1024 * 1024);

    private final AtomicLong available;

    ScratchBudget(long bytes) {
        this.available = new AtomicLong(bytes);
    }

    /**
     * Takes {@code bytes} from the budget if that many are left.
     *
     * @return whether they were taken; pair a {@code true} with one {@link #release(long)}
     */
    boolean reserve(long bytes) {
        if (bytes <= 0) {
            return true;
        }
        while (true) {
            long left = available.get();
            if (left < bytes) {
                return false;
            }
            if (available.compareAndSet(left, left - bytes)) {
                return true;
            }
        }
    }

    /** Gives back what {@link #reserve(long)} took. */
    void release(long bytes) {
        if (bytes > 0) {
            available.addAndGet(bytes);
        }
    }

    /** Bytes left, for tests and diagnostics. */
    long available() {
        return available.get();
    }
}
