package com.lianarig.hal.serial;

import java.nio.file.Path;

/**
 * A second process for {@link PortLockTest}: locks a device, says "locked" and its lock file, and holds the lock until
 * its standard input closes.
 */
public final class PortLockHolder {
    private PortLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (PortLock lock = PortLock.acquire(Path.of(args[0]), args[1])) {
            System.out.println("locked " + lock.file());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our input
            }
        }
    }
}
