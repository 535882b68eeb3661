package io.github.bedrockposthog.sample;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

/**
 * Builds the app's Bedrock Runtime client. Neither client registers anything for PostHog: the interceptor is on
 * the classpath, and the AWS SDK adds it to every Bedrock Runtime client by itself.
 */
final class BedrockClients {

    private BedrockClients() {
    }

    /**
     * A client for Amazon Bedrock: credentials from the SDK's default chain, the region found (or, when null, the
     * SDK's default region chain).
     *
     * @param region the region, or null
     * @return the client
     */
    static BedrockRuntimeClient real(Region region) {
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder();
        if (region != null) {
            builder.region(region);
        }
        return builder.build();
    }

    /**
     * A client for the in-process emulator: its endpoint, dummy credentials, us-east-1. It makes one attempt per
     * call (no SDK retries), so the emulator's error rate is the error rate the insights show.
     *
     * @param endpoint the emulator's endpoint
     * @return the client
     */
    static BedrockRuntimeClient emulated(URI endpoint) {
        return BedrockRuntimeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("offline-demo", "offline-demo")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
