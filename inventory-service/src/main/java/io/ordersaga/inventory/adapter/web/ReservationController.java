package io.ordersaga.inventory.adapter.web;

import io.ordersaga.inventory.application.ReservationService;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Read-only: reservations change only through saga events. */
@RestController
class ReservationController {

    private final ReservationService reservations;

    ReservationController(ReservationService reservations) {
        this.reservations = reservations;
    }

    @GetMapping("/reservations/{orderId}")
    ReservationResponse get(@PathVariable UUID orderId) {
        return ReservationResponse.of(reservations.get(orderId));
    }
}
