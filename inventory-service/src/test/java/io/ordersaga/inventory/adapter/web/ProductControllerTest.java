package io.ordersaga.inventory.adapter.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.ordersaga.inventory.application.ProductService;
import io.ordersaga.inventory.domain.Product;
import io.ordersaga.messaging.web.ConflictException;
import io.ordersaga.messaging.web.NotFoundException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(ProductController.class)
class ProductControllerTest {

    private static final String PROBLEM = "application/problem+json";

    @Autowired MockMvc mvc;
    @MockitoBean ProductService products;

    private static Product mug() {
        Product mug = Product.create("MUG-KAFKA", "Kafka mug", new BigDecimal("12.50"), 200);
        mug.reserve(3);
        return mug;
    }

    private ResultActions postJson(String path, String json) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static void assertProblem(ResultActions result, int status) throws Exception {
        result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.trace").doesNotExist())
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("at io.ordersaga"))));
    }

    @Test
    void createsAProductAndAnswers201WithItsLocation() throws Exception {
        when(products.create("MUG-KAFKA", "Kafka mug", new BigDecimal("12.50"), 200L))
                .thenReturn(Product.create("MUG-KAFKA", "Kafka mug", new BigDecimal("12.50"), 200));

        postJson("/products", """
                {"sku": "MUG-KAFKA", "name": "Kafka mug", "unitPrice": 12.50, "initialStock": 200}""")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/products/MUG-KAFKA"))
                .andExpect(jsonPath("$.sku").value("MUG-KAFKA"))
                .andExpect(jsonPath("$.unitPrice").value(12.50))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.available").value(200))
                .andExpect(jsonPath("$.reserved").value(0))
                .andExpect(jsonPath("$.shipped").value(0))
                .andExpect(jsonPath("$.initialStock").value(200))
                .andExpect(jsonPath("$.restocked").value(0));
    }

    @Test
    void rejectsMissingFieldsNamingEachOne() throws Exception {
        ResultActions result = postJson("/products", "{}");

        assertProblem(result, 400);
        result.andExpect(jsonPath("$.errors[*].field", hasItem("sku")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("name")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("unitPrice")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("initialStock")));
        verifyNoInteractions(products);
    }

    @Test
    void rejectsAnInvalidSku() throws Exception {
        ResultActions result = postJson("/products", """
                {"sku": "mug kafka", "name": "Kafka mug", "unitPrice": 12.50, "initialStock": 1}""");

        assertProblem(result, 400);
        result.andExpect(jsonPath("$.errors[0].field").value("sku"));
    }

    @Test
    void rejectsABlankName() throws Exception {
        ResultActions result = postJson("/products", """
                {"sku": "MUG", "name": "  ", "unitPrice": 12.50, "initialStock": 1}""");

        assertProblem(result, 400);
        result.andExpect(jsonPath("$.errors[0].field").value("name"));
    }

    @Test
    void rejectsAZeroPrice() throws Exception {
        ResultActions result = postJson("/products", """
                {"sku": "MUG", "name": "Mug", "unitPrice": 0, "initialStock": 1}""");

        assertProblem(result, 400);
        result.andExpect(jsonPath("$.errors[0].field").value("unitPrice"));
    }

    @Test
    void rejectsAPriceWithMoreThanTwoDecimals() throws Exception {
        ResultActions result = postJson("/products", """
                {"sku": "MUG", "name": "Mug", "unitPrice": 1.999, "initialStock": 1}""");

        assertProblem(result, 400);
        result.andExpect(jsonPath("$.errors[0].field").value("unitPrice"));
    }

    @Test
    void rejectsNegativeInitialStock() throws Exception {
        ResultActions result = postJson("/products", """
                {"sku": "MUG", "name": "Mug", "unitPrice": 1.00, "initialStock": -1}""");

        assertProblem(result, 400);
        result.andExpect(jsonPath("$.errors[0].field").value("initialStock"));
    }

    @Test
    void rejectsMalformedJson() throws Exception {
        assertProblem(postJson("/products", "{\"sku\": \"MUG\", "), 400);
        verifyNoInteractions(products);
    }

    @Test
    void rejectsAWronglyTypedFieldNamingIt() throws Exception {
        ResultActions result = postJson("/products", """
                {"sku": "MUG", "name": "Mug", "unitPrice": "cheap", "initialStock": 1}""");

        assertProblem(result, 400);
        result.andExpect(jsonPath("$.errors[0].field").value("unitPrice"));
    }

    @Test
    void answers409WhenTheSkuExists() throws Exception {
        when(products.create(anyString(), anyString(), any(), anyLong()))
                .thenThrow(new ConflictException("Product MUG already exists"));

        ResultActions result = postJson("/products", """
                {"sku": "MUG", "name": "Mug", "unitPrice": 1.00, "initialStock": 1}""");

        assertProblem(result, 409);
        result.andExpect(jsonPath("$.detail").value("Product MUG already exists"));
    }

    @Test
    void listsProducts() throws Exception {
        when(products.list()).thenReturn(List.of(
                Product.create("BOOK-EDA", "Book", new BigDecimal("39.90"), 100), mug()));

        mvc.perform(get("/products"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].sku").value("BOOK-EDA"))
                .andExpect(jsonPath("$[1].sku").value("MUG-KAFKA"))
                .andExpect(jsonPath("$[1].available").value(197))
                .andExpect(jsonPath("$[1].reserved").value(3));
    }

    @Test
    void readsOneProduct() throws Exception {
        when(products.get("MUG-KAFKA")).thenReturn(mug());

        mvc.perform(get("/products/MUG-KAFKA"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Kafka mug"))
                .andExpect(jsonPath("$.reserved").value(3));
    }

    @Test
    void answers404ForAnUnknownSku() throws Exception {
        when(products.get("NOPE")).thenThrow(new NotFoundException("Product NOPE does not exist"));

        assertProblem(mvc.perform(get("/products/NOPE")), 404);
    }

    @Test
    void restocksAndAnswersTheProduct() throws Exception {
        Product mug = mug();
        mug.restock(10);
        when(products.restock("MUG-KAFKA", 10)).thenReturn(mug);

        postJson("/products/MUG-KAFKA/restock", "{\"quantity\": 10}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.available").value(207))
                .andExpect(jsonPath("$.restocked").value(10));
        verify(products).restock("MUG-KAFKA", 10);
    }

    @Test
    void rejectsARestockOfLessThanOneUnit() throws Exception {
        ResultActions result = postJson("/products/MUG-KAFKA/restock", "{\"quantity\": 0}");

        assertProblem(result, 400);
        result.andExpect(jsonPath("$.errors[0].field").value("quantity"));
        verifyNoInteractions(products);
    }

    @Test
    void rejectsARestockWithoutQuantity() throws Exception {
        ResultActions result = postJson("/products/MUG-KAFKA/restock", "{}");

        assertProblem(result, 400);
        result.andExpect(jsonPath("$.errors[0].field").value("quantity"));
    }

    @Test
    void answers404WhenRestockingAnUnknownSku() throws Exception {
        when(products.restock(eq("NOPE"), anyInt())).thenThrow(new NotFoundException("Product NOPE does not exist"));

        assertProblem(postJson("/products/NOPE/restock", "{\"quantity\": 1}"), 404);
    }
}
