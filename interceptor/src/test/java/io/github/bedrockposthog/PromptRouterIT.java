package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.BedrockEmulator;
import io.github.bedrockposthog.testkit.CaptureServer;
import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.EmulatorReply;
import io.github.bedrockposthog.testkit.EventStreamFrames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

import java.time.Duration;
import java.util.List;

import static io.github.bedrockposthog.ExplicitRegistrationIT.number;
import static io.github.bedrockposthog.ExplicitRegistrationIT.userSays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Prompt routers (#13): the event names the model that answered ({@code trace.promptRouter.invokedModelId} of a
 * Converse response, or of ConverseStream's {@code metadata} event) and is priced at that model's price; the
 * {@code model_id} stays the router the app called. Real SDK clients against the loopback emulator.
 * Price: Claude 3.5 Haiku, $0.80 / $4 per million input / output tokens (AWS Bedrock pricing page, bundled table).
 */
class PromptRouterIT {

    static final String ROUTER = "arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1";
    static final String INVOKED =
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0";
    static final String ANSWERED = "anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String USAGE = "{\"inputTokens\":10000,\"outputTokens\":1000,\"totalTokens\":11000}";
    private static final String TRACE = "{\"promptRouter\":{\"invokedModelId\":\"" + INVOKED + "\"}}";

    @RegisterExtension
    static final LoopbackPostHog SERVERS = new LoopbackPostHog();

    private final BedrockEmulator emulator = SERVERS.emulator();
    private final CaptureServer capture = SERVERS.capture();

    /** How the app calls the router: every client kind, sync and async, plain and streamed. */
    enum Call {
        CONVERSE_APACHE, CONVERSE_URL_CONNECTION, CONVERSE_NETTY, CONVERSE_STREAM_NETTY;

        void run(BedrockEmulator emulator, BedrockPostHog posthog) {
            switch (this) {
                case CONVERSE_APACHE, CONVERSE_URL_CONNECTION -> {
                    try (BedrockRuntimeClient client = this == CONVERSE_APACHE
                            ? Clients.apache(emulator.endpoint(), posthog.interceptor())
                            : Clients.urlConnection(emulator.endpoint(), posthog.interceptor())) {
                        client.converse(r -> r.modelId(ROUTER).messages(userSays("Which plan suits a team of 3?")));
                    }
                }
                case CONVERSE_NETTY -> {
                    try (BedrockRuntimeAsyncClient client = Clients.netty(emulator.endpoint(), posthog.interceptor())) {
                        client.converse(r -> r.modelId(ROUTER).messages(userSays("Which plan suits a team of 3?")))
                                .join();
                    }
                }
                case CONVERSE_STREAM_NETTY -> {
                    try (BedrockRuntimeAsyncClient client = Clients.netty(emulator.endpoint(), posthog.interceptor())) {
                        client.converseStream(r -> r.modelId(ROUTER).messages(userSays("Which plan suits a team of 3?")),
                                ConverseStreamResponseHandler.builder().subscriber(e -> { }).build()).join();
                    }
                }
                default -> throw new IllegalStateException();
            }
        }

        boolean streamed() {
            return this == CONVERSE_STREAM_NETTY;
        }
    }

    /** A Converse answer; {@code trace} JSON or {@code null}. */
    static EmulatorReply converse(String trace) {
        return EmulatorReply.json("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":"
                + "[{\"text\":\"The Team plan.\"}]}},\"stopReason\":\"end_turn\",\"usage\":" + USAGE
                + ",\"metrics\":{\"latencyMs\":40}" + (trace == null ? "" : ",\"trace\":" + trace) + "}");
    }

    /** A ConverseStream answer whose {@code metadata} event carries {@code trace} (or none). */
    static EmulatorReply converseStream(String trace) {
        return EmulatorReply.builder()
                .header("Content-Type", EmulatorReply.EVENT_STREAM)
                .frames(List.of(
                        EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}"),
                        EventStreamFrames.event("contentBlockDelta",
                                "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"The Team plan.\"}}"),
                        EventStreamFrames.event("contentBlockStop", "{\"contentBlockIndex\":0}"),
                        EventStreamFrames.event("messageStop", "{\"stopReason\":\"end_turn\"}"),
                        EventStreamFrames.event("metadata", "{\"usage\":" + USAGE + ",\"metrics\":{\"latencyMs\":40}"
                                + (trace == null ? "" : ",\"trace\":" + trace) + "}")))
                .build();
    }

    private List<CapturedEvent> call(Call call, String trace) {
        emulator.enqueue(call.streamed() ? converseStream(trace) : converse(trace));
        try (BedrockPostHog posthog = SERVERS.posthog("phc_router").events(EventSchema.BOTH).build()) {
            call.run(emulator, posthog);
        }
        List<CapturedEvent> events = capture.awaitEvents(2, WAIT);
        assertEquals(2, events.size(), () -> "events: " + events);
        return events;
    }

    private static CapturedEvent named(List<CapturedEvent> events, String name) {
        return events.stream().filter(e -> e.event().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void aRoutersEventNamesTheModelThatAnsweredAndIsPricedAtItsPrice(Call call) {
        List<CapturedEvent> events = call(call, TRACE);
        CapturedEvent completion = named(events, "bedrock_completion");
        CapturedEvent ai = named(events, "$ai_generation");
        assertEquals(ROUTER, completion.property("model_id"), "the id the app called is kept");
        assertEquals(ANSWERED, completion.property("model"), () -> completion.properties().toString());
        assertEquals(ANSWERED, ai.property("$ai_model"));
        assertEquals(10_000 * 0.80 / 1e6, number(completion, "input_cost_in_dollars").doubleValue(), 1e-12);
        assertEquals(1_000 * 4.0 / 1e6, number(completion, "output_cost_in_dollars").doubleValue(), 1e-12);
        assertEquals(0.012, number(ai, "$ai_total_cost_usd").doubleValue(), 1e-12);
        assertEquals("Which plan suits a team of 3?", completion.property("prompt"));
        assertEquals("The Team plan.", completion.property("generation"));
    }

    @Test
    void aRoutedModelWithoutAPriceIsStillNamedAndItsCostLeftOut() {
        String unpriced = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-future-v9:0";
        List<CapturedEvent> events = call(Call.CONVERSE_APACHE, "{\"promptRouter\":{\"invokedModelId\":\"" + unpriced
                + "\"}}");
        CapturedEvent completion = named(events, "bedrock_completion");
        assertEquals("anthropic.claude-future-v9:0", completion.property("model"), () -> completion.properties().toString());
        assertEquals("anthropic.claude-future-v9:0", named(events, "$ai_generation").property("$ai_model"));
        assertEquals("model", completion.property("price_unknown_dimension"));
        assertFalse(completion.hasProperty("total_cost_in_dollars"));
    }

    @Test
    void withoutATraceTheRouterStaysTheModelAndNoPriceIsGuessed() {
        List<CapturedEvent> events = call(Call.CONVERSE_APACHE, null);
        CapturedEvent completion = named(events, "bedrock_completion");
        assertEquals("anthropic.claude:1", completion.property("model"), "the router ARN's tail");
        assertFalse(completion.hasProperty("total_cost_in_dollars"), () -> completion.properties().toString());
    }
}
