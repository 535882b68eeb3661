package io.github.bedrockposthog.internal.pricing;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One immutable set of price entries keyed as in the price file ({@code <model id>}, {@code <geo>.<model id>},
 * {@code <region>/<model id>}, or an ARN), with a second index by key without version so that a model called by
 * another version suffix (or none) still finds its price; and the file's aliases.
 */
final class PriceList {

    static final PriceList EMPTY = new PriceList(Collections.<String, ModelPrice>emptyMap(),
            Collections.<String, String>emptyMap());

    private static final Pattern VERSION = Pattern.compile("\\d+(:\\d+k)?");

    private final Map<String, ModelPrice> exact;
    private final Map<String, ModelPrice> byVersionless;
    private final Map<String, String> aliases;

    PriceList(Map<String, ModelPrice> prices, Map<String, String> aliases) {
        Map<String, ModelPrice> exactMap = new HashMap<>();
        Map<String, String> versionlessSource = new HashMap<>();
        Map<String, ModelPrice> versionlessMap = new HashMap<>();
        for (Map.Entry<String, ModelPrice> e : prices.entrySet()) {
            String key = e.getKey();
            if (key == null || e.getValue() == null) {
                continue;
            }
            exactMap.put(key, e.getValue());
            if (key.startsWith("arn:")) {
                continue;
            }
            String versionless = withoutVersion(key);
            // Several versions of one model: the highest key (latest version) answers, whatever the map order.
            String previous = versionlessSource.get(versionless);
            if (previous == null || previous.compareTo(key) < 0) {
                versionlessSource.put(versionless, key);
                versionlessMap.put(versionless, e.getValue());
            }
        }
        this.exact = exactMap;
        this.byVersionless = versionlessMap;
        Map<String, String> aliasMap = new HashMap<>();
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            if (a.getKey() != null && a.getValue() != null) {
                aliasMap.put(a.getKey(), a.getValue());
            }
        }
        this.aliases = aliasMap;
    }

    /** Prices without aliases ({@code PriceTable.of}). */
    static PriceList ofPrices(Map<String, Price> prices) {
        Map<String, ModelPrice> entries = new HashMap<>();
        for (Map.Entry<String, Price> e : prices.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                entries.put(e.getKey(), ModelPrice.of(e.getValue()));
            }
        }
        return new PriceList(entries, Collections.<String, String>emptyMap());
    }

    /** The entry stored under exactly this key, or {@code null}. */
    ModelPrice exact(String key) {
        return key == null ? null : exact.get(key);
    }

    /** The entry under this key, under it without version, or under any other version of it; or {@code null}. */
    ModelPrice find(String key) {
        ModelPrice price = exact(key);
        if (price == null && key != null) {
            String versionless = withoutVersion(key);
            price = exact(versionless);
            if (price == null) {
                price = byVersionless.get(versionless);
            }
        }
        return price;
    }

    /** The base model id an ARN (or ARN tail) is an alias of, or {@code null}. */
    String alias(String arnOrTail) {
        return arnOrTail == null ? null : aliases.get(arnOrTail);
    }

    int size() {
        return exact.size();
    }

    int aliasCount() {
        return aliases.size();
    }

    /**
     * Drops a trailing {@code :N} version and the {@code :N:200k}-style context variant of provisioned models:
     * {@code us.meta.llama3-1-8b-instruct-v1:0} → {@code us.meta.llama3-1-8b-instruct-v1}.
     */
    static String withoutVersion(String key) {
        int colon = key.indexOf(':', key.lastIndexOf('/') + 1);
        if (colon <= 0) {
            return key;
        }
        String rest = key.substring(colon + 1);
        return VERSION.matcher(rest).matches() ? key.substring(0, colon) : key;
    }
}
