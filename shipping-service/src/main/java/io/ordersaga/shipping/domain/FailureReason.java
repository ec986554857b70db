package io.ordersaga.shipping.domain;

/** Why a shipment could not be scheduled; travels as the {@code reason} of ShipmentFailed. */
public enum FailureReason {
    DESTINATION_NOT_SERVED
}
