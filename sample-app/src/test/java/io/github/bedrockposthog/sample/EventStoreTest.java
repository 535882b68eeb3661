package io.github.bedrockposthog.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStoreTest {

    private static InsightEvent event(String user) {
        return new InsightEvent(InsightEvent.COMPLETION, user, Instant.EPOCH, 0.001, 10.0);
    }

    @Test
    void keepsTheNewestEventsUpToItsCapacity() {
        EventStore store = new EventStore(3);
        for (String user : List.of("a", "b", "c", "d", "e")) {
            store.add(event(user));
        }

        List<InsightEvent> kept = store.snapshot();

        assertEquals(List.of("c", "d", "e"), kept.stream().map(InsightEvent::distinctId).toList());
        assertEquals(5, store.added());
    }

    @Test
    void waitsForEventsToArrive() throws InterruptedException {
        EventStore store = new EventStore();
        assertFalse(store.awaitAdded(1, 20));
        Thread adder = new Thread(() -> store.add(event("a")));
        adder.start();
        assertTrue(store.awaitAdded(1, 5_000));
        adder.join();
    }

    @Test
    void refusesAnEmptyCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new EventStore(0));
    }
}
