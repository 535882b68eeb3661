package io.github.bedrockposthog.internal.call;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CallerScopeTest {

    @Test
    void nestedScopesInheritAndRestore() {
        CallerScope outer = CallerScope.open("alice", Map.of("feature", "recipes"), null);
        CallerScope inner = CallerScope.open("bob", Map.of("plan", "pro"), "trace-1");
        assertEquals("bob", CallerScope.current().distinctId());
        assertEquals(Map.of("feature", "recipes", "plan", "pro"), CallerScope.current().properties());
        assertEquals("trace-1", CallerScope.current().traceId());
        inner.close();
        assertEquals("alice", CallerScope.current().distinctId());
        assertNull(CallerScope.current().traceId());
        outer.close();
        assertNull(CallerScope.current());
    }

    @Test
    void closingTwiceOrOutOfOrderLeavesNoStaleScope() {
        CallerScope outer = CallerScope.open("alice", null, null);
        CallerScope inner = CallerScope.open("bob", null, null);
        outer.close(); // out of order: inner stays current until it closes
        assertEquals("bob", CallerScope.current().distinctId());
        inner.close();
        inner.close();
        assertNull(CallerScope.current(), "outer was closed already, so nothing is current");
    }

    @Test
    void scopesBelongToTheirThread() throws Exception {
        try (AutoCloseableScope ignored = new AutoCloseableScope(CallerScope.open("alice", null, null))) {
            String other = CompletableFuture.supplyAsync(() -> {
                CallerScope current = CallerScope.current();
                return current == null ? null : current.distinctId();
            }).get();
            assertNull(other);
        }
    }

    private record AutoCloseableScope(CallerScope scope) implements AutoCloseable {
        @Override
        public void close() {
            scope.close();
        }
    }
}
