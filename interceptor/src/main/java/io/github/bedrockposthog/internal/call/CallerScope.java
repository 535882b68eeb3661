package io.github.bedrockposthog.internal.call;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the calling thread said about the calls it makes: who the user is, extra properties, a trace id.
 * Frames nest: a frame inherits what it does not set from the one it was opened in. A frame closed on another thread
 * (a scope handed across a thread pool) ends on the thread that opened it: that thread skips closed frames.
 */
public final class CallerScope {

    private static final ThreadLocal<CallerScope> CURRENT = new ThreadLocal<>();

    private final CallerScope previous;
    private final String distinctId;
    private final Map<String, Object> properties;
    private final String traceId;
    private volatile boolean closed;

    private CallerScope(CallerScope previous, String distinctId, Map<String, Object> properties, String traceId) {
        this.previous = previous;
        this.distinctId = distinctId;
        this.properties = properties;
        this.traceId = traceId;
    }

    /** Opens a frame on the calling thread; {@code null} arguments inherit from the enclosing frame. */
    public static CallerScope open(String distinctId, Map<String, Object> properties, String traceId) {
        CallerScope outer = current();
        Map<String, Object> merged = new LinkedHashMap<>();
        if (outer != null) {
            merged.putAll(outer.properties);
        }
        if (properties != null) {
            merged.putAll(properties);
        }
        CallerScope frame = new CallerScope(outer,
                distinctId != null ? distinctId : outer == null ? null : outer.distinctId,
                Collections.unmodifiableMap(merged),
                traceId != null ? traceId : outer == null ? null : outer.traceId);
        CURRENT.set(frame);
        return frame;
    }

    /** The innermost open frame of the calling thread, or {@code null}; frames closed elsewhere are dropped here. */
    public static CallerScope current() {
        CallerScope frame = CURRENT.get();
        if (frame != null && frame.closed) {
            frame = openOuter(frame);
            if (frame == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(frame);
            }
        }
        return frame;
    }

    private static CallerScope openOuter(CallerScope frame) {
        CallerScope outer = frame.previous;
        while (outer != null && outer.closed) {
            outer = outer.previous;
        }
        return outer;
    }

    /** Closes this frame; when it is the innermost one, the enclosing frame becomes current again. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true; // on another thread, the opening thread sees it at its next current()
        if (CURRENT.get() == this) {
            CallerScope outer = openOuter(this);
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    public String distinctId() {
        return distinctId;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public String traceId() {
        return traceId;
    }
}
