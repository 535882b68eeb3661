package io.github.bedrockposthog.internal.transport;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Event {@code uuid}s: UUIDv7 (RFC 9562), the event's millisecond timestamp followed by 74 random bits, as PostHog's
 * own SDKs make them (time-ordered ids suit its storage). The random bits come from a generator seeded once from
 * {@link SecureRandom}, not from {@code SecureRandom} per event (a lock and a system call each): ids only need to be
 * unique, so PostHog can deduplicate a batch sent twice. One instance per delivery thread; not thread-safe.
 */
final class EventIds {

    private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());

    /** A new id for an event that happened at {@code timestampMillis}. */
    String next(long timestampMillis) {
        long high = (timestampMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
