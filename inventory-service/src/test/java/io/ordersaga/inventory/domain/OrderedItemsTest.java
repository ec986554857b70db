package io.ordersaga.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderedItemsTest {

    record Line(String sku, int quantity) {
    }

    private static OrderedItems of(Line... lines) {
        return OrderedItems.of(List.of(lines), Line::sku, Line::quantity);
    }

    @Test
    void mergesLinesOfTheSameSkuAndSortsBySku() {
        OrderedItems items = of(new Line("MUG", 1), new Line("BOOK", 2), new Line("MUG", 3));

        assertThat(items.quantities()).containsExactly(Map.entry("BOOK", 2), Map.entry("MUG", 4));
    }

    @Test
    void refusesAnEmptyOrderOrANonPositiveQuantity() {
        assertThatThrownBy(OrderedItemsTest::of).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> of(new Line("MUG", 0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAMergedQuantityThatOverflows() {
        assertThatThrownBy(() -> of(new Line("MUG", Integer.MAX_VALUE), new Line("MUG", 1)))
                .isInstanceOf(ArithmeticException.class);
    }
}
