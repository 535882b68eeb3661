package io.github.bedrockposthog.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SdkVersionTest {

    @ParameterizedTest(name = "{0} older than 2.25.63: {1}")
    @CsvSource({
            "2.21.0, true",
            "2.25.62, true",
            "1.99.99, true",
            "2.25.63, false",
            "2.25.100, false",
            "2.26.0, false",
            "2.57.8, false",
            "3.0.0, false",
            "2.31.12-SNAPSHOT, false",
    })
    void comparesNumerically(String version, boolean older) {
        assertEquals(older, SdkVersion.parse(version).isOlderThan(SdkLoaders.OLDEST_SUPPORTED));
    }

    @Test
    void refusesWhatIsNoVersion() {
        assertThrows(IllegalArgumentException.class, () -> SdkVersion.parse("2.57"));
        assertThrows(IllegalArgumentException.class, () -> SdkVersion.parse("two.57.8"));
    }

    @Test
    void aClassLoaderWithoutTheSdkHasNoVersion() {
        assertNull(SdkVersion.of(ClassLoader.getPlatformClassLoader()));
    }
}
