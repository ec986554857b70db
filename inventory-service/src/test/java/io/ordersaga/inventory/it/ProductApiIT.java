package io.ordersaga.inventory.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.inventory.config.DemoCatalog;
import io.ordersaga.inventory.domain.Product;
import io.ordersaga.messaging.testing.ApiDocsCoverage;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;

/** The REST API and the schema on the real database. */
class ProductApiIT extends AbstractInventoryIT {

    @Autowired DemoCatalog demoCatalog;

    @Test
    void createsReadsAndRestocksAProductAndRefusesADuplicateSku() throws Exception {
        String sku = newSku("LAMP");
        String body = """
                {"sku": "%s", "name": "Lava lamp", "unitPrice": 49.5, "initialStock": 3}""".formatted(sku);

        mvc.perform(post("/products").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/products/" + sku))
                .andExpect(jsonPath("$.unitPrice").value(49.50));
        mvc.perform(post("/products").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(post("/products/{sku}/restock", sku).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"quantity\": 7}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.available").value(10))
                .andExpect(jsonPath("$.restocked").value(7));
        mvc.perform(get("/products/{sku}", sku))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Lava lamp"))
                .andExpect(jsonPath("$.initialStock").value(3))
                .andExpect(jsonPath("$.available").value(10));
        assertThat(product(sku).unitPrice()).hasToString("49.50");
    }

    @Test
    void listsProductsSortedBySku() throws Exception {
        newProduct("ZZZ", "1.00", 1);
        newProduct("AAA", "1.00", 1);

        String json = mvc.perform(get("/products")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        List<String> skus = com.jayway.jsonpath.JsonPath.read(json, "$[*].sku");
        assertThat(skus).isSorted().contains("BOOK-EDA", "POSTER-LIMITED");
    }

    @Test
    void answers404ForUnknownProductsAndReservations() throws Exception {
        mvc.perform(get("/products/{sku}", newSku("NOPE"))).andExpect(status().isNotFound());
        mvc.perform(post("/products/{sku}/restock", newSku("NOPE")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"quantity\": 1}")).andExpect(status().isNotFound());
        mvc.perform(get("/reservations/{orderId}", UUID.randomUUID())).andExpect(status().isNotFound());
    }

    @Test
    void showsAnOrdersReservation() throws Exception {
        String sku = newProduct("MUG", "12.50", 5);
        UUID orderId = reservedOrder(sku, 2);

        mvc.perform(get("/reservations/{orderId}", orderId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RESERVED"))
                .andExpect(jsonPath("$.lines[0].sku").value(sku))
                .andExpect(jsonPath("$.totalAmount").value(25.00));
    }

    @Test
    void theDatabaseRefusesNegativeOrUnbalancedStock() {
        String sku = newProduct("MUG", "12.50", 5);

        assertThatThrownBy(() -> jdbc.update(
                "UPDATE product SET available = available - 6, reserved = reserved + 6 WHERE sku = ?", sku))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("UPDATE product SET available = available + 1 WHERE sku = ?", sku))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(product(sku).available()).isEqualTo(5);
    }

    @Test
    void demoCatalogCreatesItsProductsOnceAndNeverOverwritesThem() {
        Product poster = product("POSTER-LIMITED");
        assertThat(poster.initialStock()).isEqualTo(1);
        assertThat(poster.unitPrice()).hasToString("25.00");
        assertThat(product("BOOK-EDA").name()).isEqualTo("Event-Driven Architecture (book)");
        assertThat(product("STICKER-PACK").initialStock()).isEqualTo(1000);
        long stickersRestocked = product("STICKER-PACK").restocked();
        productService.restock("STICKER-PACK", 5);

        demoCatalog.run(null);

        assertThat(product("STICKER-PACK").restocked()).isEqualTo(stickersRestocked + 5);
        assertThat(products.findAllById(List.of("BOOK-EDA", "MUG-KAFKA", "TSHIRT-SAGA", "STICKER-PACK",
                "POSTER-LIMITED"))).hasSize(5);
    }

    /** {@code /v3/api-docs} lists every endpoint this service maps (see {@link ApiDocsCoverage}). */
    @Test
    void openApiDocumentListsEveryEndpoint(@Autowired ApplicationContext context) throws Exception {
        ApiDocsCoverage.assertDocumentListsEveryEndpoint(context, mvc);
    }
}
