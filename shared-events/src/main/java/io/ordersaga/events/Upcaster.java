package io.ordersaga.events;

import java.util.Map;

/**
 * Turns the data of one event type from version {@link #fromVersion()} into version {@code fromVersion() + 1}.
 * It works on the generic JSON model (maps, lists, strings, numbers), so the published language needs no JSON
 * library: the consumer's codec parses, upcasts, then binds the current record.
 */
public interface Upcaster {

    EventType type();

    int fromVersion();

    /** Returns the data in the next version's shape; may change {@code data} in place. */
    Map<String, Object> upcast(Map<String, Object> data);
}
