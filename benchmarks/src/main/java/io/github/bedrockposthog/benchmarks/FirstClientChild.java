package io.github.bedrockposthog.benchmarks;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.time.Duration;

/**
 * One fresh JVM of {@link FirstClient}: times building the first {@code BedrockRuntimeClient} and making its first
 * InvokeModel call (on the in-process {@link CannedHttpClient}), then halts. The argument is the variant:
 * {@code none} (run on a classpath without bedrock-posthog), {@code inert} (jar present, no key),
 * {@code zero-code} (jar present, {@code POSTHOG_API_KEY} set by the parent), {@code explicit}
 * ({@code BedrockPostHog.builder()...build()} included in the timing).
 */
public final class FirstClientChild {

    public static void main(String[] args) {
        String variant = args[0];
        long start = System.nanoTime();
        BedrockRuntimeClient client = BedrockRuntimeClient.builder()
                .endpointOverride(Setup.IN_PROCESS_ENDPOINT)
                .region(Region.US_EAST_1)
                .credentialsProvider(Setup.CREDENTIALS)
                .httpClient(new CannedHttpClient())
                .overrideConfiguration(o -> {
                    if (variant.equals("explicit")) {
                        Explicit.add(o);
                    }
                })
                .build();
        long built = System.nanoTime();
        int length = client.invokeModel(Wire.INVOKE_REQUEST).body().asByteArrayUnsafe().length;
        long called = System.nanoTime();
        System.out.println("RESULT build=" + (built - start) + " firstCall=" + (called - built)
                + " total=" + (called - start) + " bytes=" + length);
        System.out.flush();
        Runtime.getRuntime().halt(0); // no shutdown flush: not part of what is measured
    }

    /** Only loaded in the explicit variant: the other variants must not touch bedrock-posthog classes. */
    private static final class Explicit {
        static void add(ClientOverrideConfiguration.Builder o) {
            io.github.bedrockposthog.BedrockPostHog postHog = io.github.bedrockposthog.BedrockPostHog.builder()
                    .apiKey("phc_bench")
                    .host("http://127.0.0.1:9")
                    .flushTimeout(Duration.ofMillis(100))
                    .build();
            o.addExecutionInterceptor(postHog.interceptor());
        }
    }

    private FirstClientChild() {
    }
}
