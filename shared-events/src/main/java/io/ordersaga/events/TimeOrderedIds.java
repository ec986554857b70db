package io.ordersaga.events;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Time-ordered UUIDs, version 7 (RFC 9562, section 5.7), for event ids and order ids. A random (version 4) id lands
 * anywhere in a B-tree index, so each insert dirties a random leaf page and the index's working set is the whole
 * index; a version 7 id starts with the time, so new ids go to the right-hand edge, one hot page at a time.
 *
 * <p>Layout: 48 bits of Unix time in milliseconds, the version (7), 12 bits {@code rand_a}, the variant ({@code 10}),
 * 62 random bits {@code rand_b}. Within one JVM the ids are strictly increasing (RFC 9562, section 6.2, method 3:
 * {@code rand_a} is a counter that starts at a random value below 2048 each millisecond and counts up). Should more
 * than about 2048 ids be asked for in one millisecond, or the clock step back, the counter carries into the
 * timestamp, which then runs a little ahead of the clock until the clock catches up: order is kept, never traded.
 * {@code rand_b} comes from a {@link SecureRandom}, as {@link UUID#randomUUID()}'s bits do, so an id stays
 * unguessable (62 bits) even to someone who knows when it was made.
 */
public final class TimeOrderedIds {

    private static final TimeOrderedIds SHARED = new TimeOrderedIds(System::currentTimeMillis);
    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT = 0x8000_0000_0000_0000L;
    private static final long RAND_B = 0x3FFF_FFFF_FFFF_FFFFL;

    private final LongSupplier clock;
    private final SecureRandom random = new SecureRandom();
    /** The last id's timestamp and counter as one number: {@code millis << 12 | rand_a}. */
    private final AtomicLong last = new AtomicLong();

    TimeOrderedIds(LongSupplier clockMillis) {
        this.clock = clockMillis;
    }

    /** A new version 7 UUID, greater than every one this JVM made before. */
    public static UUID next() {
        return SHARED.create();
    }

    /** When {@code id} was made (to the millisecond). */
    public static Instant timestamp(UUID id) {
        if (id.version() != 7) {
            throw new IllegalArgumentException("Not a version 7 UUID: " + id);
        }
        return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
    }

    UUID create() {
        long start = random.nextInt(2048); // leaves room to count up within the millisecond
        long randB = random.nextLong() & RAND_B;
        long now = clock.getAsLong() << 12;
        long previous;
        long stamp;
        do {
            previous = last.get();
            stamp = now > previous ? now | start : previous + 1;
        } while (!last.compareAndSet(previous, stamp));
        long msb = (stamp >>> 12) << 16 | VERSION_7 | (stamp & 0xFFF);
        return new UUID(msb, VARIANT | randB);
    }
}
