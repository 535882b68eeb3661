package io.github.bedrockposthog.internal.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry policy of {@link BatchSender}: which answers are retried, and how long it waits. */
class BatchSenderTest {

    private static final long FIRST = BatchSender.DEFAULT_FIRST_BACKOFF_MILLIS;
    private static final long MAX = BatchSender.DEFAULT_MAX_BACKOFF_MILLIS;

    @Test
    void backoffDoublesFromTheBaseWithJitterInTheUpperHalfOfEachStep() {
        for (int attempt = 0; attempt < 7; attempt++) {
            long step = FIRST << attempt;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < 400; i++) {
                long wait = BatchSender.backoffMillis(attempt, 0, FIRST, MAX);
                min = Math.min(min, wait);
                max = Math.max(max, wait);
            }
            assertTrue(min >= step / 2, "attempt " + attempt + ": " + min + " < " + step / 2);
            assertTrue(max <= step, "attempt " + attempt + ": " + max + " > " + step);
            assertTrue(max > min, "attempt " + attempt + " is jittered");
        }
    }

    @Test
    void backoffIsCappedEvenAfterManyAttempts() {
        for (int attempt : new int[] {8, 9, 16, 31, 62, 1_000, Integer.MAX_VALUE}) {
            long wait = BatchSender.backoffMillis(attempt, 0, FIRST, MAX);
            assertTrue(wait >= MAX / 2 && wait <= MAX, "attempt " + attempt + " waits " + wait);
        }
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheBackoff() {
        assertTrue(BatchSender.backoffMillis(0, 7_000, FIRST, MAX) >= 7_000);
        assertTrue(BatchSender.backoffMillis(0, 45_000, FIRST, MAX) >= 45_000, "beyond the backoff cap too");
        assertEquals(BatchSender.MAX_RETRY_AFTER_MILLIS, BatchSender.backoffMillis(0, 3_600_000, FIRST, MAX),
                "an absurd Retry-After does not stall delivery for an hour");
    }

    @Test
    void retryAfterSecondsAndHttpDatesAreParsed() {
        long now = 1_700_000_000_000L;
        assertEquals(5_000, BatchSender.parseRetryAfter("5", now));
        assertEquals(5_000, BatchSender.parseRetryAfter(" 5 ", now));
        assertEquals(0, BatchSender.parseRetryAfter("-3", now));
        assertEquals(0, BatchSender.parseRetryAfter(null, now));
        assertEquals(0, BatchSender.parseRetryAfter("soon", now));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(now + 12_000), ZoneOffset.UTC));
        assertEquals(12_000, BatchSender.parseRetryAfter(date, now));
        assertEquals(0, BatchSender.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now), "a date in the past");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 408, 429, 500, 502, 503, 504})
    void outagesAndThrottlingAreRetried(int status) {
        assertTrue(BatchSender.retryable(status));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 413, 422})
    void refusalsAreFinal(int status) {
        assertFalse(BatchSender.retryable(status));
    }

    /** An HttpURLConnection that only counts disconnects: the request deadline's side of the protocol. */
    private static final class CountingConnection extends HttpURLConnection {
        int disconnects;

        CountingConnection() throws IOException {
            super(new URL("http://127.0.0.1:1/batch/"));
        }

        @Override
        public void disconnect() {
            disconnects++;
        }

        @Override
        public boolean usingProxy() {
            return false;
        }

        @Override
        public void connect() {
        }
    }

    @Test
    void theDeadlineNeverDisconnectsDuringAReadOfTheAnswerAndNoReadStartsAfterIt() throws IOException {
        CountingConnection connection = new CountingConnection();
        BatchSender.Abort abort = new BatchSender.Abort(connection);
        assertTrue(abort.beginRead(), "before the deadline a read may start");
        abort.run(); // the deadline, while a read is under way
        assertEquals(0, connection.disconnects, "a disconnect now would hand the connection to the JDK's cleaner");
        assertTrue(abort.fired);
        abort.endRead();
        assertFalse(abort.beginRead(), "no read after the deadline");
        abort.run(); // the watchdog again, between reads
        assertEquals(1, connection.disconnects);
    }

    @Test
    void beforeTheAnswerTheDeadlineDisconnectsEveryTime() throws IOException {
        CountingConnection connection = new CountingConnection();
        BatchSender.Abort abort = new BatchSender.Abort(connection);
        abort.run();
        abort.run(); // a disconnect before the socket existed closed nothing: it is repeated
        assertEquals(2, connection.disconnects);
    }
}
