package io.ordersaga.order.view;

import io.ordersaga.messaging.security.Caller;
import io.ordersaga.messaging.web.NotFoundException;
import io.ordersaga.order.config.ReadModels;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read models. Every answer carries the position it reflects (per topic, the next offset of each partition);
 * {@code consistentWith=<orderId>} waits up to {@code timeoutMs} until the views caught up with that order and
 * says in {@code caughtUp} whether they did. A customer reads only their own orders' views; the revenue spans
 * customers and is the admin's (OrderAccessRules).
 */
@RestController
class OrderViewController {

    private static final int MAX_DAYS = 366;
    private static final String VIEWS = "views";

    private final OrderViews views;
    private final ViewConsistency consistency;
    private final ViewRebuilder rebuilder;
    private final ReadModels readModels;

    OrderViewController(OrderViews views, ViewConsistency consistency, ViewRebuilder rebuilder,
                        ReadModels readModels) {
        this.views = views;
        this.consistency = consistency;
        this.rebuilder = rebuilder;
        this.readModels = readModels;
    }

    record ViewAnswer<T>(T data, Map<String, Map<Integer, Long>> position, Boolean caughtUp) {
    }

    record CustomerOrders(String customerId, List<OrderViews.OrderSummary> content, int page, int size,
                          long totalElements, int totalPages, Map<String, Long> countsByStatus) {
    }

    record Revenue(LocalDate from, LocalDate to, List<OrderViews.DailyRevenue> days, BigDecimal revenue,
                   BigDecimal refunds, BigDecimal netRevenue, int completedOrders) {
    }

    record Rebuilt(long recordsReplayed, long tookMs, Map<String, Map<Integer, Long>> position) {
    }

    @GetMapping("/views/orders/{orderId}")
    ViewAnswer<OrderViews.OrderSummary> order(@PathVariable UUID orderId,
            @RequestParam(required = false) UUID consistentWith,
            @RequestParam(defaultValue = "2000") @Min(0) @Max(10000) long timeoutMs) {
        readModels.require(VIEWS);
        Boolean caughtUp = awaitIfAsked(consistentWith, timeoutMs);
        OrderViews.OrderSummary summary = views.order(orderId)
                .orElseThrow(() -> new NotFoundException("The order view has no order " + orderId + " (yet)"));
        Caller.requireOwnerOrStaff(summary.customerId(), "Order " + orderId);
        return new ViewAnswer<>(summary, views.position(), caughtUp);
    }

    @GetMapping("/views/customers/{customerId}/orders")
    ViewAnswer<CustomerOrders> customerOrders(@PathVariable @NotBlank String customerId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @RequestParam(required = false) UUID consistentWith,
            @RequestParam(defaultValue = "2000") @Min(0) @Max(10000) long timeoutMs) {
        readModels.require(VIEWS);
        Caller.requireOwnerOrStaff(customerId, "The order list of customer '" + customerId + "'");
        Boolean caughtUp = awaitIfAsked(consistentWith, timeoutMs);
        Map<String, Long> counts = views.countsByStatus(customerId);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new ViewAnswer<>(new CustomerOrders(customerId, views.ordersOf(customerId, page * size, size), page,
                size, total, (int) ((total + size - 1) / size), counts), views.position(), caughtUp);
    }

    @GetMapping("/views/revenue/daily")
    ViewAnswer<Revenue> dailyRevenue(@RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) UUID consistentWith,
            @RequestParam(defaultValue = "2000") @Min(0) @Max(10000) long timeoutMs) {
        readModels.require(VIEWS);
        LocalDate last = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        LocalDate first = from != null ? from : last.minusDays(29);
        if (first.isAfter(last) || ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new IllegalArgumentException("from must not be after to, and the range at most " + MAX_DAYS + " days");
        }
        Boolean caughtUp = awaitIfAsked(consistentWith, timeoutMs);
        List<OrderViews.DailyRevenue> days = views.revenue(first, last);
        BigDecimal revenue = days.stream().map(OrderViews.DailyRevenue::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal refunds = days.stream().map(OrderViews.DailyRevenue::refunds).reduce(BigDecimal.ZERO, BigDecimal::add);
        int completed = days.stream().mapToInt(OrderViews.DailyRevenue::completedOrders).sum();
        return new ViewAnswer<>(new Revenue(first, last, days, revenue, refunds, revenue.subtract(refunds), completed),
                views.position(), caughtUp);
    }

    /** Rebuilds every view from offset 0 into fresh tables and swaps them in; the old ones serve until then. */
    @PostMapping("/admin/views/rebuild")
    Rebuilt rebuild() {
        readModels.require(VIEWS);
        ViewRebuilder.Result result = rebuilder.rebuild();
        return new Rebuilt(result.recordsReplayed(), result.took().toMillis(), views.position());
    }

    private Boolean awaitIfAsked(UUID orderId, long timeoutMs) {
        return orderId == null ? null : consistency.awaitCaughtUp(orderId, Duration.ofMillis(timeoutMs));
    }
}
