package io.github.bedrockposthog.internal.bedrock;

import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SDK's {@link Document}s and floats as the plain values the call record holds. */
final class Documents {

    private static final int MAX_DEPTH = 64;

    private Documents() {
    }

    /** A Converse {@link Document} as plain maps, lists and scalars; {@code null} for {@code null}. */
    static Object plain(Document document) {
        return plain(document, 0);
    }

    private static Object plain(Document d, int depth) {
        if (d == null || d.isNull() || depth > MAX_DEPTH) {
            return null;
        }
        if (d.isString()) {
            return d.asString();
        }
        if (d.isBoolean()) {
            return d.asBoolean();
        }
        if (d.isNumber()) {
            return number(d.asNumber());
        }
        if (d.isList()) {
            List<Object> list = new ArrayList<>();
            for (Document item : d.asList()) {
                list.add(plain(item, depth + 1));
            }
            return list;
        }
        if (d.isMap()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, Document> e : d.asMap().entrySet()) {
                map.put(e.getKey(), plain(e.getValue(), depth + 1));
            }
            return map;
        }
        return null;
    }

    /** An SDK number as a whole number when it is one, else a decimal; the transport knows only standard types. */
    private static Object number(SdkNumber n) {
        BigDecimal decimal = n.bigDecimalValue();
        try {
            return decimal.longValueExact();
        } catch (ArithmeticException notWhole) {
            return decimal.doubleValue();
        }
    }

    /** A float from the SDK (temperature, top p) as the decimal the caller wrote: 0.7f gives 0.7, not 0.699999988. */
    static Double decimal(Float f) {
        return f == null ? null : Double.valueOf(Float.toString(f));
    }
}
