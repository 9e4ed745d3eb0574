package com.lianarig.controller.web;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A paired panel's secret, stored hashed in the form Mosquitto 2.0's password files use
 * ({@code $7$<iterations>$<base64 salt>$<base64 PBKDF2-HMAC-SHA512>}, what {@code mosquitto_passwd}
 * writes), so a studio's Mosquitto can take the paired panels' users as they are (SPEC section 6a).
 *
 * <p>The secrets themselves are 256 random bits made by the rig, never chosen by a person: the hash
 * keeps them from being read off a copied data directory, and no dictionary can guess them, so
 * Mosquitto's own iteration count is enough. Stateless; any thread.
 */
public final class PasswordHash {
    /** Mosquitto 2.0's iteration count for {@code $7$} hashes. */
    static final int ITERATIONS = 101;
    static final int SALT_BYTES = 12;
    static final int HASH_BYTES = 64;
    private static final String PREFIX = "$7$";

    private PasswordHash() {
    }

    /** A new salted hash of {@code secret}. */
    public static String hash(byte[] secret, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return PREFIX + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(pbkdf2(secret, salt, ITERATIONS));
    }

    /** Whether {@code secret} is the one {@code stored} was made from; false for a malformed hash. */
    public static boolean matches(byte[] secret, String stored) {
        Objects.requireNonNull(stored, "stored");
        if (secret == null || !stored.startsWith(PREFIX)) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 5) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[2]);
            if (iterations < 1 || iterations > 1_000_000) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[3]);
            byte[] expected = Base64.getDecoder().decode(parts[4]);
            return MessageDigest.isEqual(expected, pbkdf2(secret, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code stored} has the form of a hash this class makes. */
    public static boolean wellFormed(String stored) {
        return stored != null && stored.matches("\\$7\\$\\d{1,7}\\$[A-Za-z0-9+/=]{4,64}\\$[A-Za-z0-9+/=]{4,128}");
    }

    private static byte[] pbkdf2(byte[] secret, byte[] salt, int iterations) {
        char[] chars = new char[secret.length];
        for (int i = 0; i < secret.length; i++) {
            chars[i] = (char) (secret[i] & 0xFF);
        }
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512");
            return f.generateSecret(new PBEKeySpec(chars, salt, iterations, HASH_BYTES * 8)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA512", e);
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
    }
}
