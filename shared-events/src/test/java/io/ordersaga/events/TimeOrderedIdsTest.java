package io.ordersaga.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    private static final long T0 = Instant.parse("2026-12-04T04:00:00.123Z").toEpochMilli();

    @Test
    void carriesVersion7AndTheRfcVariant() {
        for (int i = 0; i < 1_000; i++) {
            UUID id = TimeOrderedIds.next();
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2); // binary 10: RFC 9562
        }
    }

    @Test
    void readsTheTimestampBack() {
        UUID id = new TimeOrderedIds(() -> T0).create();

        assertThat(TimeOrderedIds.timestamp(id)).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(id.toString()).startsWith(String.format("%08x-%04x-7", T0 >>> 16, T0 & 0xFFFF));
    }

    @Test
    void theSharedGeneratorStampsTheWallClock() {
        long before = System.currentTimeMillis();
        Instant stamped = TimeOrderedIds.timestamp(TimeOrderedIds.next());
        long after = System.currentTimeMillis();

        // at most a few ms ahead when the counter carried (see the class comment)
        assertThat(stamped.toEpochMilli()).isBetween(before, after + 5);
    }

    @Test
    void refusesToReadATimestampFromARandomUuid() {
        assertThatIllegalArgumentException().isThrownBy(() -> TimeOrderedIds.timestamp(UUID.randomUUID()));
    }

    @Test
    void increasesWithinOneMillisecondAndAcrossMilliseconds() {
        AtomicLong clock = new AtomicLong(T0);
        TimeOrderedIds ids = new TimeOrderedIds(clock::get);
        List<UUID> made = new ArrayList<>();
        for (int ms = 0; ms < 5; ms++) {
            for (int i = 0; i < 100; i++) {
                made.add(ids.create());
            }
            clock.incrementAndGet();
        }

        assertThat(made).isSortedAccordingTo(UUID::compareTo).doesNotHaveDuplicates();
        assertThat(made.get(0).toString()).isLessThan(made.get(made.size() - 1).toString()); // as PostgreSQL sorts
        assertThat(TimeOrderedIds.timestamp(made.get(100))).isEqualTo(Instant.ofEpochMilli(T0 + 1));
    }

    @Test
    void keepsOrderWhenOneMillisecondRunsOutOfCounterOrTheClockStepsBack() {
        AtomicLong clock = new AtomicLong(T0);
        TimeOrderedIds ids = new TimeOrderedIds(clock::get);
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) { // far more than the 12-bit counter holds
            made.add(ids.create());
        }
        clock.set(T0 - 1_000);
        made.add(ids.create());

        assertThat(made).isSortedAccordingTo(UUID::compareTo).doesNotHaveDuplicates();
        assertThat(TimeOrderedIds.timestamp(made.get(made.size() - 1))).isAfter(Instant.ofEpochMilli(T0));
    }

    @Test
    void isUniqueAndIncreasingPerThreadAcrossManyThreads() throws Exception {
        int threads = 8;
        int each = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<UUID>>> results = new ArrayList<>();
            Callable<List<UUID>> make = () -> {
                List<UUID> mine = new ArrayList<>(each);
                for (int i = 0; i < each; i++) {
                    mine.add(TimeOrderedIds.next());
                }
                return mine;
            };
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(make));
            }
            Set<UUID> all = new HashSet<>();
            for (Future<List<UUID>> result : results) {
                List<UUID> mine = result.get();
                assertThat(mine).isSortedAccordingTo(UUID::compareTo);
                all.addAll(mine);
            }
            assertThat(all).hasSize(threads * each);
        } finally {
            pool.shutdownNow();
        }
    }
}
