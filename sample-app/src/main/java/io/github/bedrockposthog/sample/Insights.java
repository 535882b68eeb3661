package io.github.bedrockposthog.sample;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tutorial's five insights, computed from captured events the way PostHog computes them:
 * <ul>
 *   <li>generation count: the number of {@code bedrock_completion} events (Total count);</li>
 *   <li>average cost per API call: the mean of {@code total_cost_in_dollars} over the completions that have it
 *       (Property value, average);</li>
 *   <li>average cost per user: the sum of {@code total_cost_in_dollars} over completions divided by their unique
 *       distinct ids (formula A/B of Property value sum and Unique users);</li>
 *   <li>average API response time: the mean of {@code response_time_in_ms} over completions;</li>
 *   <li>error rate: {@code bedrock_error} count / (completions + errors), formula B/(A+B), as a fraction 0..1.</li>
 * </ul>
 * A number that has nothing to average is null (an empty insight), never a misleading 0.
 */
public final class Insights {

    /** How many minutes the trend series covers at most. */
    public static final int SERIES_MINUTES = 60;

    private Insights() {
    }

    /**
     * The five numbers (plus the counts behind them) over a set of events.
     *
     * @param generationCount   completions
     * @param errorCount        errors
     * @param uniqueUsers       distinct ids among completions
     * @param avgCostPerCallUsd mean cost of completions that have a cost, or null
     * @param avgCostPerUserUsd total cost / unique users, or null when no completion has a cost
     * @param avgResponseTimeMs mean response time of completions, or null
     * @param errorRate         errors / (completions + errors), or null when there were no calls
     */
    public record Numbers(long generationCount, long errorCount, long uniqueUsers, Double avgCostPerCallUsd,
                          Double avgCostPerUserUsd, Double avgResponseTimeMs, Double errorRate) {
    }

    /**
     * The numbers of the events of one minute.
     *
     * @param minute  the minute's start (UTC)
     * @param numbers its numbers
     */
    public record Minute(Instant minute, Numbers numbers) {
    }

    /**
     * The numbers over all events, and per minute for the trend charts.
     *
     * @param overall all kept events
     * @param series  one entry per minute, oldest first, empty minutes included, at most {@link #SERIES_MINUTES}
     */
    public record Report(Numbers overall, List<Minute> series) {
    }

    /**
     * Computes the five numbers over some events; events other than completions and errors are ignored.
     *
     * @param events the events
     * @return the numbers
     */
    public static Numbers of(Collection<InsightEvent> events) {
        long completions = 0;
        long errors = 0;
        long costed = 0;
        double costSum = 0;
        long timed = 0;
        double timeSum = 0;
        Set<String> users = new HashSet<>();
        for (InsightEvent e : events) {
            if (e.isError()) {
                errors++;
            } else if (e.isCompletion()) {
                completions++;
                users.add(e.distinctId());
                if (e.totalCostUsd() != null) {
                    costed++;
                    costSum += e.totalCostUsd();
                }
                if (e.responseTimeMs() != null) {
                    timed++;
                    timeSum += e.responseTimeMs();
                }
            }
        }
        return new Numbers(completions, errors, users.size(),
                costed == 0 ? null : costSum / costed,
                costed == 0 ? null : costSum / users.size(),
                timed == 0 ? null : timeSum / timed,
                completions + errors == 0 ? null : (double) errors / (completions + errors));
    }

    /**
     * The overall numbers and the per-minute series ending at the current minute.
     *
     * @param events the events
     * @param now    the current time
     * @return the report
     */
    public static Report report(List<InsightEvent> events, Instant now) {
        Map<Instant, List<InsightEvent>> byMinute = new TreeMap<>();
        for (InsightEvent e : events) {
            if (e.isCompletion() || e.isError()) {
                byMinute.computeIfAbsent(e.time().truncatedTo(ChronoUnit.MINUTES), m -> new ArrayList<>()).add(e);
            }
        }
        List<Minute> series = new ArrayList<>();
        if (!byMinute.isEmpty()) {
            TreeMap<Instant, List<InsightEvent>> sorted = (TreeMap<Instant, List<InsightEvent>>) byMinute;
            Instant end = now.truncatedTo(ChronoUnit.MINUTES);
            if (sorted.lastKey().isAfter(end)) {
                end = sorted.lastKey();
            }
            Instant start = end.minus(SERIES_MINUTES - 1, ChronoUnit.MINUTES);
            if (sorted.firstKey().isAfter(start)) {
                start = sorted.firstKey();
            }
            for (Instant m = start; !m.isAfter(end); m = m.plus(1, ChronoUnit.MINUTES)) {
                series.add(new Minute(m, of(sorted.getOrDefault(m, List.of()))));
            }
        }
        return new Report(of(events), series);
    }
}
