package com.lianarig.sim.transport;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The host's end of a real transport, as a test host uses it: jSerialComm on the pty's host link,
 * or a plain socket to 127.0.0.1. Owned by the host's thread.
 */
interface HostLine extends AutoCloseable {
    /** How long a read waits for the first byte, ms. */
    int READ_TIMEOUT_MS = 5;

    /**
     * Reads what arrived, waiting up to {@link #READ_TIMEOUT_MS} for the first byte.
     *
     * @return bytes read, 0 when none arrived in time, -1 when the line is gone
     */
    int read(byte[] buffer);

    /** @return false when the line is gone */
    boolean write(byte[] bytes, int length);

    @Override
    void close();

    /** Opens a pty's host link with jSerialComm, exactly as hal opens a USB serial port. */
    static HostLine serial(String path) throws IOException {
        SerialPort port = SerialPort.getCommPort(path);
        port.setComPortParameters(1_000_000, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!port.openPort()) {
            throw new IOException("jSerialComm cannot open " + path + ": error " + port.getLastErrorCode()
                    + " at line " + port.getLastErrorLocation());
        }
        return new HostLine() {
            @Override
            public int read(byte[] buffer) {
                return port.readBytes(buffer, buffer.length);
            }

            @Override
            public boolean write(byte[] bytes, int length) {
                return port.writeBytes(bytes, length) == length;
            }

            @Override
            public void close() {
                port.closePort();
            }

            @Override
            public String toString() {
                return "jSerialComm " + path;
            }
        };
    }

    /** Connects to the TCP transport. */
    static HostLine tcp(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        return new HostLine() {
            @Override
            public int read(byte[] buffer) {
                try {
                    return in.read(buffer);
                } catch (SocketTimeoutException e) {
                    return 0;
                } catch (IOException e) {
                    return -1;
                }
            }

            @Override
            public boolean write(byte[] bytes, int length) {
                try {
                    out.write(bytes, 0, length);
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }

            @Override
            public void close() {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }

            @Override
            public String toString() {
                return "tcp 127.0.0.1:" + port;
            }
        };
    }
}
