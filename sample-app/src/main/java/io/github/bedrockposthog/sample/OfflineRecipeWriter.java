package io.github.bedrockposthog.sample;

import io.github.bedrockposthog.sample.Pantry.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the recipe the offline "model" answers with: a title, servings and times, the ingredient list (the
 * user's, with quantities, plus pantry basics) and numbered steps that use every ingredient. The dish (stir-fry,
 * traybake, pasta, grain bowl, soup, salad, frittata or a sweet bake) follows from the ingredients; the same
 * ingredients always give the same recipe.
 */
final class OfflineRecipeWriter {

    /** The kinds of dish the offline cook knows. */
    enum Dish { STIR_FRY, TRAY_BAKE, PASTA, GRAIN, SOUP, SALAD, FRITTATA, SWEET_BAKE }

    /** Unknown ingredients are cooked like vegetables. */
    private static final Kind[] VEG = {Kind.VEGETABLE, Kind.OTHER};
    /** Vegetables used whole. */
    private static final String[] WHOLE = {"pea", "peas", "corn", "cherry tomato", "cherry tomatoes", "edamame"};
    private static final String FALLBACK_INGREDIENTS = "spaghetti, garlic, cherry tomatoes, basil";
    private static final String[] PLAIN_ADJECTIVES = {"Easy", "Weeknight", "Rustic", "Golden", "Simple", "Cosy"};
    /** Vegetables that need the oven (or a pot), never a quick stir-fry. */
    private static final String[] HARD_VEGETABLES = {"potato", "squash", "pumpkin", "beetroot", "parsnip"};
    /** Vegetables that are better cooked than raw in a salad. */
    private static final String[] COOKING_VEGETABLES = {"eggplant", "aubergine", "cauliflower", "broccoli", "mushroom",
        "carrot", "zucchini", "courgette", "green bean", "asparagus", "cabbage"};
    private static final String[] TIPS = {
        "Taste as you go: a pinch of salt or a squeeze of lemon at the end lifts almost any dish.",
        "Cut everything to a similar size so it cooks evenly.",
        "Leftovers keep for up to 3 days in a covered container in the fridge.",
        "Get everything chopped and measured before you turn on the heat; the cooking goes quickly.",
        "Let the pan get properly hot before anything goes in, for colour and flavour."
    };

    /**
     * The recipe for these ingredients.
     *
     * @param ingredientsText what the user typed, e.g. {@code chicken, broccoli, garlic}
     * @return the recipe text
     */
    String write(String ingredientsText) {
        List<Ingredient> items = Ingredient.parse(ingredientsText);
        String intro = "";
        if (items.isEmpty()) {
            intro = "I couldn't find ingredients in that list, so here is a pantry classic.\n\n";
            items = Ingredient.parse(FALLBACK_INGREDIENTS);
        }
        Random random = new Random(seed(items));
        Basket basket = new Basket(items);
        Dish dish = dishFor(basket, random);
        boolean loaf = random.nextBoolean();
        String fat = basket.has(Kind.FAT) ? basket.of(Kind.FAT).get(0).name()
                : dish == Dish.SWEET_BAKE ? "butter" : "olive oil";

        List<String> steps = new ArrayList<>();
        switch (dish) {
            case PASTA -> pasta(basket, fat, steps);
            case GRAIN -> grain(basket, fat, steps);
            case SOUP -> soup(basket, fat, steps);
            case SALAD -> salad(basket, fat, steps);
            case FRITTATA -> frittata(basket, fat, steps);
            case SWEET_BAKE -> sweetBake(basket, fat, steps, loaf);
            case TRAY_BAKE -> trayBake(basket, fat, steps);
            default -> stirFry(basket, fat, steps);
        }
        finish(basket, dish, steps);

        StringBuilder out = new StringBuilder(intro);
        out.append(title(basket, dish, loaf, random)).append("\n\n");
        int prep = 10 + 5 * random.nextInt(2);
        int cook = cookMinutes(dish, basket, loaf);
        out.append("Serves ").append(2 + random.nextInt(3)).append(" · Prep ").append(prep).append(" min · ")
                .append(cook == 0 ? "No cooking" : "Cook " + cook + " min").append("\n\n");
        out.append("Ingredients:\n");
        for (Ingredient item : items) {
            out.append("- ").append(item.line()).append('\n');
        }
        for (String extra : pantryExtras(basket, dish)) {
            out.append("- ").append(extra).append('\n');
        }
        out.append("\nInstructions:\n");
        for (int i = 0; i < steps.size(); i++) {
            out.append(i + 1).append(". ").append(steps.get(i)).append('\n');
        }
        out.append("\nTip: ").append(TIPS[random.nextInt(TIPS.length)]);
        return out.toString();
    }

    static Dish dishFor(Basket b, Random random) {
        boolean animal = b.has(Kind.MEAT, Kind.SEAFOOD);
        if (b.has(Kind.FLOUR) && !animal && (b.has(Kind.SWEET, Kind.FRUIT) || b.of(Kind.FLOUR).size() >= 2)) {
            return Dish.SWEET_BAKE;
        }
        if (b.has(Kind.PASTA)) {
            return Dish.PASTA;
        }
        if (b.has(Kind.GRAIN)) {
            return Dish.GRAIN;
        }
        if (b.has(Kind.BROTH) || (b.has(Kind.LEGUME) && !animal && !b.has(Kind.TOFU))) {
            return Dish.SOUP;
        }
        if (b.has(Kind.EGG) && !animal && !b.has(Kind.TOFU)) {
            return Dish.FRITTATA;
        }
        boolean hard = hasVegetable(b, HARD_VEGETABLES);
        if (b.has(Kind.LEAFY) && !hard && !hasVegetable(b, COOKING_VEGETABLES)) {
            return Dish.SALAD;
        }
        if (hard) {
            return Dish.TRAY_BAKE;
        }
        return random.nextBoolean() ? Dish.STIR_FRY : Dish.TRAY_BAKE;
    }

    // ---- dishes ------------------------------------------------------------------------------------------------

    private static void stirFry(Basket b, String fat, List<String> steps) {
        prepare(b, steps, "into bite-sized pieces");
        List<Ingredient> protein = b.of(Kind.MEAT, Kind.SEAFOOD, Kind.TOFU, Kind.LEGUME);
        if (!protein.isEmpty()) {
            steps.add("Pat " + b.name(protein) + " dry, cut into bite-sized pieces if needed and season with a pinch of salt and pepper.");
            steps.add("Heat 1 tablespoon of the " + fat + " in a wok or large frying pan over high heat. Stir-fry "
                    + b.name(protein) + " for " + cookTime(protein) + " until golden and cooked through, then set aside.");
        }
        if (b.has(Kind.AROMATIC)) {
            steps.add("Add the rest of the " + fat + " with " + b.name(Kind.AROMATIC) + " and stir-fry for 30 seconds, until fragrant.");
        } else if (protein.isEmpty()) {
            steps.add("Heat the " + fat + " in a wok or large frying pan over high heat.");
        }
        if (b.has(VEG)) {
            steps.add("Add " + b.name(VEG) + " and stir-fry for 3–4 minutes, until bright and just tender.");
        }
        if (b.has(Kind.LEAFY)) {
            steps.add("Toss in " + b.name(Kind.LEAFY) + " and let it wilt for a minute.");
        }
        sauce(b, steps, "Stir in %s with 2 tablespoons of water and let it bubble for a minute.");
        if (!protein.isEmpty()) {
            steps.add("Return " + b.name(protein) + " to the pan and toss everything together until hot and glossy.");
        }
    }

    private static void trayBake(Basket b, String fat, List<String> steps) {
        steps.add("Heat the oven to 200°C (400°F).");
        String vegetables = b.name(VEG);
        String aromatics = b.name(Kind.AROMATIC);
        if (vegetables.isEmpty()) {
            steps.add("Line a large baking tray with baking paper" + (aromatics.isEmpty() ? "." : " and scatter over "
                    + aromatics + ", roughly chopped."));
        } else {
            steps.add("Cut " + vegetables + " into even chunks and spread them over a large baking tray"
                    + (aromatics.isEmpty() ? "." : " with " + aromatics + ", roughly chopped."));
        }
        String spices = b.name(Kind.SPICE, Kind.HERB);
        steps.add("Drizzle with the " + fat + ", season with salt and pepper" + (spices.isEmpty() ? "" : " and " + spices)
                + ", and toss to coat.");
        List<Ingredient> protein = b.of(Kind.MEAT, Kind.SEAFOOD, Kind.TOFU, Kind.LEGUME);
        if (!protein.isEmpty()) {
            String glaze = b.name(Kind.SAUCE, Kind.SWEET, Kind.ACID);
            steps.add("Nestle " + b.name(protein) + " among the vegetables"
                    + (glaze.isEmpty() ? "" : " and brush with " + glaze) + ".");
        } else {
            String glaze = b.name(Kind.SAUCE, Kind.SWEET, Kind.ACID);
            if (!glaze.isEmpty()) {
                steps.add("Spoon " + glaze + " over the vegetables.");
            }
        }
        boolean seafoodOnly = !protein.isEmpty() && b.of(Kind.MEAT, Kind.TOFU, Kind.LEGUME).isEmpty();
        steps.add("Roast for " + (seafoodOnly ? "20" : "30–35") + " minutes, turning halfway, until "
                + (protein.isEmpty() ? "" : "everything is cooked through and ") + "the edges are caramelised.");
        if (b.has(Kind.LEAFY)) {
            steps.add("Stir " + b.name(Kind.LEAFY) + " through the hot tray so it wilts.");
        }
    }

    private static void pasta(Basket b, String fat, List<String> steps) {
        steps.add("Bring a large pot of salted water to the boil and cook " + b.name(Kind.PASTA)
                + " until al dente. Reserve a mug of the cooking water, then drain.");
        prepare(b, steps, "into small pieces");
        List<Ingredient> protein = b.of(Kind.MEAT, Kind.SEAFOOD, Kind.TOFU, Kind.LEGUME);
        if (protein.isEmpty()) {
            steps.add("Meanwhile, heat the " + fat + " in a large frying pan over medium heat.");
        } else {
            steps.add("Meanwhile, heat the " + fat + " in a large frying pan over medium-high heat and cook "
                    + b.name(protein) + " for " + cookTime(protein) + " until golden.");
        }
        if (b.has(Kind.AROMATIC)) {
            steps.add("Add " + b.name(Kind.AROMATIC) + " and cook for 1–2 minutes, until soft and fragrant.");
        }
        if (b.has(VEG)) {
            steps.add("Add " + b.name(VEG) + " and cook for 5–6 minutes, until softened.");
        }
        String sauce = b.name(Kind.SAUCE, Kind.BROTH, Kind.DAIRY, Kind.SPICE);
        if (!sauce.isEmpty()) {
            steps.add("Stir in " + sauce + " and simmer for 3 minutes.");
        }
        if (b.has(Kind.LEAFY)) {
            steps.add("Stir in " + b.name(Kind.LEAFY) + " until wilted.");
        }
        steps.add("Tip in the drained pasta with a splash of the cooking water and toss until every strand is glossy.");
    }

    private static void grain(Basket b, String fat, List<String> steps) {
        List<Ingredient> grains = b.of(Kind.GRAIN);
        boolean friedRice = grains.get(0).name().contains("rice") && b.has(Kind.EGG);
        if (friedRice) {
            steps.add("Cook " + b.name(grains) + " (or use leftover cooked rice), spread it on a tray and let it cool: cold rice fries best.");
        } else {
            steps.add("Rinse " + b.name(grains) + " and simmer in twice its volume of salted water, covered, until tender (15–20 minutes). Fluff with a fork.");
        }
        prepare(b, steps, "into small pieces");
        List<Ingredient> protein = b.of(Kind.MEAT, Kind.SEAFOOD, Kind.TOFU, Kind.LEGUME);
        if (!protein.isEmpty()) {
            steps.add("Heat half the " + fat + " in a large frying pan over high heat and cook " + b.name(protein)
                    + " for " + cookTime(protein) + ", then set aside.");
        }
        String base = b.name(b.of(Kind.AROMATIC, Kind.VEGETABLE, Kind.OTHER));
        String pan = protein.isEmpty() ? "Heat the " + fat + " in a large frying pan over medium-high heat"
                : "Add the rest of the " + fat + " to the pan";
        steps.add(pan + (base.isEmpty() ? "." : " and cook " + base + " for 4–5 minutes, until tender."));
        if (friedRice) {
            steps.add("Push everything to one side, add " + b.name(Kind.EGG) + ", scramble until just set, then stir through.");
        }
        String sauce = b.name(Kind.SAUCE, Kind.SPICE, Kind.ACID, Kind.SWEET);
        steps.add("Add the cooked " + grains.get(0).name() + (sauce.isEmpty() ? "" : " and " + sauce)
                + " and toss over high heat for 2–3 minutes" + (protein.isEmpty() ? "." : ", returning " + b.name(protein) + " to the pan."));
        if (b.has(Kind.LEAFY)) {
            steps.add("Fold in " + b.name(Kind.LEAFY) + " until just wilted.");
        }
    }

    private static void soup(Basket b, String fat, List<String> steps) {
        prepare(b, steps, "into small dice");
        if (b.has(Kind.AROMATIC)) {
            steps.add("Heat the " + fat + " in a large pot over medium heat and soften " + b.name(Kind.AROMATIC) + " for 5 minutes.");
        } else {
            steps.add("Heat the " + fat + " in a large pot over medium heat.");
        }
        List<Ingredient> early = b.of(Kind.MEAT, Kind.TOFU);
        if (!early.isEmpty()) {
            steps.add("Add " + b.name(early) + " and cook for 4–5 minutes, stirring, until lightly browned.");
        }
        String liquid = b.has(Kind.BROTH) ? b.name(Kind.BROTH) : "1 litre of water";
        String spices = b.name(Kind.SPICE, Kind.SAUCE);
        String vegetables = b.name(VEG);
        steps.add((vegetables.isEmpty() ? "Stir in" : "Stir in " + vegetables)
                + (spices.isEmpty() ? "" : (vegetables.isEmpty() ? " " : " with ") + spices)
                + (vegetables.isEmpty() && spices.isEmpty() ? " a pinch of salt" : "") + " for 2 minutes, then pour in " + liquid + ".");
        String slow = b.name(Kind.LEGUME, Kind.GRAIN, Kind.PASTA);
        steps.add("Bring to the boil" + (slow.isEmpty() ? "" : ", add " + slow)
                + ", then simmer gently for 20–25 minutes, until everything is tender.");
        if (b.has(Kind.SEAFOOD)) {
            steps.add("Add " + b.name(Kind.SEAFOOD) + " for the last 3–4 minutes, until just cooked.");
        }
        if (b.has(Kind.LEAFY)) {
            steps.add("Stir in " + b.name(Kind.LEAFY) + " for the final 2 minutes.");
        }
        if (b.has(Kind.DAIRY)) {
            steps.add("Stir in " + b.name(Kind.DAIRY) + " and warm through without boiling.");
        }
        String acid = b.name(Kind.ACID, Kind.SWEET);
        steps.add("Blend half of the soup for a creamier texture if you like, then season to taste"
                + (acid.isEmpty() ? "." : " with salt, pepper and " + acid + "."));
    }

    private static void salad(Basket b, String fat, List<String> steps) {
        steps.add("Wash and dry " + b.name(Kind.LEAFY) + ", then spread over a large platter.");
        List<Ingredient> raw = b.of(Kind.VEGETABLE, Kind.AROMATIC, Kind.FRUIT);
        if (!raw.isEmpty()) {
            steps.add("Thinly slice " + b.name(raw) + " and scatter over the leaves.");
        }
        if (b.has(Kind.MEAT, Kind.SEAFOOD)) {
            List<Ingredient> cooked = b.of(Kind.MEAT, Kind.SEAFOOD);
            steps.add("Season " + b.name(cooked) + " and cook in a hot pan with a little of the " + fat + " for "
                    + cookTime(cooked) + ", turning once. Rest for 5 minutes, then slice.");
        }
        if (b.has(Kind.LEGUME, Kind.TOFU)) {
            steps.add("Drain " + b.name(Kind.LEGUME, Kind.TOFU) + ", pat dry and add to the salad.");
        }
        if (b.has(Kind.EGG)) {
            steps.add("Boil " + b.name(Kind.EGG) + " for 8 minutes, cool in cold water, peel and quarter.");
        }
        String acid = b.has(Kind.ACID) ? juiceOf(b) : "1 tablespoon of vinegar";
        String extras = b.name(Kind.SAUCE, Kind.SWEET, Kind.SPICE);
        steps.add("Whisk the " + fat + " with " + acid + (extras.isEmpty() ? "" : ", " + extras)
                + " and a pinch of salt and pepper to make a dressing.");
        steps.add("Drizzle the dressing over the salad and toss gently just before serving.");
    }

    private static void frittata(Basket b, String fat, List<String> steps) {
        steps.add("Heat the grill (broiler) to high.");
        String dairy = b.name(Kind.DAIRY);
        steps.add("Whisk " + b.name(Kind.EGG) + " with a pinch of salt and pepper" + (dairy.isEmpty() ? "" : " and " + dairy) + ".");
        String base = b.name(b.of(Kind.AROMATIC, Kind.VEGETABLE, Kind.OTHER));
        steps.add("Heat the " + fat + " in an ovenproof frying pan over medium heat"
                + (base.isEmpty() ? "." : " and cook " + base + " for 5–6 minutes, until soft."));
        if (b.has(Kind.LEAFY)) {
            steps.add("Add " + b.name(Kind.LEAFY) + " and stir until wilted.");
        }
        steps.add("Pour in the eggs, tilt the pan to spread them evenly and cook without stirring for 4–5 minutes, until the edges set.");
        String cheese = b.name(Kind.CHEESE);
        steps.add((cheese.isEmpty() ? "Slide" : "Scatter over " + cheese + ", then slide")
                + " the pan under the grill for 2–3 minutes, until puffed and golden.");
        steps.add("Rest for 2 minutes, then cut into wedges.");
    }

    private static void sweetBake(Basket b, String fat, List<String> steps, boolean loaf) {
        steps.add("Heat the oven to 180°C (350°F) and line " + (loaf ? "a loaf tin with baking paper." : "a 12-hole muffin tin with paper cases."));
        String spices = b.name(Kind.SPICE);
        steps.add("In a large bowl, mix " + b.name(Kind.FLOUR) + " with a pinch of salt" + (spices.isEmpty() ? "" : " and " + spices) + ".");
        List<String> wet = new ArrayList<>();
        wet.add(b.has(Kind.EGG) ? b.name(Kind.EGG) : "the eggs");
        if (b.has(Kind.DAIRY)) {
            wet.add(b.name(Kind.DAIRY));
        }
        wet.add(fat.equals("butter") ? "the melted butter" : "the " + fat);
        wet.add(b.has(Kind.SWEET) ? b.name(Kind.SWEET) : "the sugar");
        steps.add("In another bowl, whisk " + Basket.join(wet) + " until smooth.");
        if (b.has(Kind.FRUIT)) {
            steps.add("Mash or chop " + b.name(Kind.FRUIT) + ".");
        }
        String fold = b.name(b.of(Kind.FRUIT, Kind.NUT, Kind.OTHER, Kind.VEGETABLE));
        steps.add("Fold the wet ingredients into the dry until just combined" + (fold.isEmpty() ? "" : ", then fold in " + fold) + ".");
        steps.add((loaf ? "Scrape into the tin and bake for 45–50 minutes" : "Spoon into the cases and bake for 20–25 minutes")
                + ", until risen and a skewer comes out clean.");
        steps.add("Cool in the tin for 10 minutes, then on a wire rack.");
    }

    // ---- shared steps ------------------------------------------------------------------------------------------

    private static void prepare(Basket b, List<String> steps, String cut) {
        List<Ingredient> toCut = new ArrayList<>();
        for (Ingredient item : b.of(VEG)) {
            if (!List.of(WHOLE).contains(item.name())) {
                toCut.add(item);
            }
        }
        String vegetables = b.name(toCut);
        String aromatics = b.name(Kind.AROMATIC);
        if (!vegetables.isEmpty() && !aromatics.isEmpty()) {
            steps.add("Cut " + vegetables + " " + cut + " and finely chop " + aromatics + ".");
        } else if (!vegetables.isEmpty()) {
            steps.add("Cut " + vegetables + " " + cut + ".");
        } else if (!aromatics.isEmpty()) {
            steps.add("Finely chop " + aromatics + ".");
        }
    }

    private static void sauce(Basket b, List<String> steps, String template) {
        String sauce = b.name(Kind.SAUCE, Kind.SWEET, Kind.ACID, Kind.SPICE, Kind.BROTH, Kind.DAIRY);
        if (sauce.isEmpty()) {
            steps.add("Add a splash of water and season with salt and pepper.");
        } else {
            steps.add(String.format(template, sauce));
        }
    }

    /** Brings in whatever no step used yet, then the garnish and the serving. */
    private static void finish(Basket b, Dish dish, List<String> steps) {
        List<Ingredient> rest = new ArrayList<>();
        for (Ingredient item : b.unmentioned()) {
            if (item.kind() != Kind.HERB && item.kind() != Kind.CHEESE && item.kind() != Kind.NUT && item.kind() != Kind.FAT) {
                rest.add(item);
            }
        }
        if (!rest.isEmpty()) {
            steps.add(dish == Dish.SALAD || dish == Dish.SWEET_BAKE
                    ? "Add " + b.name(rest) + " to serve alongside."
                    : "Fold in " + b.name(rest) + " and warm through for a minute.");
        }
        List<String> garnish = new ArrayList<>();
        List<Ingredient> herbs = unmentioned(b, Kind.HERB);
        if (!herbs.isEmpty()) {
            garnish.add("scattered with " + b.name(herbs));
        }
        List<Ingredient> cheese = unmentioned(b, Kind.CHEESE);
        if (!cheese.isEmpty()) {
            garnish.add("topped with " + b.name(cheese));
        }
        List<Ingredient> nuts = unmentioned(b, Kind.NUT);
        if (!nuts.isEmpty()) {
            garnish.add("sprinkled with " + b.name(nuts));
        }
        String serve = switch (dish) {
            case SOUP -> "Ladle into bowls and serve hot";
            case SALAD -> "Serve straight away";
            case SWEET_BAKE -> "Serve warm or cooled";
            case TRAY_BAKE -> "Serve straight from the tray";
            case FRITTATA -> "Serve warm or at room temperature";
            default -> "Serve hot";
        };
        steps.add(serve + (garnish.isEmpty() ? "" : ", " + Basket.join(garnish)) + ".");
    }

    /** "the juice of the lemon" for citrus, else "the vinegar". */
    private static String juiceOf(Basket b) {
        List<Ingredient> acids = b.of(Kind.ACID);
        String named = b.name(acids);
        String first = acids.get(0).name();
        boolean citrus = acids.size() == 1 && (first.contains("lemon") || first.contains("lime"));
        return citrus ? "the juice of " + named : named;
    }

    /** "Tomatoes" -> "Tomato", "Lentils" -> "Lentil", "Berries" -> "Berry"; "Asparagus" stays. */
    static String singular(String word) {
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith("ies") && word.length() > 4) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (lower.endsWith("oes") || lower.endsWith("ches") || lower.endsWith("shes")) {
            return word.substring(0, word.length() - 2);
        }
        if (lower.endsWith("s") && !lower.endsWith("ss") && !lower.endsWith("us") && word.length() > 3) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    private static List<Ingredient> unmentioned(Basket b, Kind kind) {
        List<Ingredient> found = new ArrayList<>();
        for (Ingredient item : b.unmentioned()) {
            if (item.kind() == kind) {
                found.add(item);
            }
        }
        return found;
    }

    // ---- title, times, pantry ----------------------------------------------------------------------------------

    private static String title(Basket b, Dish dish, boolean loaf, Random random) {
        List<String> headline = new ArrayList<>();
        List<Ingredient> protein = b.of(Kind.MEAT, Kind.SEAFOOD, Kind.TOFU, Kind.LEGUME);
        if (!protein.isEmpty()) {
            headline.add(singular(protein.get(0).titleName()));
        }
        for (Ingredient item : b.of(Kind.VEGETABLE, Kind.LEAFY, Kind.FRUIT, Kind.CHEESE, Kind.OTHER)) {
            if (headline.size() == 2) {
                break;
            }
            headline.add(singular(item.titleName()));
        }
        String adjective = adjective(b, dish, random);
        String main = String.join(" and ", headline);
        return (adjective + " " + main + " " + dishName(b, dish, loaf, random)).replaceAll(" {2,}", " ").strip();
    }

    private static String adjective(Basket b, Dish dish, Random random) {
        for (Ingredient item : b.all()) {
            String n = item.name();
            if (n.contains("garlic")) {
                return "Garlicky";
            }
            if (n.contains("chili") || n.contains("chilli") || n.contains("jalape")) {
                return "Spicy";
            }
            if (n.contains("lemon") || n.contains("lime")) {
                return "Zesty";
            }
            if (n.contains("honey") || n.contains("maple")) {
                return "Sticky";
            }
        }
        if (b.has(Kind.HERB)) {
            return "Herby";
        }
        if (b.has(Kind.SPICE)) {
            return "Spiced";
        }
        if (dish == Dish.SOUP) {
            return "Hearty";
        }
        return PLAIN_ADJECTIVES[random.nextInt(PLAIN_ADJECTIVES.length)];
    }

    private static String dishName(Basket b, Dish dish, boolean loaf, Random random) {
        return switch (dish) {
            case STIR_FRY -> "Stir-Fry";
            case TRAY_BAKE -> random.nextBoolean() ? "Traybake" : "Sheet-Pan Roast";
            case PASTA -> {
                String pasta = b.of(Kind.PASTA).get(0).titleName();
                yield pasta.equalsIgnoreCase("pasta") ? "Pasta" : pasta;
            }
            case GRAIN -> {
                String grain = b.of(Kind.GRAIN).get(0).titleName();
                if (grain.toLowerCase().contains("rice")) {
                    yield b.has(Kind.EGG) ? "Fried Rice" : random.nextBoolean() ? "Rice Bowl" : "Pilaf";
                }
                yield grain + " Bowl";
            }
            case SOUP -> b.has(Kind.LEGUME) ? "Stew" : "Soup";
            case SALAD -> "Salad";
            case FRITTATA -> "Frittata";
            case SWEET_BAKE -> loaf ? "Loaf" : "Muffins";
        };
    }

    private static int cookMinutes(Dish dish, Basket b, boolean loaf) {
        return switch (dish) {
            case STIR_FRY -> 15;
            case TRAY_BAKE -> 35;
            case PASTA -> 20;
            case GRAIN -> 25;
            case SOUP -> 35;
            case SALAD -> b.has(Kind.MEAT, Kind.SEAFOOD, Kind.EGG) ? 15 : 0;
            case FRITTATA -> 15;
            case SWEET_BAKE -> loaf ? 50 : 25;
        };
    }

    private static String cookTime(List<Ingredient> protein) {
        Kind first = protein.get(0).kind();
        return switch (first) {
            case SEAFOOD -> "2–3 minutes";
            case TOFU -> "6–8 minutes";
            case LEGUME -> "3–4 minutes";
            default -> "5–7 minutes";
        };
    }

    private static List<String> pantryExtras(Basket b, Dish dish) {
        List<String> extras = new ArrayList<>();
        if (dish == Dish.SWEET_BAKE) {
            if (!b.has(Kind.EGG)) {
                extras.add("2 eggs");
            }
            if (!b.has(Kind.SWEET)) {
                extras.add("100 g sugar");
            }
            if (!b.has(Kind.FAT)) {
                extras.add("80 g butter");
            }
            extras.add("A pinch of salt");
            return extras;
        }
        if (!b.has(Kind.FAT)) {
            extras.add("2 tbsp olive oil");
        }
        extras.add("Salt and black pepper, to taste");
        return extras;
    }

    private static boolean hasVegetable(Basket b, String[] which) {
        for (Ingredient item : b.of(Kind.VEGETABLE)) {
            for (String slow : which) {
                if (item.name().contains(slow)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long seed(List<Ingredient> items) {
        long seed = 1125899906842597L;
        for (Ingredient item : items) {
            seed = 31 * seed + item.name().hashCode();
        }
        return seed;
    }
}
