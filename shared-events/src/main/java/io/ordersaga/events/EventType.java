package io.ordersaga.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Logical event type ids, the topic each type is published to, and the record each maps to. Consumers map the
 * {@code eventType} header through {@link #fromId(String)}; no Java class name ever travels on the wire.
 */
public enum EventType {
    ORDER_PLACED("OrderPlaced", OrderPlaced.class, Topics.ORDER_EVENTS, 2),
    ORDER_COMPLETED("OrderCompleted", OrderCompleted.class, Topics.ORDER_EVENTS),
    ORDER_CANCELLED("OrderCancelled", OrderCancelled.class, Topics.ORDER_EVENTS),
    INVENTORY_RESERVED("InventoryReserved", InventoryReserved.class, Topics.INVENTORY_EVENTS),
    INVENTORY_RESERVATION_FAILED("InventoryReservationFailed", InventoryReservationFailed.class, Topics.INVENTORY_EVENTS),
    INVENTORY_RELEASED("InventoryReleased", InventoryReleased.class, Topics.INVENTORY_EVENTS),
    PAYMENT_COMPLETED("PaymentCompleted", PaymentCompleted.class, Topics.PAYMENT_EVENTS),
    PAYMENT_FAILED("PaymentFailed", PaymentFailed.class, Topics.PAYMENT_EVENTS),
    PAYMENT_REFUNDED("PaymentRefunded", PaymentRefunded.class, Topics.PAYMENT_EVENTS),
    SHIPMENT_SCHEDULED("ShipmentScheduled", ShipmentScheduled.class, Topics.SHIPPING_EVENTS),
    SHIPMENT_FAILED("ShipmentFailed", ShipmentFailed.class, Topics.SHIPPING_EVENTS);

    private static final Map<String, EventType> BY_ID =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::id, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::eventClass, Function.identity()));

    private final String id;
    private final Class<? extends SagaEvent> eventClass;
    private final String topic;
    private final int version;

    EventType(String id, Class<? extends SagaEvent> eventClass, String topic) {
        this(id, eventClass, topic, 1);
    }

    EventType(String id, Class<? extends SagaEvent> eventClass, String topic, int version) {
        this.id = id;
        this.eventClass = eventClass;
        this.topic = topic;
        this.version = version;
    }

    public String id() {
        return id;
    }

    public Class<? extends SagaEvent> eventClass() {
        return eventClass;
    }

    public String topic() {
        return topic;
    }

    /** The version this type is published at now; older versions are read through {@link Upcasters}. */
    public int version() {
        return version;
    }

    public static Optional<EventType> fromId(String id) {
        return Optional.ofNullable(id).map(BY_ID::get);
    }

    public static EventType of(Class<?> eventClass) {
        EventType type = BY_CLASS.get(eventClass);
        if (type == null) {
            throw new IllegalArgumentException("Not a registered integration event: " + eventClass.getName());
        }
        return type;
    }
}
