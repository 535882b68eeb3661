package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.UsageSource;
import software.amazon.awssdk.http.SdkHttpHeaders;
import software.amazon.awssdk.http.SdkHttpResponse;

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
        if (message == null) {
            return null;
        }
        String value = message.firstMatchingHeader(name).orElse(null);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The AWS request id of a response, or {@code null}. */
    public static String requestId(SdkHttpResponse response) {
        if (response == null) {
            return null;
        }
        String id = response.firstMatchingHeader("x-amzn-RequestId").orElse(null);
        return id != null ? id : response.firstMatchingHeader("x-amz-request-id").orElse(null);
    }

    /**
     * Replaces every token count of the record that the headers state: they are Bedrock's exact usage.
     *
     * @param response the HTTP response, may be {@code null}
     */
    public static void preferHeaders(LlmCall.Builder b, SdkHttpResponse response) {
        Long input = number(response, INPUT_TOKENS);
        Long output = number(response, OUTPUT_TOKENS);
        b.inputTokens = first(input, b.inputTokens);
        b.outputTokens = first(output, b.outputTokens);
        b.cacheReadInputTokens = first(number(response, CACHE_READ_TOKENS), b.cacheReadInputTokens);
        b.cacheWriteInputTokens = first(number(response, CACHE_WRITE_TOKENS), b.cacheWriteInputTokens);
        if (input != null || output != null) {
            b.usageSource = UsageSource.HEADERS;
        }
    }

    private static Long first(Long a, Long b) {
        return a != null ? a : b;
    }
}
