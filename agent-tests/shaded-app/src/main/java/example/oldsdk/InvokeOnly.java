package example.oldsdk;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.net.URI;

/**
 * A Bedrock app on an AWS SDK from before Converse (2.21): one InvokeModel call, uses only APIs that release has.
 * Knows nothing of bedrock-posthog; every line it prints starts with {@code app }. {@code args[0]} is the endpoint.
 */
public final class InvokeOnly {

    private InvokeOnly() {
    }

    public static void main(String[] args) {
        try (BedrockRuntimeClient client = BedrockRuntimeClient.builder().endpointOverride(URI.create(args[0]))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .build()) {
            System.out.println("app InvokeModel sync: " + client.invokeModel(r -> r
                    .modelId("meta.llama3-1-8b-instruct-v1:0")
                    .body(SdkBytes.fromUtf8String("{\"prompt\":\"Name a river\",\"max_gen_len\":64}")))
                    .body().asUtf8String());
        }
        System.out.println("app calls done: 1");
    }
}
