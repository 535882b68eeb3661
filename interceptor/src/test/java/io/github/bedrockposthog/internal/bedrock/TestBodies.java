package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Request and response bodies as the dialect tests write them: JSON with single quotes, readable in Java strings. */
final class TestBodies {

    private TestBodies() {
    }

    /**
     * {@code text} with {@code '} for {@code "}, parsed as the dialects get it; {@code null} for {@code null}.
     * A text that is not JSON fails the test, so a typo cannot pass for an absent body.
     */
    static Object json(String text) {
        if (text == null) {
            return null;
        }
        Object tree = Json.parse(text.replace('\'', '"'));
        assertNotNull(tree, "test body must be JSON: " + text);
        return tree;
    }
}
