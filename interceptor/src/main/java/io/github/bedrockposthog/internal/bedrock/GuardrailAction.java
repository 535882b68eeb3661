package io.github.bedrockposthog.internal.bedrock;

import io.github.bedrockposthog.internal.json.Json;


/**
 * What a Bedrock guardrail did to a call. Bedrock says it in three places: InvokeModel response bodies carry
 * {@code "amazon-bedrock-guardrailAction": "INTERVENED" | "NONE"}, Converse answers stop with
 * {@code guardrail_intervened}, and streams carry either (read by the stream tap).
 */
public final class GuardrailAction {

    /** The guardrail changed or blocked the input or the output. */
    public static final String INTERVENED = "INTERVENED";
    /** Converse's stop reason when a guardrail intervened. */
    public static final String INTERVENED_STOP_REASON = "guardrail_intervened";

    private static final String BODY_KEY = "amazon-bedrock-guardrailAction";

    private GuardrailAction() {
    }

    /**
     * The action an InvokeModel response body reports.
     *
     * @param responseBody the parsed response body, may be {@code null}
     * @return the action (e.g. {@code INTERVENED}, {@code NONE}), or {@code null} when the body names none
     */
    public static String fromInvokeModelBody(Object responseBody) {
        return Json.string(responseBody, BODY_KEY);
    }

    /**
     * The action a stop reason implies.
     *
     * @param stopReason a stop reason, may be {@code null}
     * @return {@link #INTERVENED} for {@code guardrail_intervened}, else {@code null} (the stop reason says nothing)
     */
    public static String fromStopReason(String stopReason) {
        return INTERVENED_STOP_REASON.equals(stopReason) ? INTERVENED : null;
    }

    /**
     * Whether an action means the guardrail intervened.
     *
     * @param action an action, may be {@code null}
     * @return {@code true} for {@code INTERVENED} (any case)
     */
    public static boolean intervened(String action) {
        return INTERVENED.equalsIgnoreCase(action);
    }
}
