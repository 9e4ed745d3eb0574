"""MQTT over secure WebSockets, as the browser panel speaks it, with nothing but the standard library:
a TLS connection checked against the given CA, the WebSocket upgrade with the "mqtt" subprotocol, an
MQTT 3.1.1 CONNECT with a user name and password in one masked binary frame, and the broker's CONNACK.
Prints "upgrade <HTTP status line>" and "connack <return code>" (0 accepted, 4 bad user name or
password, 5 not authorised). Used by broker-in-namespace.sh.

    python3 wss-connect.py HOST PORT CAFILE USER PASSWORD
"""
import base64
import os
import socket
import ssl
import struct
import sys


def utf8(text):
    data = text.encode("utf-8")
    return struct.pack("!H", len(data)) + data


def frame(payload):
    """One final binary frame, masked as a client must."""
    mask = os.urandom(4)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    assert len(payload) < 126
    return bytes([0x82, 0x80 | len(payload)]) + mask + masked


def read_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError("the broker closed the connection")
        data += chunk
    return data


def main(host, port, cafile, user, password):
    context = ssl.create_default_context(cafile=cafile)
    with socket.create_connection((host, int(port)), timeout=5) as raw, \
            context.wrap_socket(raw, server_hostname=host) as sock:
        key = base64.b64encode(os.urandom(16)).decode()
        sock.sendall((f"GET /mqtt HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                      f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                      "Sec-WebSocket-Protocol: mqtt\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += read_exactly(sock, 1)
        print("upgrade " + head.split(b"\r\n")[0].decode())
        if b" 101 " not in head.split(b"\r\n")[0]:
            return
        variable = utf8("MQTT") + bytes([4, 0xC2]) + struct.pack("!H", 30)
        body = variable + utf8(user) + utf8(user) + utf8(password)
        sock.sendall(frame(bytes([0x10, len(body)]) + body))
        first, second = read_exactly(sock, 2)
        length = second & 0x7F
        packet = read_exactly(sock, length)
        if first & 0x0F != 2 or length < 4 or packet[0] != 0x20:
            print("connack none: " + packet.hex())
            return
        print(f"connack {packet[3]}")


if __name__ == "__main__":
    try:
        main(*sys.argv[1:6])
    except (OSError, EOFError) as e:
        print(f"wss failed: {e}")
