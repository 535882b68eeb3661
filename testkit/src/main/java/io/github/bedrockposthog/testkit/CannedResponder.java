package io.github.bedrockposthog.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The emulator's default {@link Responder}: answers every operation in the model family's exact wire format,
 * with token counts from {@link Tokens#estimate(String)} and consistent usage headers and stream metrics.
 */
final class CannedResponder implements Responder {

    private final Function<EmulatedRequest, String> answers;

    CannedResponder(Function<EmulatedRequest, String> answers) {
        this.answers = Objects.requireNonNull(answers, "answers");
    }

    @Override
    public EmulatorReply respond(EmulatedRequest request) {
        JsonNode json = Json.tryRead(request.body());
        if (json == null || !json.isObject()) {
            return BedrockError.VALIDATION.reply();
        }
        String answer = Objects.requireNonNullElse(answers.apply(request), "");
        Completion completion = new Completion(request.modelId(), json, PromptText.extract(json), answer);
        switch (request.operation()) {
            case EmulatedRequest.CONVERSE:
                return EmulatorReply.json(Json.write(ConverseFormat.body(completion)));
            case EmulatedRequest.CONVERSE_STREAM:
                return streamReply(ConverseFormat.frames(completion)).build();
            case EmulatedRequest.INVOKE_MODEL_WITH_RESPONSE_STREAM:
                return invokeStream(completion, ModelFormats.forModel(request.modelId(), json));
            default:
                return invoke(completion, ModelFormats.forModel(request.modelId(), json));
        }
    }

    private static EmulatorReply invoke(Completion c, ModelFormat format) {
        EmulatorReply.Builder reply = EmulatorReply.builder()
                .header("Content-Type", "application/json")
                .header("x-amzn-RequestId", UUID.randomUUID().toString())
                .header("X-Amzn-Bedrock-Input-Token-Count", Integer.toString(c.inputTokens()))
                .header("X-Amzn-Bedrock-Output-Token-Count", Integer.toString(c.outputTokens()))
                .header("X-Amzn-Bedrock-Invocation-Latency", Integer.toString(c.latencyMs()));
        if (format.reportsCacheHeaders()) {
            reply.header("X-Amzn-Bedrock-Cache-Read-Input-Token-Count", "0")
                    .header("X-Amzn-Bedrock-Cache-Write-Input-Token-Count", "0");
        }
        return reply.body(Json.write(format.body(c))).build();
    }

    private static EmulatorReply invokeStream(Completion c, ModelFormat format) {
        List<ObjectNode> chunks = format.chunks(c);
        ObjectNode metrics = chunks.get(chunks.size() - 1).putObject("amazon-bedrock-invocationMetrics");
        metrics.put("inputTokenCount", c.inputTokens());
        metrics.put("outputTokenCount", c.outputTokens());
        metrics.put("invocationLatency", c.latencyMs());
        metrics.put("firstByteLatency", c.firstByteLatencyMs());
        List<byte[]> frames = new ArrayList<>(chunks.size());
        for (ObjectNode chunk : chunks) {
            frames.add(EventStreamFrames.chunk(Json.write(chunk)));
        }
        return streamReply(frames).header("X-Amzn-Bedrock-Content-Type", "application/json").build();
    }

    private static EmulatorReply.Builder streamReply(List<byte[]> frames) {
        return EmulatorReply.builder()
                .header("Content-Type", EmulatorReply.EVENT_STREAM)
                .header("x-amzn-RequestId", UUID.randomUUID().toString())
                .frames(frames);
    }
}
