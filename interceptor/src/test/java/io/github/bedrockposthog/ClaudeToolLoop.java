package io.github.bedrockposthog;

/**
 * One Anthropic Messages tool-loop step on InvokeModel, as the end-to-end tests send and answer it: a system prompt,
 * a history with a tool call and its result, a new question, a tool, sampling parameters and a stop sequence; the
 * answer says a little and calls the tool again (420 input, 55 output tokens).
 */
final class ClaudeToolLoop {

    /** The request body. */
    static final String REQUEST = """
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

    /** The answer body. */
    static final String ANSWER = """
            {"id": "msg_bdrk_01", "type": "message", "role": "assistant", "model": "claude-3-5-haiku-20241022",
             "content": [{"type": "text", "text": "Checking Lyon too."},
                         {"type": "tool_use", "id": "toolu_02", "name": "get_weather", "input": {"city": "Lyon"}}],
             "stop_reason": "tool_use", "stop_sequence": null, "usage": {"input_tokens": 420, "output_tokens": 55}}
            """;

    private ClaudeToolLoop() {
    }
}
