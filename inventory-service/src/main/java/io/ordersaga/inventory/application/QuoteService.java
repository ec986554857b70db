package io.ordersaga.inventory.application;

import io.ordersaga.events.Money;
import io.ordersaga.events.OrderLine;
import io.ordersaga.events.Quote;
import io.ordersaga.events.QuoteRequest;
import io.ordersaga.inventory.domain.Product;
import io.ordersaga.inventory.domain.ProductRepository;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Answers "what would these lines cost, and are they in stock?" from the current catalogue. Reserves nothing. */
@Service
public class QuoteService {

    private final ProductRepository products;

    public QuoteService(ProductRepository products) {
        this.products = products;
    }

    @Transactional(readOnly = true)
    public Quote quote(QuoteRequest request) {
        Map<String, Product> known = products.findAllById(request.lines().stream().map(OrderLine::sku).toList())
                .stream().collect(Collectors.toMap(Product::sku, Function.identity()));
        List<Quote.QuotedLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        boolean allAvailable = true;
        for (OrderLine line : request.lines()) {
            Product product = known.get(line.sku());
            if (product == null) {
                lines.add(new Quote.QuotedLine(line.sku(), line.quantity(), false, null, 0, false));
                allAvailable = false;
                continue;
            }
            boolean available = product.available() >= line.quantity();
            allAvailable &= available;
            total = total.add(product.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
            lines.add(new Quote.QuotedLine(line.sku(), line.quantity(), true, product.unitPrice(),
                    (int) Math.min(Integer.MAX_VALUE, product.available()), available));
        }
        return new Quote(lines, total, Money.DEFAULT_CURRENCY, allAvailable);
    }
}
