package io.github.bedrockposthog.spring;

import io.github.bedrockposthog.BedrockPostHog;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Actuator on the classpath: the {@code posthog} health indicator; with Micrometer, the delivery meters.
 * Both only when a {@link BedrockPostHog} bean exists.
 */
@AutoConfiguration(after = BedrockPostHogAutoConfiguration.class)
@ConditionalOnBean(BedrockPostHog.class)
public class BedrockPostHogActuatorAutoConfiguration {

    /** Creates the auto-configuration. */
    public BedrockPostHogActuatorAutoConfiguration() {
    }

    /** The health indicator, unless {@code management.health.posthog.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("posthog")
    static class Health {

        @Bean(name = "posthogHealthIndicator")
        @ConditionalOnMissingBean(name = "posthogHealthIndicator")
        BedrockPostHogHealthIndicator posthogHealthIndicator(BedrockPostHog bedrockPostHog) {
            return new BedrockPostHogHealthIndicator(bedrockPostHog);
        }
    }

    /** The meters; Spring Boot binds every {@link MeterBinder} bean to the app's registries. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean
        BedrockPostHogMetrics bedrockPostHogMetrics(BedrockPostHog bedrockPostHog) {
            return new BedrockPostHogMetrics(bedrockPostHog);
        }
    }
}
