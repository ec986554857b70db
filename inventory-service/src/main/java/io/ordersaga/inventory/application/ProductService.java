package io.ordersaga.inventory.application;

import io.ordersaga.inventory.domain.Product;
import io.ordersaga.inventory.domain.ProductRepository;
import io.ordersaga.messaging.web.ConflictException;
import io.ordersaga.messaging.web.NotFoundException;
import java.math.BigDecimal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The catalogue: products are created, read and restocked here; stock moves for orders in ReservationService. */
@Service
public class ProductService {

    private static final Logger log = LoggerFactory.getLogger(ProductService.class);

    private final ProductRepository products;

    public ProductService(ProductRepository products) {
        this.products = products;
    }

    /** @throws ConflictException when the SKU exists */
    @Transactional
    public Product create(String sku, String name, BigDecimal unitPrice, long initialStock) {
        Product product = Product.create(sku, name, unitPrice, initialStock);
        if (products.existsById(sku)) {
            throw new ConflictException("Product " + sku + " already exists");
        }
        try {
            Product created = products.saveAndFlush(product);
            log.info("Created product {} with {} units at {}", sku, initialStock, created.unitPrice());
            return created;
        } catch (DataIntegrityViolationException e) {
            // Another request created the same SKU between the check and the insert.
            throw new ConflictException("Product " + sku + " already exists");
        }
    }

    @Transactional(readOnly = true)
    public List<Product> list() {
        return products.findAllByOrderBySkuAsc();
    }

    /** @throws NotFoundException when the SKU is unknown */
    @Transactional(readOnly = true)
    public Product get(String sku) {
        return products.findById(sku).orElseThrow(() -> unknown(sku));
    }

    /** Adds stock under the same row lock that reservations take, so no concurrent reservation loses it. */
    @Transactional
    public Product restock(String sku, int quantity) {
        Product product = products.lockBySku(sku).orElseThrow(() -> unknown(sku));
        product.restock(quantity);
        log.info("Restocked {} by {}: {} available", sku, quantity, product.available());
        return products.saveAndFlush(product);
    }

    private static NotFoundException unknown(String sku) {
        return new NotFoundException("Product " + sku + " does not exist");
    }
}
