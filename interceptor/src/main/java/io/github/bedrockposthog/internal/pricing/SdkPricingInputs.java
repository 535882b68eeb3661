package io.github.bedrockposthog.internal.pricing;

import io.github.bedrockposthog.internal.json.Json;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the pricing inputs of a call from the SDK's request and response objects: the service tier, the latency
 * mode and the prompt-cache TTL. The getters are looked up reflectively (and cached) because SDKs before 2.3x lack
 * them: an old SDK simply yields "not set". Never throws.
 */
public final class SdkPricingInputs {

    private static final Object ABSENT = new Object();
    /**
     * Per SDK class, its getters by name (a {@link Method} or {@link #ABSENT}). Kept with the class itself
     * ({@link ClassValue}), so no class loader is held here, and no key string is built per call.
     */
    private static final ClassValue<ConcurrentHashMap<String, Object>> METHODS =
            new ClassValue<ConcurrentHashMap<String, Object>>() {
                @Override
                protected ConcurrentHashMap<String, Object> computeValue(Class<?> type) {
                    return new ConcurrentHashMap<>();
                }
            };

    private SdkPricingInputs() {
    }

    /**
     * The service tier that served the call (the response's), else the one asked for; lower case; {@code null}
     * when neither says.
     */
    public static String serviceTier(Object response, Object request) {
        String tier = tierOf(response);
        return tier != null ? tier : tierOf(request);
    }

    /** True when the response (else the request) says {@code performanceConfig.latency = optimized}. */
    public static boolean latencyOptimized(Object response, Object request) {
        String latency = latencyOf(response);
        if (latency == null) {
            latency = latencyOf(request);
        }
        return "optimized".equalsIgnoreCase(latency);
    }

    /**
     * The TTL of the request's cache points: {@code 5m} (also when none says), {@code 1h}, or {@code mixed}.
     *
     * @param request     the SDK request (Converse / ConverseStream: {@code cachePoint.ttl})
     * @param invokeBody  an InvokeModel body (Anthropic: {@code cache_control.ttl}), or {@code null}
     */
    public static String cacheTtl(Object request, byte[] invokeBody) {
        return cacheTtlOfTree(request, invokeBody == null ? null : Json.parse(invokeBody));
    }

    /**
     * Like {@link #cacheTtl(Object, byte[])}, over an InvokeModel body already parsed (the call's one parse).
     *
     * @param request      the SDK request (Converse / ConverseStream: {@code cachePoint.ttl})
     * @param invokeTree   the parsed InvokeModel request body, or {@code null}
     */
    public static String cacheTtlOfTree(Object request, Object invokeTree) {
        Set<String> ttls = new HashSet<>();
        try {
            if (invokeTree != null) {
                collectBodyTtls(invokeTree, ttls, 0);
            } else if (request != null) {
                for (Object block : list(call(request, "system"))) {
                    addTtl(call(block, "cachePoint"), ttls);
                }
                for (Object message : list(call(request, "messages"))) {
                    for (Object block : list(call(message, "content"))) {
                        addTtl(call(block, "cachePoint"), ttls);
                    }
                }
                for (Object tool : list(call(call(request, "toolConfig"), "tools"))) {
                    addTtl(call(tool, "cachePoint"), ttls);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            return PriceQuery.TTL_MIXED; // could not tell: not priceable rather than guessed
        }
        if (ttls.isEmpty()) {
            return PriceQuery.TTL_5M;
        }
        return ttls.size() == 1 ? ttls.iterator().next() : PriceQuery.TTL_MIXED;
    }

    /**
     * The cache-write tokens Bedrock reports written with a 1-hour TTL: Converse {@code usage.cacheDetails}, or an
     * Anthropic InvokeModel body's {@code usage.cache_creation.ephemeral_1h_input_tokens}.
     *
     * @return the count, or {@code null} when the response does not split cache writes by TTL
     */
    public static Long cacheWrite1hTokens(Object response, byte[] invokeResponseBody) {
        return cacheWrite1hTokensOfTree(response, invokeResponseBody == null ? null : Json.parse(invokeResponseBody));
    }

    /**
     * Like {@link #cacheWrite1hTokens(Object, byte[])}, over an InvokeModel response body already parsed.
     *
     * @param response          the SDK response (Converse: {@code usage.cacheDetails})
     * @param invokeResponseTree the parsed InvokeModel response body, or {@code null}
     */
    public static Long cacheWrite1hTokensOfTree(Object response, Object invokeResponseTree) {
        try {
            if (invokeResponseTree != null) {
                Object creation = Json.at(invokeResponseTree, "usage", "cache_creation");
                return creation instanceof Map ? Json.number(creation, "ephemeral_1h_input_tokens") : null;
            }
            Object usage = call(response, "usage");
            if (!Boolean.TRUE.equals(call(usage, "hasCacheDetails"))) {
                return null;
            }
            long oneHour = 0;
            for (Object detail : list(call(usage, "cacheDetails"))) {
                Object ttl = call(detail, "ttlAsString");
                Object tokens = call(detail, "inputTokens");
                if (PriceQuery.TTL_1H.equals(ttl) && tokens instanceof Number) {
                    oneHour += ((Number) tokens).longValue();
                }
            }
            return oneHour;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static String tierOf(Object o) {
        Object tier = call(o, "serviceTierAsString"); // InvokeModel: an enum member
        if (tier == null) {
            tier = call(call(o, "serviceTier"), "typeAsString"); // Converse: a ServiceTier structure
        }
        return tier instanceof String ? ((String) tier).toLowerCase(Locale.ROOT) : null;
    }

    private static String latencyOf(Object o) {
        Object latency = call(o, "performanceConfigLatencyAsString"); // InvokeModel
        if (latency == null) {
            latency = call(call(o, "performanceConfig"), "latencyAsString"); // Converse
        }
        return latency instanceof String ? (String) latency : null;
    }

    private static void addTtl(Object cachePoint, Set<String> ttls) {
        if (cachePoint == null) {
            return;
        }
        Object ttl = call(cachePoint, "ttlAsString");
        ttls.add(ttl instanceof String ? ((String) ttl).toLowerCase(Locale.ROOT) : PriceQuery.TTL_5M);
    }

    /** Anthropic bodies: every {@code "cache_control": {"type": "ephemeral", "ttl"?: "5m" | "1h"}}. */
    private static void collectBodyTtls(Object node, Set<String> ttls, int depth) {
        if (depth > 64) {
            return;
        }
        if (node instanceof Map) {
            Map<String, Object> map = Json.object(node);
            Object control = map.get("cache_control");
            if (control instanceof Map) {
                Object ttl = Json.object(control).get("ttl");
                ttls.add(ttl instanceof String ? ((String) ttl).toLowerCase(Locale.ROOT) : PriceQuery.TTL_5M);
            }
            for (Object value : map.values()) {
                collectBodyTtls(value, ttls, depth + 1);
            }
        } else if (node instanceof List) {
            for (Object value : (List<?>) node) {
                collectBodyTtls(value, ttls, depth + 1);
            }
        }
    }

    private static List<?> list(Object o) {
        return o instanceof List ? (List<?>) o : java.util.Collections.emptyList();
    }

    /** {@code target.name()} when the method exists, else {@code null}. */
    private static Object call(Object target, String name) {
        if (target == null) {
            return null;
        }
        ConcurrentHashMap<String, Object> methods = METHODS.get(target.getClass());
        Object method = methods.get(name);
        if (method == null) {
            try {
                method = target.getClass().getMethod(name);
            } catch (NoSuchMethodException | SecurityException e) {
                method = ABSENT;
            }
            methods.putIfAbsent(name, method); // a handful of names per class: bounded by the code that calls
        }
        if (method == ABSENT) {
            return null;
        }
        try {
            return ((Method) method).invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
