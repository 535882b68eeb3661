package io.github.bedrockposthog.sample;

import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.regions.Region;

/**
 * Which parts of the app are real and which run locally: Bedrock (Amazon Bedrock, or the in-process emulator) and
 * PostHog (the real project, or the in-process capture server feeding the local insights page).
 *
 * @param localBedrock  true: the in-process Bedrock emulator
 * @param bedrockReason why Bedrock is local or real, for the startup banner
 * @param region        the AWS region found for real Bedrock; null when local or not probed (then the SDK's
 *                      default region chain decides)
 * @param localPostHog  true: the in-process capture server and local insights
 * @param postHogReason why PostHog is local or real, for the startup banner
 */
public record RunMode(boolean localBedrock, String bedrockReason, Region region, boolean localPostHog,
                      String postHogReason) {

    /**
     * Decides from the settings and, only when needed, from what the AWS default chains find.
     *
     * @param config the settings
     * @param aws    probes the AWS environment; called only when {@code BEDROCK_OFFLINE} is unset
     * @return the mode
     */
    public static RunMode decide(AppConfig config, Supplier<AwsEnvironment> aws) {
        Objects.requireNonNull(config, "config");
        boolean localPostHog = config.postHogApiKey() == null;
        String postHogReason = localPostHog ? "POSTHOG_API_KEY is not set" : "POSTHOG_API_KEY is set";
        switch (config.offline()) {
            case ALWAYS:
                return new RunMode(true, "BEDROCK_OFFLINE=true", null, localPostHog, postHogReason);
            case NEVER:
                return new RunMode(false, "BEDROCK_OFFLINE=false", null, localPostHog, postHogReason);
            default:
                AwsEnvironment found = aws.get();
                if (found.usable()) {
                    return new RunMode(false, "AWS credentials and region found", found.region(), localPostHog,
                            postHogReason);
                }
                return new RunMode(true, found.reason(), null, localPostHog, postHogReason);
        }
    }
}
