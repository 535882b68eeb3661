package io.github.bedrockposthog.internal.log;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DEBUG details of internal errors never carry exception messages (which can echo prompts) in privacy mode. */
class DiagnosticsTest {

    private static final String PROMPT = "my card number is 4111111111111111";

    /** A DEBUG-enabled slf4j logger that records each call's arguments as text (and throwables' messages). */
    private static Logger recording(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("isDebugEnabled")) {
                        return true;
                    }
                    if (method.getName().equals("debug")) {
                        StringBuilder line = new StringBuilder();
                        for (Object a : args) {
                            Object[] parts = a instanceof Object[] ? (Object[]) a : new Object[] {a};
                            for (Object part : parts) {
                                line.append(part).append(' ');
                                if (part instanceof Throwable) {
                                    for (Throwable t = (Throwable) part; t != null; t = t.getCause()) {
                                        line.append(t.getMessage()).append(' ');
                                    }
                                }
                            }
                        }
                        lines.add(line.toString());
                    }
                    return null;
                });
    }

    private static Throwable echoingPrompt() {
        return new IllegalStateException("cannot read the body",
                new IllegalArgumentException("Unexpected character in: " + PROMPT));
    }

    @Test
    void inPrivacyModeOnlyTheExceptionClassesAreLogged() {
        List<String> lines = new ArrayList<>();
        Diagnostics.debug(recording(lines), true, "internal error in {}", "afterExecution", echoingPrompt());
        assertEquals(1, lines.size());
        assertFalse(lines.get(0).contains("4111"), lines.get(0));
        assertFalse(lines.get(0).contains("cannot read the body"), lines.get(0));
        assertTrue(lines.get(0).contains("java.lang.IllegalStateException <- java.lang.IllegalArgumentException"), lines.get(0));
    }

    @Test
    void withoutPrivacyModeTheWholeExceptionIsLogged() {
        List<String> lines = new ArrayList<>();
        Diagnostics.debug(recording(lines), false, "internal error in {}", "afterExecution", echoingPrompt());
        assertTrue(lines.get(0).contains(PROMPT), "control: the message does carry the prompt: " + Arrays.toString(lines.toArray()));
    }
}
