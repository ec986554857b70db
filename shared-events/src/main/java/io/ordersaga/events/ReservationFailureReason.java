package io.ordersaga.events;

/** Why inventory could not reserve an order. Maps one-to-one onto a {@link CancellationReason}. */
public enum ReservationFailureReason {
    OUT_OF_STOCK(CancellationReason.OUT_OF_STOCK),
    UNKNOWN_PRODUCT(CancellationReason.UNKNOWN_PRODUCT);

    private final CancellationReason cancellationReason;

    ReservationFailureReason(CancellationReason cancellationReason) {
        this.cancellationReason = cancellationReason;
    }

    public CancellationReason cancellationReason() {
        return cancellationReason;
    }
}
