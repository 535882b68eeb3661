package io.github.bedrockposthog.benchmarks;

import io.github.bedrockposthog.BedrockPostHog;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The configurations compared, each on an otherwise identical client.
 *
 * <ul>
 *   <li>{@link Variant#NONE}: no bedrock-posthog at all: the zero-code instance the SDK loaded from the
 *       classpath is taken out of the client again (what an app without our jar runs).</li>
 *   <li>{@link Variant#BARE}: the baseline. Our jar is on the classpath, so the SDK adds the zero-code interceptor,
 *       but no API key is set in this JVM: it is inert (what users with the jar and no key pay).</li>
 *   <li>{@link Variant#POSTHOG}: {@code BedrockPostHog.builder().apiKey(..).host(<loopback CaptureServer>)} added
 *       explicitly: every call becomes a gzip-batched event delivered to the capture server.</li>
 *   <li>{@link Variant#OTEL}: OpenTelemetry's {@code opentelemetry-aws-sdk-2.2} interceptor (GenAI message content
 *       capture on) over a real OpenTelemetry SDK: batch span, log-record processors and a periodic metric reader,
 *       each exporting to a counting no-op exporter.</li>
 * </ul>
 */
final class Setup implements AutoCloseable {

    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    /** A fixed, unused endpoint for in-process clients (the canned client never connects). */
    static final URI IN_PROCESS_ENDPOINT = URI.create("http://127.0.0.1:9");

    private CaptureServer capture;
    private DiscardingPostHog discarding;
    private BedrockPostHog postHog;
    private OpenTelemetrySdk openTelemetry;
    private final AtomicLong exported = new AtomicLong();
    private final AtomicLong captured = new AtomicLong();
    private final ScheduledExecutorService janitor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "benchmark-janitor");
        t.setDaemon(true);
        return t;
    });
    private final Variant variant;

    Setup(Variant variant) {
        this(variant, false);
    }

    /**
     * @param discardEvents POSTHOG sends to a {@link DiscardingPostHog} rather than to the decoding capture server
     */
    Setup(Variant variant, boolean discardEvents) {
        this.variant = variant;
        requireNoZeroCodeKey();
        switch (variant) {
            case POSTHOG:
                if (discardEvents) {
                    discarding = DiscardingPostHog.start();
                    postHog = BedrockPostHog.builder()
                            .apiKey("phc_bench")
                            .host(discarding.endpoint().toString())
                            .build();
                    break;
                }
                capture = CaptureServer.start();
                capture.onEvent(e -> captured.incrementAndGet());
                // The capture server keeps every event it receives: forget them often, or the benchmark would
                // measure the garbage collector copying tens of thousands of retained test events.
                janitor(capture::clear);
                postHog = BedrockPostHog.builder()
                        .apiKey("phc_bench")
                        .host(capture.endpoint().toString())
                        .build();
                break;
            case OTEL:
                openTelemetry = openTelemetry(exported);
                break;
            default:
                break;
        }
    }

    /** The baseline relies on the zero-code interceptor being inert: no key may reach it in this JVM. */
    static void requireNoZeroCodeKey() {
        if (System.getenv("POSTHOG_API_KEY") != null || System.getProperty("posthog.apiKey") != null) {
            throw new IllegalStateException("POSTHOG_API_KEY / posthog.apiKey is set: the zero-code interceptor "
                    + "would be active in every client and the baseline would not be bare. Unset it.");
        }
    }

    Variant variant() {
        return variant;
    }

    CaptureServer capture() {
        return capture;
    }

    /** What the PostHog stand-in received, for the log. */
    String received() {
        return discarding != null ? "discarded " + discarding.received()
                : "received by the capture server: " + captured.get();
    }

    BedrockPostHog postHog() {
        return postHog;
    }

    /** Runs {@code chore} every 20 ms until {@link #close()}: test servers that record everything are emptied. */
    void janitor(Runnable chore) {
        janitor.scheduleWithFixedDelay(chore, 20, 20, TimeUnit.MILLISECONDS);
    }

    /** Events the capture server received so far. */
    long captured() {
        return captured.get();
    }

    BedrockRuntimeClient syncClient(URI endpoint, SdkHttpClient http) {
        return BedrockRuntimeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(http)
                .overrideConfiguration(this::configure)
                .applyMutation(b -> {
                    if (variant == Variant.NONE) {
                        b.addPlugin(WITHOUT_ZERO_CODE);
                    }
                })
                .build();
    }

    BedrockRuntimeAsyncClient nettyClient(URI endpoint) {
        return BedrockRuntimeAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
                .overrideConfiguration(this::configure)
                .applyMutation(b -> {
                    if (variant == Variant.NONE) {
                        b.addPlugin(WITHOUT_ZERO_CODE);
                    }
                })
                .build();
    }

    private void configure(ClientOverrideConfiguration.Builder o) {
        o.retryStrategy(AwsRetryStrategy.doNotRetry());
        ExecutionInterceptor extra = interceptor();
        if (extra != null) {
            o.addExecutionInterceptor(extra);
        }
    }

    private ExecutionInterceptor interceptor() {
        switch (variant) {
            case POSTHOG:
                return postHog.interceptor();
            case OTEL:
                return AwsSdkTelemetry.builder(openTelemetry)
                        .setGenaiCaptureMessageContent(true)
                        .build()
                        .createExecutionInterceptor();
            default:
                return null;
        }
    }

    /** Removes the interceptor our jar registers through the classpath (the NONE variant). */
    static final SdkPlugin WITHOUT_ZERO_CODE = config -> {
        ClientOverrideConfiguration current = config.overrideConfiguration();
        List<ExecutionInterceptor> kept = new ArrayList<>();
        for (ExecutionInterceptor i : current.executionInterceptors()) {
            if (!i.getClass().getName().equals("io.github.bedrockposthog.PostHogBedrockInterceptor")) {
                kept.add(i);
            }
        }
        config.overrideConfiguration(current.toBuilder().executionInterceptors(kept).build());
    };

    /** Names of the interceptors a client runs, for checking a setup. */
    static List<String> interceptorNames(BedrockRuntimeClient client) {
        List<String> names = new ArrayList<>();
        for (ExecutionInterceptor i : client.serviceClientConfiguration().overrideConfiguration().executionInterceptors()) {
            names.add(i.getClass().getName());
        }
        return names;
    }

    long otelExported() {
        return exported.get();
    }

    private static OpenTelemetrySdk openTelemetry(AtomicLong exported) {
        SpanExporter spans = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> batch) {
                exported.addAndGet(batch.size());
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        LogRecordExporter logs = new LogRecordExporter() {
            @Override
            public CompletableResultCode export(Collection<LogRecordData> batch) {
                exported.addAndGet(batch.size());
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        MetricExporter metrics = new MetricExporter() {
            @Override
            public AggregationTemporality getAggregationTemporality(InstrumentType type) {
                return AggregationTemporality.CUMULATIVE;
            }

            @Override
            public CompletableResultCode export(Collection<MetricData> batch) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(BatchSpanProcessor.builder(spans).build())
                        .build())
                .setLoggerProvider(SdkLoggerProvider.builder()
                        .addLogRecordProcessor(BatchLogRecordProcessor.builder(logs).build())
                        .build())
                .setMeterProvider(SdkMeterProvider.builder()
                        .registerMetricReader(PeriodicMetricReader.builder(metrics)
                                .setInterval(Duration.ofSeconds(10)).build())
                        .build())
                .build();
    }

    @Override
    public void close() {
        janitor.shutdownNow();
        if (postHog != null) {
            postHog.close();
        }
        if (capture != null) {
            capture.close();
        }
        if (discarding != null) {
            discarding.close();
        }
        if (openTelemetry != null) {
            openTelemetry.close();
        }
    }

}
