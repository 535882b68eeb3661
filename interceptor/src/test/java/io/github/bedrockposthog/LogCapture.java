package io.github.bedrockposthog;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Captures what slf4j-simple (and anything else) writes to {@code System.err} while open, still passing it on to
 * the real stream. slf4j-simple looks {@code System.err} up on every write, so replacing it is enough.
 */
final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final Object lock = new Object();

    private LogCapture() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (lock) {
                    captured.write(b);
                    lock.notifyAll();
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (lock) {
                    captured.write(b, off, len);
                    lock.notifyAll();
                }
                original.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    static LogCapture start() {
        return new LogCapture();
    }

    String text() {
        synchronized (lock) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** How many captured lines contain {@code fragment}. */
    long lines(String fragment) {
        return text().lines().filter(line -> line.contains(fragment)).count();
    }

    /** Waits until a captured line contains {@code fragment}; fails after {@code timeout}. */
    void await(String fragment, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!captured.toString(StandardCharsets.UTF_8).contains(fragment)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no log line with '" + fragment + "' within " + timeout + ":\n"
                            + captured.toString(StandardCharsets.UTF_8));
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
