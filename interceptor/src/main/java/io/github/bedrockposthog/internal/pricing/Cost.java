package io.github.bedrockposthog.internal.pricing;

/**
 * What one call cost, in US dollars. Cache reads and writes are input: they count in {@link #inputDollars()}
 * (as PostHog's {@code $ai_input_cost_usd} expects).
 */
public final class Cost {

    private final double inputDollars;
    private final double outputDollars;

    Cost(double inputDollars, double outputDollars) {
        this.inputDollars = inputDollars;
        this.outputDollars = outputDollars;
    }

    /** Dollars for input: plain input tokens plus cache-read and cache-write tokens, each at its own price. */
    public double inputDollars() {
        return inputDollars;
    }

    /** Dollars for generated tokens. */
    public double outputDollars() {
        return outputDollars;
    }

    /** {@link #inputDollars()} plus {@link #outputDollars()}. */
    public double totalDollars() {
        return inputDollars + outputDollars;
    }

    @Override
    public String toString() {
        return "Cost{input=$" + inputDollars + ", output=$" + outputDollars + ", total=$" + totalDollars() + '}';
    }
}
