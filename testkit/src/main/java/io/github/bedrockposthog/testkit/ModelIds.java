package io.github.bedrockposthog.testkit;

import java.util.Set;

/** Reduces the model ids Bedrock accepts (base ids, geo profiles, ARNs) to the base id that names the family. */
final class ModelIds {

    private static final Set<String> GEO_PREFIXES = Set.of("us", "eu", "apac", "jp", "au", "ca", "us-gov", "global");

    private ModelIds() {
    }

    /**
     * {@code arn:...:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0} and
     * {@code us.anthropic.claude-3-7-sonnet-20250219-v1:0} both become
     * {@code anthropic.claude-3-7-sonnet-20250219-v1:0}.
     */
    static String baseId(String modelId) {
        String id = modelId == null ? "" : modelId;
        int slash = id.lastIndexOf('/');
        if (slash >= 0) {
            id = id.substring(slash + 1);
        }
        int dot = id.indexOf('.');
        if (dot > 0 && GEO_PREFIXES.contains(id.substring(0, dot)) && id.indexOf('.', dot + 1) > 0) {
            id = id.substring(dot + 1);
        }
        return id;
    }

    /** The model name a provider reports in bodies: the base id without provider and version suffix. */
    static String shortName(String modelId) {
        String base = baseId(modelId);
        int dot = base.indexOf('.');
        String name = dot >= 0 ? base.substring(dot + 1) : base;
        return name.replaceFirst("-v\\d+(:\\d+)?$", "").replaceFirst(":\\d+$", "");
    }
}
