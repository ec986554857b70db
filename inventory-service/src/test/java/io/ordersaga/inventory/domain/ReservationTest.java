package io.ordersaga.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReservationTest {

    private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-31T10:05:00Z");
    private static final UUID ORDER = UUID.randomUUID();

    private Product book;
    private Product mug;
    private Map<String, Product> products;

    record Line(String sku, int quantity) {
    }

    @BeforeEach
    void catalogue() {
        book = Product.create("BOOK", "Book", new BigDecimal("39.90"), 10);
        mug = Product.create("MUG", "Mug", new BigDecimal("12.50"), 2);
        products = Stream.of(book, mug).collect(Collectors.toMap(Product::sku, Function.identity()));
    }

    private static OrderedItems items(Line... lines) {
        return OrderedItems.of(List.of(lines), Line::sku, Line::quantity);
    }

    private Reservation reserveBookAndMugs() {
        return Reservation.reserve(ORDER, "alice", items(new Line("MUG", 1), new Line("BOOK", 2), new Line("MUG", 1)),
                products, T0);
    }

    @Test
    void reservesEveryLineAtTheCurrentPriceAndTotalsIt() {
        Reservation reservation = reserveBookAndMugs();

        assertThat(reservation.status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(reservation.lines()).containsExactly(new ReservationLine("BOOK", 2, new BigDecimal("39.90")),
                new ReservationLine("MUG", 2, new BigDecimal("12.50")));
        assertThat(reservation.totalAmount()).hasToString("104.80");
        assertThat(book.reserved()).isEqualTo(2);
        assertThat(mug.available()).isZero();
        assertThat(reservation.createdAt()).isEqualTo(T0);
    }

    @Test
    void reservesNothingWhenOneLineIsShort() {
        OrderedItems items = items(new Line("BOOK", 1), new Line("MUG", 3));

        assertThat(ReservationRejection.check(items, products))
                .contains(new ReservationRejection(RejectionReason.OUT_OF_STOCK, List.of("MUG")));
        assertThatThrownBy(() -> Reservation.reserve(ORDER, "alice", items, products, T0))
                .isInstanceOf(IllegalStateException.class);
        assertThat(book.available()).isEqualTo(10);
        assertThat(mug.available()).isEqualTo(2);
    }

    @Test
    void unknownProductsWinOverShortages() {
        OrderedItems items = items(new Line("NOPE", 1), new Line("MUG", 3), new Line("GONE", 1));

        assertThat(ReservationRejection.check(items, products))
                .contains(new ReservationRejection(RejectionReason.UNKNOWN_PRODUCT, List.of("GONE", "NOPE")));
    }

    @Test
    void acceptsAnOrderThatTakesExactlyWhatIsAvailable() {
        assertThat(ReservationRejection.check(items(new Line("MUG", 2)), products)).isEmpty();
    }

    @Test
    void releaseGivesEveryLineBackOnce() {
        Reservation reservation = reserveBookAndMugs();

        reservation.release(products, T1);

        assertThat(reservation.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(reservation.updatedAt()).isEqualTo(T1);
        assertThat(book.available()).isEqualTo(10);
        assertThat(mug.available()).isEqualTo(2);
        assertThatThrownBy(() -> reservation.release(products, T1)).isInstanceOf(IllegalStateException.class);
        assertThat(book.available()).isEqualTo(10);
    }

    @Test
    void shipMovesEveryLineToShipped() {
        Reservation reservation = reserveBookAndMugs();

        reservation.ship(products, T1);

        assertThat(reservation.status()).isEqualTo(ReservationStatus.SHIPPED);
        assertThat(book.shipped()).isEqualTo(2);
        assertThat(mug.shipped()).isEqualTo(2);
        assertThat(book.isBalanced() && mug.isBalanced()).isTrue();
    }

    @Test
    void aShippedReservationCanNeitherBeReleasedNorShippedAgain() {
        Reservation reservation = reserveBookAndMugs();
        reservation.ship(products, T1);

        assertThatThrownBy(() -> reservation.release(products, T1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> reservation.ship(products, T1)).isInstanceOf(IllegalStateException.class);
        assertThat(book.shipped()).isEqualTo(2);
        assertThat(book.available()).isEqualTo(8);
    }

    @Test
    void aShipmentCancelledWithItsOrderReturnsEveryShippedUnitOnce() {
        Reservation reservation = reserveBookAndMugs();
        reservation.ship(products, T1);

        reservation.returnShipment(products, T1);

        assertThat(reservation.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(reservation.status().isTerminal()).isTrue();
        assertThat(book.available()).isEqualTo(10);
        assertThat(book.shipped()).isZero();
        assertThat(mug.available()).isEqualTo(2);
        assertThat(book.isBalanced() && mug.isBalanced()).isTrue();
        assertThatThrownBy(() -> reservation.returnShipment(products, T1)).isInstanceOf(IllegalStateException.class);
        assertThat(book.available()).isEqualTo(10);
    }

    @Test
    void onlyAShippedReservationCanBeReturned() {
        Reservation reserved = reserveBookAndMugs();

        assertThatThrownBy(() -> reserved.returnShipment(products, T1)).isInstanceOf(IllegalStateException.class);
        assertThat(reserved.status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(book.reserved()).isEqualTo(2);
    }

    @Test
    void aReleasedReservationCannotBeShipped() {
        Reservation reservation = reserveBookAndMugs();
        reservation.release(products, T1);

        assertThatThrownBy(() -> reservation.ship(products, T1)).isInstanceOf(IllegalStateException.class);
        assertThat(book.shipped()).isZero();
    }

    @Test
    void refusesToMoveWhenAProductIsMissingAndChangesNothing() {
        Reservation reservation = reserveBookAndMugs();

        assertThatThrownBy(() -> reservation.release(Map.of("BOOK", book), T1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(reservation.status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(book.reserved()).isEqualTo(2);
    }

    @Test
    void aRejectedReservationIsTerminalHoldsNothingAndKeepsItsReason() {
        Reservation rejected = Reservation.rejected(ORDER, "alice", RejectionReason.OUT_OF_STOCK, T0);

        assertThat(rejected.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(rejected.status().isTerminal()).isTrue();
        assertThat(rejected.rejectionReason()).contains(RejectionReason.OUT_OF_STOCK);
        assertThat(rejected.lines()).isEmpty();
        assertThatThrownBy(() -> rejected.release(products, T1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rejected.ship(products, T1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTombstoneOfAnOrderCancelledBeforePlacementIsReleasedWithoutLines() {
        Reservation tombstone = Reservation.cancelledBeforePlacement(ORDER, "alice", T0);

        assertThat(tombstone.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(tombstone.isReserved()).isFalse();
        assertThat(tombstone.lines()).isEmpty();
        assertThat(tombstone.totalAmount()).hasToString("0.00");
        assertThatThrownBy(() -> tombstone.ship(products, T1)).isInstanceOf(IllegalStateException.class);
    }
}
