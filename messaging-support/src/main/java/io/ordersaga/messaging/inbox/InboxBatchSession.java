package io.ordersaga.messaging.inbox;

/**
 * What a batch transaction does with the service's persistence context. A batch runs many handlers in one
 * transaction; with JPA, every entity they load stays in one persistence context, and by default Hibernate
 * dirty-checks all of them before every query (auto flush), so a poll of n records would cost O(n²).
 * The JPA session ({@code JpaInboxBatchSession}) either flushes and clears the context after each record, or keeps
 * it for the whole batch and flushes once at commit; without JPA there is nothing to do.
 */
public interface InboxBatchSession {

    InboxBatchSession NONE = new InboxBatchSession() {
    };

    /** Called inside the batch's transaction before the first record's handler. */
    default void beforeBatch() {
    }

    /** Called inside the batch's transaction after each record's handler. */
    default void afterRecord() {
    }
}
