package io.ordersaga.order.adapter.web;

import io.ordersaga.messaging.security.Caller;
import io.ordersaga.messaging.web.NotFoundException;
import io.ordersaga.messaging.web.RetryLater;
import io.ordersaga.order.application.CancellationService;
import io.ordersaga.order.application.IdempotencyKeyReusedException;
import io.ordersaga.order.application.OrderService;
import io.ordersaga.order.application.Placement;
import io.ordersaga.order.application.SagaBacklogFullException;
import io.ordersaga.order.application.TimelineService;
import io.ordersaga.order.config.ReadModels;
import io.ordersaga.order.domain.Awaiting;
import io.ordersaga.order.domain.Order;
import io.ordersaga.order.domain.OrderStatus;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/orders")
class OrderController {

    static final int MAX_PAGE_SIZE = 100;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set on the answer to a repeated request: the order it shows was created by the first one. */
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    /** When a client refused for a full saga backlog should try again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final OrderService orders;
    private final CancellationService cancellations;
    private final TimelineService timeline;
    private final ReadModels readModels;

    OrderController(OrderService orders, CancellationService cancellations, TimelineService timeline,
                    ReadModels readModels) {
        this.orders = orders;
        this.cancellations = cancellations;
        this.timeline = timeline;
        this.readModels = readModels;
    }

    /**
     * 201 with {@code Location} and the order. With an {@code Idempotency-Key}, a repeat of the same request answers
     * 201 with the same {@code Location} and the order as it is now, plus {@code Idempotent-Replayed: true}; the same
     * key with a different request is 422. While the saga's backlog is full ({@code ordersaga.saga.max-in-flight}) a
     * new order is 503 with {@code Retry-After}: nothing was placed, and the same request may be sent again.
     */
    @PostMapping
    @ApiResponse(responseCode = "201", description = "Placed (or replayed with the same Idempotency-Key)",
            headers = {@Header(name = "Location", description = "/orders/{orderId}"),
                    @Header(name = IDEMPOTENT_REPLAYED, description = "true when the order was placed before")})
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "Saga backlog full: nothing was placed; send it again",
            headers = @Header(name = "Retry-After", description = "seconds"),
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<OrderResponse> place(@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                        @Valid @RequestBody PlaceOrderRequest request) {
        // A customer orders for themselves only; staff order on behalf of the customer the body names.
        Placement placement = orders.placeOrder(
                request.toCommand(Caller.orderingCustomer(request.customerId())), validKey(idempotencyKey));
        Order order = placement.order();
        ResponseEntity.BodyBuilder created = ResponseEntity.created(URI.create("/orders/" + order.orderId()));
        if (placement.replayed()) {
            created.header(IDEMPOTENT_REPLAYED, "true");
        }
        return created.body(response(order));
    }

    @GetMapping("/{orderId}")
    OrderResponse get(@PathVariable UUID orderId) {
        return response(ownOrder(orderId));
    }

    /**
     * The customer cancels: 200 with the CANCELLED order (CUSTOMER_REQUESTED). An order that is CANCELLED already is
     * answered unchanged (200), whatever its reason; a COMPLETED order is 409.
     */
    @PostMapping("/{orderId}/cancel")
    @ApiResponse(responseCode = "200", description = "Cancelled, or cancelled already")
    @ApiResponse(responseCode = "409", description = "The order is COMPLETED",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    OrderResponse cancel(@PathVariable UUID orderId) {
        ownOrder(orderId);
        return response(cancellations.cancelOnCustomerRequest(orderId));
    }

    @GetMapping("/{orderId}/timeline")
    TimelineResponse timeline(@PathVariable UUID orderId) {
        ownOrder(orderId);
        readModels.require("timeline");
        return timeline.timelineOf(orderId).map(events -> TimelineResponse.of(orderId, events))
                .orElseThrow(() -> new NotFoundException("No order " + orderId));
    }

    /**
     * Newest first; {@code size} above {@value #MAX_PAGE_SIZE} is capped. A customer lists only their own orders
     * (with or without naming themselves); staff list any customer's, or everyone's.
     */
    @GetMapping
    OrderPage list(@RequestParam(required = false) String customerId,
                   @RequestParam(required = false) OrderStatus status,
                   @RequestParam(defaultValue = "0") @Min(0) int page,
                   @RequestParam(defaultValue = "20") @Min(1) int size) {
        String customer = Caller.customerScope(customerId == null || customerId.isBlank() ? null : customerId);
        Page<Order> found = orders.search(customer, status, page, Math.min(size, MAX_PAGE_SIZE));
        Map<UUID, List<Awaiting>> waiting = timeline.waitingOn(found.getContent());
        return OrderPage.from(found, waiting);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Idempotency-Key reused");
        return problem;
    }

    @ExceptionHandler(SagaBacklogFullException.class)
    ResponseEntity<ProblemDetail> backlogFull(SagaBacklogFullException e) {
        ResponseEntity<ProblemDetail> answer = RetryLater.answer("Saga backlog full", e.getMessage(), RETRY_AFTER);
        answer.getBody().setProperty("inFlight", e.inFlight());
        answer.getBody().setProperty("limit", e.limit());
        return answer;
    }

    /** The order, if it is the caller's (or the caller is staff): checked before anything is read or changed. */
    private Order ownOrder(UUID orderId) {
        Order order = orders.find(orderId).orElseThrow(() -> new NotFoundException("No order " + orderId));
        Caller.requireOwnerOrStaff(order.customerId(), "Order " + orderId);
        return order;
    }

    private OrderResponse response(Order order) {
        return OrderResponse.from(order, timeline.waitingOn(order));
    }

    /** 1–255 visible ASCII characters (a UUID is a good key), or absent. */
    private static String validKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            String message = "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters";
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    IDEMPOTENCY_KEY + " " + message);
            problem.setTitle("Invalid request");
            problem.setProperty("errors", List.of(Map.of("field", IDEMPOTENCY_KEY, "message", message)));
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return key;
    }
}
