package io.github.bedrockposthog.spring.app;

import io.github.bedrockposthog.BedrockPostHog;
import io.github.bedrockposthog.Redactor;
import io.github.bedrockposthog.spring.BedrockPostHogLifecycle;
import io.github.bedrockposthog.spring.BedrockPostHogPropertiesContributor;
import io.github.bedrockposthog.spring.BedrockPostHogUserResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Spring Boot app calling Bedrock through Spring AI's Bedrock Converse chat model. Nothing here mentions the
 * interceptor: the starter configures it from {@code application.properties}. The only Bedrock-specific code is the
 * endpoint: Spring AI has no endpoint property, so the app supplies its clients (Spring AI uses client beans when
 * present), with Spring AI's own credentials and region from {@code spring.ai.bedrock.aws.*}.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class ChatApp {

    /** The signed-in user of the current thread, as a security context would hold it. */
    public static final ThreadLocal<String> SIGNED_IN = new ThreadLocal<>();

    @Bean
    BedrockRuntimeClient bedrockRuntimeClient(@Value("${loopback.bedrock}") URI endpoint,
                                              AwsCredentialsProvider credentials, AwsRegionProvider region) {
        return BedrockRuntimeClient.builder().endpointOverride(endpoint).credentialsProvider(credentials)
                .region(region.getRegion()).httpClient(ApacheHttpClient.builder().build()).build();
    }

    @Bean
    BedrockRuntimeAsyncClient bedrockRuntimeAsyncClient(@Value("${loopback.bedrock}") URI endpoint,
                                                        AwsCredentialsProvider credentials, AwsRegionProvider region) {
        return BedrockRuntimeAsyncClient.builder().endpointOverride(endpoint).credentialsProvider(credentials)
                .region(region.getRegion())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build();
    }

    /** Events delivered when the lifecycle phase right after the starter's stops; -1 until then. */
    public static final AtomicLong SENT_AT_NEXT_PHASE = new AtomicLong(-1);

    /** Stops in the phase after the starter's: by then, the events of completed calls must have been delivered. */
    @Bean
    SmartLifecycle nextPhaseProbe(BedrockPostHog posthog) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                SENT_AT_NEXT_PHASE.set(posthog.stats().sent());
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return BedrockPostHogLifecycle.PHASE - 1;
            }
        };
    }

    @Bean
    BedrockPostHogUserResolver signedInUser() {
        return SIGNED_IN::get;
    }

    @Bean
    BedrockPostHogPropertiesContributor deployment() {
        return () -> Map.of("deployment", "spring-test", "tenant", "acme");
    }

    @Bean
    Redactor emails() {
        return (property, text) -> text.replaceAll("[\\w.]+@[\\w.]+", "[email]");
    }
}
