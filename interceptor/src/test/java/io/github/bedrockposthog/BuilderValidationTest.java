package io.github.bedrockposthog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Values that cannot work are refused when set, with a message naming the setting, instead of silently replaced. */
class BuilderValidationTest {

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of((Consumer<BedrockPostHog.Builder>) b -> b.maxQueue(-5), "maxQueue must be positive, not -5"),
                Arguments.of((Consumer<BedrockPostHog.Builder>) b -> b.maxQueue(0), "maxQueue must be positive, not 0"),
                Arguments.of((Consumer<BedrockPostHog.Builder>) b -> b.maxQueueBytes(-1),
                        "maxQueueBytes must be positive, not -1"),
                Arguments.of((Consumer<BedrockPostHog.Builder>) b -> b.maxTextChars(0),
                        "maxTextChars must be positive, not 0"),
                Arguments.of((Consumer<BedrockPostHog.Builder>) b -> b.flushTimeout(Duration.ZERO),
                        "flushTimeout (ms) must be positive, not 0"),
                Arguments.of((Consumer<BedrockPostHog.Builder>) b -> b.flushTimeout(Duration.ofSeconds(-1)),
                        "flushTimeout (ms) must be positive, not -1000"),
                Arguments.of((Consumer<BedrockPostHog.Builder>) b -> b.host("eu.i.posthog.com"),
                        "host must be an http or https URL such as https://eu.i.posthog.com, not: eu.i.posthog.com"),
                Arguments.of((Consumer<BedrockPostHog.Builder>) b -> b.host("ftp://eu.i.posthog.com"),
                        "host must be an http or https URL such as https://eu.i.posthog.com, not: ftp://eu.i.posthog.com"),
                Arguments.of((Consumer<BedrockPostHog.Builder>) b -> b.apiKey(" "),
                        "apiKey must not be blank; pass null to unset it"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refused")
    void refusesWithAMessageNamingTheSetting(Consumer<BedrockPostHog.Builder> setting, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> setting.accept(BedrockPostHog.builder()));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "accepted: {index}")
    @MethodSource("accepted")
    void acceptsWorkingValuesAndNullToUnset(Consumer<BedrockPostHog.Builder> setting) {
        setting.accept(BedrockPostHog.builder()); // no exception
    }

    static Stream<Consumer<BedrockPostHog.Builder>> accepted() {
        return Stream.of(
                b -> b.maxQueue(1).maxQueueBytes(1).maxTextChars(1).flushTimeout(Duration.ofMillis(1)),
                b -> b.host("http://127.0.0.1:8080").host(" https://eu.i.posthog.com/ ").host(null),
                b -> b.apiKey("phc_x").apiKey(null).flushTimeout(null),
                b -> b.events(EventSchema.BOTH).events(null));
    }
}
