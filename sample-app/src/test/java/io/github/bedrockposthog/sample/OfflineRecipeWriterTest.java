package io.github.bedrockposthog.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OfflineRecipeWriterTest {

    private final OfflineRecipeWriter writer = new OfflineRecipeWriter();

    /** The parts of a written recipe. */
    private record Parts(String title, List<String> ingredients, List<String> steps) {
        static Parts of(String recipe) {
            String[] lines = recipe.split("\n");
            List<String> ingredients = new ArrayList<>();
            List<String> steps = new ArrayList<>();
            String section = "";
            for (String line : lines) {
                if (line.equals("Ingredients:") || line.equals("Instructions:")) {
                    section = line;
                } else if (section.equals("Ingredients:") && line.startsWith("- ")) {
                    ingredients.add(line.substring(2));
                } else if (section.equals("Instructions:") && !line.isBlank() && !line.startsWith("Tip:")) {
                    steps.add(line);
                }
            }
            return new Parts(lines[0], ingredients, steps);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "chicken, broccoli, garlic, soy sauce",
        "spaghetti, tomatoes, basil, parmesan",
        "eggs, spinach, feta",
        "flour, bananas, sugar, walnuts",
        "lentils, carrots, onion, cumin",
        "rice, eggs, peas, soy sauce",
        "lettuce, cucumber, avocado, lemon",
        "salmon, potatoes, asparagus",
        "tofu, mushrooms, ginger, honey, chili",
        "beef, zucchini, paprika, dragonfruit",
        "quinoa, chickpeas, cucumber, feta, mint",
        "chicken stock, leek, potatoes, cream, thyme"
    })
    void everyIngredientIsListedAndUsedInTheSteps(String ingredients) {
        Parts recipe = Parts.of(writer.write(ingredients));

        String steps = String.join("\n", recipe.steps()).toLowerCase(Locale.ROOT);
        for (String ingredient : ingredients.split(", ")) {
            assertTrue(recipe.ingredients().stream().anyMatch(line -> line.contains(ingredient)),
                    ingredient + " missing from the list " + recipe.ingredients());
            assertTrue(steps.contains(ingredient), ingredient + " never used in the steps:\n" + steps);
        }
        for (int i = 0; i < recipe.steps().size(); i++) {
            assertTrue(recipe.steps().get(i).startsWith((i + 1) + ". "), "steps numbered 1..n: " + recipe.steps());
        }
        assertTrue(recipe.steps().size() >= 4, "a real method: " + recipe.steps());
        assertTrue(recipe.title().length() > 5 && !recipe.title().contains(":"), recipe.title());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "spaghetti, tomatoes, basil | Spaghetti",
        "lentils, carrots, onion | Stew",
        "eggs, spinach, feta | Frittata",
        "lettuce, cucumber, lemon | Salad",
        "rice, eggs, peas | Fried Rice",
        "salmon, potatoes, asparagus | Salmon and Potato",
        "chicken stock, carrots, celery | Soup"
    })
    void theDishFollowsTheIngredients(String ingredients, String expectedInTitle) {
        String title = Parts.of(writer.write(ingredients)).title();

        assertTrue(title.contains(expectedInTitle), title);
    }

    @Test
    void theSameIngredientsGiveTheSameRecipeAndOthersAnother() {
        String first = writer.write("chicken, broccoli, garlic");

        assertEquals(first, new OfflineRecipeWriter().write("chicken, broccoli, garlic"));
        assertNotEquals(first, writer.write("chicken, broccoli, ginger"));
    }

    @Test
    void theUsersQuantitiesAreKept() {
        List<String> list = Parts.of(writer.write("2 chicken breasts; 200g spinach\n3 eggs")).ingredients();

        assertTrue(list.contains("2 chicken breasts"), list.toString());
        assertTrue(list.contains("200g spinach"), list.toString());
        assertTrue(list.contains("3 eggs"), list.toString());
    }

    @Test
    void pantryQuantitiesReadNaturally() {
        List<String> list = Parts.of(writer.write("garlic, chickpeas, tomato, tofu")).ingredients();

        assertTrue(list.contains("3 cloves of garlic"), list.toString());
        assertTrue(list.contains("1 can of chickpeas (400 g), drained"), list.toString());
        assertTrue(list.contains("3 tomatoes"), list.toString());
        assertTrue(list.contains("1 block of tofu (400 g), pressed"), list.toString());
        assertTrue(list.contains("Salt and black pepper, to taste"), list.toString());
    }

    @Test
    void theHeadNounDecidesWhatAnIngredientIs() {
        assertEquals(Pantry.Kind.BROTH, Pantry.kindOf("chicken stock"));
        assertEquals(Pantry.Kind.PASTA, Pantry.kindOf("egg noodles"));
        assertEquals(Pantry.Kind.VEGETABLE, Pantry.kindOf("sweet potatoes"));
        assertEquals(Pantry.Kind.SAUCE, Pantry.kindOf("peanut butter"));
        assertEquals(Pantry.Kind.MEAT, Pantry.kindOf("chicken thighs"));
        assertEquals(Pantry.Kind.VEGETABLE, Pantry.kindOf("eggplant"));
        assertEquals(Pantry.Kind.LEGUME, Pantry.kindOf("chickpeas"));
        assertEquals(Pantry.Kind.OTHER, Pantry.kindOf("dragonfruit"));
    }

    @Test
    void aListWithoutIngredientsStillGetsARecipe() {
        String recipe = writer.write("!!! ???");

        assertTrue(recipe.startsWith("I couldn't find ingredients"), recipe);
        assertTrue(recipe.contains("Instructions:\n1. "), recipe);
    }

    @Test
    void atMostTwelveIngredientsAreUsed() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            many.append("thing").append((char) ('a' + i)).append(", ");
        }
        Matcher m = Pattern.compile("(?m)^- .*\\bthing").matcher(writer.write(many.toString()));
        int listed = 0;
        while (m.find()) {
            listed++;
        }
        assertEquals(Ingredient.MAX, listed);
    }
}
