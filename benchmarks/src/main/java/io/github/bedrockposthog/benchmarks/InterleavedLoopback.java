package io.github.bedrockposthog.benchmarks;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The loopback p50 target (#12: at most 1.02x bare) measured side by side in one JVM. {@link LoopbackBenchmark}
 * runs each variant in its own fork, and on this machine the bare p50 moved by up to 140 µs between forks, far more
 * than 2% of a 110–250 µs call. Here the BARE, POSTHOG and OTEL clients (apache, against one {@link BedrockEmulator}
 * on 127.0.0.1) take turns in blocks of calls, the order rotating every round; each block's p50 is divided by the
 * p50 of the BARE block of the same round, and the report gives the median of those ratios over the rounds with
 * their quartiles. Drift of the machine moves both blocks of a round alike.
 *
 * <p>Fairness: bedrock-posthog delivers during its own block (a batch leaves every 100 calls) and after the block the
 * harness waits until its queue is empty, so its delivery work is counted in its block and never in another's.
 * OpenTelemetry's batch processors export to no-op exporters on their own schedule.
 *
 * <p>Run: {@code java -Xms512m -Xmx512m -cp benchmarks/target/benchmarks.jar
 * io.github.bedrockposthog.benchmarks.InterleavedLoopback [--rounds 60] [--calls 2000] [--warmup 30000]}.
 */
public final class InterleavedLoopback {

    private static final Variant[] VARIANTS = {Variant.BARE, Variant.POSTHOG, Variant.OTEL};

    private InterleavedLoopback() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Delivery.intArg(args, "--rounds", 60);
        int calls = Delivery.intArg(args, "--calls", 2000);
        int warmup = Delivery.intArg(args, "--warmup", 30000);
        Setup.requireNoZeroCodeKey();
        BedrockEmulator emulator = LoopbackBenchmark.startEmulator();
        Map<Variant, Setup> setups = new EnumMap<>(Variant.class);
        Map<Variant, BedrockRuntimeClient> clients = new EnumMap<>(Variant.class);
        for (Variant v : VARIANTS) {
            Setup setup = new Setup(v, true); // POSTHOG: events to an endpoint that only drains them
            setups.put(v, setup);
            clients.put(v, setup.syncClient(emulator.endpoint(), ApacheHttpClient.builder().build()));
        }
        setups.get(Variant.BARE).janitor(emulator::reset); // the emulator keeps every request it received
        System.out.printf(Locale.ROOT, "InterleavedLoopback: %d rounds, %d calls a block, %d warm-up calls a client, JDK %s%n",
                rounds, calls, warmup, System.getProperty("java.version"));
        try {
            run("InvokeModel", c -> c.invokeModel(Wire.INVOKE_REQUEST), setups, clients, rounds, calls, warmup);
            run("Converse", c -> c.converse(Wire.CONVERSE_REQUEST), setups, clients, rounds, calls, warmup);
        } finally {
            for (Variant v : VARIANTS) {
                clients.get(v).close();
                setups.get(v).close();
            }
            emulator.close();
        }
    }

    private static void run(String name, Consumer<BedrockRuntimeClient> call, Map<Variant, Setup> setups,
                            Map<Variant, BedrockRuntimeClient> clients, int rounds, int calls, int warmup) {
        for (Variant v : VARIANTS) {
            for (int i = 0; i < warmup; i++) {
                call.accept(clients.get(v));
            }
            drain(setups.get(v));
        }
        Map<Variant, List<Double>> ratios = new EnumMap<>(Variant.class);
        Map<Variant, List<Double>> p50s = new EnumMap<>(Variant.class);
        long[] latencies = new long[calls];
        for (int round = 0; round < rounds; round++) {
            Map<Variant, Double> p50 = new EnumMap<>(Variant.class);
            for (int k = 0; k < VARIANTS.length; k++) {
                Variant v = VARIANTS[(round + k) % VARIANTS.length];
                BedrockRuntimeClient client = clients.get(v);
                for (int i = 0; i < calls; i++) {
                    long start = System.nanoTime();
                    call.accept(client);
                    latencies[i] = System.nanoTime() - start;
                }
                drain(setups.get(v));
                Arrays.sort(latencies);
                p50.put(v, latencies[calls / 2] / 1e3);
            }
            for (Variant v : VARIANTS) {
                p50s.computeIfAbsent(v, x -> new ArrayList<>()).add(p50.get(v));
                ratios.computeIfAbsent(v, x -> new ArrayList<>()).add(p50.get(v) / p50.get(Variant.BARE));
            }
        }
        for (Variant v : VARIANTS) {
            List<Double> p = p50s.get(v);
            List<Double> r = ratios.get(v);
            System.out.printf(Locale.ROOT, "%s %-7s p50 %.1f µs [%.1f–%.1f]  ratio to BARE: median %.4f, "
                            + "quartiles %.4f–%.4f, min–max %.4f–%.4f%n",
                    name, v, Stats.quantile(p, 0.5), Stats.quantile(p, 0), Stats.quantile(p, 1),
                    Stats.quantile(r, 0.5), Stats.quantile(r, 0.25), Stats.quantile(r, 0.75),
                    Stats.quantile(r, 0), Stats.quantile(r, 1));
        }
        System.out.println(name + " POSTHOG " + setups.get(Variant.POSTHOG).postHog().stats());
    }

    /** Waits (at most 5 s) until bedrock-posthog has delivered everything its block produced. */
    private static void drain(Setup setup) {
        if (setup.postHog() == null) {
            return;
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (setup.postHog().stats().queued() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
