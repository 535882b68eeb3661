package io.github.bedrockposthog.benchmarks;

import io.github.bedrockposthog.testkit.EventStreamFrames;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Bedrock traffic every benchmark uses: one Llama 3.1 8B prompt, the model's answer as InvokeModel and
 * Converse return it (with Bedrock's usage headers), and a 1,000-chunk streamed answer. Built once, reused.
 */
final class Wire {

    static final String MODEL_ID = "meta.llama3-1-8b-instruct-v1:0";

    static final String PROMPT = "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n"
            + "Suggest a quick vegetarian dinner with chickpeas, spinach and lemon. Keep it under 100 words."
            + "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n";

    static final String ANSWER = "Try a lemony chickpea and spinach skillet: saute garlic in olive oil, add drained "
            + "chickpeas and a pinch of cumin, stir in fresh spinach until wilted, then finish with lemon juice, "
            + "zest, salt and pepper. Serve over couscous or with warm flatbread.";

    static final int INPUT_TOKENS = 38;
    static final int OUTPUT_TOKENS = 52;

    /** Llama InvokeModel request body. */
    static final byte[] INVOKE_REQUEST_BODY = ("{\"prompt\":" + quote(PROMPT)
            + ",\"max_gen_len\":256,\"temperature\":0.5,\"top_p\":0.9}").getBytes(StandardCharsets.UTF_8);

    /** Llama InvokeModel response body. */
    static final byte[] INVOKE_RESPONSE_BODY = ("{\"generation\":" + quote(ANSWER) + ",\"prompt_token_count\":"
            + INPUT_TOKENS + ",\"generation_token_count\":" + OUTPUT_TOKENS + ",\"stop_reason\":\"stop\"}")
            .getBytes(StandardCharsets.UTF_8);

    /** Converse response body (restJson1). */
    static final byte[] CONVERSE_RESPONSE_BODY = ("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":"
            + quote(ANSWER) + "}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":" + INPUT_TOKENS
            + ",\"outputTokens\":" + OUTPUT_TOKENS + ",\"totalTokens\":" + (INPUT_TOKENS + OUTPUT_TOKENS)
            + "},\"metrics\":{\"latencyMs\":412}}").getBytes(StandardCharsets.UTF_8);

    static final InvokeModelRequest INVOKE_REQUEST = InvokeModelRequest.builder()
            .modelId(MODEL_ID)
            .contentType("application/json")
            .accept("application/json")
            .body(SdkBytes.fromByteArray(INVOKE_REQUEST_BODY))
            .build();

    static final ConverseRequest CONVERSE_REQUEST = ConverseRequest.builder()
            .modelId(MODEL_ID)
            .messages(Message.builder()
                    .role(ConversationRole.USER)
                    .content(ContentBlock.fromText(
                            "Suggest a quick vegetarian dinner with chickpeas, spinach and lemon. Keep it under 100 words."))
                    .build())
            .inferenceConfig(c -> c.maxTokens(256).temperature(0.5f))
            .build();

    static final InvokeModelWithResponseStreamRequest STREAM_REQUEST = InvokeModelWithResponseStreamRequest.builder()
            .modelId(MODEL_ID)
            .contentType("application/json")
            .accept("application/json")
            .body(SdkBytes.fromByteArray(INVOKE_REQUEST_BODY))
            .build();

    /** The usage headers Bedrock adds to every InvokeModel answer. */
    static Map<String, String> invokeHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("X-Amzn-Bedrock-Input-Token-Count", Integer.toString(INPUT_TOKENS));
        h.put("X-Amzn-Bedrock-Output-Token-Count", Integer.toString(OUTPUT_TOKENS));
        h.put("X-Amzn-Bedrock-Invocation-Latency", "412");
        return h;
    }

    static Map<String, String> converseHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        return h;
    }

    /** The streamed pieces of a 1,000-chunk answer: one word each, with the space before it. */
    static List<String> streamPieces(int chunks) {
        String[] words = ANSWER.split(" ");
        List<String> pieces = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            String word = words[i % words.length];
            pieces.add(i == 0 ? word : " " + word);
        }
        return pieces;
    }

    /** The characters of generated text a stream of {@code chunks} pieces carries. */
    static int streamTextChars(int chunks) {
        int n = 0;
        for (String p : streamPieces(chunks)) {
            n += p.length();
        }
        return n;
    }

    /**
     * A Llama InvokeModelWithResponseStream answer of {@code chunks} chunk frames, encoded as Bedrock sends them;
     * the last carries {@code amazon-bedrock-invocationMetrics}.
     */
    static List<byte[]> llamaStreamFrames(int chunks) {
        List<String> pieces = streamPieces(chunks);
        List<byte[]> frames = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            boolean last = i == chunks - 1;
            StringBuilder json = new StringBuilder(160);
            json.append("{\"generation\":").append(quote(pieces.get(i)));
            json.append(",\"prompt_token_count\":").append(i == 0 ? Integer.toString(INPUT_TOKENS) : "null");
            json.append(",\"generation_token_count\":").append(i + 1);
            json.append(",\"stop_reason\":").append(last ? "\"stop\"" : "null");
            if (last) {
                json.append(",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":").append(INPUT_TOKENS)
                        .append(",\"outputTokenCount\":").append(chunks)
                        .append(",\"invocationLatency\":2150,\"firstByteLatency\":180}");
            }
            json.append('}');
            frames.add(EventStreamFrames.chunk(json.toString()));
        }
        return frames;
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }

    private Wire() {
    }
}
