package io.github.bedrockposthog.spring;

import io.github.bedrockposthog.BedrockPostHog;
import io.github.bedrockposthog.Redactor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.StringUtils;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the app's one {@link BedrockPostHog} from the {@code posthog.*} properties and the app's
 * {@link Redactor}, {@link BedrockPostHogUserResolver} and {@link BedrockPostHogPropertiesContributor} beans, and
 * installs it as the JVM-wide configuration of the zero-code interceptor: every Bedrock Runtime client (the app's,
 * Spring AI's, LangChain4j's) reports through it, one event per call. It is flushed and closed in the graceful
 * shutdown phase ({@link BedrockPostHogLifecycle}).
 */
@AutoConfiguration
@ConditionalOnClass(BedrockPostHog.class)
@EnableConfigurationProperties(BedrockPostHogProperties.class)
public class BedrockPostHogAutoConfiguration {

    /** Creates the auto-configuration. */
    public BedrockPostHogAutoConfiguration() {
    }

    /**
     * The configuration, installed as the zero-code interceptor's.
     *
     * @param properties the {@code posthog.*} properties
     * @param redactor the app's redactor, if any
     * @param userResolver the app's user resolver, if any
     * @param contributors the app's properties contributors, in order
     * @return the configuration
     */
    @Bean
    @ConditionalOnMissingBean
    public BedrockPostHog bedrockPostHog(BedrockPostHogProperties properties, ObjectProvider<Redactor> redactor,
                                         ObjectProvider<BedrockPostHogUserResolver> userResolver,
                                         ObjectProvider<BedrockPostHogPropertiesContributor> contributors) {
        BedrockPostHog.Builder builder = builder(properties);
        builder.redact(redactor.getIfUnique());
        BedrockPostHogUserResolver resolver = userResolver.getIfUnique();
        if (resolver != null) {
            builder.userResolver(resolver::currentUser);
        }
        List<BedrockPostHogPropertiesContributor> all = contributors.orderedStream().collect(Collectors.toList());
        if (!all.isEmpty()) {
            builder.propertiesContributor(() -> merged(all));
        }
        return builder.build().installAsDefault();
    }

    /**
     * Flushes and closes the configuration when the context closes, right after the web server's graceful shutdown.
     *
     * @param bedrockPostHog the configuration
     * @return the lifecycle bean
     */
    @Bean
    @ConditionalOnMissingBean
    public BedrockPostHogLifecycle bedrockPostHogLifecycle(BedrockPostHog bedrockPostHog) {
        return new BedrockPostHogLifecycle(bedrockPostHog);
    }

    /** The builder with every property that is set; unset ones fall back to system properties and environment. */
    static BedrockPostHog.Builder builder(BedrockPostHogProperties properties) {
        BedrockPostHog.Builder b = BedrockPostHog.builder();
        BedrockPostHogProperties.Bedrock bedrock = properties.getBedrock();
        if (StringUtils.hasText(properties.getApiKey())) {
            b.apiKey(properties.getApiKey().trim());
        }
        if (StringUtils.hasText(properties.getHost())) {
            b.host(properties.getHost());
        }
        if (bedrock.getEnabled() != null) {
            b.enabled(bedrock.getEnabled());
        }
        if (bedrock.getPrivacyMode() != null) {
            b.privacyMode(bedrock.getPrivacyMode());
        }
        b.events(bedrock.getEvents());
        if (StringUtils.hasText(bedrock.getPrices())) {
            b.pricesFile(bedrock.getPrices());
        }
        if (StringUtils.hasText(bedrock.getDistinctId())) {
            b.defaultDistinctId(bedrock.getDistinctId());
        }
        if (bedrock.getMaxQueue() != null) {
            b.maxQueue(bedrock.getMaxQueue());
        }
        b.flushTimeout(bedrock.getFlushTimeout());
        if (bedrock.getCaptureStack() != null) {
            b.captureStack(bedrock.getCaptureStack());
        }
        if (bedrock.getMaxTextChars() != null) {
            b.maxTextChars(bedrock.getMaxTextChars());
        }
        if (bedrock.getGzip() != null) {
            b.gzip(bedrock.getGzip());
        }
        return b;
    }

    private static Map<String, Object> merged(List<BedrockPostHogPropertiesContributor> contributors) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (BedrockPostHogPropertiesContributor contributor : contributors) {
            Map<String, ?> some = contributor.properties();
            if (some != null) {
                properties.putAll(some);
            }
        }
        return properties;
    }
}
