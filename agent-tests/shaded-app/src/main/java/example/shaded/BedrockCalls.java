package example.shaded;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
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
 * An ordinary Bedrock app that knows nothing of bedrock-posthog. One call of each kind (sync, async, both streams,
 * a failure); every line it prints starts with {@code app }. {@code args[0]} is the Bedrock endpoint.
 */
public final class BedrockCalls {

    static final String LLAMA = "meta.llama3-1-8b-instruct-v1:0";
    static final String NOVA = "us.amazon.nova-lite-v1:0";
    static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";

    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    private BedrockCalls() {
    }

    public static void main(String[] args) {
        URI endpoint = URI.create(args[0]);
        System.out.println("app loaded by: " + BedrockCalls.class.getClassLoader().getName());
        try (BedrockRuntimeClient client = BedrockRuntimeClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build()) {
            System.out.println("app InvokeModel sync: " + client.invokeModel(r -> r.modelId(LLAMA)
                    .body(SdkBytes.fromUtf8String("{\"prompt\":\"Name a river\",\"max_gen_len\":64}")))
                    .body().asUtf8String());
            System.out.println("app Converse sync: " + client.converse(r -> r.modelId(NOVA)
                    .messages(user("Name a mountain"))).output().message().content().get(0).text());
        }
        try (BedrockRuntimeClient client = BedrockRuntimeClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none())).build()) {
            client.invokeModel(r -> r.modelId(LLAMA).body(SdkBytes.fromUtf8String("[\"not an object\"]")));
            System.out.println("app InvokeModel error: none");
        } catch (ValidationException e) {
            System.out.println("app InvokeModel error: " + e.statusCode());
        }
        try (BedrockRuntimeAsyncClient client = BedrockRuntimeAsyncClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build()) {
            System.out.println("app InvokeModel async: " + client.invokeModel(r -> r.modelId(CLAUDE)
                    .body(SdkBytes.fromUtf8String("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":64,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Name a lake\"}]}")))
                    .join().body().asUtf8String().replaceAll("\"id\":\"[^\"]*\"", "\"id\":\"(per call)\""));

            StringBuilder text = new StringBuilder();
            client.converseStream(r -> r.modelId(NOVA).messages(user("Name a desert")),
                    ConverseStreamResponseHandler.builder().subscriber(ConverseStreamResponseHandler.Visitor.builder()
                            .onContentBlockDelta(d -> text.append(d.delta().text())).build()).build()).join();
            System.out.println("app ConverseStream: " + text);

            StringBuilder chunks = new StringBuilder();
            client.invokeModelWithResponseStream(r -> r.modelId(LLAMA)
                            .body(SdkBytes.fromUtf8String("{\"prompt\":\"Name a forest\",\"max_gen_len\":64}")),
                    InvokeModelWithResponseStreamResponseHandler.builder()
                            .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
                                    .onChunk(c -> chunks.append(c.bytes().asUtf8String()).append('\n')).build())
                            .build()).join();
            System.out.println("app InvokeModelWithResponseStream: " + chunks.toString().trim().split("\n").length
                    + " chunks");
        }
        System.out.println("app calls done: 6");
    }

    private static Message user(String text) {
        return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
    }
}
