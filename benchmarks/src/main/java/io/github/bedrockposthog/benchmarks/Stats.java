package io.github.bedrockposthog.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and spread of small samples. */
final class Stats {

    private Stats() {
    }

    static double median(List<Long> values) {
        List<Double> d = new ArrayList<>();
        for (Long v : values) {
            d.add(v.doubleValue());
        }
        return medianD(d);
    }

    static double medianD(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static long min(List<Long> values) {
        return Collections.min(values);
    }

    static long max(List<Long> values) {
        return Collections.max(values);
    }

    /** The {@code q}-quantile (0 to 1), interpolated linearly between the two nearest values; 0.5 is the median. */
    static double quantile(List<Double> values, double q) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double at = q * (sorted.length - 1);
        int low = (int) Math.floor(at);
        int high = (int) Math.ceil(at);
        return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
    }

    static double minD(List<Double> values) {
        return Collections.min(values);
    }

    static double maxD(List<Double> values) {
        return Collections.max(values);
    }
}
