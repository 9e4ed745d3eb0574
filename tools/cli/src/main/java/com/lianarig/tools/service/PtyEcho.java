package com.lianarig.tools.service;

import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * P-8's baseline in {@code rig soak --echo-baseline}: a bare process that opens a serial device (the host end of
 * the virtual node's pty) and writes back whatever it reads, with nothing else: the CPU that merely carrying the
 * link's bytes costs, to set the service's against. Runs until killed.
 */
public final class PtyEcho {
    private PtyEcho() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PtyEcho DEVICE");
            System.exit(2);
        }
        try (RandomAccessFile port = new RandomAccessFile(args[0], "rw")) {
            byte[] buffer = new byte[4096];
            int n;
            while ((n = port.read(buffer)) >= 0) {
                port.write(buffer, 0, n);
            }
        }
    }
}
