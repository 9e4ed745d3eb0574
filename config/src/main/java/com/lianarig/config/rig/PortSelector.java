package com.lianarig.config.rig;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a node's serial port is found: by device path, by the USB adapter's serial number, or by its
 * USB vendor and product id (unambiguous only while one adapter of that kind is plugged in).
 */
public sealed interface PortSelector {

    /** The key of this selector in the rig file's {@code port} mapping. */
    String key();

    /** The selector's value as written in the rig file, e.g. {@code /dev/ttyACM0} or {@code 1A86:7523}. */
    String value();

    /**
     * A device path such as {@code /dev/ttyACM0}, a {@code /dev/serial/by-id/...} link or a pty.
     *
     * @param path non-blank, no whitespace
     */
    record DevicePath(String path) implements PortSelector {
        public DevicePath {
            Objects.requireNonNull(path, "path");
            if (path.isBlank() || path.chars().anyMatch(Character::isWhitespace) || path.length() > 256) {
                throw new IllegalArgumentException("port path \"" + path + "\" must be 1..256 characters, no spaces");
            }
        }

        @Override
        public String key() {
            return "path";
        }

        @Override
        public String value() {
            return path;
        }
    }

    /**
     * The USB adapter's own serial number (iSerial), as {@code udevadm info} or {@code lsusb -v} shows it.
     *
     * @param serial 1..64 printable ASCII characters without spaces
     */
    record UsbSerial(String serial) implements PortSelector {
        public UsbSerial {
            Objects.requireNonNull(serial, "serial");
            if (!serial.matches("[\\x21-\\x7E]{1,64}")) {
                throw new IllegalArgumentException("usbSerial \"" + serial
                        + "\" must be 1..64 printable ASCII characters without spaces");
            }
        }

        @Override
        public String key() {
            return "usbSerial";
        }

        @Override
        public String value() {
            return serial;
        }
    }

    /**
     * A USB vendor and product id, written {@code VVVV:PPPP} in hex (e.g. {@code 1A86:7523}).
     *
     * @param vendorId 0..0xFFFF
     * @param productId 0..0xFFFF
     */
    record VidPid(int vendorId, int productId) implements PortSelector {
        private static final Pattern FORMAT = Pattern.compile("([0-9A-Fa-f]{4}):([0-9A-Fa-f]{4})");

        public VidPid {
            if (vendorId < 0 || vendorId > 0xFFFF || productId < 0 || productId > 0xFFFF) {
                throw new IllegalArgumentException("vendor and product ids must be 0000..FFFF");
            }
        }

        /** Parses {@code VVVV:PPPP}; null when the text is not in that form. */
        public static VidPid parse(String text) {
            Matcher m = FORMAT.matcher(text);
            if (!m.matches()) {
                return null;
            }
            return new VidPid(Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2), 16));
        }

        @Override
        public String key() {
            return "vidPid";
        }

        @Override
        public String value() {
            return String.format(Locale.ROOT, "%04X:%04X", vendorId, productId);
        }
    }
}
