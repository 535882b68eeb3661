package io.github.bedrockposthog.benchmarks;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * An in-process {@link SdkHttpClient}: no socket, no server. It reads the request body the SDK would send (as a
 * real client writes it) and answers with a canned Bedrock response chosen by the request path: Llama
 * InvokeModel (with the {@code X-Amzn-Bedrock-*} usage headers) or Converse. Thread-safe.
 */
final class CannedHttpClient implements SdkHttpClient {

    private static final ThreadLocal<byte[]> SINK = ThreadLocal.withInitial(() -> new byte[8192]);

    private final SdkHttpResponse invokeHead = head(Wire.invokeHeaders(), Wire.INVOKE_RESPONSE_BODY);
    private final SdkHttpResponse converseHead = head(Wire.converseHeaders(), Wire.CONVERSE_RESPONSE_BODY);

    private static SdkHttpResponse head(Map<String, String> headers, byte[] body) {
        SdkHttpResponse.Builder b = SdkHttpResponse.builder().statusCode(200).statusText("OK");
        headers.forEach(b::putHeader);
        b.putHeader("Content-Length", Integer.toString(body.length)); // as Bedrock's HTTP answer carries it
        b.putHeader("x-amzn-RequestId", "5e0a6f1c-8d43-4b1e-9d2a-0c8b7a6f5e4d");
        return b.build();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                drain(request.contentStreamProvider().orElse(null));
                boolean converse = request.httpRequest().encodedPath().endsWith("/converse");
                byte[] body = converse ? Wire.CONVERSE_RESPONSE_BODY : Wire.INVOKE_RESPONSE_BODY;
                return HttpExecuteResponse.builder()
                        .response(converse ? converseHead : invokeHead)
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    private static void drain(ContentStreamProvider provider) throws IOException {
        if (provider == null) {
            return;
        }
        byte[] sink = SINK.get();
        try (InputStream in = provider.newStream()) {
            while (in.read(sink) >= 0) {
                // discarded, as a socket would take it
            }
        }
    }

    @Override
    public String clientName() {
        return "canned-in-process";
    }

    @Override
    public void close() {
    }
}
