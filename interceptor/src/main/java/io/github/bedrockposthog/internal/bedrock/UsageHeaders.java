package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.UsageSource;
import software.amazon.awssdk.http.SdkHttpHeaders;

/**
 * Bedrock's exact usage, as InvokeModel puts it in response headers for every model family. Preferred over
 * bodies: for Cohere Command R, Mistral and DeepSeek the headers are the only source.
 */
public final class UsageHeaders {

    public static final String INPUT_TOKENS = "X-Amzn-Bedrock-Input-Token-Count";
    public static final String OUTPUT_TOKENS = "X-Amzn-Bedrock-Output-Token-Count";
    public static final String CACHE_READ_TOKENS = "X-Amzn-Bedrock-Cache-Read-Input-Token-Count";
    public static final String CACHE_WRITE_TOKENS = "X-Amzn-Bedrock-Cache-Write-Input-Token-Count";
    public static final String INVOCATION_LATENCY = "X-Amzn-Bedrock-Invocation-Latency";

    private UsageHeaders() {
    }

    /** The whole number in header {@code name} (case-insensitive) of a request or response, or {@code null}. */
    public static Long number(SdkHttpHeaders message, String name) {
        return message == null ? null : ResponseHeaders.wholeNumber(message.firstMatchingHeader(name).orElse(null));
    }

    /**
     * Replaces every token count of the record that the headers state: they are Bedrock's exact usage.
     *
     * @param headers the response's headers, {@link ResponseHeaders#NONE} when none arrived
     */
    public static void preferHeaders(LlmCall.Builder b, ResponseHeaders headers) {
        Long input = headers.inputTokens();
        Long output = headers.outputTokens();
        b.inputTokens = first(input, b.inputTokens);
        b.outputTokens = first(output, b.outputTokens);
        b.cacheReadInputTokens = first(headers.cacheReadTokens(), b.cacheReadInputTokens);
        b.cacheWriteInputTokens = first(headers.cacheWriteTokens(), b.cacheWriteInputTokens);
        if (input != null || output != null) {
            b.usageSource = UsageSource.HEADERS;
        }
    }

    private static Long first(Long a, Long b) {
        return a != null ? a : b;
    }
}
