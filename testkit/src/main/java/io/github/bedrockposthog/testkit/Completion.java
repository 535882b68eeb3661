package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the canned responder "generated" for one request: the texts, their token counts and the latencies the
 * emulator reports. All numbers are derived deterministically from the texts.
 */
final class Completion {

    /** Reported time to first byte, in milliseconds. */
    static final int FIRST_BYTE_LATENCY_MS = 20;
    /** Reported generation time per output token, in milliseconds. */
    static final int MS_PER_OUTPUT_TOKEN = 5;

    private static final Pattern PIECE = Pattern.compile("\\s*\\S+");

    private final String modelId;
    private final JsonNode request;
    private final String prompt;
    private final String answer;
    private final int inputTokens;
    private final int outputTokens;

    Completion(String modelId, JsonNode request, String prompt, String answer) {
        this.modelId = modelId;
        this.request = request;
        this.prompt = prompt;
        this.answer = answer;
        this.inputTokens = Tokens.estimate(prompt);
        this.outputTokens = Tokens.estimate(answer);
    }

    String modelId() {
        return modelId;
    }

    /** The model id without ARN, geo prefix or provider prefix noise, for format choice and "model" fields. */
    String baseModelId() {
        return ModelIds.baseId(modelId);
    }

    JsonNode request() {
        return request;
    }

    String prompt() {
        return prompt;
    }

    String answer() {
        return answer;
    }

    int inputTokens() {
        return inputTokens;
    }

    int outputTokens() {
        return outputTokens;
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
