package io.ordersaga.order.domain;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface IdempotencyKeyRepository extends JpaRepository<IdempotencyKey, String> {

    /**
     * Records {@code key} for the order about to be created, unless the key exists. Under the primary key a
     * concurrent claim of the same key waits until the first transaction ends: it then finds the committed key (and
     * claims nothing), or claims the key itself when the first transaction rolled back.
     *
     * @return 1 when this call claimed the key, 0 when it was claimed before
     */
    @Modifying
    @Query(nativeQuery = true, value = """
            INSERT INTO idempotency_key (idempotency_key, request_fingerprint, order_id, created_at)
            VALUES (:key, :fingerprint, :orderId, :createdAt)
            ON CONFLICT (idempotency_key) DO NOTHING""")
    int claim(@Param("key") String key, @Param("fingerprint") String fingerprint, @Param("orderId") UUID orderId,
              @Param("createdAt") Instant createdAt);
}
