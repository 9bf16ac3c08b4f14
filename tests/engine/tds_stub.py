#!/usr/bin/env python3
"""A TDS server stub for the engine's failure tests: it completes the
PRELOGIN and LOGIN7 handshake like SQL Server (no encryption), then on the
first request either never answers ("stall": query timeout) or closes the
connection ("drop": connection lost).  Prints its port on stdout."""
import socket
import struct
import sys
import threading


def read_packet(conn):
    """One whole TDS message (packets until end-of-message); None on EOF."""
    data = b""
    while True:
        head = b""
        while len(head) < 8:
            chunk = conn.recv(8 - len(head))
            if not chunk:
                return None
            head += chunk
        ptype, status, length = head[0], head[1], struct.unpack(">H", head[2:4])[0]
        body = b""
        while len(body) < length - 8:
            chunk = conn.recv(length - 8 - len(body))
            if not chunk:
                return None
            body += chunk
        data += body
        if status & 0x01:
            return ptype, data


def send(conn, body):
    conn.sendall(struct.pack(">BBHHBB", 4, 1, len(body) + 8, 0, 1, 0) + body)


def prelogin_reply():
    # VERSION 11.0.7001, ENCRYPTION = not supported, terminator.
    options = struct.pack(">BHH", 0, 11, 6) + struct.pack(">BHH", 1, 17, 1) + b"\xff"
    return options + bytes([11, 0]) + struct.pack(">H", 7001) + b"\x00\x00" + b"\x02"


def login_reply():
    name = "Microsoft SQL Server".encode("utf-16-le")
    ack = bytes([1]) + struct.pack(">I", 0x74000004) + bytes([len(name) // 2]) + name + bytes([11, 0, 0x1B, 0x59])
    loginack = b"\xad" + struct.pack("<H", len(ack)) + ack
    done = b"\xfd" + struct.pack("<HHQ", 0, 0, 0)
    return loginack + done


def serve(conn, mode):
    try:
        while True:
            msg = read_packet(conn)
            if msg is None:
                return
            ptype, _ = msg
            if ptype == 0x12:
                send(conn, prelogin_reply())
            elif ptype == 0x10:
                send(conn, login_reply())
            elif mode == "drop":
                return
            else:
                threading.Event().wait(600)  # never answer
    finally:
        conn.close()


def main():
    mode = sys.argv[1]
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(16)
    print(srv.getsockname()[1], flush=True)
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=serve, args=(conn, mode), daemon=True).start()


if __name__ == "__main__":
    main()
