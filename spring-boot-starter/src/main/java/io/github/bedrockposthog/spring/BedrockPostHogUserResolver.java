package io.github.bedrockposthog.spring;

/**
 * Names the user of a Bedrock call when nothing else does (no {@code BedrockPostHog.DISTINCT_ID} attribute, no
 * {@code BedrockPostHog.identify} scope, no Converse {@code requestMetadata}). Declare one as a bean; it is asked on
 * the calling thread as each call starts, so thread-bound context such as Spring Security's works:
 * <pre>{@code
 * @Bean
 * BedrockPostHogUserResolver postHogUser() {
 *     return () -> {
 *         Authentication auth = SecurityContextHolder.getContext().getAuthentication();
 *         return auth == null ? null : auth.getName();
 *     };
 * }
 * }</pre>
 * Returning {@code null}, or throwing, names nobody; the call is reported all the same.
 */
@FunctionalInterface
public interface BedrockPostHogUserResolver {

    /**
     * The user making the current call.
     *
     * @return the distinct id, or {@code null} for nobody
     */
    String currentUser();
}
