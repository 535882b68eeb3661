package io.github.bedrockposthog.internal.model;

/** The four Bedrock Runtime operations this library observes, by their wire names. */
public enum Operation {
    INVOKE_MODEL("InvokeModel", false),
    CONVERSE("Converse", false),
    INVOKE_MODEL_STREAM("InvokeModelWithResponseStream", true),
    CONVERSE_STREAM("ConverseStream", true);

    private final String wireName;
    private final boolean streaming;

    Operation(String wireName, boolean streaming) {
        this.wireName = wireName;
        this.streaming = streaming;
    }

    /**
     * The operation of an SDK operation name.
     *
     * @param name e.g. {@code InvokeModel}; may be {@code null}
     * @return the operation, or {@code null} for operations this library does not observe
     */
    public static Operation of(String name) {
        for (Operation o : values()) {
            if (o.wireName.equals(name)) {
                return o;
            }
        }
        return null;
    }

    /** The name as the SDK and the events spell it ({@code InvokeModelWithResponseStream}). */
    public String wireName() {
        return wireName;
    }

    /** True for the two streaming operations. */
    public boolean streaming() {
        return streaming;
    }

    /** True for Converse and ConverseStream, whose requests and responses are typed objects. */
    public boolean converse() {
        return this == CONVERSE || this == CONVERSE_STREAM;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
