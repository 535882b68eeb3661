package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Messages;

import java.util.List;
import java.util.Map;

/**
 * Writer Palmyra (X4, X5): request {@code {messages[{role, content: {text} | [{text}] | "..."}], temperature,
 * top_p, max_tokens, min_tokens, stop, seed, ...}} — message content is a {@code {"text": ...}} object, not the
 * chat-completions string or typed parts; response and stream chunks are chat-completions-shaped
 * ({@code choices[].message|delta.content}, {@code usage.prompt_tokens|completion_tokens}).
 * Source: AWS's "Writer Palmyra X5" model-parameters page and Writer's chat-completion API reference.
 */
final class WriterDialect implements Dialect {

    static final WriterDialect INSTANCE = new WriterDialect();

    private WriterDialect() {
    }

    @Override
    public void readRequest(Object body, LlmCall.Builder b) {
        ChatCompletionsDialect.INSTANCE.readRequest(body, b); // parameters and tools have the OpenAI names
        Messages m = new Messages();
        String prompt = null;
        for (Object message : Json.array(Json.at(body, "messages"))) {
            String role = DialectSupport.role(Json.string(message, "role"));
            String text = text(Json.at(message, "content"));
            m.text(role, text);
            if ("user".equals(role) && text != null && !text.isEmpty()) {
                prompt = text;
            }
        }
        b.prompt = prompt;
        b.inputMessages = m.isEmpty() ? null : m.list();
    }

    /** {@code {"text": ...}}, a list of such objects (joined by newlines), or a plain string. */
    private static String text(Object content) {
        if (content instanceof Map) {
            return Json.string(content, "text");
        }
        if (content instanceof List) {
            return Messages.text(content);
        }
        return content instanceof String ? (String) content : null;
    }

    @Override
    public void readResponse(Object body, LlmCall.Builder b) {
        ChatCompletionsDialect.INSTANCE.readResponse(body, b);
    }

    @Override
    public boolean readChunk(Map<String, Object> chunk, ChunkSink into) {
        return ChatCompletionsDialect.INSTANCE.readChunk(chunk, into);
    }
}
