package io.ordersaga.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An {@code Idempotency-Key} a client sent with {@code POST /orders}: the order its first request created and a
 * fingerprint of that request. Written by {@link IdempotencyKeyRepository#claim} only; read here.
 */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyKey {

    @Id
    @Column(name = "idempotency_key")
    private String key;

    private String requestFingerprint;

    private UUID orderId;

    private Instant createdAt;

    protected IdempotencyKey() {
    }

    public String key() {
        return key;
    }

    /** Whether a request with this fingerprint is the one the key was first used for. */
    public boolean wasUsedFor(String fingerprint) {
        return requestFingerprint.equals(fingerprint);
    }

    public UUID orderId() {
        return orderId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
