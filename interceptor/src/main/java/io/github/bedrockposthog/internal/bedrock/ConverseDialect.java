package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;
import io.github.bedrockposthog.internal.json.JsonText;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.Messages;
import io.github.bedrockposthog.internal.model.UsageSource;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Converse API, whatever the model: its typed request and response objects map into the call record, and its
 * stream events ({@code :event-type}-named frames, or the same events wrapped in Nova chunks) accumulate like any
 * family's chunks. The family does not matter here: Bedrock normalises Converse for every model.
 */
public final class ConverseDialect {

    /** The {@code requestMetadata} key that names the user, usable without importing this library. */
    public static final String DISTINCT_ID_METADATA_KEY = "posthog_distinct_id";

    public static final String MESSAGE_START = "messageStart";
    public static final String CONTENT_BLOCK_START = "contentBlockStart";
    public static final String CONTENT_BLOCK_DELTA = "contentBlockDelta";
    public static final String CONTENT_BLOCK_STOP = "contentBlockStop";
    public static final String MESSAGE_STOP = "messageStop";
    public static final String METADATA = "metadata";

    /*
     * Members the SDK added after Converse itself (2.25.63): calling them on an older SDK throws NoSuchMethodError,
     * which would lose the whole call. Looked up once; absent means "not reported".
     */
    private static final boolean SDK_HAS_REQUEST_METADATA = sdkHas(ConverseRequest.class, "hasRequestMetadata")
            && sdkHas(ConverseStreamRequest.class, "hasRequestMetadata");
    private static final boolean SDK_HAS_CACHE_TOKENS = sdkHas(TokenUsage.class, "cacheReadInputTokens")
            && sdkHas(TokenUsage.class, "cacheWriteInputTokens");
    // converse fidelity / conformance (#13): reasoning, citations and prompt-router traces came later still.
    private static final String MODEL_PACKAGE = "software.amazon.awssdk.services.bedrockruntime.model.";
    private static final boolean SDK_HAS_REASONING = sdkHas(ContentBlock.class, "reasoningContent");
    private static final boolean SDK_HAS_CITATIONS = sdkHas(ContentBlock.class, "citationsContent");
    private static final boolean SDK_HAS_ROUTER_TRACE = sdkHas(ConverseResponse.class, "trace")
            && sdkHas(MODEL_PACKAGE + "ConverseTrace", "promptRouter");

    private ConverseDialect() {
    }

    static boolean sdkHas(String className, String method) {
        try {
            return sdkHas(Class.forName(className, false, ConverseDialect.class.getClassLoader()), method);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static boolean sdkHas(Class<?> type, String method) {
        try {
            type.getMethod(method);
            return true;
        } catch (NoSuchMethodException | LinkageError e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- request

    /** Reads a Converse or ConverseStream request: prompt, messages, parameters and tools. */
    public static void readRequest(Object request, LlmCall.Builder b) {
        List<SystemContentBlock> system = null;
        List<Message> messages = null;
        InferenceConfiguration config = null;
        Document additional = null;
        ToolConfiguration toolConfig = null;
        if (request instanceof ConverseRequest) {
            ConverseRequest r = (ConverseRequest) request;
            system = r.hasSystem() ? r.system() : null;
            messages = r.hasMessages() ? r.messages() : null;
            config = r.inferenceConfig();
            additional = r.additionalModelRequestFields();
            toolConfig = r.toolConfig();
        } else if (request instanceof ConverseStreamRequest) {
            ConverseStreamRequest r = (ConverseStreamRequest) request;
            system = r.hasSystem() ? r.system() : null;
            messages = r.hasMessages() ? r.messages() : null;
            config = r.inferenceConfig();
            additional = r.additionalModelRequestFields();
            toolConfig = r.toolConfig();
        } else {
            return;
        }
        b.prompt = prompt(messages);
        b.inputMessages = messages(system, messages);
        b.parameters = parameters(config, additional);
        b.tools = tools(toolConfig);
    }

    /**
     * The text of the last user message; when that turn holds only tool results (a tool-loop step), the tool
     * results' text, joined by newlines: that is what the model was given to answer.
     */
    private static String prompt(List<Message> messages) {
        if (messages == null) {
            return null;
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            Message message = messages.get(i);
            if (message != null && message.role() == ConversationRole.USER) {
                String text = message.hasContent() ? text(message.content(), "\n") : null;
                return text != null ? text : message.hasContent() ? toolResultsText(message.content()) : null;
            }
        }
        return null;
    }

    private static String toolResultsText(List<ContentBlock> blocks) {
        StringBuilder text = null;
        for (ContentBlock block : blocks) {
            String t = block == null || block.toolResult() == null ? null : toolResultText(block.toolResult());
            if (t != null && !t.isEmpty()) {
                text = text == null ? new StringBuilder(t) : text.append('\n').append(t);
            }
        }
        return text == null ? null : text.toString();
    }

    private static List<Map<String, Object>> messages(List<SystemContentBlock> system, List<Message> messages) {
        Messages m = new Messages();
        if (system != null) {
            StringBuilder text = new StringBuilder();
            for (SystemContentBlock block : system) {
                String t = block == null ? null : block.text() != null ? block.text() : guardText(block.guardContent());
                if (t != null) {
                    text.append(text.length() > 0 ? "\n" : "").append(t);
                }
            }
            if (text.length() > 0) {
                m.text("system", text.toString());
            }
        }
        if (messages != null) {
            for (Message message : messages) {
                if (message == null) {
                    continue;
                }
                Messages.Turn turn = m.turn(DialectSupport.role(message.roleAsString()));
                if (message.hasContent()) {
                    for (ContentBlock block : message.content()) {
                        block(turn, block);
                    }
                }
                turn.end();
            }
        }
        return m.isEmpty() ? null : m.list();
    }

    private static void block(Messages.Turn turn, ContentBlock b) {
        if (b == null) {
            return;
        }
        if (b.text() != null) {
            turn.text(b.text());
        } else if (b.guardContent() != null) {
            turn.text(guardText(b.guardContent()));
        } else if (b.toolUse() != null) {
            turn.toolCall(b.toolUse().toolUseId(), b.toolUse().name(), Documents.plain(b.toolUse().input()));
        } else if (b.toolResult() != null) {
            ToolResultBlock result = b.toolResult();
            turn.toolResult(result.toolUseId(), toolResultText(result), result.status() == ToolResultStatus.ERROR);
        } else if (b.image() != null) {
            turn.media("image", "format", b.image().formatAsString());
        } else if (b.document() != null) {
            turn.media("document", "name", b.document().name());
        } else if (b.video() != null) {
            turn.media("video", "format", b.video().formatAsString());
        } else if (b.audio() != null) {
            turn.media("audio", "format", b.audio().formatAsString());
        } else if (SDK_HAS_REASONING && b.reasoningContent() != null) {
            turn.thinking(Sdk.reasoningText(b));
        } else if (SDK_HAS_CITATIONS && b.citationsContent() != null) {
            turn.text(Sdk.citedText(b));
        }
        // cache points and tool additions/removals carry no conversation content
    }

    private static String toolResultText(ToolResultBlock result) {
        if (!result.hasContent()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (ToolResultContentBlock c : result.content()) {
            String t = null;
            if (c == null) {
                continue;
            } else if (c.text() != null) {
                t = c.text();
            } else if (c.json() != null) {
                t = JsonText.write(Documents.plain(c.json()));
            } else if (c.image() != null) {
                t = "[image]";
            } else if (c.document() != null) {
                t = "[document]";
            }
            if (t != null) {
                text.append(text.length() > 0 ? "\n" : "").append(t);
            }
        }
        return text.toString();
    }

    private static String guardText(GuardrailConverseContentBlock g) {
        return g == null || g.text() == null ? null : g.text().text();
    }

    private static Map<String, Object> parameters(InferenceConfiguration config, Document additional) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (config != null) {
            put(p, "max_tokens", config.maxTokens() == null ? null : config.maxTokens().longValue());
            put(p, "temperature", Documents.decimal(config.temperature()));
            put(p, "top_p", Documents.decimal(config.topP()));
            if (config.hasStopSequences()) {
                p.put("stop_sequences", new ArrayList<>(config.stopSequences()));
            }
        }
        Object extra = Documents.plain(additional); // e.g. Anthropic's top_k rides in additionalModelRequestFields
        put(p, "top_k", Json.at(extra, "top_k"));
        return p;
    }

    private static List<Map<String, Object>> tools(ToolConfiguration config) {
        List<Map<String, Object>> tools = new ArrayList<>();
        if (config != null && config.hasTools()) {
            for (Tool tool : config.tools()) {
                ToolSpecification spec = tool == null ? null : tool.toolSpec();
                if (spec != null) {
                    tools.add(DialectSupport.tool(spec.name(), spec.description(),
                            spec.inputSchema() == null ? null : Documents.plain(spec.inputSchema().json())));
                } else if (tool != null && tool.systemTool() != null) {
                    tools.add(DialectSupport.tool(tool.systemTool().name(), null, null));
                }
            }
        }
        return tools;
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

    // ---------------------------------------------------------------- response

    /** Reads a Converse response: text, tool calls, usage, stop reason and Converse's own latency. */
    public static void readResponse(ConverseResponse response, LlmCall.Builder b) {
        List<ContentBlock> content = response.output() != null && response.output().message() != null
                && response.output().message().hasContent() ? response.output().message().content() : null;
        b.generation = text(content, "");
        b.reasoning = reasoning(content);
        if (SDK_HAS_ROUTER_TRACE) {
            b.invokedModelId = Sdk.invokedModelId(response);
        }
        if (content != null) {
            for (ContentBlock block : content) {
                if (block != null && block.toolUse() != null) {
                    b.toolCall(block.toolUse().toolUseId(), block.toolUse().name(),
                            JsonText.write(Documents.plain(block.toolUse().input())));
                }
            }
        }
        TokenUsage usage = response.usage();
        if (usage != null) {
            b.inputTokens = toLong(usage.inputTokens());
            b.outputTokens = toLong(usage.outputTokens());
            b.cacheReadInputTokens = SDK_HAS_CACHE_TOKENS ? toLong(usage.cacheReadInputTokens()) : null;
            b.cacheWriteInputTokens = SDK_HAS_CACHE_TOKENS ? toLong(usage.cacheWriteInputTokens()) : null;
            b.usageSource = UsageSource.BODY;
        }
        b.stopReason = response.stopReasonAsString();
        if (response.metrics() != null && response.metrics().latencyMs() != null) {
            b.invocationLatencyMillis = response.metrics().latencyMs();
        }
    }

    /**
     * The text of the text blocks and of the generated content of citation blocks, in order, joined by
     * {@code separator}: an answer's pieces join with none (as its stream's deltas do), a question's with newlines.
     */
    private static String text(List<ContentBlock> blocks, String separator) {
        if (blocks == null) {
            return null;
        }
        StringBuilder text = null;
        for (ContentBlock block : blocks) {
            String t = block == null ? null : block.text() != null ? block.text()
                    : SDK_HAS_CITATIONS && block.citationsContent() != null ? Sdk.citedText(block) : null;
            if (t != null) {
                text = text == null ? new StringBuilder(t) : text.append(separator).append(t);
            }
        }
        return text == null ? null : text.toString();
    }

    /** The reasoning text of the response's reasoning blocks, or {@code null}. */
    private static String reasoning(List<ContentBlock> blocks) {
        if (blocks == null || !SDK_HAS_REASONING) {
            return null;
        }
        StringBuilder text = null;
        for (ContentBlock block : blocks) {
            String t = block == null || block.reasoningContent() == null ? null : Sdk.reasoningText(block);
            if (t != null) {
                text = text == null ? new StringBuilder(t) : text.append(t);
            }
        }
        return text == null ? null : text.toString();
    }

    /**
     * Members of newer SDKs, touched only after the probes above found them (an old SDK never links this class).
     */
    private static final class Sdk {

        static String reasoningText(ContentBlock block) {
            return block.reasoningContent().reasoningText() == null ? null
                    : block.reasoningContent().reasoningText().text();
        }

        static String citedText(ContentBlock block) {
            StringBuilder text = null;
            if (block.citationsContent().hasContent()) {
                for (software.amazon.awssdk.services.bedrockruntime.model.CitationGeneratedContent c
                        : block.citationsContent().content()) {
                    if (c != null && c.text() != null) {
                        text = text == null ? new StringBuilder(c.text()) : text.append(c.text());
                    }
                }
            }
            return text == null ? null : text.toString();
        }

        static String invokedModelId(ConverseResponse response) {
            return response.trace() == null || response.trace().promptRouter() == null ? null
                    : response.trace().promptRouter().invokedModelId();
        }
    }

    private static Long toLong(Integer value) {
        return value == null ? null : Long.valueOf(value.longValue());
    }

    private static void put(Map<String, Object> p, String key, Object value) {
        if (value != null) {
            p.put(key, value);
        }
    }

    // ---------------------------------------------------------------- stream events

    /** Whether events of this type carry nothing we record, so their payload need not be parsed. */
    public static boolean isIgnorable(String eventType) {
        return MESSAGE_START.equals(eventType) || CONTENT_BLOCK_STOP.equals(eventType);
    }

    /**
     * Reads one Converse-shaped stream event. Only {@code delta.text} is answer text (citations stream their cited
     * text there too); {@code delta.toolUse.input} fragments are the current tool call's arguments;
     * {@code delta.reasoningContent.text} is reasoning, kept apart from the answer. The {@code metadata} event
     * carries usage (with its 1-hour cache-write split) and a prompt router's choice of model.
     *
     * @param usageIsFromService whether {@code metadata.usage} is Bedrock's own count (ConverseStream) rather
     *                           than the model body's (Nova chunks, which also carry invocation metrics)
     */
    public static void readEvent(String eventType, Object event, ChunkSink into, boolean usageIsFromService) {
        if (CONTENT_BLOCK_DELTA.equals(eventType)) {
            into.text(Json.string(event, "delta", "text"));
            into.toolArguments(Json.string(event, "delta", "toolUse", "input"));
            into.reasoning(Json.string(event, "delta", "reasoningContent", "text"));
        } else if (CONTENT_BLOCK_START.equals(eventType)) {
            Object use = Json.at(event, "start", "toolUse");
            if (use != null) {
                into.toolCall(Json.string(use, "toolUseId"), Json.string(use, "name"));
            }
        } else if (MESSAGE_STOP.equals(eventType)) {
            into.stopReason(Json.string(event, "stopReason"));
        } else if (METADATA.equals(eventType)) {
            Object usage = Json.at(event, "usage");
            if (usage != null) {
                // ConverseStream spells the cache counts ...InputTokens, Nova chunks ...InputTokenCount.
                into.usage(Json.number(usage, "inputTokens"), Json.number(usage, "outputTokens"),
                        either(Json.number(usage, "cacheReadInputTokens"), Json.number(usage, "cacheReadInputTokenCount")),
                        either(Json.number(usage, "cacheWriteInputTokens"), Json.number(usage, "cacheWriteInputTokenCount")),
                        usageIsFromService);
                into.cacheWrite1h(oneHourWrites(Json.at(usage, "cacheDetails")));
            }
            into.latencies(Json.number(event, "metrics", "latencyMs"), null);
            into.invokedModel(Json.string(event, "trace", "promptRouter", "invokedModelId"));
        }
    }

    /**
     * Whether a ConverseStream event is the stream's final one: {@code metadata} (usage and metrics), which
     * Bedrock sends after {@code messageStop}. A stream that ends before it was cut off.
     */
    public static boolean isFinal(String eventType) {
        return METADATA.equals(eventType);
    }

    /** The {@code 1h} entries of {@code usage.cacheDetails} summed; {@code null} when there is no such list. */
    private static Long oneHourWrites(Object cacheDetails) {
        if (!(cacheDetails instanceof List)) {
            return null;
        }
        long oneHour = 0;
        for (Object detail : Json.array(cacheDetails)) {
            Long tokens = Json.number(detail, "inputTokens");
            if ("1h".equals(Json.string(detail, "ttl")) && tokens != null) {
                oneHour += tokens;
            }
        }
        return oneHour;
    }

    private static Long either(Long a, Long b) {
        return a != null ? a : b;
    }
}
