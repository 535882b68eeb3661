package io.github.bedrockposthog.sample;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * What the AWS SDK's default chains find on this machine: credentials (environment, system properties, profile
 * files, SSO, container or instance roles) and a region. The app uses real Bedrock only when both resolve.
 *
 * @param region the resolved region, or null when real Bedrock is not usable
 * @param reason why real Bedrock is not usable, or null when it is
 */
public record AwsEnvironment(Region region, String reason) {

    /**
     * Whether credentials and a region were both found.
     *
     * @return true when real Bedrock can be called
     */
    public boolean usable() {
        return region != null;
    }

    /**
     * Asks the SDK's default credentials chain, then its default region chain.
     *
     * @return the finding; never throws
     */
    public static AwsEnvironment probe() {
        try (DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build()) {
            credentials.resolveCredentials();
        } catch (RuntimeException e) {
            return new AwsEnvironment(null, "no AWS credentials found");
        }
        try {
            return new AwsEnvironment(new DefaultAwsRegionProviderChain().getRegion(), null);
        } catch (RuntimeException e) {
            return new AwsEnvironment(null, "AWS credentials found but no region (set AWS_REGION)");
        }
    }
}
