package io.github.bedrockposthog.testkit;

/**
 * Realistic Bedrock Runtime errors (restJson1 type, HTTP status, message as the service words them), used by the
 * emulator's random error mode and handy for scripting one: {@code emulator.enqueue(BedrockError.THROTTLING.reply())}.
 */
public enum BedrockError {
    /** 429, account or service quota exceeded. */
    THROTTLING(429, "ThrottlingException", "Too many requests, please wait before trying again."),
    /** 429, the model is being loaded. */
    MODEL_NOT_READY(429, "ModelNotReadyException", "Model is not ready to serve inference requests."),
    /** 400, the request body does not match the model's schema. */
    VALIDATION(400, "ValidationException", "Malformed input request, please reformat your input and try again."),
    /** 403, the caller may not invoke this model. */
    ACCESS_DENIED(403, "AccessDeniedException", "You don't have access to the model with the specified model ID."),
    /** 404, unknown model or profile. */
    RESOURCE_NOT_FOUND(404, "ResourceNotFoundException", "Could not resolve the foundation model from the provided model identifier."),
    /** 408, the model took too long. */
    MODEL_TIMEOUT(408, "ModelTimeoutException", "Model has timed out in processing the request. Try your request again."),
    /** 424, the model failed to process the request. */
    MODEL_ERROR(424, "ModelErrorException", "The model failed to process the request. Try your request again."),
    /** 500, Bedrock failed internally. */
    INTERNAL_SERVER(500, "InternalServerException", "The server encountered an internal error. Try your request again."),
    /** 503, Bedrock is overloaded or unavailable. */
    SERVICE_UNAVAILABLE(503, "ServiceUnavailableException", "Bedrock is unable to process your request.");

    /** The errors the random error mode chooses from: the transient ones a busy service really returns. */
    static final BedrockError[] TRANSIENT = {THROTTLING, MODEL_NOT_READY, MODEL_TIMEOUT, MODEL_ERROR, INTERNAL_SERVER, SERVICE_UNAVAILABLE};

    private final int status;
    private final String type;
    private final String message;

    BedrockError(int status, String type, String message) {
        this.status = status;
        this.type = type;
        this.message = message;
    }

    /**
     * The HTTP status of this error.
     *
     * @return e.g. 429
     */
    public int status() {
        return status;
    }

    /**
     * The restJson1 error type, sent in {@code x-amzn-ErrorType}.
     *
     * @return e.g. {@code ThrottlingException}
     */
    public String type() {
        return type;
    }

    /**
     * The message the service sends in the body.
     *
     * @return a human-readable message
     */
    public String message() {
        return message;
    }

    /**
     * This error as an emulator reply.
     *
     * @return a restJson1 error reply
     */
    public EmulatorReply reply() {
        return EmulatorReply.error(status, type, message);
    }
}
