package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the canned responder "generated" for one request: the texts, their token counts and the latencies the
 * emulator reports. All numbers are derived deterministically from the texts.
 *
 * @param modelId      the model id as the request named it
 * @param request      the JSON request body
 * @param prompt       the prompt text read from the request
 * @param answer       the generated answer
 * @param inputTokens  the prompt's token count ({@link Tokens#estimate})
 * @param outputTokens the answer's token count ({@link Tokens#estimate})
 */
record Completion(String modelId, JsonNode request, String prompt, String answer, int inputTokens, int outputTokens) {

    /** Reported time to first byte, in milliseconds. */
    static final int FIRST_BYTE_LATENCY_MS = 20;
    /** Reported generation time per output token, in milliseconds. */
    static final int MS_PER_OUTPUT_TOKEN = 5;

    private static final Pattern PIECE = Pattern.compile("\\s*\\S+");

    /** A completion whose token counts are the emulator's estimate of the two texts. */
    Completion(String modelId, JsonNode request, String prompt, String answer) {
        this(modelId, request, prompt, answer, Tokens.estimate(prompt), Tokens.estimate(answer));
    }

    /** The model id without ARN, geo prefix or provider prefix noise, for format choice and "model" fields. */
    String baseModelId() {
        return ModelIds.baseId(modelId);
    }

    int totalTokens() {
        return inputTokens + outputTokens;
    }

    int firstByteLatencyMs() {
        return FIRST_BYTE_LATENCY_MS;
    }

    int latencyMs() {
        return FIRST_BYTE_LATENCY_MS + MS_PER_OUTPUT_TOKEN * outputTokens;
    }

    /** The answer in streaming pieces: one word each, with the whitespace before it; they concatenate to it. */
    List<String> pieces() {
        List<String> pieces = new ArrayList<>();
        Matcher m = PIECE.matcher(answer);
        int end = 0;
        while (m.find()) {
            pieces.add(m.group());
            end = m.end();
        }
        if (end < answer.length()) {
            if (pieces.isEmpty()) {
                pieces.add(answer.substring(end));
            } else {
                int last = pieces.size() - 1;
                pieces.set(last, pieces.get(last) + answer.substring(end));
            }
        }
        if (pieces.isEmpty()) {
            pieces.add("");
        }
        return pieces;
    }

    /** Output tokens generated after {@code pieceCount} of {@code total} pieces, reaching the full count at the end. */
    int outputTokensAfter(int pieceCount, int total) {
        return Math.max(1, (int) Math.round((double) outputTokens * pieceCount / total));
    }
}
