package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.CapturedEvent;
import io.github.bedrockposthog.testkit.EmulatorReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.github.bedrockposthog.ExplicitRegistrationIT.number;
import static io.github.bedrockposthog.NonTextBodies.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operation kinds end to end (#13 items 1 and 8, #14's embedding price): embedding, image and rerank calls through
 * real SDK clients (sync apache and url-connection, async netty) against the emulator, with the bodies of AWS's
 * model-parameter pages ({@link NonTextBodies}). Each call is exactly one event of its kind in each schema, never a
 * {@code bedrock_completion} / {@code $ai_generation}; it carries {@code operation_kind}, its tokens and cost where
 * a price is published, and neither a vector nor an image.
 */
class OperationKindsIT {

    @RegisterExtension
    static final LoopbackServers servers = new LoopbackServers();

    private static final String PROFILE_ARN =
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/k1kinds0001";
    private static final double EXACT = 1e-18;

    /** One Netty client for the class: closing one takes a graceful-shutdown pause, paid once. */
    private static SdkAsyncHttpClient nettyHttp;

    @BeforeAll
    static void startNetty() {
        nettyHttp = NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).build();
    }

    @AfterAll
    static void stopNetty() {
        nettyHttp.close();
    }

    /**
     * One row: a model (or an opaque ARN) with its bodies and usage header; what its events must say.
     *
     * @param headerTokens {@code X-Amzn-Bedrock-Input-Token-Count}, or {@code null} when the body alone states them
     * @param inputCost    the dollars the bundled table gives, or {@code null} when no price is known
     */
    record Case(String label, String modelId, String request, String response, Integer headerTokens,
                String kind, String text, Long tokens, Double inputCost) {
        @Override
        public String toString() {
            return label;
        }

        String event() {
            return "bedrock_" + kind;
        }

        String aiEvent() {
            return kind.equals("embedding") ? "$ai_embedding" : "$ai_span";
        }

        String textKey() {
            return kind.equals("rerank") ? "query" : "prompt";
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // #14: 8 tokens at Titan v2's $0.02 per million input tokens = $1.6e-7
                new Case("Titan embed v2", "amazon.titan-embed-text-v2:0", TITAN_V2_REQUEST, TITAN_V2_RESPONSE, 8,
                        "embedding", "What is the capital of France?", 8L, 1.6e-7),
                // tokens from the body's inputTextTokenCount alone; $0.10 per million
                new Case("Titan embed v1", "amazon.titan-embed-text-v1", TITAN_V1_REQUEST, TITAN_V1_RESPONSE, null,
                        "embedding", "Paris is the capital of France.", 6L, 6e-7),
                // the image sent to embed is never read; only the text is the prompt; $0.80 per million
                new Case("Titan multimodal embed", "amazon.titan-embed-image-v1", TITAN_MM_REQUEST, TITAN_MM_RESPONSE,
                        5, "embedding", "A small grey cat", 5L, 5 * 0.8 / 1e6),
                // an image embedded alone: no text, and no token count to price
                new Case("Cohere embed v3 (image)", "cohere.embed-english-v3", COHERE_IMAGE_REQUEST,
                        COHERE_V3_RESPONSE, null, "embedding", null, null, null),
                new Case("Cohere embed v3 (texts)", "cohere.embed-english-v3", COHERE_V3_REQUEST, COHERE_V3_RESPONSE,
                        9, "embedding", "Paris is in France.\nBerlin is in Germany.", 9L, 9e-7),
                // tokens from meta.billed_units.input_tokens alone; $0.12 per million
                new Case("Cohere embed v4", "cohere.embed-v4:0", COHERE_V4_REQUEST, COHERE_V4_RESPONSE, null,
                        "embedding", "Where is the Louvre?", 12L, 12 * 0.12 / 1e6),
                // $0.135 per million: never read as the Nova text family
                new Case("Nova multimodal embeddings", "amazon.nova-2-multimodal-embeddings-v1:0", NOVA_EMBED_REQUEST,
                        NOVA_EMBED_RESPONSE, 7, "embedding", "A red bicycle by the river.", 7L, 7 * 0.135 / 1e6),
                new Case("Titan image generator", "amazon.titan-image-generator-v2:0", AMAZON_IMAGE_REQUEST,
                        AMAZON_IMAGE_RESPONSE, null, "image", "A lighthouse at dawn", null, null),
                new Case("Nova Canvas", "amazon.nova-canvas-v1:0", AMAZON_IMAGE_REQUEST, AMAZON_IMAGE_RESPONSE, null,
                        "image", "A lighthouse at dawn", null, null),
                new Case("Stability SD3.5", "stability.sd3-5-large-v1:0", STABILITY_REQUEST, STABILITY_RESPONSE, null,
                        "image", "A watercolor fox in the snow", null, null),
                new Case("Cohere rerank", "cohere.rerank-v3-5:0", RERANK_REQUEST, RERANK_RESPONSE, null, "rerank",
                        "Which city is the capital of France?", null, null),
                new Case("Amazon rerank", "amazon.rerank-v1:0", RERANK_REQUEST, RERANK_RESPONSE, null, "rerank",
                        "Which city is the capital of France?", null, null),
                // opaque ids: the bodies decide (an unaliased ARN has no price)
                new Case("ARN + Titan embed body", PROFILE_ARN, TITAN_V2_REQUEST, TITAN_V2_RESPONSE, 8, "embedding",
                        "What is the capital of France?", 8L, null),
                new Case("ARN + Cohere embed body", PROFILE_ARN, COHERE_V3_REQUEST, COHERE_V3_RESPONSE, 9,
                        "embedding", "Paris is in France.\nBerlin is in Germany.", 9L, null),
                new Case("ARN + Nova embed body", PROFILE_ARN, NOVA_EMBED_REQUEST, NOVA_EMBED_RESPONSE, 7,
                        "embedding", "A red bicycle by the river.", 7L, null),
                new Case("ARN + Nova Canvas body", PROFILE_ARN, AMAZON_IMAGE_REQUEST, AMAZON_IMAGE_RESPONSE, null,
                        "image", "A lighthouse at dawn", null, null),
                new Case("ARN + Stability body", PROFILE_ARN, STABILITY_REQUEST, STABILITY_RESPONSE, null, "image",
                        "A watercolor fox in the snow", null, null),
                new Case("ARN + rerank body", PROFILE_ARN, RERANK_REQUEST, RERANK_RESPONSE, null, "rerank",
                        "Which city is the capital of France?", null, null));
    }

    private static EmulatorReply reply(Case c) {
        EmulatorReply.Builder reply = EmulatorReply.builder().header("Content-Type", "application/json")
                .header("x-amzn-RequestId", "req-" + c.label().hashCode());
        if (c.headerTokens() != null) {
            reply.header("X-Amzn-Bedrock-Input-Token-Count", c.headerTokens().toString());
        }
        return reply.body(c.response()).build();
    }

    /** Calls the model once through each of apache, url-connection and netty. */
    private static void invokeThroughEveryClient(BedrockPostHog posthog, String modelId, String request) {
        SdkBytes body = SdkBytes.fromUtf8String(request);
        try (BedrockRuntimeClient apache = Clients.apache(servers.emulator().endpoint(), posthog.interceptor());
             BedrockRuntimeClient url = Clients.urlConnection(servers.emulator().endpoint(), posthog.interceptor());
             BedrockRuntimeAsyncClient netty = BedrockRuntimeAsyncClient.builder()
                     .endpointOverride(servers.emulator().endpoint()).region(Region.US_EAST_1)
                     .credentialsProvider(Clients.CREDENTIALS).httpClient(nettyHttp)
                     .overrideConfiguration(o -> o.addExecutionInterceptor(posthog.interceptor())).build()) {
            apache.invokeModel(r -> r.modelId(modelId).body(body));
            url.invokeModel(r -> r.modelId(modelId).body(body));
            netty.invokeModel(r -> r.modelId(modelId).body(body)).join();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCallIsExactlyOneEventOfItsKindInBothSchemas(Case c) {
        for (int i = 0; i < 3; i++) {
            servers.emulator().enqueue(reply(c));
        }
        BedrockPostHog posthog = servers.open("phc_kinds", b -> b.events(EventSchema.BOTH));
        invokeThroughEveryClient(posthog, c.modelId(), c.request());
        posthog.close(); // flushes: the events are on their way before we wait for them
        servers.capture().awaitEvents(6, Duration.ofSeconds(15));


        List<CapturedEvent> events = servers.capture().events();
        assertEquals(6, events.size(), () -> "one event per call and schema: " + events);
        assertEquals(3, servers.capture().events(c.event()).size(), () -> "events: " + events);
        assertEquals(3, servers.capture().events(c.aiEvent()).size(), () -> "events: " + events);
        assertTrue(servers.capture().events("bedrock_completion").isEmpty(), "no completion");
        assertTrue(servers.capture().events("$ai_generation").isEmpty(), "no generation");
        for (CapturedEvent e : servers.capture().events(c.event())) {
            assertEquals(c.kind(), e.property("operation_kind"));
            assertEquals(c.modelId(), e.property("model_id"));
            assertEquals(c.text(), e.property(c.textKey()));
            assertTrue(number(e, "response_time_in_ms").doubleValue() >= 0);
            assertEquals("bedrock-posthog", e.property("$lib"));
            if (c.tokens() != null) {
                assertEquals(c.tokens(), number(e, "prompt_token_count").longValue(), "input tokens");
            }
            if (c.inputCost() != null) {
                assertEquals(c.inputCost(), number(e, "input_cost_in_dollars").doubleValue(), EXACT);
                assertEquals(c.inputCost(), number(e, "total_cost_in_dollars").doubleValue(), EXACT);
            } else {
                assertFalse(e.hasProperty("total_cost_in_dollars"), () -> "no price known: " + e.properties());
            }
            assertKindFacts(c, e);
        }
        for (CapturedEvent e : servers.capture().events(c.aiEvent())) {
            assertEquals(c.kind(), e.property("operation_kind"));
            assertEquals("bedrock", e.property("$ai_provider"));
            assertEquals(false, e.property("$ai_is_error"));
            assertEquals(200, number(e, "$ai_http_status").intValue());
            assertTrue(number(e, "$ai_latency").doubleValue() >= 0);
            if (c.kind().equals("embedding")) {
                assertEquals(c.text(), e.property("$ai_input"));
                if (c.tokens() != null) {
                    assertEquals(c.tokens(), number(e, "$ai_input_tokens").longValue());
                }
                if (c.inputCost() != null) {
                    assertEquals(c.inputCost(), number(e, "$ai_input_cost_usd").doubleValue(), EXACT);
                    assertEquals(c.inputCost(), number(e, "$ai_total_cost_usd").doubleValue(), EXACT);
                }
            } else {
                assertEquals(c.event(), e.property("$ai_span_name"));
                assertEquals(c.text(), e.property("$ai_input_state"));
            }
        }
        assertNoVectorOrImage();
    }

    private static void assertKindFacts(Case c, CapturedEvent e) {
        switch (c.kind()) {
            case "image" -> {
                assertEquals(1, number(e, "image_count").intValue());
                if (c.request().equals(AMAZON_IMAGE_REQUEST)) {
                    assertEquals("1280x768", e.property("image_size"));
                }
                // the bundled table has no image model: the price is unknown, the way the pricing code says it
                assertEquals("model", e.property("price_unknown_dimension"));
            }
            case "rerank" -> {
                assertEquals(3, number(e, "document_count").intValue());
                assertFalse(e.hasProperty("prompt"), "a rerank's text is its query");
            }
            default -> assertFalse(e.hasProperty("generation"));
        }
    }

    /** What was sent to PostHog, byte for byte, holds no vector number and no base64 image. */
    private static void assertNoVectorOrImage() {
        List<String> sent = servers.capture().rawRequestBodies();
        assertFalse(sent.isEmpty());
        for (String body : sent) {
            assertFalse(body.contains(VECTOR_MARK), () -> "a vector was sent: " + body);
            assertFalse(body.contains(IMAGE_BASE64.substring(0, 40)), () -> "an image was sent: " + body);
        }
    }

    @Test
    void privacyModeDropsThePromptAndTheQuery() {
        servers.emulator().enqueue(reply(cases().findFirst().orElseThrow()));
        Case rerank = cases().filter(c -> c.label().equals("Cohere rerank")).findFirst().orElseThrow();
        servers.emulator().enqueue(reply(rerank));
        BedrockPostHog posthog = servers.open("phc_kinds", b -> b.events(EventSchema.BOTH).privacyMode(true));
        try (BedrockRuntimeClient client = Clients.apache(servers.emulator().endpoint(), posthog.interceptor())) {
            client.invokeModel(r -> r.modelId("amazon.titan-embed-text-v2:0")
                    .body(SdkBytes.fromUtf8String(TITAN_V2_REQUEST)));
            client.invokeModel(r -> r.modelId(rerank.modelId()).body(SdkBytes.fromUtf8String(RERANK_REQUEST)));
        }
        posthog.close(); // flushes: the events are on their way before we wait for them
        servers.capture().awaitEvents(4, Duration.ofSeconds(15));

        CapturedEvent embedding = servers.capture().events("bedrock_embedding").get(0);
        assertFalse(embedding.hasProperty("prompt"), () -> "privacy mode: " + embedding.properties());
        assertEquals(8, number(embedding, "prompt_token_count").intValue(), "the numbers stay");
        assertEquals(1.6e-7, number(embedding, "total_cost_in_dollars").doubleValue(), EXACT);
        CapturedEvent aiEmbedding = servers.capture().events("$ai_embedding").get(0);
        assertFalse(aiEmbedding.hasProperty("$ai_input"), () -> "privacy mode: " + aiEmbedding.properties());
        CapturedEvent rerankEvent = servers.capture().events("bedrock_rerank").get(0);
        assertFalse(rerankEvent.hasProperty("query") || rerankEvent.hasProperty("prompt"), rerankEvent::toString);
        assertEquals(3, number(rerankEvent, "document_count").intValue());
        CapturedEvent span = servers.capture().events("$ai_span").get(0);
        assertFalse(span.hasProperty("$ai_input_state"), span::toString);
        for (String body : servers.capture().rawRequestBodies()) {
            assertFalse(body.contains("capital of France"), () -> "a text was sent in privacy mode: " + body);
        }
    }

    @Test
    void anImageIsPricedPerImageWhereThePriceFileHasAPrice(@TempDir Path dir) throws Exception {
        Path prices = Files.writeString(dir.resolve("prices.json"),
                "{\"models\":{\"amazon.nova-canvas-v1:0\":{\"image\":0.06}}}");
        servers.emulator().enqueue(EmulatorReply.json(AMAZON_IMAGE_RESPONSE.replace("\"images\": [\"%s\"]"
                .formatted(IMAGE_BASE64), "\"images\": [\"%s\", \"%s\"]".formatted(IMAGE_BASE64, IMAGE_BASE64))));
        BedrockPostHog posthog = servers.open("phc_kinds",
                b -> b.events(EventSchema.BOTH).pricesFile(prices.toString()));
        try (BedrockRuntimeClient client = Clients.apache(servers.emulator().endpoint(), posthog.interceptor())) {
            client.invokeModel(r -> r.modelId("amazon.nova-canvas-v1:0")
                    .body(SdkBytes.fromUtf8String(AMAZON_IMAGE_REQUEST)));
        }
        posthog.close(); // flushes: the events are on their way before we wait for them
        servers.capture().awaitEvents(2, Duration.ofSeconds(15));

        CapturedEvent image = servers.capture().events("bedrock_image").get(0);
        assertEquals(2, number(image, "image_count").intValue(), "the images Bedrock returned");
        assertEquals(0.12, number(image, "total_cost_in_dollars").doubleValue(), 1e-12, "2 images at $0.06");
        assertFalse(image.hasProperty("price_unknown_dimension"), image::toString);
        assertEquals(0.12, number(servers.capture().events("$ai_span").get(0), "$ai_total_cost_usd").doubleValue(),
                1e-12);
        assertNoVectorOrImage();
    }

    @Test
    void aFailedEmbeddingIsABedrockErrorOfKindEmbedding() {
        servers.emulator().enqueueError(400, "ValidationException", "Malformed input request");
        BedrockPostHog posthog = servers.open("phc_kinds", b -> b.events(EventSchema.BOTH));
        try (BedrockRuntimeClient client = Clients.noRetries(servers.emulator().endpoint(), posthog.interceptor())) {
            // a bare {"inputText"} could be Titan text: here the model id alone says embedding
            assertThrows(ValidationException.class, () -> client.invokeModel(r -> r
                    .modelId("amazon.titan-embed-text-v1").body(SdkBytes.fromUtf8String(TITAN_V1_REQUEST))));
        }
        posthog.close(); // flushes: the events are on their way before we wait for them
        servers.capture().awaitEvents(2, Duration.ofSeconds(15));

        List<CapturedEvent> events = servers.capture().events();
        assertEquals(2, events.size(), () -> "events: " + events);
        CapturedEvent error = servers.capture().events("bedrock_error").get(0);
        assertEquals("embedding", error.property("operation_kind"));
        assertEquals("ValidationException", error.property("error_name"));
        assertEquals(400, number(error, "error_code").intValue());
        assertTrue(servers.capture().events("bedrock_embedding").isEmpty(), "a failure is no embedding");
        CapturedEvent ai = servers.capture().events("$ai_embedding").get(0);
        assertEquals(true, ai.property("$ai_is_error"));
        assertEquals("embedding", ai.property("operation_kind"));
        assertNull(ai.property("$ai_total_cost_usd"), "a failure is not priced");
    }

    @Test
    void aTextCallStaysACompletionOfKindText() {
        BedrockPostHog posthog = servers.open("phc_kinds", b -> b.events(EventSchema.BOTH));
        try (BedrockRuntimeClient client = Clients.apache(servers.emulator().endpoint(), posthog.interceptor())) {
            client.invokeModel(r -> r.modelId("amazon.titan-text-express-v1").body(SdkBytes.fromUtf8String(
                    "{\"inputText\":\"Name a river.\",\"textGenerationConfig\":{\"maxTokenCount\":50}}")));
        }
        posthog.close(); // flushes: the events are on their way before we wait for them
        servers.capture().awaitEvents(2, Duration.ofSeconds(15));

        assertEquals("text", servers.capture().events("bedrock_completion").get(0).property("operation_kind"));
        assertEquals("text", servers.capture().events("$ai_generation").get(0).property("operation_kind"));
    }
}
