package io.github.bedrockposthog;

import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

import static io.github.bedrockposthog.ExplicitRegistrationIT.userSays;

/**
 * Tool-loop steps as the end-to-end tests send them: a system prompt, a history with a weather tool call and its
 * result, a new question, the tool, sampling parameters and a stop sequence.
 */
final class ToolLoops {

    /** The step as an Anthropic Messages body on InvokeModel (Claude 3.5 Haiku). */
    static final String CLAUDE_REQUEST = """
            {"anthropic_version": "bedrock-2023-05-31", "max_tokens": 512, "temperature": 0.2, "top_p": 0.9,
             "system": "You are a weather assistant.", "stop_sequences": ["END"],
             "tools": [{"name": "get_weather", "description": "Current weather for a city",
                        "input_schema": {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
             "messages": [
               {"role": "user", "content": "What's the weather in Paris?"},
               {"role": "assistant", "content": [{"type": "text", "text": "Let me check."},
                  {"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {"city": "Paris"}}]},
               {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_01", "content": "18°C, sunny"},
                  {"type": "text", "text": "And in Lyon?"}]}]}
            """;

    /** Claude's answer: a little text and the tool called again (420 input, 55 output tokens). */
    static final String CLAUDE_ANSWER = """
            {"id": "msg_bdrk_01", "type": "message", "role": "assistant", "model": "claude-3-5-haiku-20241022",
             "content": [{"type": "text", "text": "Checking Lyon too."},
                         {"type": "tool_use", "id": "toolu_02", "name": "get_weather", "input": {"city": "Lyon"}}],
             "stop_reason": "tool_use", "stop_sequence": null, "usage": {"input_tokens": 420, "output_tokens": 55}}
            """;

    /** The weather tool's input schema: one required string, the city. */
    static Document weatherSchema() {
        return Document.mapBuilder().putString("type", "object")
                .putDocument("properties", Document.mapBuilder()
                        .putDocument("city", Document.mapBuilder().putString("type", "string").build()).build())
                .putList("required", l -> l.addString("city"))
                .build();
    }

    /**
     * The same step as Nova Lite's Converse request: a system prompt, a tool call and its result, a new question, the
     * weather tool, and inference settings with a stop sequence.
     */
    static ConverseRequest novaConverse() {
        return ConverseRequest.builder().modelId("us.amazon.nova-lite-v1:0")
                .system(SystemContentBlock.fromText("Answer briefly."))
                .messages(userSays("Weather in Oslo?"),
                        Message.builder().role(ConversationRole.ASSISTANT).content(ContentBlock.fromToolUse(
                                ToolUseBlock.builder().toolUseId("tooluse_1").name("get_weather")
                                        .input(Document.mapBuilder().putString("city", "Oslo").build()).build()))
                                .build(),
                        Message.builder().role(ConversationRole.USER).content(ContentBlock.fromToolResult(
                                ToolResultBlock.builder().toolUseId("tooluse_1")
                                        .content(ToolResultContentBlock.fromText("-3°C, snow")).build()),
                                ContentBlock.fromText("And Bergen?")).build())
                .toolConfig(t -> t.tools(Tool.fromToolSpec(ToolSpecification.builder().name("get_weather")
                        .description("Current weather for a city").inputSchema(s -> s.json(weatherSchema())).build())))
                .inferenceConfig(c -> c.maxTokens(256).temperature(0.7f).topP(0.9f).stopSequences("END"))
                .build();
    }

    private ToolLoops() {
    }
}
