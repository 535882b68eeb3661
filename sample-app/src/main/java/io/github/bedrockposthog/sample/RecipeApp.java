package io.github.bedrockposthog.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.bedrockposthog.testkit.BedrockEmulator;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * The recipe builder of PostHog's Bedrock tutorial, in Java: a web page where a user asks Meta Llama on Amazon
 * Bedrock for a recipe, and every Bedrock call is reported to PostHog by bedrock-posthog with zero code.
 *
 * <p>Runs with one command and no accounts: without AWS credentials it answers from an in-process Bedrock emulator,
 * and without {@code POSTHOG_API_KEY} it captures the events in-process and shows the tutorial's five insights at
 * {@code /insights}. See {@link AppConfig} for the settings and {@link RunMode} for the choice.
 */
public final class RecipeApp implements AutoCloseable {

    static {
        // the JDK HTTP server adds ~40 ms per answer without it (Nagle + delayed ACK); read once per JVM
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Logger LOG = LoggerFactory.getLogger(RecipeApp.class);

    private final AppConfig config;
    private final RunMode mode;
    private final EventStore store;
    private LocalPostHog localPostHog;
    private BedrockEmulator emulator;
    private BedrockRuntimeClient client;
    private WebServer web;

    private RecipeApp(AppConfig config, RunMode mode) {
        this.config = config;
        this.mode = mode;
        this.store = mode.localPostHog() ? new EventStore() : null;
    }

    /**
     * Starts the app from the environment, prints where to open it and serves until Ctrl-C.
     *
     * @param args ignored
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        RecipeApp app;
        try {
            app = start(AppConfig.fromEnvironment());
        } catch (RuntimeException e) { // a bad setting, a busy port, real Bedrock without a region...
            LOG.debug("startup failed", e);
            System.err.println("Recipe app cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the recipe app...");
            app.close();
            stopped.countDown();
        }, "recipe-app-shutdown"));
        app.printBanner(System.out);
        stopped.await();
    }

    /**
     * Starts the app: decides the mode (probing AWS only when {@code BEDROCK_OFFLINE} is unset), starts what runs
     * locally, then the web server.
     *
     * @param config the settings
     * @return the running app
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static RecipeApp start(AppConfig config) {
        return start(config, AwsEnvironment::probe);
    }

    static RecipeApp start(AppConfig config, Supplier<AwsEnvironment> aws) {
        Objects.requireNonNull(config, "config");
        RecipeApp app = new RecipeApp(config, RunMode.decide(config, aws));
        try {
            app.startParts();
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private void startParts() {
        if (mode.localPostHog()) {
            // before the first Bedrock call: the zero-code interceptor reads its configuration then
            localPostHog = LocalPostHog.start(store);
        }
        if (mode.localBedrock()) {
            emulator = BedrockEmulator.builder()
                    .latency(Duration.ofMillis(config.emulatorLatencyMs()))
                    .errorRate(config.emulatorErrorRate())
                    .responder(new OfflineRecipeResponder(config.emulatorLatencyMs()))
                    .start();
            client = BedrockClients.emulated(emulator.endpoint());
        } else {
            client = BedrockClients.real(mode.region());
        }
        RecipeService recipes = new RecipeService(client, config.modelId());
        web = WebServer.start(config.port(), recipes, store, config.postHogHost(), status());
        LOG.info("Recipe app listening on {} (Bedrock: {}, PostHog: {})", url(),
                mode.localBedrock() ? "local emulator" : "Amazon Bedrock", mode.localPostHog() ? "local capture" : config.postHogHost());
    }

    /** @return the page's URL, {@code http://localhost:<port>/} */
    public URI url() {
        return URI.create("http://localhost:" + port() + "/");
    }

    /** @return the port served */
    public int port() {
        return web.port();
    }

    /** @return which parts are local */
    public RunMode mode() {
        return mode;
    }

    /** @return the in-process emulator, or null with real Bedrock */
    BedrockEmulator emulator() {
        return emulator;
    }

    /** @return the in-process PostHog, or null with real PostHog */
    LocalPostHog localPostHog() {
        return localPostHog;
    }

    /** @return the captured events behind the insights, or null with real PostHog */
    EventStore events() {
        return store;
    }

    /**
     * Prints which parts are local and which are real, and the URL to open.
     *
     * @param out where to print
     */
    public void printBanner(PrintStream out) {
        String line = "=".repeat(78);
        StringBuilder text = new StringBuilder("\n").append(line).append('\n');
        text.append(" Recipe builder: every Bedrock call reported to PostHog by bedrock-posthog\n\n");
        if (mode.localBedrock()) {
            text.append(String.format(" Bedrock  LOCAL   in-process emulator at %s (%s)%n", emulator.endpoint(), mode.bedrockReason()));
            text.append(String.format("                  latency %d ms + 1 ms per generated token, error rate %s%n",
                    config.emulatorLatencyMs(), percent(config.emulatorErrorRate())));
        } else {
            text.append(String.format(" Bedrock  REAL    Amazon Bedrock, region %s (%s)%n",
                    mode.region() == null ? "from the AWS SDK's default chain" : mode.region().id(), mode.bedrockReason()));
        }
        text.append(String.format("          model   %s%n", config.modelId()));
        if (mode.localPostHog()) {
            text.append(String.format(" PostHog  LOCAL   in-process capture server at %s (%s)%n", localPostHog.endpoint(), mode.postHogReason()));
            text.append(String.format("                  insights: %sinsights%n", url()));
        } else {
            text.append(String.format(" PostHog  REAL    %s (%s)%n", config.postHogHost(), mode.postHogReason()));
        }
        text.append("\n Open ").append(url()).append("   (Ctrl-C to stop)\n").append(line).append('\n');
        out.print(text);
        out.flush();
    }

    /** Stops the web server, the client and whatever runs locally; idempotent. */
    @Override
    public synchronized void close() {
        if (web != null) {
            web.close();
            web = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
        if (localPostHog != null) {
            localPostHog.close();
            localPostHog = null;
        }
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    private ObjectNode status() {
        ObjectNode status = Http.JSON.createObjectNode();
        status.put("model", config.modelId());
        ObjectNode bedrock = status.putObject("bedrock");
        bedrock.put("local", mode.localBedrock());
        bedrock.put("label", mode.localBedrock() ? "Local Bedrock emulator" : "Amazon Bedrock");
        bedrock.put("detail", mode.localBedrock()
                ? mode.bedrockReason() + "; error rate " + percent(config.emulatorErrorRate())
                : mode.region() == null ? mode.bedrockReason() : "region " + mode.region().id());
        ObjectNode postHog = status.putObject("posthog");
        postHog.put("local", mode.localPostHog());
        postHog.put("label", mode.localPostHog() ? "Local PostHog capture" : "PostHog");
        postHog.put("detail", mode.localPostHog() ? mode.postHogReason() : config.postHogHost());
        return status;
    }

    private static String percent(double fraction) {
        return String.format("%.4g%%", fraction * 100).replaceAll("\\.?0+%", "%");
    }
}
