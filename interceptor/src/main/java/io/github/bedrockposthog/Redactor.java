package io.github.bedrockposthog;

/**
 * Rewrites or drops the texts of an event before they leave the process: give one to
 * {@link BedrockPostHog.Builder#redact(Redactor)}.
 *
 * <p>It is called on bedrock-posthog's delivery thread (not the app's), once per text, with the text before it is
 * capped to {@code maxTextChars} (at most one character more than the cap); keep it fast and free of I/O: it runs
 * for every event, and must not rely on the app thread's context (thread locals, request scope). The properties it sees are {@code prompt}, {@code generation} and {@code error_message} (and, for
 * {@code $ai_generation} events, every message text of {@code $ai_input} and {@code $ai_output_choices}, and the
 * message in {@code $ai_error}, under those property names). While a
 * redactor is set, {@code error_stack} carries class names and frames but no exception messages (a message can echo
 * the request and would otherwise bypass the redactor). In privacy mode no text exists and the redactor is not
 * called.
 *
 * <p>Fail closed: when it throws, the text is dropped (a WARN, rate-limited, names the exception class only) and the
 * app's call is not affected.
 *
 * <pre>{@code
 * BedrockPostHog posthog = BedrockPostHog.builder()
 *         .redact((property, text) -> text.replaceAll("\\b\\d{13,19}\\b", "[card]"))
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface Redactor {

    /**
     * The text to send instead of {@code text}.
     *
     * @param property the event property the text is for: {@code prompt}, {@code generation}, {@code error_message},
     *                 {@code $ai_input}, {@code $ai_output_choices} or {@code $ai_error}
     * @param text     the text, never {@code null}
     * @return the replacement (may be {@code text} itself), or {@code null} to leave the property out
     */
    String redact(String property, String text);
}
