package io.ordersaga.inventory.adapter.web;

import io.ordersaga.inventory.application.ProductService;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/products")
class ProductController {

    private final ProductService products;

    ProductController(ProductService products) {
        this.products = products;
    }

    @PostMapping
    ResponseEntity<ProductResponse> create(@Valid @RequestBody CreateProductRequest request) {
        ProductResponse created = ProductResponse.of(products.create(request.sku(), request.name(),
                request.unitPrice(), request.initialStock()));
        return ResponseEntity.created(URI.create("/products/" + created.sku())).body(created);
    }

    @GetMapping
    List<ProductResponse> list() {
        return products.list().stream().map(ProductResponse::of).toList();
    }

    @GetMapping("/{sku}")
    ProductResponse get(@PathVariable String sku) {
        return ProductResponse.of(products.get(sku));
    }

    @PostMapping("/{sku}/restock")
    ProductResponse restock(@PathVariable String sku, @Valid @RequestBody RestockRequest request) {
        return ProductResponse.of(products.restock(sku, request.quantity()));
    }
}
