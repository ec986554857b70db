package io.ordersaga.inventory.adapter.web;

import io.ordersaga.inventory.application.ReservationService;
import io.ordersaga.messaging.security.Caller;
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

    /** A customer sees the reservation of their own order only; staff see any. */
    @GetMapping("/reservations/{orderId}")
    ReservationResponse get(@PathVariable UUID orderId) {
        ReservationResponse reservation = ReservationResponse.of(reservations.get(orderId));
        Caller.requireOwnerOrStaff(reservation.customerId(), "The reservation of order " + orderId);
        return reservation;
    }
}
