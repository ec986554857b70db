package io.ordersaga.messaging.inbox;

/**
 * What a batch transaction does between two records. A batch runs many handlers in one transaction; with JPA, every
 * entity they load stays in one persistence context, and Hibernate dirty-checks all of them before every query, so
 * a poll of n records costs O(n²). The JPA session ({@code JpaInboxBatchSession}) flushes and clears the context
 * after each record; without JPA there is nothing to do.
 */
@FunctionalInterface
public interface InboxBatchSession {

    InboxBatchSession NONE = () -> { };

    /** Called inside the batch's transaction after each record's handler. */
    void afterRecord();
}
