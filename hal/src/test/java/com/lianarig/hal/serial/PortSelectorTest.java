package com.lianarig.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortSelectorTest {
    private final FakePortDiscovery ports = new FakePortDiscovery(List.of(
            new PortInfo("/dev/ttyACM0", "Liana node", "LN-0001", 0x1209, 0x6C6E),
            new PortInfo("/dev/ttyACM1", "Liana node", "LN-0002", 0x1209, 0x6C6E),
            new PortInfo("/dev/ttyUSB0", "FT232R", "A10K3XYZ", 0x0403, 0x6001),
            new PortInfo("/dev/ttyS0", "", "", -1, -1)));

    @Test
    void parsesPathsUsbSerialNumbersAndVidPid() {
        assertEquals(new PortSelector.ByPath("/dev/ttyACM0"), PortSelector.parse(" /dev/ttyACM0 "));
        assertEquals(new PortSelector.ByUsbSerial("LN-0001"), PortSelector.parse("usb-serial:LN-0001"));
        assertEquals(new PortSelector.ByVidPid(0x0403, 0x6001), PortSelector.parse("usb:0403:6001"));
        assertEquals("usb:0403:6001", PortSelector.parse("USB:403:6001").describe());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortSelector.parse("usb:xyz"));
        assertTrue(e.getMessage().contains("usb:VVVV:PPPP"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PortSelector.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> PortSelector.parse("usb-serial:"));
    }

    @Test
    void findsAPortByItsUsbSerialNumberWhateverItsName() throws PortUnavailableException {
        assertEquals("/dev/ttyACM1", new PortSelector.ByUsbSerial("LN-0002").resolve(ports));
        ports.ports(List.of(new PortInfo("/dev/ttyACM7", "Liana node", "LN-0002", 0x1209, 0x6C6E)));
        assertEquals("/dev/ttyACM7", new PortSelector.ByUsbSerial("LN-0002").resolve(ports), "renamed at a replug");
    }

    @Test
    void findsTheOnlyPortOfAVidPid() throws PortUnavailableException {
        assertEquals("/dev/ttyUSB0", new PortSelector.ByVidPid(0x0403, 0x6001).resolve(ports));
    }

    @Test
    void anAbsentPortIsRefusedListingThePortsThatArePresent() {
        PortUnavailableException e = assertThrows(PortUnavailableException.class,
                () -> new PortSelector.ByUsbSerial("LN-0099").resolve(ports));
        assertTrue(e.getMessage().contains("LN-0099") && e.getMessage().contains("/dev/ttyACM0 usb 1209:6c6e serial"
                + " LN-0001 (Liana node)"), e.getMessage());
    }

    @Test
    void twoPortsOfOneVidPidAreAmbiguousAndNeitherIsOpened() {
        PortUnavailableException e = assertThrows(PortUnavailableException.class,
                () -> new PortSelector.ByVidPid(0x1209, 0x6C6E).resolve(ports));
        assertTrue(e.getMessage().startsWith("2 serial ports have USB id 1209:6c6e"), e.getMessage());
        assertTrue(e.getMessage().contains("by its USB serial number"), e.getMessage());
    }

    @Test
    void aPathNeedsNoDiscovery() throws PortUnavailableException {
        assertEquals("/tmp/rig-host", new PortSelector.ByPath("/tmp/rig-host").resolve(() -> {
            throw new AssertionError("not asked");
        }));
    }
}
