package io.github.bedrockposthog.springtests;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

import java.net.URI;

/**
 * An ordinary Spring Boot app that calls Bedrock once with {@code Converse} and once with {@code ConverseStream}, then
 * exits. It never mentions bedrock-posthog: the packaging test repackages it with the starter inside, and without it.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class BedrockApp {

    private static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    /**
     * Runs the app; the exit closes the context.
     *
     * @param args Spring Boot arguments, e.g. {@code --bedrock.endpoint=http://127.0.0.1:1234}
     */
    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(BedrockApp.class, args)));
    }

    @Bean
    ApplicationRunner callBedrock(@Value("${bedrock.endpoint}") URI endpoint) {
        return args -> {
            StaticCredentialsProvider credentials =
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPACKAGED", "packaged-secret"));
            Message question = Message.builder().role(ConversationRole.USER)
                    .content(ContentBlock.fromText("What can I cook with rice?")).build();
            try (BedrockRuntimeClient sync = BedrockRuntimeClient.builder().endpointOverride(endpoint)
                    .region(Region.US_EAST_1).credentialsProvider(credentials)
                    .httpClient(UrlConnectionHttpClient.builder().build()).build();
                 BedrockRuntimeAsyncClient async = BedrockRuntimeAsyncClient.builder().endpointOverride(endpoint)
                         .region(Region.US_EAST_1).credentialsProvider(credentials)
                         .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build()) {
                sync.converse(r -> r.modelId(MODEL).messages(question));
                StringBuilder streamed = new StringBuilder();
                async.converseStream(r -> r.modelId(MODEL).messages(question),
                        ConverseStreamResponseHandler.builder().subscriber(ConverseStreamResponseHandler.Visitor
                                .builder().onContentBlockDelta(d -> streamed.append(d.delta().text())).build())
                                .build()).join();
                System.out.println("streamed: " + streamed);
            }
        };
    }
}
