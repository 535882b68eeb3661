package io.github.bedrockposthog.internal.bedrock;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Bedrock model id as the application passed it, normalised for family detection and pricing.
 *
 * <p>Accepted forms: a base id ({@code meta.llama3-1-8b-instruct-v1:0}), a cross-region profile id with a geo
 * prefix ({@code us.}, {@code eu.}, {@code apac.}, {@code jp.}, {@code au.}, {@code ca.}, {@code us-gov.},
 * {@code global.}, or any short region-group prefix in front of a known provider), a foundation-model or
 * inference-profile ARN (the part after the last {@code /}), and ARNs that name no model at all (application
 * inference profiles, imported, custom and provisioned models, SageMaker endpoints), which are {@link #opaque()}.
 *
 * <p>Parsing is plain string scanning (it runs on every call) and never throws; results are cached.
 */
public final class ModelId {

    /** First segments that name a model provider; anything else in first position may be a geo prefix. */
    private static final Set<String> PROVIDERS = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(
            "ai21", "amazon", "anthropic", "cohere", "deepseek", "google", "luma", "meta", "minimax", "mistral",
            "moonshot", "moonshotai", "nvidia", "openai", "qwen", "stability", "twelvelabs", "writer", "zai")));

    /** Geo prefixes of system-defined cross-region inference profiles, stripped even before an unknown provider. */
    private static final Set<String> GEO_PREFIXES = Collections.unmodifiableSet(new HashSet<>(Arrays.asList(
            "us", "eu", "apac", "jp", "au", "ca", "us-gov", "global")));

    /** The only ARN resource types whose tail is a model id; every other ARN is opaque. */
    private static final String FOUNDATION_MODEL = "foundation-model";
    private static final String INFERENCE_PROFILE = "inference-profile";

    /** An unknown region-group prefix longer than this is not taken for one. */
    private static final int MAX_GEO_PREFIX_LENGTH = 8;

    /** Applications use a handful of ids; the bound only guards against callers that invent ids per call. */
    private static final int CACHE_LIMIT = 512;
    private static final ConcurrentHashMap<String, ModelId> CACHE = new ConcurrentHashMap<>();

    private static final ModelId ABSENT = new ModelId(null, null, null, null, ModelFamily.UNKNOWN, false);

    private final String raw;
    private final String base;
    private final String withoutVersion;
    private final String provider;
    private final ModelFamily family;
    private final boolean opaque;

    private ModelId(String raw, String base, String withoutVersion, String provider, ModelFamily family,
                    boolean opaque) {
        this.raw = raw;
        this.base = base;
        this.withoutVersion = withoutVersion;
        this.provider = provider;
        this.family = family;
        this.opaque = opaque;
    }

    /**
     * Parses a model id in any of the accepted forms.
     *
     * @param raw the model id exactly as given to the SDK; may be {@code null} or garbage
     * @return the parsed id, never {@code null}; for a {@code null} or blank id every part but {@link #raw()} is
     *         {@code null} and the family is {@link ModelFamily#UNKNOWN}
     */
    public static ModelId parse(String raw) {
        if (raw == null) {
            return ABSENT;
        }
        ModelId cached = CACHE.get(raw);
        if (cached != null) {
            return cached;
        }
        ModelId parsed = doParse(raw);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.putIfAbsent(raw, parsed);
        }
        return parsed;
    }

    private static ModelId doParse(String raw) {
        String id = raw.trim();
        if (id.isEmpty()) {
            return new ModelId(raw, null, null, null, ModelFamily.UNKNOWN, false);
        }
        if (id.startsWith("arn:")) {
            String tail = id.substring(id.lastIndexOf('/') + 1);
            if (!namesModel(id) || tail.isEmpty()) {
                // The tail is a profile or resource id, not a model id: nothing to detect or strip.
                return new ModelId(raw, tail.isEmpty() ? id : tail, tail.isEmpty() ? id : tail, null,
                        ModelFamily.UNKNOWN, true);
            }
            id = tail;
        }
        String base = stripGeoPrefix(id);
        String provider = providerOf(base);
        return new ModelId(raw, base, stripVersion(base), provider, familyOf(provider, base), false);
    }

    /** True for ARNs of foundation models and (system-defined) inference profiles, whose tail is a model id. */
    private static boolean namesModel(String arn) {
        // arn:partition:service:region:account:resource-type/resource-id; model ids themselves contain ':'.
        int colon = -1;
        for (int i = 0; i < 5; i++) {
            colon = arn.indexOf(':', colon + 1);
            if (colon < 0) {
                return false;
            }
        }
        int slash = arn.indexOf('/', colon + 1);
        if (slash < 0) {
            return false;
        }
        String type = arn.substring(colon + 1, slash);
        return FOUNDATION_MODEL.equals(type) || INFERENCE_PROFILE.equals(type);
    }

    private static String stripGeoPrefix(String id) {
        int dot = id.indexOf('.');
        if (dot <= 0 || dot == id.length() - 1) {
            return id;
        }
        String first = id.substring(0, dot);
        if (PROVIDERS.contains(first)) {
            return id;
        }
        String rest = id.substring(dot + 1);
        if (GEO_PREFIXES.contains(first) && rest.indexOf('.') > 0) {
            return rest;
        }
        // A region group we do not know yet (AWS adds them): strip it only when a known provider follows.
        int nextDot = rest.indexOf('.');
        if (nextDot > 0 && isShortLowercase(first) && PROVIDERS.contains(rest.substring(0, nextDot))) {
            return rest;
        }
        return id;
    }

    private static boolean isShortLowercase(String s) {
        if (s.length() > MAX_GEO_PREFIX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z') && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static String providerOf(String base) {
        int dot = base.indexOf('.');
        // "provider." with no model name is not an id.
        return dot > 0 && dot < base.length() - 1 ? base.substring(0, dot) : null;
    }

    /**
     * Drops a trailing {@code :N} version, and the {@code :N:8k}-style context-window variant used for provisioned
     * throughput, so that any version of a model still finds its price.
     */
    static String stripVersion(String base) {
        int colon = base.indexOf(':');
        if (colon <= 0) {
            return base;
        }
        int i = colon + 1;
        int digits = 0;
        while (i < base.length() && Character.isDigit(base.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0) {
            return base;
        }
        if (i == base.length()) {
            return base.substring(0, colon);
        }
        // Optional ":<digits>k" context variant (e.g. ":0:200k").
        if (base.charAt(i) != ':') {
            return base;
        }
        int j = i + 1;
        int contextDigits = 0;
        while (j < base.length() && Character.isDigit(base.charAt(j))) {
            j++;
            contextDigits++;
        }
        if (contextDigits > 0 && j == base.length() - 1 && base.charAt(j) == 'k') {
            return base.substring(0, colon);
        }
        return base;
    }

    private static ModelFamily familyOf(String provider, String base) {
        return provider == null ? ModelFamily.UNKNOWN : ModelFamily.of(base);
    }

    /** The id exactly as given (possibly {@code null}). */
    public String raw() {
        return raw;
    }

    /**
     * The foundation-model id: ARN tail, geo prefix stripped, version kept
     * ({@code anthropic.claude-3-5-haiku-20241022-v1:0}).
     * For an {@link #opaque()} ARN, its tail (the profile or resource id). {@code null} when the id is absent or blank.
     */
    public String base() {
        return base;
    }

    /** {@link #base()} without its trailing {@code :N} version ({@code anthropic.claude-3-5-haiku-20241022-v1}). */
    public String withoutVersion() {
        return withoutVersion;
    }

    /** The provider segment of {@link #base()} ({@code meta}, {@code anthropic}, ...), or {@code null}. */
    public String provider() {
        return provider;
    }

    /** The family whose body format the model speaks; {@link ModelFamily#UNKNOWN} when not recognised. */
    public ModelFamily family() {
        return family;
    }

    /**
     * True for ARNs whose tail names no model (application inference profiles, imported, custom and provisioned
     * models, SageMaker endpoints): neither the family nor the price can be derived from the id.
     */
    public boolean opaque() {
        return opaque;
    }

    @Override
    public boolean equals(Object o) {
        // Everything else is derived from the raw id.
        return o instanceof ModelId && Objects.equals(raw, ((ModelId) o).raw);
    }

    @Override
    public int hashCode() {
        return raw == null ? 0 : raw.hashCode();
    }

    @Override
    public String toString() {
        return "ModelId{raw=" + raw + ", base=" + base + ", family=" + family + (opaque ? ", opaque" : "") + '}';
    }
}
