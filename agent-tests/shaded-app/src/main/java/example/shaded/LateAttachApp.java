package example.shaded;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;

/**
 * A long-running Bedrock app: one call, then it waits for a line on standard input (time for an operator to attach
 * an agent), then one call on a newly built client. Knows nothing of bedrock-posthog. {@code args[0]}: endpoint.
 */
public final class LateAttachApp {

    private LateAttachApp() {
    }

    public static void main(String[] args) throws IOException {
        URI endpoint = URI.create(args[0]);
        try (BedrockRuntimeClient client = client(endpoint)) {
            System.out.println("app InvokeModel before: " + client.invokeModel(r -> r
                    .modelId("meta.llama3-1-8b-instruct-v1:0")
                    .body(SdkBytes.fromUtf8String("{\"prompt\":\"Name a river\",\"max_gen_len\":64}")))
                    .body().asUtf8String());
        }
        System.out.println("app waiting");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();
        try (BedrockRuntimeClient client = client(endpoint)) {
            System.out.println("app Converse after: " + client.converse(r -> r.modelId("us.amazon.nova-lite-v1:0")
                    .messages(Message.builder().role(ConversationRole.USER)
                            .content(ContentBlock.fromText("Name a mountain")).build()))
                    .output().message().content().get(0).text());
        }
        System.out.println("app calls done: 2");
    }

    private static BedrockRuntimeClient client(URI endpoint) {
        return BedrockRuntimeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .build();
    }
}
