package io.github.bedrockposthog.internal.bedrock;

import software.amazon.awssdk.http.SdkHttpResponse;

import java.util.List;
import java.util.Map;

/**
 * What a record takes from a Bedrock response's headers, read in one pass over them: the request id and
 * {@link UsageHeaders}' latency and token counts. One lookup each in the SDK's case-insensitive map compared most of
 * their long common prefix ({@code X-Amzn-Bedrock-}) several times over: about 10% of the delivery thread's samples
 * for an InvokeModel event (JFR). {@code equalsIgnoreCase} rejects a name of another length at once.
 */
public final class ResponseHeaders {

    /** A response without headers (none arrived). */
    public static final ResponseHeaders NONE = new ResponseHeaders();

    static final String REQUEST_ID = "x-amzn-RequestId";
    static final String S3_STYLE_REQUEST_ID = "x-amz-request-id";

    private String requestId;
    private String s3StyleRequestId;
    private Long invocationLatency;
    private Long inputTokens;
    private Long outputTokens;
    private Long cacheReadTokens;
    private Long cacheWriteTokens;

    private ResponseHeaders() {
    }

    /** The headers of {@code response}; {@link #NONE} when it is {@code null}. */
    public static ResponseHeaders of(SdkHttpResponse response) {
        if (response == null) {
            return NONE;
        }
        ResponseHeaders h = new ResponseHeaders();
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            List<String> values = header.getValue();
            if (values == null || values.isEmpty()) {
                continue;
            }
            String name = header.getKey();
            String value = values.get(0); // as firstMatchingHeader: the map holds each name once, in any case
            if (name.equalsIgnoreCase(REQUEST_ID)) {
                h.requestId = value;
            } else if (name.equalsIgnoreCase(S3_STYLE_REQUEST_ID)) {
                h.s3StyleRequestId = value;
            } else if (name.equalsIgnoreCase(UsageHeaders.INVOCATION_LATENCY)) {
                h.invocationLatency = wholeNumber(value);
            } else if (name.equalsIgnoreCase(UsageHeaders.INPUT_TOKENS)) {
                h.inputTokens = wholeNumber(value);
            } else if (name.equalsIgnoreCase(UsageHeaders.OUTPUT_TOKENS)) {
                h.outputTokens = wholeNumber(value);
            } else if (name.equalsIgnoreCase(UsageHeaders.CACHE_READ_TOKENS)) {
                h.cacheReadTokens = wholeNumber(value);
            } else if (name.equalsIgnoreCase(UsageHeaders.CACHE_WRITE_TOKENS)) {
                h.cacheWriteTokens = wholeNumber(value);
            }
        }
        return h;
    }

    /** The value as {@link UsageHeaders#number} reads it: trimmed, a whole number, else {@code null}. */
    static Long wholeNumber(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The AWS request id ({@code x-amzn-RequestId}, else {@code x-amz-request-id}), or {@code null}. */
    public String requestId() {
        return requestId != null ? requestId : s3StyleRequestId;
    }

    /** {@code X-Amzn-Bedrock-Invocation-Latency} in milliseconds, or {@code null}. */
    public Long invocationLatency() {
        return invocationLatency;
    }

    /** {@code X-Amzn-Bedrock-Input-Token-Count}, or {@code null}. */
    public Long inputTokens() {
        return inputTokens;
    }

    /** {@code X-Amzn-Bedrock-Output-Token-Count}, or {@code null}. */
    public Long outputTokens() {
        return outputTokens;
    }

    /** {@code X-Amzn-Bedrock-Cache-Read-Input-Token-Count}, or {@code null}. */
    public Long cacheReadTokens() {
        return cacheReadTokens;
    }

    /** {@code X-Amzn-Bedrock-Cache-Write-Input-Token-Count}, or {@code null}. */
    public Long cacheWriteTokens() {
        return cacheWriteTokens;
    }
}
