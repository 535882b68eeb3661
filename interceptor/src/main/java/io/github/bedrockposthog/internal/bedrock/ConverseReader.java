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

    private ConverseReader() {
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
                usage == null ? null : toLong(usage.cacheReadInputTokens()),
                usage == null ? null : toLong(usage.cacheWriteInputTokens()),
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
