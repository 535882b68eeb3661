package io.github.bedrockposthog.testkit;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Built-in {@link Responder}s.
 *
 * <p>The canned responder answers each operation in the model family's wire format (Llama, Anthropic messages
 * and legacy text, Titan, Nova, Cohere Command R and legacy Command, Mistral text and chat, DeepSeek, AI21 Jamba
 * and gpt-oss OpenAI-style chat, AI21 Jurassic-2; anything else gets {@code {"completion", "stop_reason"}}).
 * Its numbers are deterministic: input tokens = {@link Tokens#estimate(String)} of the prompt texts (system,
 * prompt/inputText/message and every message text, joined by newlines), output tokens = the estimate of the
 * answer, first-byte latency 20 ms, invocation latency 20 ms + 5 ms per output token. Streams send the answer one
 * word per chunk. A body that is not a JSON object gets 400 ValidationException.
 */
public final class Responders {

    /** The answer text of {@link #canned()}: 9 words, so {@code Tokens.estimate} gives 12 output tokens. */
    public static final String DEFAULT_ANSWER = "Hello from the Bedrock emulator, a canned model answer.";

    private Responders() {
    }

    /**
     * The default responder, answering {@link #DEFAULT_ANSWER}.
     *
     * @return the canned responder
     */
    public static Responder canned() {
        return canned(DEFAULT_ANSWER);
    }

    /**
     * The canned responder with another answer text.
     *
     * @param answer the text every model "generates"
     * @return the responder
     */
    public static Responder canned(String answer) {
        Objects.requireNonNull(answer, "answer");
        return new CannedResponder(request -> answer);
    }

    /**
     * The canned responder with an answer chosen per request (e.g. from the prompt), still wrapped in the family's
     * wire format with consistent token counts.
     *
     * @param answer computes the answer text of a request
     * @return the responder
     */
    public static Responder canned(Function<EmulatedRequest, String> answer) {
        return new CannedResponder(answer);
    }

    /**
     * Answers every request with the same reply.
     *
     * @param reply the reply
     * @return the responder
     */
    public static Responder always(EmulatorReply reply) {
        Objects.requireNonNull(reply, "reply");
        return request -> reply;
    }

    /**
     * Replays recorded fixtures: a request gets the first fixture with the same operation and model id, else the
     * first with the same operation, else the canned answer.
     *
     * @param exchanges recorded exchanges
     * @return the responder
     */
    public static Responder replaying(List<RecordedExchange> exchanges) {
        List<RecordedExchange> copy = List.copyOf(exchanges);
        Responder fallback = canned();
        return request -> {
            RecordedExchange sameOperation = null;
            for (RecordedExchange exchange : copy) {
                if (exchange.operation().equals(request.operation())) {
                    if (exchange.modelId().equals(request.modelId())) {
                        return FixtureReplies.of(exchange, 0);
                    }
                    if (sameOperation == null) {
                        sameOperation = exchange;
                    }
                }
            }
            return sameOperation != null ? FixtureReplies.of(sameOperation, 0) : fallback.respond(request);
        };
    }
}
