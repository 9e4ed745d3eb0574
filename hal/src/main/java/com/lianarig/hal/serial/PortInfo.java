package com.lianarig.hal.serial;

/**
 * A serial port the system lists, with the USB identity of its adapter where it has one.
 *
 * @param path the device path, e.g. {@code /dev/ttyACM0}
 * @param description what the system calls it, for people
 * @param serialNumber the USB serial number, or "" when none
 * @param vendorId the USB vendor id, 0..0xFFFF, or -1 when none
 * @param productId the USB product id, 0..0xFFFF, or -1 when none
 */
public record PortInfo(String path, String description, String serialNumber, int vendorId, int productId) {
    public PortInfo {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a port needs a path");
        }
        description = description == null ? "" : description;
        serialNumber = serialNumber == null ? "" : serialNumber.strip();
        if (vendorId < -1 || vendorId > 0xFFFF || productId < -1 || productId > 0xFFFF) {
            throw new IllegalArgumentException("USB ids of " + path + " out of range: " + vendorId + ":" + productId);
        }
    }

    /** One line for people: path, VID:PID, serial number and description. */
    public String describe() {
        StringBuilder s = new StringBuilder(path);
        if (vendorId >= 0 && productId >= 0) {
            s.append(String.format(" usb %04x:%04x", vendorId, productId));
        }
        if (!serialNumber.isEmpty()) {
            s.append(" serial ").append(serialNumber);
        }
        if (!description.isEmpty()) {
            s.append(" (").append(description).append(')');
        }
        return s.toString();
    }
}
