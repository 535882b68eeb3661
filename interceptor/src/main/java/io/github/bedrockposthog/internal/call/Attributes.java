package io.github.bedrockposthog.internal.call;

import software.amazon.awssdk.core.interceptor.ExecutionAttribute;

/**
 * Creates {@link ExecutionAttribute}s whose names are unique per JVM even when this library is loaded twice
 * (a plain and a shaded copy, or two class loaders): the SDK refuses a second attribute of the same name, and
 * that refusal must never break the app's client.
 */
public final class Attributes {

    private Attributes() {
    }

    /** An attribute named {@code name}, or a class-loader-qualified variant if that name is taken. */
    public static <T> ExecutionAttribute<T> create(String name) {
        try {
            return new ExecutionAttribute<>(name);
        } catch (RuntimeException taken) {
            return new ExecutionAttribute<>(name + "@" + Integer.toHexString(
                    System.identityHashCode(Attributes.class.getClassLoader())) + "-" + System.nanoTime());
        }
    }
}
