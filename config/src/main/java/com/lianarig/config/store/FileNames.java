package com.lianarig.config.store;

import java.nio.charset.StandardCharsets;

/**
 * Turns an id (a node serial may hold any printable ASCII, '/' included) into a file name and back:
 * letters, digits, '-' and '_' stay; every other byte becomes {@code %XX}.
 */
public final class FileNames {
    private FileNames() {
    }

    /** A file-name-safe form of {@code id} (non-empty). */
    public static String encode(String id) {
        if (id.isEmpty()) {
            throw new IllegalArgumentException("an empty id has no file name");
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '_') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return sb.toString();
    }

    /**
     * The id a file name stands for.
     *
     * @throws IllegalArgumentException when {@code name} is not an {@link #encode} result
     */
    public static String decode(String name) {
        byte[] out = new byte[name.length()];
        int n = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%') {
                if (i + 2 >= name.length()) {
                    throw new IllegalArgumentException("truncated escape in " + name);
                }
                out[n++] = (byte) Integer.parseInt(name.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        String id = new String(out, 0, n, StandardCharsets.UTF_8);
        if (!encode(id).equals(name)) {
            throw new IllegalArgumentException(name + " is not an encoded id");
        }
        return id;
    }
}
