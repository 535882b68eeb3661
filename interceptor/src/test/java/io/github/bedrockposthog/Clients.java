package io.github.bedrockposthog;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.net.URI;
import java.util.function.Consumer;

/** Real AWS SDK clients pointed at a loopback emulator, with or without an explicit interceptor. */
final class Clients {

    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));

    private Clients() {
    }

    static BedrockRuntimeClient apache(URI endpoint, ExecutionInterceptor explicit) {
        return sync(endpoint, ApacheHttpClient.builder().build(), explicit, o -> { });
    }

    static BedrockRuntimeClient urlConnection(URI endpoint, ExecutionInterceptor explicit) {
        return sync(endpoint, UrlConnectionHttpClient.builder().build(), explicit, o -> { });
    }

    static BedrockRuntimeClient sync(URI endpoint, SdkHttpClient http, ExecutionInterceptor explicit,
                                     Consumer<ClientOverrideConfiguration.Builder> more) {
        return sync(endpoint, Region.US_EAST_1, http, explicit, more);
    }

    /** An apache client in {@code region} (prices depend on it). */
    static BedrockRuntimeClient apache(URI endpoint, Region region, ExecutionInterceptor explicit) {
        return sync(endpoint, region, ApacheHttpClient.builder().build(), explicit, o -> { });
    }

    static BedrockRuntimeClient sync(URI endpoint, Region region, SdkHttpClient http, ExecutionInterceptor explicit,
                                     Consumer<ClientOverrideConfiguration.Builder> more) {
        return BedrockRuntimeClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(CREDENTIALS)
                .httpClient(http)
                .overrideConfiguration(o -> {
                    if (explicit != null) {
                        o.addExecutionInterceptor(explicit);
                    }
                    more.accept(o);
                })
                .build();
    }

    static BedrockRuntimeClient noRetries(URI endpoint, ExecutionInterceptor explicit) {
        return sync(endpoint, ApacheHttpClient.builder().build(), explicit,
                o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    static BedrockRuntimeAsyncClient netty(URI endpoint, ExecutionInterceptor explicit) {
        return BedrockRuntimeAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
                .overrideConfiguration(o -> {
                    if (explicit != null) {
                        o.addExecutionInterceptor(explicit);
                    }
                })
                .build();
    }
}
