package io.github.bedrockposthog.internal.transport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cached formatter spells every timestamp exactly as {@code Instant.toString()} does. */
class EventTimestampsTest {

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 10L, 100L, 999L, 1000L, 1001L, 1_764_580_800_000L, 1_764_580_800_007L,
            1_764_580_800_070L, 1_764_580_800_700L, 1_764_580_859_999L, 253_402_300_799_999L, 253_402_300_800_000L})
    void aTimestampIsSpelledAsInstantSpellsIt(long epochMillis) {
        assertEquals(Instant.ofEpochMilli(epochMillis).toString(), new EventTimestamps().format(epochMillis));
    }

    @Test
    void consecutiveAndScatteredTimestampsThroughOneCacheMatchInstant() {
        EventTimestamps timestamps = new EventTimestamps();
        SplittableRandom random = new SplittableRandom(7);
        long now = 1_764_580_800_000L;
        for (int i = 0; i < 100_000; i++) {
            long millis = i % 3 == 0 ? random.nextLong(0, 4_000_000_000_000L) : now + random.nextInt(-1500, 1500);
            assertEquals(Instant.ofEpochMilli(millis).toString(), timestamps.format(millis), () -> "at " + millis);
        }
    }
}
