package example.app;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import java.net.URI;

/**
 * An ordinary Bedrock app that knows nothing of bedrock-posthog: no import, no interceptor registered. The packaging
 * tests compile it against the SDK version under test (Java 8 source level, only APIs every SDK with Converse has)
 * and run it in a child JVM with one of our jars added to the class path. Every line it prints starts with
 * {@code app }; {@code args[0]} is the Bedrock endpoint.
 */
public final class BedrockApp {

    static final String LLAMA = "meta.llama3-1-8b-instruct-v1:0";
    static final String NOVA = "us.amazon.nova-lite-v1:0";
    static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";

    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    private BedrockApp() {
    }

    public static void main(String[] args) {
        int calls = run(URI.create(args[0]));
        System.out.println("app calls done: " + calls);
        // returns without any flush: the library must deliver on JVM exit by itself
    }

    /** Makes one call of each kind; returns how many calls it made. */
    static int run(URI endpoint) {
        // 1. A client with nothing chosen: the SDK's default HTTP client, no override configuration at all.
        try (BedrockRuntimeClient client = BedrockRuntimeClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build()) {
            String body = client.invokeModel(r -> r.modelId(LLAMA)
                    .body(SdkBytes.fromUtf8String("{\"prompt\":\"Name a river\",\"max_gen_len\":64}")))
                    .body().asUtf8String();
            System.out.println("app InvokeModel sync default-client: " + body);
        }
        // 2. Converse through the URLConnection client.
        try (BedrockRuntimeClient client = BedrockRuntimeClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String text = client.converse(r -> r.modelId(NOVA).messages(user("Name a mountain")))
                    .output().message().content().get(0).text();
            System.out.println("app Converse sync url-connection: " + text);
        }
        // 3. A failing call through the Apache client, not retried.
        try (BedrockRuntimeClient client = BedrockRuntimeClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(ApacheHttpClient.create())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build()) {
            try {
                client.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String("[\"not an object\"]")));
                System.out.println("app InvokeModel error: none");
            } catch (ValidationException e) {
                System.out.println("app InvokeModel error: " + e.statusCode());
            }
        }
        // 4-6. The async client over Netty (HTTP/1.1 against the plain-http loopback emulator), streams included.
        try (BedrockRuntimeAsyncClient client = BedrockRuntimeAsyncClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build()) {
            String body = client.invokeModel(r -> r.modelId(CLAUDE).body(SdkBytes.fromUtf8String(
                    "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":64,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Name a lake\"}]}")))
                    .join().body().asUtf8String();
            System.out.println("app InvokeModel async netty: " + body);

            final StringBuilder converseText = new StringBuilder();
            client.converseStream(r -> r.modelId(NOVA).messages(user("Name a desert")),
                    ConverseStreamResponseHandler.builder().subscriber(ConverseStreamResponseHandler.Visitor.builder()
                            .onContentBlockDelta(d -> converseText.append(d.delta().text())).build()).build()).join();
            System.out.println("app ConverseStream async netty: " + converseText);

            final StringBuilder chunks = new StringBuilder();
            client.invokeModelWithResponseStream(r -> r.modelId(LLAMA)
                            .body(SdkBytes.fromUtf8String("{\"prompt\":\"Name a forest\",\"max_gen_len\":64}")),
                    InvokeModelWithResponseStreamResponseHandler.builder()
                            .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                                    .onChunk(c -> chunks.append(c.bytes().asUtf8String()).append('\n')).build())
                            .build()).join();
            System.out.println("app InvokeModelWithResponseStream async netty: " + chunks.length() + " chars");
        }
        return 6;
    }

    private static Message user(String text) {
        return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
    }
}
