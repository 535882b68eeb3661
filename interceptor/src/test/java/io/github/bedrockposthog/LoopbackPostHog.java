package io.github.bedrockposthog;

import io.github.bedrockposthog.testkit.junit.LoopbackServers;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

import java.util.function.Consumer;

/**
 * The testkit's {@link LoopbackServers} plus what only the interceptor's tests can build: {@code BedrockPostHog}
 * configurations that deliver to the loopback capture server with the extension's fast retry timing, and async
 * clients of the emulator on one Netty HTTP client for the test class (closing a Netty client costs seconds of
 * event-loop shutdown). {@code @RegisterExtension static final LoopbackPostHog SERVERS = new LoopbackPostHog();}
 */
final class LoopbackPostHog extends LoopbackServers {

    private SdkAsyncHttpClient netty;

    /** With the testkit's defaults (canned answers, fast retries). */
    LoopbackPostHog() {
        this(LoopbackServers.builder());
    }

    /** With the servers' options, e.g. {@code LoopbackServers.builder().responder(...)}. */
    LoopbackPostHog(LoopbackServers.Builder servers) {
        super(servers);
    }

    /** An explicit configuration delivering to this capture server, retrying fast. */
    BedrockPostHog.Builder posthog(String apiKey) {
        return BedrockPostHog.builder().apiKey(apiKey).host(posthogHost()).retryBackoff(retryBackoff(), retryBackoffMax());
    }

    /** Builds {@link #posthog(String)} with more settings; it is closed after the test. */
    BedrockPostHog open(String apiKey, Consumer<BedrockPostHog.Builder> more) {
        BedrockPostHog.Builder builder = posthog(apiKey);
        more.accept(builder);
        return closeAfterEach(builder.build());
    }

    /** An async client of the emulator on the class's Netty HTTP client; {@code interceptor} may be null (bare). */
    BedrockRuntimeAsyncClient async(ExecutionInterceptor interceptor) {
        return async(interceptor, o -> { });
    }

    /** {@link #async(ExecutionInterceptor)} with more client settings, e.g. a retry strategy. */
    synchronized BedrockRuntimeAsyncClient async(ExecutionInterceptor interceptor,
                                                 Consumer<ClientOverrideConfiguration.Builder> more) {
        if (netty == null) {
            netty = NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).build();
        }
        return BedrockRuntimeAsyncClient.builder().endpointOverride(emulator().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(Clients.CREDENTIALS).httpClient(netty)
                .overrideConfiguration(o -> {
                    if (interceptor != null) {
                        o.addExecutionInterceptor(interceptor);
                    }
                    more.accept(o);
                }).build();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            synchronized (this) {
                if (netty != null) {
                    netty.close();
                    netty = null;
                }
            }
        } finally {
            super.afterAll(context);
        }
    }
}
