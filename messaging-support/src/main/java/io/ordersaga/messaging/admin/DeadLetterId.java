package io.ordersaga.messaging.admin;

/** Where a dead letter sits: its dead-letter topic, partition and offset. */
public record DeadLetterId(String topic, int partition, long offset) {

    /** The resource path of this dead letter under {@code /admin/dead-letters}. */
    public String path() {
        return DeadLetterController.BASE + "/" + topic + "/" + partition + "/" + offset;
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset;
    }
}
