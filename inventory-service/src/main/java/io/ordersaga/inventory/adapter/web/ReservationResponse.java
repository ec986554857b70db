package io.ordersaga.inventory.adapter.web;

import io.ordersaga.events.Money;
import io.ordersaga.inventory.domain.RejectionReason;
import io.ordersaga.inventory.domain.Reservation;
import io.ordersaga.inventory.domain.ReservationLine;
import io.ordersaga.inventory.domain.ReservationStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What inventory holds for one order. {@code rejectionReason} is set only when the status is REJECTED. */
public record ReservationResponse(UUID orderId, String customerId, ReservationStatus status,
                                  RejectionReason rejectionReason, List<Line> lines, BigDecimal totalAmount,
                                  String currency, Instant createdAt, Instant updatedAt) {

    public record Line(String sku, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {

        static Line of(ReservationLine line) {
            return new Line(line.sku(), line.quantity(), line.unitPrice(), line.lineTotal());
        }
    }

    static ReservationResponse of(Reservation reservation) {
        return new ReservationResponse(reservation.orderId(), reservation.customerId(), reservation.status(),
                reservation.rejectionReason().orElse(null), reservation.lines().stream().map(Line::of).toList(),
                reservation.totalAmount(), Money.DEFAULT_CURRENCY, reservation.createdAt(), reservation.updatedAt());
    }
}
