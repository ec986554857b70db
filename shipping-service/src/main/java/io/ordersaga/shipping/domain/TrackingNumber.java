package io.ordersaga.shipping.domain;

import java.security.SecureRandom;

/** Tracking numbers look like {@code OS-7K2Q9ZXA}: a prefix and 8 random uppercase letters or digits. */
final class TrackingNumber {

    private static final String PREFIX = "OS-";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TrackingNumber() {
    }

    static String next() {
        StringBuilder number = new StringBuilder(PREFIX);
        for (int i = 0; i < LENGTH; i++) {
            number.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return number.toString();
    }
}
