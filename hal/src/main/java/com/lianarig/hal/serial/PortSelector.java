package com.lianarig.hal.serial;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which serial port a node is on: a device path (also a pseudo-terminal), or the USB serial number or
 * VID:PID of its adapter, found through a {@link PortDiscovery} at every (re)connect.
 *
 * <p>Text form, as a rig file writes it ({@link #parse}): a path ({@code /dev/ttyACM0},
 * {@code /dev/serial/by-id/...}), {@code usb-serial:SERIAL}, or {@code usb:VVVV:PPPP} (hex).
 */
public sealed interface PortSelector {

    /** The selector in its text form. */
    String describe();

    /**
     * The device path to open now.
     *
     * @throws PortUnavailableException when no port, or more than one, matches
     */
    String resolve(PortDiscovery discovery) throws PortUnavailableException;

    /** A device path, opened as it is (pseudo-terminals are not listed by discovery). */
    record ByPath(String path) implements PortSelector {
        public ByPath {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("a serial port path must not be empty");
            }
        }

        @Override
        public String describe() {
            return path;
        }

        @Override
        public String resolve(PortDiscovery discovery) {
            return path;
        }
    }

    /** The port whose USB adapter has this serial number. */
    record ByUsbSerial(String serialNumber) implements PortSelector {
        public ByUsbSerial {
            if (serialNumber == null || serialNumber.isBlank()) {
                throw new IllegalArgumentException("a USB serial number must not be empty");
            }
        }

        @Override
        public String describe() {
            return "usb-serial:" + serialNumber;
        }

        @Override
        public String resolve(PortDiscovery discovery) throws PortUnavailableException {
            List<PortInfo> ports = discovery.ports();
            return only(ports.stream().filter(p -> p.serialNumber().equals(serialNumber)).toList(), ports,
                    "USB serial number " + serialNumber);
        }
    }

    /** The only port whose USB adapter has this vendor and product id. */
    record ByVidPid(int vendorId, int productId) implements PortSelector {
        public ByVidPid {
            if (vendorId < 0 || vendorId > 0xFFFF || productId < 0 || productId > 0xFFFF) {
                throw new IllegalArgumentException(String.format(
                        "USB vendor and product ids must be 0..ffff, not %x:%x", vendorId, productId));
            }
        }

        @Override
        public String describe() {
            return String.format("usb:%04x:%04x", vendorId, productId);
        }

        @Override
        public String resolve(PortDiscovery discovery) throws PortUnavailableException {
            List<PortInfo> ports = discovery.ports();
            return only(ports.stream().filter(p -> p.vendorId() == vendorId && p.productId() == productId).toList(),
                    ports, String.format("USB id %04x:%04x", vendorId, productId));
        }
    }

    private static String only(List<PortInfo> matches, List<PortInfo> all, String what)
            throws PortUnavailableException {
        if (matches.size() == 1) {
            return matches.get(0).path();
        }
        if (matches.isEmpty()) {
            throw new PortUnavailableException("no serial port with " + what + " is present (ports: "
                    + (all.isEmpty() ? "none" : String.join("; ", all.stream().map(PortInfo::describe).toList()))
                    + ")");
        }
        throw new PortUnavailableException(matches.size() + " serial ports have " + what
                + ", so none is opened: " + String.join("; ", matches.stream().map(PortInfo::describe).toList())
                + " (select the port by its USB serial number instead)");
    }

    /**
     * Reads a selector from its text form.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    static PortSelector parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a serial port must be given (a path, usb-serial:SERIAL or usb:VVVV:PPPP)");
        }
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("usb-serial:")) {
            return new ByUsbSerial(t.substring("usb-serial:".length()).strip());
        }
        if (lower.startsWith("usb:")) {
            Matcher m = Pattern.compile("usb:([0-9a-f]{1,4}):([0-9a-f]{1,4})", Pattern.CASE_INSENSITIVE).matcher(t);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + t + "' is not usb:VVVV:PPPP with hex vendor and product ids");
            }
            return new ByVidPid(Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2), 16));
        }
        return new ByPath(t);
    }
}
