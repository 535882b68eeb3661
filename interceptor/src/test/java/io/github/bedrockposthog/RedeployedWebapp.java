package io.github.bedrockposthog;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.net.URI;
import java.time.Duration;

/**
 * A webapp's work as {@link RedeployIT} runs it inside a throwaway class loader that holds its own copy of the
 * interceptor, posthog-java, SLF4J and the AWS SDK (as {@code WEB-INF/lib} would): it installs a configuration as the
 * zero-code one, never closes it (as a webapp without a shutdown listener would not), and makes one Bedrock call
 * through a client built without any interceptor.
 */
public final class RedeployedWebapp {

    private RedeployedWebapp() {
    }

    /** Called reflectively from the test's class loader; plain strings cross the boundary. */
    public static void run(String bedrock, String posthog, String modelId, String body) {
        BedrockPostHog.builder().apiKey("phc_webapp").host(posthog).deliveryIdleTimeout(Duration.ofMillis(200))
                .build().installAsDefault();
        try (BedrockRuntimeClient client = Clients.urlConnection(URI.create(bedrock), null)) {
            client.invokeModel(r -> r.modelId(modelId).body(SdkBytes.fromUtf8String(body)));
        }
    }
}
