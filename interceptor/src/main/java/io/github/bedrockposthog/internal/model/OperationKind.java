package io.github.bedrockposthog.internal.model;

/**
 * What a Bedrock call does (#13): generate text, embed, generate images or rerank documents. Only text calls are
 * generations ({@code bedrock_completion} / {@code $ai_generation}); the others have events of their own. Decided
 * once per call by {@code internal.bedrock.OperationKinds}.
 */
public enum OperationKind {
    TEXT("text"),
    EMBEDDING("embedding"),
    IMAGE("image"),
    RERANK("rerank");

    private final String wireName;

    OperationKind(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the events' {@code operation_kind} property. */
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
