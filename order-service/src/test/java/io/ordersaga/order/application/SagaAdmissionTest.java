package io.ordersaga.order.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SagaAdmissionTest {

    private static final Duration REFRESH = Duration.ofMillis(100);

    private final AtomicLong inDatabase = new AtomicLong();
    private final AtomicInteger counts = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private SagaAdmission admission(long limit) {
        return new SagaAdmission(() -> {
            counts.incrementAndGet();
            return inDatabase.get();
        }, limit, REFRESH, registry, now::get);
    }

    private double refused() {
        return registry.get(SagaAdmission.REFUSED).tag("reason", "saga-backlog").counter().count();
    }

    @Test
    void admitsUpToTheLimitCountingItsOwnAdmissionsBetweenCounts() {
        inDatabase.set(7);
        SagaAdmission admission = admission(10);

        admission.admit();
        admission.admit();
        admission.admit();

        assertThatThrownBy(admission::admit).isInstanceOf(SagaBacklogFullException.class)
                .satisfies(e -> {
                    SagaBacklogFullException full = (SagaBacklogFullException) e;
                    assertThat(full.inFlight()).isEqualTo(10);
                    assertThat(full.limit()).isEqualTo(10);
                });
        assertThat(counts).hasValue(1);
        assertThat(refused()).isEqualTo(1.0);
    }

    @Test
    void countsAgainOnceTheCountIsOlderThanTheRefreshAndLetsOrdersInAsSagasEnd() {
        inDatabase.set(10);
        SagaAdmission admission = admission(10);
        assertThatThrownBy(admission::admit).isInstanceOf(SagaBacklogFullException.class);

        inDatabase.set(4); // six sagas ended
        now.addAndGet(REFRESH.toNanos() - 1);
        assertThatThrownBy(admission::admit).as("the count is not stale yet")
                .isInstanceOf(SagaBacklogFullException.class);
        assertThat(counts).hasValue(1);

        now.addAndGet(1);
        for (int i = 0; i < 6; i++) {
            admission.admit();
        }
        assertThat(counts).hasValue(2);
        assertThatThrownBy(admission::admit).isInstanceOf(SagaBacklogFullException.class);
        assertThat(refused()).isEqualTo(3.0);
    }

    @Test
    void aNewCountReplacesTheAdmissionsItIncludes() {
        SagaAdmission admission = admission(5);
        admission.admit();
        admission.admit();
        inDatabase.set(2); // the two orders admitted, now committed and counted

        now.addAndGet(REFRESH.toNanos());
        admission.admit();
        admission.admit();
        admission.admit();

        assertThatThrownBy(admission::admit).isInstanceOf(SagaBacklogFullException.class)
                .satisfies(e -> assertThat(((SagaBacklogFullException) e).inFlight()).isEqualTo(5));
    }

    @Test
    void aLimitOfZeroAdmitsEveryOrderWithoutCounting() {
        inDatabase.set(1_000_000);
        SagaAdmission admission = admission(0);

        assertThatCode(() -> {
            for (int i = 0; i < 100; i++) {
                admission.admit();
            }
        }).doesNotThrowAnyException();
        assertThat(counts).hasValue(0);
        assertThat(refused()).isZero();
    }

    @Test
    void refusesANegativeLimit() {
        assertThatThrownBy(() -> admission(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
