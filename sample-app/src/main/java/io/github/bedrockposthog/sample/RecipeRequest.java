package io.github.bedrockposthog.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * A valid body of {@code POST /api/generate-recipe}: {@code {"email": "...", "ingredients": "..."}}.
 *
 * @param email       the user's email, trimmed
 * @param ingredients the ingredients text, trimmed
 */
record RecipeRequest(String email, String ingredients) {

    /** Longest ingredients text accepted. */
    static final int MAX_INGREDIENTS_CHARS = 2_000;
    private static final int MAX_EMAIL_CHARS = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    /**
     * Parses and validates a request body.
     *
     * @param body the bytes
     * @return the request
     * @throws Http.Rejected 400 naming the problem
     */
    static RecipeRequest parse(byte[] body) throws Http.Rejected {
        JsonNode json;
        try {
            json = Http.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Http.Rejected(400, "request body is not valid JSON");
        } catch (IOException e) {
            throw new Http.Rejected(400, "request body could not be read");
        }
        if (json == null || json.isMissingNode()) {
            throw new Http.Rejected(400, "request body is empty: send {\"email\": ..., \"ingredients\": ...}");
        }
        if (!json.isObject()) {
            throw new Http.Rejected(400, "request body must be a JSON object with email and ingredients");
        }
        String email = text(json, "email");
        if (email.length() > MAX_EMAIL_CHARS || !EMAIL.matcher(email).matches()) {
            throw new Http.Rejected(400, "email is not a valid email address");
        }
        String ingredients = text(json, "ingredients");
        if (ingredients.length() > MAX_INGREDIENTS_CHARS) {
            throw new Http.Rejected(400, "ingredients must be at most " + MAX_INGREDIENTS_CHARS + " characters");
        }
        return new RecipeRequest(email, ingredients);
    }

    private static String text(JsonNode json, String field) throws Http.Rejected {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            throw new Http.Rejected(400, field + " is required");
        }
        if (!value.isTextual()) {
            throw new Http.Rejected(400, field + " must be a string");
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            throw new Http.Rejected(400, field + " must not be empty");
        }
        return text;
    }
}
