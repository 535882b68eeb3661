package io.github.bedrockposthog.testkit;

import java.time.Duration;

/** The {@link CaptureServer}'s scripted misbehaviour: failures and stalls. Thread-safe. */
final class CaptureFaults {

    private int failuresLeft;
    private int failureStatus;
    private int alwaysStatus;
    private Duration stall = Duration.ZERO;
    private String[] answer;
    private String poison;
    private int poisonStatus;

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

    synchronized void failBatchesContaining(String text, int status) {
        this.poison = text;
        this.poisonStatus = status;
    }

    synchronized void answerWith(String contentType, String body) {
        this.answer = new String[] {contentType, body};
    }

    /** The content type and body every request is answered with (status 200, events not recorded), or null. */
    synchronized String[] answer() {
        return answer;
    }

    synchronized void recover() {
        answer = null;
        poison = null;
        failuresLeft = 0;
        alwaysStatus = 0;
        stall = Duration.ZERO;
    }

    synchronized Duration stall() {
        return stall;
    }

    /**
     * The failure status for the next request, whose decompressed body is {@code body}: a poisoned body's status,
     * else (consuming a {@code failNext} one) the scripted failure, or 0 to answer normally.
     */
    synchronized int nextFailure(String body) {
        if (poison != null && body.contains(poison)) {
            return poisonStatus;
        }
        if (failuresLeft > 0) {
            failuresLeft--;
            return failureStatus;
        }
        return alwaysStatus;
    }
}
