package io.ordersaga.shipping.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ShipmentRepository extends JpaRepository<Shipment, UUID> {

    Optional<Shipment> findByOrderId(UUID orderId);

    List<Shipment> findByStatusOrderByCreatedAtAsc(ShipmentStatus status);
}
