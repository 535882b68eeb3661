package io.github.bedrockposthog.sample;

import io.github.bedrockposthog.sample.Pantry.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The user's ingredients grouped by kind while a recipe is written, remembering which ones the steps already
 * mention so that none is forgotten.
 */
final class Basket {

    private final List<Ingredient> items;
    private final Set<Ingredient> mentioned = new LinkedHashSet<>();

    Basket(List<Ingredient> items) {
        this.items = List.copyOf(items);
    }

    /** @return every ingredient, in the user's order */
    List<Ingredient> all() {
        return items;
    }

    /**
     * Whether any ingredient is of one of these kinds.
     *
     * @param kinds kinds
     * @return true when present
     */
    boolean has(Kind... kinds) {
        return !of(kinds).isEmpty();
    }

    /**
     * The ingredients of these kinds, in the user's order.
     *
     * @param kinds kinds
     * @return a new list
     */
    List<Ingredient> of(Kind... kinds) {
        Set<Kind> wanted = kinds.length == 0 ? EnumSet.noneOf(Kind.class) : EnumSet.of(kinds[0], kinds);
        List<Ingredient> found = new ArrayList<>();
        for (Ingredient item : items) {
            if (wanted.contains(item.kind())) {
                found.add(item);
            }
        }
        return found;
    }

    /**
     * Names the ingredients of these kinds for a step ("the a, b and c"), marking them mentioned.
     *
     * @param kinds kinds
     * @return the phrase, empty when there are none
     */
    String name(Kind... kinds) {
        return name(of(kinds));
    }

    /**
     * Names these ingredients for a step, marking them mentioned.
     *
     * @param some ingredients
     * @return {@code the a, b and c}, empty when there are none
     */
    String name(List<Ingredient> some) {
        if (some.isEmpty()) {
            return "";
        }
        mentioned.addAll(some);
        List<String> names = new ArrayList<>();
        for (Ingredient item : some) {
            names.add(item.name());
        }
        return "the " + join(names);
    }

    /** @return the ingredients no step mentioned yet */
    List<Ingredient> unmentioned() {
        List<Ingredient> rest = new ArrayList<>(items);
        rest.removeAll(mentioned);
        return rest;
    }

    /**
     * Joins words as English does: "a", "a and b", "a, b and c".
     *
     * @param words words
     * @return the phrase
     */
    static String join(List<String> words) {
        if (words.size() <= 1) {
            return words.isEmpty() ? "" : words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }
}
