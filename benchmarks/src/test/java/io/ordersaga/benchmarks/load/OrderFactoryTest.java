package io.ordersaga.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.ordersaga.sagaclient.SagaClient.Line;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderFactoryTest {

    private final Fixture fixture = new Fixture("BTEST", List.of("BTEST-P0001", "BTEST-P0002", "BTEST-P0003",
            "BTEST-P0004"), List.of("btest-c00001", "btest-c00002"), "BTEST-SOLD-OUT", List.of("btest-broke01"));

    @Test
    void withoutAMixEveryOrderIsMeantToCompleteAndBuysOneToThreeDistinctProducts() {
        OrderFactory factory = new OrderFactory(fixture, 0, 42);

        for (int i = 0; i < 1000; i++) {
            OrderFactory.PlannedOrder order = factory.next();
            assertThat(order.kind()).isEqualTo(OrderKind.COMPLETES);
            assertThat(fixture.customers()).contains(order.customerId());
            assertThat(order.country()).isNotEqualTo(OrderFactory.UNSERVED);
            assertThat(order.items()).hasSizeBetween(1, 3);
            assertThat(order.items().stream().map(Line::sku).distinct()).hasSameSizeAs(order.items());
            assertThat(order.items()).allSatisfy(line -> {
                assertThat(fixture.skus()).contains(line.sku());
                assertThat(line.quantity()).isBetween(1, 2);
            });
        }
    }

    @Test
    void aMixShareFailsThatShareAtEachOfTheThreeSteps() {
        OrderFactory factory = new OrderFactory(fixture, 0.1, 7);

        assertThat(factory.kind(0.05)).isEqualTo(OrderKind.OUT_OF_STOCK);
        assertThat(factory.kind(0.15)).isEqualTo(OrderKind.PAYMENT_DECLINED);
        assertThat(factory.kind(0.25)).isEqualTo(OrderKind.SHIPPING_FAILED);
        assertThat(factory.kind(0.31)).isEqualTo(OrderKind.COMPLETES);

        Map<OrderKind, Integer> counts = new EnumMap<>(OrderKind.class);
        for (int i = 0; i < 10_000; i++) {
            counts.merge(factory.next().kind(), 1, Integer::sum);
        }
        assertThat(counts.get(OrderKind.OUT_OF_STOCK)).isBetween(850, 1150);
        assertThat(counts.get(OrderKind.PAYMENT_DECLINED)).isBetween(850, 1150);
        assertThat(counts.get(OrderKind.SHIPPING_FAILED)).isBetween(850, 1150);
        assertThat(counts.get(OrderKind.COMPLETES)).isBetween(6600, 7400);
    }

    @Test
    void eachFailingKindCarriesTheBusinessReasonThatMakesItFail() {
        OrderFactory factory = new OrderFactory(fixture, 0.3, 11);
        for (int i = 0; i < 500; i++) {
            OrderFactory.PlannedOrder order = factory.next();
            switch (order.kind()) {
                case OUT_OF_STOCK -> assertThat(order.items()).extracting(Line::sku).contains("BTEST-SOLD-OUT");
                case PAYMENT_DECLINED -> assertThat(order.customerId()).isEqualTo("btest-broke01");
                case SHIPPING_FAILED -> assertThat(order.country()).isEqualTo("AQ");
                case COMPLETES -> assertThat(order.items()).extracting(Line::sku).doesNotContain("BTEST-SOLD-OUT");
            }
        }
    }
}
