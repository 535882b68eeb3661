package io.github.bedrockposthog.internal.transport;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Event ids are UUIDv7 of the event's time, and unique. */
class EventIdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingTheEventsMillisecond() {
        long millis = 1_764_563_623_123L;
        UUID id = UUID.fromString(new EventIds().next(millis));
        assertEquals(7, id.version());
        assertEquals(2, id.variant(), "RFC 9562 variant");
        assertEquals(millis, id.getMostSignificantBits() >>> 16);
    }

    @Test
    void idsAreUniqueAcrossAMillionEventsOfTheSameMillisecondAndAcrossInstances() {
        Set<String> seen = new HashSet<>();
        EventIds one = new EventIds();
        EventIds other = new EventIds();
        for (int i = 0; i < 500_000; i++) {
            assertTrue(seen.add(one.next(42L)));
            assertTrue(seen.add(other.next(42L)));
        }
    }

    @Test
    void laterEventsSortAfterEarlierOnes() {
        EventIds ids = new EventIds();
        assertTrue(ids.next(1_000L).compareTo(ids.next(2_000L)) < 0);
    }
}
