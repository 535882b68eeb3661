package io.github.bedrockposthog.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline cook's kitchen knowledge: what kind of ingredient a name is and how much of it a recipe for a few
 * people takes. Keyword-based: the keyword ending last wins ("chicken stock" is stock), then the longer one.
 */
final class Pantry {

    /** What an ingredient is, as far as cooking it goes. */
    enum Kind {
        MEAT, SEAFOOD, LEGUME, TOFU, EGG, PASTA, GRAIN, AROMATIC, VEGETABLE, LEAFY, HERB, SPICE, CHEESE, DAIRY, BROTH,
        SAUCE, ACID, SWEET, FLOUR, FRUIT, NUT, FAT, OTHER
    }

    /** One keyword and what it tells. */
    private record Entry(String keyword, Kind kind, String quantity, Pattern pattern) {
    }

    private static final List<Entry> ENTRIES = new ArrayList<>();

    static {
        meat("chicken", "400 g");
        meat("beef", "400 g");
        meat("steak", "2 (about 400 g)");
        meat("pork", "400 g");
        meat("lamb", "400 g");
        meat("turkey", "400 g");
        meat("sausage", "4");
        meat("bacon", "4 rashers");
        meat("ham", "150 g");
        meat("chorizo", "100 g");
        add("salmon", Kind.SEAFOOD, "2 fillets (about 300 g)");
        add("tuna", Kind.SEAFOOD, "1 can (160 g)");
        add("cod", Kind.SEAFOOD, "2 fillets (about 300 g)");
        add("fish", Kind.SEAFOOD, "2 fillets (about 300 g)");
        add("shrimp", Kind.SEAFOOD, "300 g");
        add("prawn", Kind.SEAFOOD, "300 g");
        add("tofu", Kind.TOFU, "1 block (400 g), pressed");
        add("tempeh", Kind.TOFU, "200 g");
        add("chickpea", Kind.LEGUME, "1 can (400 g), drained");
        add("lentil", Kind.LEGUME, "1 cup (200 g), rinsed");
        add("bean", Kind.LEGUME, "1 can (400 g), drained");
        add("green bean", Kind.VEGETABLE, "200 g");
        add("egg", Kind.EGG, "4");
        for (String pasta : new String[] {"pasta", "spaghetti", "penne", "fusilli", "linguine", "macaroni", "noodle", "tagliatelle", "rigatoni", "orzo"}) {
            add(pasta, Kind.PASTA, "250 g");
        }
        for (String grain : new String[] {"rice", "quinoa", "couscous", "barley", "bulgur", "farro"}) {
            add(grain, Kind.GRAIN, "1 cup (200 g)");
        }
        add("garlic", Kind.AROMATIC, "3 cloves");
        add("onion", Kind.AROMATIC, "1");
        add("red onion", Kind.AROMATIC, "1");
        add("spring onion", Kind.AROMATIC, "3");
        add("scallion", Kind.AROMATIC, "3");
        add("shallot", Kind.AROMATIC, "2");
        add("leek", Kind.AROMATIC, "1");
        add("ginger", Kind.AROMATIC, "1 thumb-sized piece");
        add("chili", Kind.AROMATIC, "1");
        add("chilli", Kind.AROMATIC, "1");
        add("jalapeno", Kind.AROMATIC, "1");
        add("jalapeño", Kind.AROMATIC, "1");
        add("celery", Kind.AROMATIC, "2 sticks");
        add("tomato", Kind.VEGETABLE, "3");
        add("cherry tomato", Kind.VEGETABLE, "250 g");
        add("pepper", Kind.VEGETABLE, "2");
        add("bell pepper", Kind.VEGETABLE, "2");
        add("carrot", Kind.VEGETABLE, "2");
        add("zucchini", Kind.VEGETABLE, "2");
        add("courgette", Kind.VEGETABLE, "2");
        add("broccoli", Kind.VEGETABLE, "1 head (about 300 g)");
        add("cauliflower", Kind.VEGETABLE, "1 small head");
        add("mushroom", Kind.VEGETABLE, "250 g");
        add("potato", Kind.VEGETABLE, "500 g");
        add("sweet potato", Kind.VEGETABLE, "2");
        add("eggplant", Kind.VEGETABLE, "1");
        add("aubergine", Kind.VEGETABLE, "1");
        add("pea", Kind.VEGETABLE, "1 cup (150 g)");
        add("corn", Kind.VEGETABLE, "1 cup (150 g)");
        add("cabbage", Kind.VEGETABLE, "1/2 small head");
        add("asparagus", Kind.VEGETABLE, "1 bunch");
        add("squash", Kind.VEGETABLE, "500 g");
        add("pumpkin", Kind.VEGETABLE, "500 g");
        add("cucumber", Kind.VEGETABLE, "1");
        add("avocado", Kind.VEGETABLE, "1");
        add("beetroot", Kind.VEGETABLE, "2");
        add("spinach", Kind.LEAFY, "2 big handfuls");
        add("kale", Kind.LEAFY, "1 bunch");
        add("lettuce", Kind.LEAFY, "1 head");
        add("arugula", Kind.LEAFY, "2 handfuls");
        add("rocket", Kind.LEAFY, "2 handfuls");
        add("chard", Kind.LEAFY, "1 bunch");
        for (String herb : new String[] {"basil", "parsley", "cilantro", "coriander", "thyme", "rosemary", "oregano", "mint", "dill", "chives", "sage"}) {
            add(herb, Kind.HERB, "1 small bunch");
        }
        for (String spice : new String[] {"cumin", "paprika", "curry", "turmeric", "cinnamon", "chili flakes", "chilli flakes", "garam masala", "nutmeg", "five spice"}) {
            add(spice, Kind.SPICE, "1 tsp");
        }
        add("cheese", Kind.CHEESE, "80 g, grated");
        add("parmesan", Kind.CHEESE, "40 g, grated");
        add("cheddar", Kind.CHEESE, "80 g, grated");
        add("mozzarella", Kind.CHEESE, "1 ball (125 g)");
        add("feta", Kind.CHEESE, "100 g, crumbled");
        add("goat cheese", Kind.CHEESE, "100 g");
        add("milk", Kind.DAIRY, "250 ml");
        add("cream", Kind.DAIRY, "150 ml");
        add("yogurt", Kind.DAIRY, "150 g");
        add("yoghurt", Kind.DAIRY, "150 g");
        add("coconut milk", Kind.BROTH, "1 can (400 ml)");
        add("stock", Kind.BROTH, "1 litre");
        add("broth", Kind.BROTH, "1 litre");
        add("wine", Kind.BROTH, "125 ml");
        add("soy sauce", Kind.SAUCE, "2 tbsp");
        add("tomato sauce", Kind.SAUCE, "1 cup (250 ml)");
        add("passata", Kind.SAUCE, "1 cup (250 ml)");
        add("pesto", Kind.SAUCE, "3 tbsp");
        add("mustard", Kind.SAUCE, "1 tsp");
        add("honey", Kind.SWEET, "1 tbsp");
        add("maple syrup", Kind.SWEET, "2 tbsp");
        add("sugar", Kind.SWEET, "100 g");
        add("chocolate", Kind.SWEET, "100 g, chopped");
        add("lemon", Kind.ACID, "1");
        add("lime", Kind.ACID, "1");
        add("vinegar", Kind.ACID, "1 tbsp");
        add("flour", Kind.FLOUR, "200 g");
        add("oat", Kind.FLOUR, "150 g");
        add("baking powder", Kind.FLOUR, "2 tsp");
        for (String fruit : new String[] {"apple", "banana", "mango", "pear", "peach", "orange"}) {
            add(fruit, Kind.FRUIT, "2");
        }
        for (String berry : new String[] {"berry", "berries", "strawberr", "blueberr", "raspberr"}) {
            add(berry, Kind.FRUIT, "1 cup (150 g)");
        }
        for (String nut : new String[] {"almond", "walnut", "cashew", "peanut", "pecan", "pine nut", "sesame"}) {
            add(nut, Kind.NUT, "30 g, toasted");
        }
        add("black pepper", Kind.SPICE, "to taste");
        add("pepper flakes", Kind.SPICE, "1/2 tsp");
        add("chili powder", Kind.SPICE, "1 tsp");
        add("fish sauce", Kind.SAUCE, "1 tbsp");
        add("oil", Kind.FAT, "2 tbsp");
        add("olive oil", Kind.FAT, "2 tbsp");
        add("butter", Kind.FAT, "30 g");
        add("peanut butter", Kind.SAUCE, "2 tbsp");
        ENTRIES.sort(Comparator.comparingInt((Entry e) -> e.keyword().length()).reversed());
    }

    private Pantry() {
    }

    /**
     * What kind of ingredient a name is.
     *
     * @param name a lowercase ingredient name
     * @return the kind, {@link Kind#OTHER} when unknown
     */
    static Kind kindOf(String name) {
        Entry entry = lookup(name);
        return entry == null ? Kind.OTHER : entry.kind();
    }

    /**
     * How much of an ingredient a recipe for three or four takes.
     *
     * @param name a lowercase ingredient name
     * @return e.g. {@code 400 g}
     */
    static String quantityOf(String name) {
        Entry entry = lookup(name);
        return entry == null ? "1 cup" : entry.quantity();
    }

    /**
     * The keyword that ends last names the thing ("chicken stock" is stock, "egg noodles" are noodles); of two ending
     * at the same place, the longer ("sweet potato" before "potato").
     */
    private static Entry lookup(String name) {
        String text = name.toLowerCase(Locale.ROOT);
        Entry best = null;
        int bestEnd = -1;
        for (Entry entry : ENTRIES) {
            Matcher m = entry.pattern().matcher(text);
            int end = -1;
            while (m.find()) {
                end = m.end();
            }
            if (end > bestEnd) { // ENTRIES is sorted longest first, so a tie keeps the longer keyword
                best = entry;
                bestEnd = end;
            }
        }
        return best;
    }

    private static void meat(String keyword, String quantity) {
        add(keyword, Kind.MEAT, quantity);
    }

    private static void add(String keyword, Kind kind, String quantity) {
        // a whole word, optionally plural: "tomato" matches "tomatoes", not "tomatillo"
        Pattern pattern = Pattern.compile("(?<![\\p{L}])" + Pattern.quote(keyword) + "(?:s|es|ies)?(?![\\p{L}])");
        if (keyword.endsWith("err")) { // "strawberr" matches strawberry and strawberries
            pattern = Pattern.compile("(?<![\\p{L}])" + Pattern.quote(keyword) + "(?:y|ies)(?![\\p{L}])");
        }
        ENTRIES.add(new Entry(keyword, kind, quantity, pattern));
    }
}
