package example.boot;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An ordinary Spring Boot + Spring AI app that knows nothing of bedrock-posthog: it asks Spring AI's Bedrock Converse
 * chat model once ({@code call}) and once as a stream, prints the answers (lines start with {@code app }) and exits.
 * Its own Bedrock clients only point at a configurable endpoint (a VPC endpoint, a proxy; here the emulator).
 */
@SpringBootApplication
public class BootApp {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(BootApp.class, args)));
    }

    @Bean
    BedrockRuntimeClient bedrockRuntimeClient(@Value("${app.bedrock.endpoint}") URI endpoint,
                                              AwsCredentialsProvider credentials) {
        return BedrockRuntimeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
    }

    @Bean
    BedrockRuntimeAsyncClient bedrockRuntimeAsyncClient(@Value("${app.bedrock.endpoint}") URI endpoint,
                                                        AwsCredentialsProvider credentials) {
        return BedrockRuntimeAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build();
    }

    @Bean
    CommandLineRunner askBedrock(ChatModel chat) {
        return args -> {
            System.out.println("app loaded by: " + BootApp.class.getClassLoader().getClass().getName());
            System.out.println("app call: " + chat.call(new Prompt("Name a river")).getResult().getOutput().getText());
            List<ChatResponse> pieces = chat.stream(new Prompt("Name a desert")).collectList().block();
            System.out.println("app stream: " + pieces.stream()
                    .filter(r -> r.getResult() != null && r.getResult().getOutput().getText() != null)
                    .map(r -> r.getResult().getOutput().getText()).collect(Collectors.joining()));
            System.out.println("app calls done: 2");
        };
    }
}
