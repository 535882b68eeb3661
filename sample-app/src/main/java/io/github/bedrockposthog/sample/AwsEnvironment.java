package io.github.bedrockposthog.sample;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;

/**
 * What the AWS SDK finds on this machine: credentials (environment, system properties, web identity, profile
 * files, a container role when the container variables are set) and a region (environment, system property,
 * profile). The app uses real Bedrock only when both resolve.
 *
 * <p>The probe deliberately skips the EC2 instance metadata service: asking it off EC2 sends traffic to a
 * link-local address and waits for a timeout. On EC2 with an instance role, set {@code BEDROCK_OFFLINE=false}
 * and the real client uses the SDK's full default chains.
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
        List<AwsCredentialsProvider> providers = new ArrayList<>();
        providers.add(SystemPropertyCredentialsProvider.create());
        providers.add(EnvironmentVariableCredentialsProvider.create());
        providers.add(WebIdentityTokenFileCredentialsProvider.create());
        providers.add(ProfileCredentialsProvider.create());
        if (System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != null
                || System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
            providers.add(ContainerCredentialsProvider.builder().build());
        }
        try (AwsCredentialsProviderChain credentials = AwsCredentialsProviderChain.builder()
                .credentialsProviders(providers).reuseLastProviderEnabled(false).build()) {
            credentials.resolveCredentials();
        } catch (RuntimeException e) {
            return new AwsEnvironment(null, "no AWS credentials found");
        }
        try {
            return new AwsEnvironment(new AwsRegionProviderChain(new SystemSettingsRegionProvider(),
                    new AwsProfileRegionProvider()).getRegion(), null);
        } catch (RuntimeException e) {
            return new AwsEnvironment(null, "AWS credentials found but no region (set AWS_REGION)");
        }
    }
}
