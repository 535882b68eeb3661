package io.github.bedrockposthog.internal.bedrock;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.bedrockposthog.internal.bedrock.TestBodies.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The counts and sizes the image and rerank dialects read: ints, and only what makes sense. */
class NonTextDialectTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{'n': 3}|3",
            "{'n': 2147483647}|2147483647",
            "{'n': 2147483648}|",   // beyond an int
            "{'n': 0}|",            // no zero-sized or zero-count image
            "{'n': -2}|",
            "{'n': 'three'}|",
            "{'n': [3]}|",
            "{}|",
    })
    void positiveIntIsAPositiveWholeNumberThatFitsAnInt(String body, Integer expected) {
        assertEquals(expected, NonTextDialect.positiveInt(json(body), "n"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{'l': ['a', 'b', 'c']}|3",
            "{'l': []}|0",
            "{'l': 'abc'}|",
            "{'l': {'a': 1}}|",
            "{}|",
    })
    void sizeIsTheLengthOfAList(String body, Integer expected) {
        assertEquals(expected, NonTextDialect.size(json(body), "l"));
    }
}
