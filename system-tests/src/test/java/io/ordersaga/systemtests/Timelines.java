package io.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reading and checking an order's timeline ({@code GET /orders/{orderId}/timeline}). */
final class Timelines {

    private Timelines() {
    }

    static List<JsonNode> events(JsonNode timeline) {
        List<JsonNode> events = new ArrayList<>();
        timeline.path("events").forEach(events::add);
        return events;
    }

    static List<String> types(JsonNode timeline) {
        return events(timeline).stream().map(event -> event.path("eventType").asString()).toList();
    }

    /**
     * The timeline is causally ordered and one saga: every event whose cause is on the timeline comes after it, only
     * the given types are roots (caused by a request or the deadline, not by an event), and all share one
     * correlation id.
     */
    static void assertCausal(JsonNode timeline, Set<String> rootTypes) {
        List<JsonNode> events = events(timeline);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            position.put(events.get(i).path("eventId").asString(), i);
        }
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            Integer cause = position.get(event.path("causationId").asString());
            if (cause == null) {
                assertThat(event.path("eventType").asString()).as("a root of %s", timeline).isIn(rootTypes);
            } else {
                assertThat(cause).as("the cause of %s comes before it in %s", event, timeline).isLessThan(i);
            }
        }
        assertThat(events).extracting(event -> event.path("correlationId").asString()).as("one saga").hasSize(events.size())
                .containsOnly(events.get(0).path("correlationId").asString());
    }

    /** The type of the event that caused the (only) event of {@code type}. */
    static String causeOf(JsonNode timeline, String type) {
        List<JsonNode> events = events(timeline);
        JsonNode effect = events.stream().filter(event -> event.path("eventType").asString().equals(type))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one " + type + " in " + timeline);
                })
                .orElseThrow(() -> new AssertionError("no " + type + " in " + timeline));
        return events.stream()
                .filter(event -> event.path("eventId").asString().equals(effect.path("causationId").asString()))
                .map(event -> event.path("eventType").asString())
                .findFirst().orElse("(not an event)");
    }
}
