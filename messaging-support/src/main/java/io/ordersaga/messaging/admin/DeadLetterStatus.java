package io.ordersaga.messaging.admin;

/** What has been done about a dead letter: nothing yet, replayed to its original topic, or discarded with a reason. */
public enum DeadLetterStatus {
    PENDING,
    REPLAYED,
    DISCARDED
}
