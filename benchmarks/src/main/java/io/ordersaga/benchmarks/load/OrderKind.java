package io.ordersaga.benchmarks.load;

/** How an order of the run is meant to end, by the business rule that decides it (DESIGN section 4). */
public enum OrderKind {
    /** Stock, money and a served country: COMPLETED. */
    COMPLETES("COMPLETED", null),
    /** One line asks for a product with no stock: CANCELLED at the first step. */
    OUT_OF_STOCK("CANCELLED", "OUT_OF_STOCK"),
    /** The customer's balance is 0: CANCELLED at the second step, stock released. */
    PAYMENT_DECLINED("CANCELLED", "PAYMENT_DECLINED"),
    /** Shipped to Antarctica, which shipping does not serve: CANCELLED at the third step, refunded and released. */
    SHIPPING_FAILED("CANCELLED", "SHIPPING_FAILED");

    private final String expectedStatus;
    private final String expectedReason;

    OrderKind(String expectedStatus, String expectedReason) {
        this.expectedStatus = expectedStatus;
        this.expectedReason = expectedReason;
    }

    public String expectedStatus() {
        return expectedStatus;
    }

    /** The cancellation reason it should end with, or {@code null} for an order that completes. */
    public String expectedReason() {
        return expectedReason;
    }
}
