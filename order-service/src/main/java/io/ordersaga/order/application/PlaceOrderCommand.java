package io.ordersaga.order.application;

import io.ordersaga.order.domain.Address;
import io.ordersaga.order.domain.OrderLine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** What a customer asks for; the lines are not priced. */
public record PlaceOrderCommand(String customerId, List<OrderLine> lines, Address shippingAddress) {

    /**
     * SHA-256 of what was asked for: the customer, the lines in their order, and the address. Two requests with the
     * same fingerprint ask for the same order, however their JSON was spelled (key order, whitespace). Each field is
     * length-prefixed, so no two different requests share an encoding.
     */
    public String fingerprint() {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
        field(sha256, customerId);
        field(sha256, Integer.toString(lines.size()));
        for (OrderLine line : lines) {
            field(sha256, line.sku());
            field(sha256, Integer.toString(line.quantity()));
        }
        field(sha256, shippingAddress.name());
        field(sha256, shippingAddress.street());
        field(sha256, shippingAddress.city());
        field(sha256, shippingAddress.postalCode());
        field(sha256, shippingAddress.country());
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void field(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
