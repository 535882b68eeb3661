package io.github.bedrockposthog.internal.call;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Trace ids for calls made outside any trace: random version-4 UUIDs drawn from {@link ThreadLocalRandom}.
 * {@link UUID#randomUUID()} would draw from the JVM's shared {@code SecureRandom} (a lock and a SHA-1 round per
 * id, on the application's thread); an analytics trace id needs uniqueness, not secrecy.
 */
public final class TraceIds {

    private TraceIds() {
    }

    /** A new random trace id in the canonical UUID form. */
    public static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
