package io.ordersaga.shipping.domain;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Shipping's join rows, with their locks ({@link ShippingOrderLocks}). */
public interface ShippingOrderRepository extends JpaRepository<ShippingOrder, UUID>, ShippingOrderLocks {
}
