package io.ordersaga.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ProductTest {

    private static Product mug(long stock) {
        return Product.create("MUG-KAFKA", "Kafka mug", new BigDecimal("12.5"), stock);
    }

    private static void assertStock(Product product, long available, long reserved, long shipped) {
        assertThat(product.available()).isEqualTo(available);
        assertThat(product.reserved()).isEqualTo(reserved);
        assertThat(product.shipped()).isEqualTo(shipped);
        assertThat(product.isBalanced()).isTrue();
    }

    @Test
    void startsWithItsInitialStockAvailableAndAPriceOfTwoDecimals() {
        Product product = mug(10);

        assertStock(product, 10, 0, 0);
        assertThat(product.initialStock()).isEqualTo(10);
        assertThat(product.restocked()).isZero();
        assertThat(product.unitPrice()).isEqualByComparingTo("12.50").hasToString("12.50");
    }

    @Test
    void refusesInvalidSkuNamePriceOrStock() {
        BigDecimal price = BigDecimal.ONE;
        assertThatThrownBy(() -> Product.create("mug", "Mug", price, 1)).hasMessageContaining("sku");
        assertThatThrownBy(() -> Product.create("-MUG", "Mug", price, 1)).hasMessageContaining("sku");
        assertThatThrownBy(() -> Product.create("M".repeat(65), "Mug", price, 1)).hasMessageContaining("sku");
        assertThatThrownBy(() -> Product.create("MUG", " ", price, 1)).hasMessageContaining("name");
        assertThatThrownBy(() -> Product.create("MUG", "Mug", BigDecimal.ZERO, 1)).hasMessageContaining("unitPrice");
        assertThatThrownBy(() -> Product.create("MUG", "Mug", new BigDecimal("1.005"), 1))
                .hasMessageContaining("unitPrice");
        assertThatThrownBy(() -> Product.create("MUG", "Mug", price, -1)).hasMessageContaining("initialStock");
    }

    @Test
    void reserveMovesAvailableToReserved() {
        Product product = mug(10);

        product.reserve(4);

        assertStock(product, 6, 4, 0);
    }

    @Test
    void reserveRefusesMoreThanAvailableAndChangesNothing() {
        Product product = mug(3);

        assertThatThrownBy(() -> product.reserve(4)).isInstanceOf(InsufficientStockException.class)
                .hasMessageContaining("only 3 available");
        assertStock(product, 3, 0, 0);
    }

    @Test
    void reserveCanTakeTheLastUnit() {
        Product product = mug(1);

        product.reserve(1);

        assertStock(product, 0, 1, 0);
        assertThat(product.canReserve(1)).isFalse();
    }

    @Test
    void releaseMovesReservedBackToAvailable() {
        Product product = mug(10);
        product.reserve(4);

        product.release(3);

        assertStock(product, 9, 1, 0);
    }

    @Test
    void releaseRefusesMoreThanReserved() {
        Product product = mug(10);
        product.reserve(2);

        assertThatThrownBy(() -> product.release(3)).isInstanceOf(IllegalStateException.class);
        assertStock(product, 8, 2, 0);
    }

    @Test
    void shipMovesReservedToShipped() {
        Product product = mug(10);
        product.reserve(4);

        product.ship(4);

        assertStock(product, 6, 0, 4);
    }

    @Test
    void shipRefusesUnitsThatWereNotReserved() {
        Product product = mug(10);

        assertThatThrownBy(() -> product.ship(1)).isInstanceOf(IllegalStateException.class);
        assertStock(product, 10, 0, 0);
    }

    @Test
    void returnShippedMovesShippedBackToAvailable() {
        Product product = mug(10);
        product.reserve(4);
        product.ship(4);

        product.returnShipped(4);

        assertStock(product, 10, 0, 0);
        assertThat(product.isBalanced()).isTrue();
    }

    @Test
    void returnShippedRefusesUnitsThatWereNotShipped() {
        Product product = mug(10);
        product.reserve(4);
        product.ship(2);

        assertThatThrownBy(() -> product.returnShipped(3)).isInstanceOf(IllegalStateException.class);
        assertStock(product, 6, 2, 2);
    }

    @Test
    void restockAddsAvailableUnitsAndCountsThem() {
        Product product = mug(1);
        product.reserve(1);

        product.restock(5);
        product.restock(2);

        assertStock(product, 7, 1, 0);
        assertThat(product.restocked()).isEqualTo(7);
    }

    @Test
    void refusesNonPositiveQuantitiesForEveryMove() {
        Product product = mug(10);
        product.reserve(5);

        assertThatThrownBy(() -> product.reserve(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> product.release(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> product.ship(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> product.restock(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> product.returnShipped(0)).isInstanceOf(IllegalArgumentException.class);
        assertStock(product, 5, 5, 0);
    }
}
