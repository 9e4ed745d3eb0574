package com.lianarig.hal.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.util.ArrayList;
import java.util.List;

/** Lists the system's serial ports through jSerialComm ({@code SerialPort.getCommPorts()}). */
public final class JSerialCommPortDiscovery implements PortDiscovery {

    @Override
    public List<PortInfo> ports() {
        List<PortInfo> found = new ArrayList<>();
        for (SerialPort p : SerialPort.getCommPorts()) {
            String path = p.getSystemPortPath();
            if (path == null || path.isBlank()) {
                continue;
            }
            found.add(new PortInfo(path, p.getPortDescription(), p.getSerialNumber(), usbId(p.getVendorID()),
                    usbId(p.getProductID())));
        }
        return List.copyOf(found);
    }

    /** jSerialComm gives -1 (or 0 on some systems) for ports without a USB identity. */
    private static int usbId(int id) {
        return id > 0 && id <= 0xFFFF ? id : -1;
    }
}
