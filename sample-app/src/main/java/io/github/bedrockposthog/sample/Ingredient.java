package io.github.bedrockposthog.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ingredient the user named: its name, the quantity they gave (if any) and its {@link Pantry.Kind}.
 *
 * @param name     lowercase name, e.g. {@code chicken thighs}
 * @param quantity the user's quantity (e.g. {@code 2}, {@code 200 g}), or null
 * @param kind     what it is
 */
record Ingredient(String name, String quantity, Pantry.Kind kind) {

    /** The most ingredients a recipe uses; the rest are ignored. */
    static final int MAX = 12;
    private static final int MAX_NAME = 40;
    private static final Pattern SEPARATORS = Pattern.compile("\\s*(?:[,;\\n\\r]+|\\band\\b|&|\\+)\\s*");
    private static final Pattern QUANTITY = Pattern.compile(
            "^((?:\\d+(?:[.,/]\\d+)?|½|¼|¾|a|an|one|two|three|four|a few|some)\\s*"
                    + "(?:g|kg|ml|l|cups?|tbsp|tsp|tablespoons?|teaspoons?|oz|lbs?|cloves?|cans?|tins?|pinch(?:es)?|handfuls?|bunch(?:es)?|slices?)?\\.?)"
                    + "\\s+(?:of\\s+)?(.+)$", Pattern.CASE_INSENSITIVE);

    /**
     * Splits what the user typed (commas, semicolons, lines, "and") into ingredients, without duplicates.
     *
     * @param text the ingredients text
     * @return at most {@link #MAX} ingredients, in the order given
     */
    static List<Ingredient> parse(String text) {
        Map<String, Ingredient> byName = new LinkedHashMap<>();
        if (text == null) {
            return List.of();
        }
        for (String part : SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
            String piece = part.replaceAll("[^\\p{L}\\p{N} ./½¼¾'-]", " ").replaceAll("\\s+", " ").strip();
            if (piece.isEmpty()) {
                continue;
            }
            String quantity = null;
            Matcher m = QUANTITY.matcher(piece);
            if (m.matches() && !m.group(2).isBlank()) {
                quantity = m.group(1).strip();
                piece = m.group(2).strip();
                if (quantity.equals("some") || quantity.equals("a") || quantity.equals("an")) {
                    quantity = null;
                }
            }
            if (piece.length() > MAX_NAME) {
                piece = piece.substring(0, MAX_NAME).strip();
            }
            if (!piece.chars().anyMatch(Character::isLetter) || byName.containsKey(piece)) {
                continue;
            }
            byName.put(piece, new Ingredient(piece, quantity, Pantry.kindOf(piece)));
            if (byName.size() == MAX) {
                break;
            }
        }
        return new ArrayList<>(byName.values());
    }

    /**
     * The ingredient-list line: the user's quantity, else the pantry's.
     *
     * @return e.g. {@code 400 g chicken}, {@code 3 cloves of garlic}, {@code 1 can of chickpeas (400 g), drained}
     */
    String line() {
        String amount = quantity != null ? quantity : Pantry.quantityOf(name);
        if (amount.equals("to taste")) {
            return capitalize(name) + ", to taste";
        }
        int cut = amount.length();
        for (String mark : new String[] {" (", ", "}) {
            int at = amount.indexOf(mark);
            if (at > 0 && at < cut) {
                cut = at;
            }
        }
        String main = amount.substring(0, cut);
        String rest = amount.substring(cut);
        String last = main.substring(main.lastIndexOf(' ') + 1);
        String noun = COUNT.matcher(main).matches() && Integer.parseInt(main) > 1 ? plural(name) : name;
        return main + (UNITS_WITH_OF.contains(last) ? " of " : " ") + noun + rest;
    }

    private static final Pattern COUNT = Pattern.compile("\\d{1,3}");
    private static final java.util.Set<String> UNITS_WITH_OF = java.util.Set.of("fillets", "fillet", "can", "cans",
            "block", "head", "bunch", "handfuls", "handful", "cloves", "clove", "rashers", "sticks", "piece", "ball", "cup",
            "cups", "steaks", "litre", "tin");

    private static String plural(String noun) {
        if (noun.endsWith("s") || noun.endsWith("i")) {
            return noun;
        }
        if (noun.endsWith("o") || noun.endsWith("ch") || noun.endsWith("sh") || noun.endsWith("x")) {
            return noun + "es";
        }
        if (noun.endsWith("y") && noun.length() > 1 && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun + "s";
    }

    /**
     * The name with a capital first letter of each word, for titles.
     *
     * @return e.g. {@code Chicken Thighs}
     */
    String titleName() {
        StringBuilder out = new StringBuilder();
        for (String word : name.split(" ")) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(capitalize(word));
        }
        return out.toString();
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
