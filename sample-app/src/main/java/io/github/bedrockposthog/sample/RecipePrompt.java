package io.github.bedrockposthog.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Llama 3.1 prompt and InvokeModel body for a recipe, as in the tutorial: Llama's chat template around one
 * instruction naming the ingredients, {@code max_gen_len} 512 and {@code temperature} 0.5.
 */
public final class RecipePrompt {

    /** Longest completion asked for. */
    public static final int MAX_GEN_LEN = 512;
    /** Sampling temperature. */
    public static final double TEMPERATURE = 0.5;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTRUCTION = "Create a recipe using these ingredients: ";
    private static final String FORMAT = "Reply with a title on the first line, then \"Ingredients:\" with one"
            + " ingredient per line starting with \"- \", then \"Instructions:\" with numbered steps.";
    private static final String USER_START = "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n";
    private static final String USER_END = "<|eot_id|>";
    private static final String ASSISTANT_START = "<|start_header_id|>assistant<|end_header_id|>\n\n";

    private RecipePrompt() {
    }

    /**
     * The prompt text for these ingredients. Line breaks become commas and Llama's special-token markers are
     * removed, so the user's text cannot leave the user turn.
     *
     * @param ingredients what the user typed
     * @return the prompt
     */
    public static String build(String ingredients) {
        return USER_START + INSTRUCTION + clean(ingredients) + "\n" + FORMAT + USER_END + ASSISTANT_START;
    }

    /**
     * The ingredients named in a prompt made by {@link #build}.
     *
     * @param prompt a prompt
     * @return the ingredients text, or null when the prompt was not made by {@link #build}
     */
    public static String ingredientsIn(String prompt) {
        if (prompt == null) {
            return null;
        }
        int start = prompt.indexOf(INSTRUCTION);
        if (start < 0) {
            return null;
        }
        start += INSTRUCTION.length();
        int end = prompt.indexOf('\n', start);
        return prompt.substring(start, end < 0 ? prompt.length() : end).strip();
    }

    /**
     * The InvokeModel body for Llama: {@code {"prompt", "max_gen_len", "temperature"}}.
     *
     * @param prompt the prompt text
     * @return JSON text
     */
    public static String requestBody(String prompt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("prompt", prompt);
        body.put("max_gen_len", MAX_GEN_LEN);
        body.put("temperature", TEMPERATURE);
        return body.toString();
    }

    private static String clean(String ingredients) {
        String text = ingredients == null ? "" : ingredients;
        while (text.contains("<|") || text.contains("|>")) { // "<<||x||>>" would leave "<|x|>" after one pass
            text = text.replace("<|", "").replace("|>", "");
        }
        text = text.replaceAll("\\s*[\\r\\n]+\\s*", ", ").replaceAll("[\\s&&[^ ]]", " ");
        text = text.replaceAll(",(\\s*,)+", ",").replaceAll(" {2,}", " ").strip();
        while (text.endsWith(",")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        while (text.startsWith(",")) {
            text = text.substring(1).strip();
        }
        return text;
    }
}
