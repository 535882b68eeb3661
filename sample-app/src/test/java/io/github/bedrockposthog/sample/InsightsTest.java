package io.github.bedrockposthog.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsightsTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:05Z");

    private static InsightEvent completion(String user, Double cost, Double ms, Instant at) {
        return new InsightEvent(InsightEvent.COMPLETION, user, at, cost, ms);
    }

    private static InsightEvent error(String user, Instant at) {
        return new InsightEvent(InsightEvent.ERROR, user, at, null, 120.0);
    }

    @Test
    void theTutorialsFiveNumbersComeOutAsPostHogComputesThem() {
        List<InsightEvent> events = List.of(
                completion("ann@example.com", 0.001, 100.0, T0),
                completion("bob@example.com", 0.002, 200.0, T0),
                completion("ann@example.com", 0.003, 600.0, T0),
                error("bob@example.com", T0));

        Insights.Numbers n = Insights.of(events);

        assertEquals(3, n.generationCount());
        assertEquals(1, n.errorCount());
        assertEquals(2, n.uniqueUsers());
        assertEquals(0.002, n.avgCostPerCallUsd(), 1e-15);
        assertEquals(0.003, n.avgCostPerUserUsd(), 1e-15);
        assertEquals(300.0, n.avgResponseTimeMs(), 1e-9);
        assertEquals(0.25, n.errorRate(), 1e-15);
    }

    @Test
    void noEventsGiveZeroCountsAndEmptyAverages() {
        Insights.Numbers n = Insights.of(List.of());

        assertEquals(0, n.generationCount());
        assertEquals(0, n.errorCount());
        assertNull(n.avgCostPerCallUsd());
        assertNull(n.avgCostPerUserUsd());
        assertNull(n.avgResponseTimeMs());
        assertNull(n.errorRate());
        assertTrue(Insights.report(List.of(), T0).series().isEmpty());
    }

    @Test
    void onlyErrorsGiveAnErrorRateOfOneAndNoCosts() {
        Insights.Numbers n = Insights.of(List.of(error("a", T0), error("b", T0)));

        assertEquals(0, n.generationCount());
        assertEquals(1.0, n.errorRate());
        assertNull(n.avgCostPerCallUsd());
        assertNull(n.avgResponseTimeMs(), "an error's response time is not part of the completion average");
    }

    @Test
    void averagesSkipCompletionsWithoutTheProperty() {
        // a model without a known price: the interceptor leaves total_cost_in_dollars out, PostHog averages the rest
        List<InsightEvent> events = List.of(
                completion("a", 0.004, null, T0),
                completion("b", null, 50.0, T0),
                completion("c", null, 150.0, T0));

        Insights.Numbers n = Insights.of(events);

        assertEquals(3, n.generationCount());
        assertEquals(0.004, n.avgCostPerCallUsd(), 1e-15);
        assertEquals(0.004 / 3, n.avgCostPerUserUsd(), 1e-15, "the sum over all users of completions");
        assertEquals(100.0, n.avgResponseTimeMs(), 1e-9);
        assertEquals(0.0, n.errorRate());
    }

    @Test
    void otherEventsAreIgnored() {
        List<InsightEvent> events = List.of(
                completion("a", 0.001, 10.0, T0),
                new InsightEvent("$ai_generation", "a", T0, 0.5, 1.0));

        Insights.Numbers n = Insights.of(events);

        assertEquals(1, n.generationCount());
        assertEquals(0.001, n.avgCostPerCallUsd(), 1e-15);
    }

    @Test
    void theSeriesHasOneEntryPerMinuteIncludingQuietMinutes() {
        Instant m0 = Instant.parse("2025-03-01T12:00:00Z");
        List<InsightEvent> events = List.of(
                completion("a", 0.001, 100.0, m0.plusSeconds(10)),
                completion("b", 0.003, 300.0, m0.plusSeconds(50)),
                error("a", m0.plusSeconds(2 * 60 + 1)),
                completion("a", 0.002, 200.0, m0.plusSeconds(2 * 60 + 30)));

        Insights.Report report = Insights.report(events, m0.plusSeconds(3 * 60 + 5));

        List<Insights.Minute> series = report.series();
        assertEquals(4, series.size(), "12:00, 12:01 (quiet), 12:02 and the current minute 12:03");
        assertEquals(m0, series.get(0).minute());
        assertEquals(2, series.get(0).numbers().generationCount());
        assertEquals(0.002, series.get(0).numbers().avgCostPerCallUsd(), 1e-15);
        assertEquals(0.002, series.get(0).numbers().avgCostPerUserUsd(), 1e-15);
        assertEquals(200.0, series.get(0).numbers().avgResponseTimeMs(), 1e-9);
        assertEquals(0.0, series.get(0).numbers().errorRate());
        assertEquals(0, series.get(1).numbers().generationCount());
        assertNull(series.get(1).numbers().errorRate());
        assertEquals(0.5, series.get(2).numbers().errorRate());
        assertEquals(1, series.get(2).numbers().generationCount());
        assertEquals(0, series.get(3).numbers().generationCount());
        assertEquals(3, report.overall().generationCount());
        assertEquals(0.25, report.overall().errorRate(), 1e-15);
    }

    @Test
    void theSeriesCoversAtMostTheLastHour() {
        Instant now = Instant.parse("2025-03-01T15:30:20Z");
        List<InsightEvent> events = List.of(
                completion("a", 0.001, 100.0, now.minusSeconds(3 * 3600)),
                completion("a", 0.001, 100.0, now.minusSeconds(10)));

        Insights.Report report = Insights.report(events, now);

        assertEquals(Insights.SERIES_MINUTES, report.series().size());
        assertEquals(Instant.parse("2025-03-01T14:31:00Z"), report.series().get(0).minute());
        assertEquals(1, report.series().get(Insights.SERIES_MINUTES - 1).numbers().generationCount());
        assertEquals(2, report.overall().generationCount(), "the overall numbers cover every kept event");
    }
}
