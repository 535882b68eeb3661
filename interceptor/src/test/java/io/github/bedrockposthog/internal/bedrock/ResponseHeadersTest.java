package io.github.bedrockposthog.internal.bedrock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** One pass over a response's headers reads what one lookup per header read: in any case, first value, whole numbers. */
class ResponseHeadersTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "X-Amzn-Bedrock-Input-Token-Count             | 17    | 17",
            "x-amzn-bedrock-input-token-count             | 17    | 17",
            "X-AMZN-BEDROCK-OUTPUT-TOKEN-COUNT            | ' 9 ' | 9",
            "X-Amzn-Bedrock-Cache-Read-Input-Token-Count  | 1024  | 1024",
            "X-Amzn-Bedrock-Cache-Write-Input-Token-Count | 2048  | 2048",
            "X-Amzn-Bedrock-Invocation-Latency            | 312   | 312",
            "X-Amzn-Bedrock-Invocation-Latency            | 3.5   | ",
            "X-Amzn-Bedrock-Input-Token-Count             | many  | ",
            "X-Amzn-Bedrock-Input-Token-Countx            | 17    | ",
    })
    void eachNumberIsReadAsOneLookupReadsIt(String name, String value, Long expected) {
        SdkHttpResponse response = SdkHttpResponse.builder().statusCode(200).putHeader(name, value).build();
        ResponseHeaders headers = ResponseHeaders.of(response);
        Long read = name.equalsIgnoreCase(UsageHeaders.INPUT_TOKENS) ? headers.inputTokens()
                : name.equalsIgnoreCase(UsageHeaders.OUTPUT_TOKENS) ? headers.outputTokens()
                : name.equalsIgnoreCase(UsageHeaders.CACHE_READ_TOKENS) ? headers.cacheReadTokens()
                : name.equalsIgnoreCase(UsageHeaders.CACHE_WRITE_TOKENS) ? headers.cacheWriteTokens()
                : name.equalsIgnoreCase(UsageHeaders.INVOCATION_LATENCY) ? headers.invocationLatency()
                : headers.inputTokens(); // a name that is none of them: nothing is read
        assertEquals(expected, read);
        if (!name.endsWith("x")) {
            assertEquals(expected, UsageHeaders.number(response, name), "the same as a lookup of that one header");
        }
    }

    @Test
    void theRequestIdIsAmazonsElseTheS3StyleOne() {
        assertEquals("r-1", ResponseHeaders.of(SdkHttpResponse.builder().statusCode(200)
                .putHeader("X-Amz-Request-Id", "s3-1").putHeader("X-Amzn-RequestId", "r-1").build()).requestId());
        assertEquals("s3-1", ResponseHeaders.of(SdkHttpResponse.builder().statusCode(200)
                .putHeader("x-amz-request-id", "s3-1").build()).requestId());
        assertNull(ResponseHeaders.of(SdkHttpResponse.builder().statusCode(200).build()).requestId());
    }

    @Test
    void aHeaderWithSeveralValuesGivesItsFirstAndNoResponseGivesNone() {
        SdkHttpResponse response = SdkHttpResponse.builder().statusCode(200)
                .putHeader(UsageHeaders.INPUT_TOKENS, Arrays.asList("5", "6")).build();
        assertEquals(5L, ResponseHeaders.of(response).inputTokens());
        assertSame(ResponseHeaders.NONE, ResponseHeaders.of(null));
        assertNull(ResponseHeaders.NONE.outputTokens());
    }
}
