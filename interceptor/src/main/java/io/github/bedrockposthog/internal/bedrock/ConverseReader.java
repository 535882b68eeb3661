package io.github.bedrockposthog.internal.bedrock;

import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

import java.util.List;
import java.util.Map;

/** Reads the Converse API's typed request and response objects: the family does not matter there. */
public final class ConverseReader {

    /** The {@code requestMetadata} key that names the user, usable without importing this library. */
    public static final String DISTINCT_ID_METADATA_KEY = "posthog_distinct_id";

    /*
     * Members the SDK added after Converse itself (2.25.63): calling them on an older SDK throws NoSuchMethodError,
     * which would lose the whole call. Looked up once; absent means "not reported".
     */
    private static final boolean SDK_HAS_REQUEST_METADATA = sdkHas(ConverseRequest.class, "hasRequestMetadata")
            && sdkHas(ConverseStreamRequest.class, "hasRequestMetadata");
    private static final boolean SDK_HAS_CACHE_TOKENS = sdkHas(TokenUsage.class, "cacheReadInputTokens")
            && sdkHas(TokenUsage.class, "cacheWriteInputTokens");

    private ConverseReader() {
    }

    static boolean sdkHas(Class<?> type, String method) {
        try {
            type.getMethod(method);
            return true;
        } catch (NoSuchMethodException | LinkageError e) {
            return false;
        }
    }

    /** The text of the last user message of a Converse or ConverseStream request, or {@code null}. */
    public static String prompt(Object request) {
        List<Message> messages = null;
        if (request instanceof ConverseRequest) {
            messages = ((ConverseRequest) request).messages();
        } else if (request instanceof ConverseStreamRequest) {
            messages = ((ConverseStreamRequest) request).messages();
        }
        if (messages == null) {
            return null;
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message message = messages.get(i);
            if (message != null && message.role() == ConversationRole.USER) {
                return text(message.content());
            }
        }
        return null;
    }

    /** The distinct id a request names in its {@code requestMetadata}, or {@code null}. */
    public static String metadataDistinctId(Object request) {
        if (!SDK_HAS_REQUEST_METADATA) {
            return null;
        }
        Map<String, String> metadata = null;
        if (request instanceof ConverseRequest && ((ConverseRequest) request).hasRequestMetadata()) {
            metadata = ((ConverseRequest) request).requestMetadata();
        } else if (request instanceof ConverseStreamRequest && ((ConverseStreamRequest) request).hasRequestMetadata()) {
            metadata = ((ConverseStreamRequest) request).requestMetadata();
        }
        if (metadata == null) {
            return null;
        }
        String id = metadata.get(DISTINCT_ID_METADATA_KEY);
        return id == null || id.trim().isEmpty() ? null : id;
    }

    /** The generated text, usage and stop reason of a Converse response. */
    public static ModelOutput output(ConverseResponse response) {
        String text = null;
        if (response.output() != null && response.output().message() != null) {
            text = text(response.output().message().content());
        }
        TokenUsage usage = response.usage();
        return new ModelOutput(text,
                usage == null ? null : toLong(usage.inputTokens()),
                usage == null ? null : toLong(usage.outputTokens()),
                usage == null || !SDK_HAS_CACHE_TOKENS ? null : toLong(usage.cacheReadInputTokens()),
                usage == null || !SDK_HAS_CACHE_TOKENS ? null : toLong(usage.cacheWriteInputTokens()),
                response.stopReasonAsString());
    }

    /** Converse's own latency measurement, or {@code null}. */
    public static Long latencyMillis(ConverseResponse response) {
        return response.metrics() == null ? null : response.metrics().latencyMs();
    }

    private static String text(List<ContentBlock> blocks) {
        if (blocks == null) {
            return null;
        }
        StringBuilder text = null;
        for (ContentBlock block : blocks) {
            if (block != null && block.text() != null) {
                if (text == null) {
                    text = new StringBuilder(block.text());
                } else {
                    text.append('\n').append(block.text());
                }
            }
        }
        return text == null ? null : text.toString();
    }

    private static Long toLong(Integer value) {
        return value == null ? null : Long.valueOf(value.longValue());
    }
}
