package io.ordersaga.inventory.config;

import io.ordersaga.inventory.application.ProductService;
import io.ordersaga.messaging.web.ConflictException;
import java.math.BigDecimal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With {@code ordersaga.demo-data=true}, creates the demo products that do not exist yet; an existing product is
 * never touched, so restarts keep the stock that orders have moved. POSTER-LIMITED has a single unit for the
 * out-of-stock demo.
 */
@Component
@ConditionalOnProperty("ordersaga.demo-data")
public class DemoCatalog implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

    record DemoProduct(String sku, String name, String unitPrice, long initialStock) {
    }

    static final List<DemoProduct> PRODUCTS = List.of(
            new DemoProduct("BOOK-EDA", "Event-Driven Architecture (book)", "39.90", 100),
            new DemoProduct("MUG-KAFKA", "Kafka mug", "12.50", 200),
            new DemoProduct("TSHIRT-SAGA", "Saga T-shirt", "19.90", 50),
            new DemoProduct("STICKER-PACK", "Sticker pack", "4.99", 1000),
            new DemoProduct("POSTER-LIMITED", "Limited poster", "25.00", 1));

    private final ProductService products;

    public DemoCatalog(ProductService products) {
        this.products = products;
    }

    @Override
    public void run(ApplicationArguments args) {
        int created = 0;
        for (DemoProduct demo : PRODUCTS) {
            try {
                products.create(demo.sku(), demo.name(), new BigDecimal(demo.unitPrice()), demo.initialStock());
                created++;
            } catch (ConflictException alreadyThere) {
                log.debug("Demo product {} exists; left as it is", demo.sku());
            }
        }
        log.info("Demo catalogue: {} of {} products created, the rest already existed", created, PRODUCTS.size());
    }
}
