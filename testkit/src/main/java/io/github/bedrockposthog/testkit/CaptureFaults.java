package io.github.bedrockposthog.testkit;

import java.time.Duration;

/** The {@link CaptureServer}'s scripted misbehaviour: failures and stalls. Thread-safe. */
final class CaptureFaults {

    private int failuresLeft;
    private int failureStatus;
    private int alwaysStatus;
    private Duration stall = Duration.ZERO;

    synchronized void failNext(int count, int status) {
        this.failuresLeft = count;
        this.failureStatus = status;
    }

    synchronized void respondAlways(int status) {
        this.alwaysStatus = status == 200 ? 0 : status;
    }

    synchronized void stall(Duration stall) {
        this.stall = stall;
    }

    synchronized void recover() {
        failuresLeft = 0;
        alwaysStatus = 0;
        stall = Duration.ZERO;
    }

    synchronized Duration stall() {
        return stall;
    }

    /** The failure status for the next request (consuming a {@code failNext} one), or 0 to answer normally. */
    synchronized int nextFailure() {
        if (failuresLeft > 0) {
            failuresLeft--;
            return failureStatus;
        }
        return alwaysStatus;
    }
}
