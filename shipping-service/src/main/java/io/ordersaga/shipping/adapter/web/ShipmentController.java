package io.ordersaga.shipping.adapter.web;

import io.ordersaga.messaging.context.MessageContext;
import io.ordersaga.messaging.security.Caller;
import io.ordersaga.messaging.web.NotFoundException;
import io.ordersaga.shipping.application.ShippingService;
import io.ordersaga.shipping.domain.Shipment;
import io.ordersaga.shipping.domain.ShipmentStatus;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Shipments are created by events only; clients read them. */
@RestController
@RequestMapping("/shipments")
class ShipmentController {

    private final ShippingService shipping;

    ShipmentController(ShippingService shipping) {
        this.shipping = shipping;
    }

    /**
     * {@code ?orderId=} (the order's shipment, if any) or {@code ?status=}; both together narrow the first. A
     * customer sees the shipments of their own orders; listing by status spans customers and is for staff.
     */
    @GetMapping
    List<ShipmentResponse> find(@RequestParam(required = false) UUID orderId,
                                @RequestParam(required = false) ShipmentStatus status)
            throws MissingServletRequestParameterException {
        if (orderId == null) {
            if (status == null) {
                throw new MissingServletRequestParameterException("orderId", "UUID");
            }
            Caller.requireStaff("Listing shipments by status");
            return shipping.shipmentsWithStatus(status).stream().map(ShipmentResponse::of).toList();
        }
        MessageContext.attachOrder(orderId.toString());
        List<Shipment> found = shipping.shipmentsOfOrder(orderId);
        if (!found.isEmpty()) {
            requireOwnerOrStaff(orderId);
        }
        return found.stream()
                .filter(shipment -> status == null || shipment.status() == status)
                .map(ShipmentResponse::of)
                .toList();
    }

    @GetMapping("/{shipmentId}")
    ShipmentResponse get(@PathVariable UUID shipmentId) {
        Shipment shipment = shipping.shipment(shipmentId)
                .orElseThrow(() -> new NotFoundException("No shipment " + shipmentId));
        MessageContext.attachOrder(shipment.orderId().toString());
        requireOwnerOrStaff(shipment.orderId());
        return ShipmentResponse.of(shipment);
    }

    /** A shipment exists only for an order shipping saw placed, so its customer is known. */
    private void requireOwnerOrStaff(UUID orderId) {
        Caller.requireOwnerOrStaff(shipping.customerOf(orderId).orElse(null), "The shipment of order " + orderId);
    }
}
