package io.github.bedrockposthog.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Objects;

/**
 * {@code POST /api/generate-recipe}: {@code {"email", "ingredients"}} in, {@code {"recipe"}} out; 500
 * {@code {"error": "Failed to generate recipe"}} when Bedrock fails, as in the tutorial; 400 (405 for another
 * method) with a JSON error naming the problem for a bad request.
 */
final class RecipeApi implements HttpHandler {

    /** The error text of a failed generation, exactly the tutorial's. */
    static final String FAILED = "Failed to generate recipe";

    private final RecipeService recipes;

    RecipeApi(RecipeService recipes) {
        this.recipes = Objects.requireNonNull(recipes, "recipes");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            RecipeRequest request;
            try {
                Http.requireMethod(exchange, "POST");
                request = RecipeRequest.parse(Http.readBody(exchange));
            } catch (Http.Rejected e) {
                Http.sendError(exchange, e.status(), e.getMessage());
                return;
            }
            String recipe;
            try {
                recipe = recipes.generate(request.email(), request.ingredients());
            } catch (RecipeService.RecipeFailedException e) {
                Http.sendError(exchange, 500, FAILED);
                return;
            }
            ObjectNode body = Http.JSON.createObjectNode();
            body.put("recipe", recipe);
            Http.sendJson(exchange, 200, body);
        }
    }
}
