package io.ordersaga.events;

import java.util.Objects;
import java.util.UUID;

/**
 * A paid order cannot be shipped, for example because its destination is not served.
 *
 * <p>Emitted by shipping-service. Consumed by payment-service (refund), inventory-service (release) and
 * order-service (CANCELLED, SHIPPING_FAILED).
 *
 * @param reason a short machine-readable reason, for example {@code DESTINATION_NOT_SERVED}
 */
public record ShipmentFailed(UUID orderId, String country, String reason) implements SagaEvent {

    public ShipmentFailed {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(reason, "reason");
    }
}
