package io.github.bedrockposthog.benchmarks;

/** Lines the forked benchmark JVMs print, so a run shows that events were really produced and delivered. */
final class Reports {

    private Reports() {
    }

    static void deliveryLine(Setup setup) {
        if (setup.postHog() != null) {
            System.out.println("[bedrock-posthog delivery] " + setup.postHog().stats());
        }
        if (setup.variant() == Variant.OTEL) {
            System.out.println("[otel] exported spans+log records so far: " + setup.otelExported());
        }
    }
}
