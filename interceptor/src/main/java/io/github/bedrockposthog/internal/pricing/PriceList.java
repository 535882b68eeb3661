package io.github.bedrockposthog.internal.pricing;

import io.github.bedrockposthog.internal.bedrock.ModelId;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One immutable set of prices keyed by model id, with a second index by id without version so that a model
 * called by another version suffix (or none) still finds its price.
 */
final class PriceList {

    static final PriceList EMPTY = new PriceList(Collections.<String, Price>emptyMap());

    private final Map<String, Price> exact;
    private final Map<String, Price> byVersionless;

    PriceList(Map<String, Price> prices) {
        Map<String, Price> exactMap = new HashMap<>();
        Map<String, String> versionlessSource = new HashMap<>();
        Map<String, Price> versionlessMap = new HashMap<>();
        for (Map.Entry<String, Price> e : prices.entrySet()) {
            String key = e.getKey();
            if (key == null || e.getValue() == null) {
                continue;
            }
            exactMap.put(key, e.getValue());
            String versionless = ModelId.parse(key).withoutVersion();
            if (versionless == null) {
                continue;
            }
            // Several versions of one model: the highest key (latest version) answers, whatever the map order.
            String previous = versionlessSource.get(versionless);
            if (previous == null || previous.compareTo(key) < 0) {
                versionlessSource.put(versionless, key);
                versionlessMap.put(versionless, e.getValue());
            }
        }
        this.exact = exactMap;
        this.byVersionless = versionlessMap;
    }

    /** The price stored under exactly this key, or {@code null}. */
    Price exact(String key) {
        return key == null ? null : exact.get(key);
    }

    /** The price of any stored version of the model whose versionless id is {@code versionless}, or {@code null}. */
    Price anyVersion(String versionless) {
        return versionless == null ? null : byVersionless.get(versionless);
    }

    int size() {
        return exact.size();
    }
}
