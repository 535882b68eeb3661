package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.OperationKind;

import java.util.List;
import java.util.Map;

/**
 * The common part of the embedding, image and rerank dialects (#13): their models answer InvokeModel only (no
 * stream chunks), and they read texts, counts and sizes, never a vector or an image, so no event can carry one.
 */
abstract class NonTextDialect implements Dialect {

    private final OperationKind kind;

    NonTextDialect(OperationKind kind) {
        this.kind = kind;
    }

    @Override
    public final OperationKind kind() {
        return kind;
    }

    @Override
    public boolean readChunk(Map<String, Object> chunk, ChunkSink into) {
        return false;
    }

    /** The strings of a list, joined by newlines (several texts embedded at once); {@code null} when none. */
    static String joinedStrings(Object list) {
        if (!(list instanceof List)) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Object item : (List<?>) list) {
            if (item instanceof String) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append((String) item);
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    /** {@link BodyText#length} as an int (the non-text fields of a call are ints); {@code null} when no list. */
    static Integer size(Object node, Object... path) {
        Long size = BodyText.length(node, path);
        return size == null ? null : size.intValue();
    }

    /** {@link BodyText#count} when positive and an int; {@code null} otherwise (no zero-sized image). */
    static Integer positiveInt(Object node, Object... path) {
        Long value = BodyText.count(node, path);
        return value != null && value > 0 && value <= Integer.MAX_VALUE ? value.intValue() : null;
    }

    /** Token counts from a body: input only (embeddings produce no tokens). */
    static void inputTokens(LlmCall.Builder b, Long input) {
        if (input != null) {
            DialectSupport.bodyUsage(b, input, null, null, null);
        }
    }
}
