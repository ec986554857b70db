package io.ordersaga.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The golden files under {@code golden/} are the published contract. Every event must read its golden file
 * strictly and write it back unchanged, so renaming or removing a field fails the build, while adding an
 * optional field does not.
 */
class GoldenEventContractTest {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventReadsAndWritesItsGoldenFileUnchanged(EventType type) {
        JsonNode golden = golden(type);
        assertThat(golden.get("eventType").asString()).isEqualTo(type.id());
        assertThat(golden.get("eventVersion").asInt()).isEqualTo(type.version());

        SagaEvent event = STRICT.treeToValue(golden.get("data"), type.eventClass());
        assertThat(EventType.of(event.getClass())).isEqualTo(type);
        assertThat((Object) STRICT.valueToTree(event)).isEqualTo(golden.get("data"));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyGoldenEnvelopeHasTheDocumentedShape(EventType type) {
        JsonNode golden = golden(type);
        assertThat(golden.propertyNames())
                .containsExactlyInAnyOrder("eventId", "eventType", "eventVersion", "timestamp", "source", "data", "metadata");
        EventEnvelope<?> envelope = STRICT.treeToValue(golden, EventEnvelope.class);
        assertThat(envelope.metadata().correlationId()).isNotBlank();
        assertThat(envelope.metadata().causationId()).isNotBlank();
        assertThat(type.topic()).isIn(Topics.SAGA_TOPICS);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyOlderVersionHasAGoldenFileThatUpcastsToTheCurrentOne(EventType type) {
        for (int version = 1; version < type.version(); version++) {
            JsonNode old = golden(type.id() + ".v" + version);
            assertThat(old.get("eventVersion").asInt()).isEqualTo(version);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = STRICT.treeToValue(old.get("data"), Map.class);
            Map<String, Object> upcast = Upcasters.toCurrent(type, version, data);
            SagaEvent event = STRICT.convertValue(upcast, type.eventClass());
            assertThat((Object) STRICT.valueToTree(event)).isEqualTo(golden(type).get("data"));
        }
    }

    @Test
    void orderPlacedV1ReadsAsV2WithTheSameCustomer() {
        @SuppressWarnings("unchecked")
        Map<String, Object> v1 = STRICT.treeToValue(golden("OrderPlaced.v1").get("data"), Map.class);
        OrderPlaced placed = STRICT.convertValue(Upcasters.toCurrent(EventType.ORDER_PLACED, 1, v1), OrderPlaced.class);
        assertThat(placed.customerId()).isEqualTo("alice");
        assertThat(placed.customer().name()).isEqualTo("Alice Example");
        assertThatThrownBy(() -> Upcasters.toCurrent(EventType.ORDER_PLACED, 3, v1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newer");
    }

    @Test
    void addingAnOptionalFieldStillReadsOldFiles() {
        OrderPlacedWithGiftNote read = STRICT.treeToValue(golden("OrderPlaced.v1").get("data"), OrderPlacedWithGiftNote.class);
        assertThat(read.customerId()).isEqualTo("alice");
        assertThat(read.giftNote()).isNull();
    }

    @Test
    void renamingAFieldFailsToReadOldFiles() {
        JsonNode data = golden("OrderPlaced.v1").get("data");
        assertThatThrownBy(() -> STRICT.treeToValue(data, OrderPlacedWithRenamedCustomer.class))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("customerId");
    }

    @Test
    void removingAFieldFailsToReadOldFiles() {
        JsonNode data = golden("OrderPlaced.v1").get("data");
        assertThatThrownBy(() -> STRICT.treeToValue(data, OrderPlacedWithoutAddress.class))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("shippingAddress");
    }

    @Test
    void invalidDataIsRejectedWhenRead() {
        String missingOrderId = """
                {"customerId":"alice","items":[{"sku":"X","quantity":1}],
                 "shippingAddress":{"name":"n","street":"s","city":"c","postalCode":"p","country":"DE"}}""";
        String zeroQuantity = missingOrderId.replace("\"customerId\"", "\"orderId\":\"" + UUID.randomUUID() + "\",\"customerId\"")
                .replace("\"quantity\":1", "\"quantity\":0");
        assertThatThrownBy(() -> STRICT.readValue(missingOrderId, OrderPlaced.class)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> STRICT.readValue(zeroQuantity, OrderPlaced.class)).isInstanceOf(JacksonException.class);
    }

    static JsonNode golden(EventType type) {
        return golden(type.id());
    }

    static JsonNode golden(String name) {
        String path = "/golden/" + name + ".json";
        try (InputStream in = GoldenEventContractTest.class.getResourceAsStream(path)) {
            assertThat(in).as("golden file %s", path).isNotNull();
            return STRICT.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record OrderPlacedWithGiftNote(UUID orderId, String customerId, List<OrderLine> items,
                                   ShippingAddress shippingAddress, String giftNote) {
    }

    record OrderPlacedWithRenamedCustomer(UUID orderId, String clientId, List<OrderLine> items,
                                          ShippingAddress shippingAddress) {
    }

    record OrderPlacedWithoutAddress(UUID orderId, String customerId, List<OrderLine> items) {
    }
}
