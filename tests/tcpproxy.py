#!/usr/bin/env python3
"""A TCP proxy that makes a network slow or broken on command.

The fault tests and the benchmarks put it between tern and the server.  The
traffic is TLS, so the proxy moves bytes and never looks into them.

  tcpproxy.py --target HOST:PORT [--listen-port N] [--port-file PATH]
              [--control PATH] [--delay-ms N] [--pid-file PATH]
  tcpproxy.py --ctl PATH COMMAND...

It listens on 127.0.0.1 (port 0: one the kernel picks, written to the port
file once everything is ready).  --delay-ms holds every chunk for N ms in
each direction, so a round trip takes 2N more; chunks in flight overlap, as
on a long line, and keep their order.

Commands, one line each on the control socket, answered by one line "ok ..."
or "error ...":

  stall / stall-up / stall-down   stop forwarding both ways / client->server
                                  / server->client; what arrives is held
  resume                          forward what is held, in order; end stalls
                                  and the down-limit
  drop                            reset every current connection (RST)
  down-limit N|off                forward N more bytes server->client, then
                                  hold as stall-down; off ends the limit
  delay N                         hold each chunk that arrives from now
                                  on for N ms, as --delay-ms does
  refuse / accept                 close new connections at once / normal
  stats                           ok conns= up= down= turns= active= held=
  reset-stats                     zero conns, up, down and turns

up and down count bytes delivered; turns counts the changes of direction of
the traffic, summed over connections: about two a round trip.  held is what
is read but not yet delivered.  --ctl sends one command and prints the
answer; exit status 0 if it is ok.
"""

import argparse
import collections
import errno
import os
import selectors
import signal
import socket
import struct
import sys
import time

CHUNK = 65536
# A side that is this far ahead is not read until it drains: a stall holds
# data, but not without bound.
HIGH_WATER = 4 << 20


class Stop(Exception):
    pass


class Pipe:
    """One direction of a connection: what src sends waits in a queue of
    (due, bytes) until due, then goes to dst; None stands for the EOF."""

    def __init__(self, conn, src, dst, name):
        self.conn, self.src, self.dst, self.name = conn, src, dst, name
        self.queue = collections.deque()
        self.held = 0
        self.eof = False   # src has no more to say
        self.done = False  # and dst has been told so
        self.full = False  # the last send found dst full

    def blocked(self):
        p = self.conn.proxy
        if self.name == "up":
            return p.stall_up or not self.conn.connected
        return p.stall_down or p.down_left == 0

    def want_read(self):
        return (not self.eof and self.held < HIGH_WATER
                and self.conn.connected)

    def due(self, now):
        return bool(self.queue) and self.queue[0][0] <= now

    def read(self, now):
        try:
            data = self.src.recv(CHUNK)
        except (BlockingIOError, InterruptedError):
            return
        p = self.conn.proxy
        if not data:
            self.eof = True
            self.queue.append((now + p.delay, None))
            return
        if self.conn.last_dir not in (None, self.name):
            p.turns += 1
        self.conn.last_dir = self.name
        self.held += len(data)
        self.queue.append((now + p.delay, data))

    def flush(self, now):
        p = self.conn.proxy
        self.full = False
        while self.due(now) and not self.blocked():
            due, data = self.queue[0]
            if data is None:
                self.queue.popleft()
                try:
                    self.dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                self.done = True
                return
            n = len(data)
            if self.name == "down" and p.down_left is not None:
                n = min(n, p.down_left)
            try:
                sent = self.dst.send(data[:n])
            except (BlockingIOError, InterruptedError):
                self.full = True
                return
            self.held -= sent
            if self.name == "up":
                p.up += sent
            else:
                p.down += sent
                if p.down_left is not None:
                    p.down_left -= sent
            if sent == len(data):
                self.queue.popleft()
            else:
                self.queue[0] = (due, data[sent:])
                if sent < n:
                    self.full = True
                    return

    def want_write(self):
        return self.full and not self.blocked()

    def next_due(self):
        # Data that found dst full waits for the selector, not a timer.
        if self.queue and not self.blocked() and not self.full:
            return self.queue[0][0]
        return None


class Conn:
    def __init__(self, proxy, client):
        self.proxy = proxy
        self.client = client
        family, addr = proxy.target
        self.server = socket.socket(family, socket.SOCK_STREAM)
        self.server.setblocking(False)
        self.last_dir = None
        self.masks = {}
        self.up = Pipe(self, client, self.server, "up")
        self.down = Pipe(self, self.server, client, "down")
        for s in (client, self.server):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.connect_err = self.server.connect_ex(addr)
        self.connected = self.connect_err == 0

    def on_event(self, sock, mask, now):
        try:
            if sock is self.server and not self.connected:
                err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if err:
                    sys.stderr.write("tcpproxy: connect: %s\n"
                                     % os.strerror(err))
                    self.abort()
                    return
                self.connected = True
            elif mask & selectors.EVENT_READ:
                (self.up if sock is self.client else self.down).read(now)
            self.pump(now)
        except OSError:
            self.abort()

    def pump(self, now):
        if self.client is None:
            return
        try:
            self.up.flush(now)
            self.down.flush(now)
        except OSError:
            self.abort()
            return
        if self.up.done and self.down.done:
            self.close()
            return
        cm = sm = 0
        if self.up.want_read():
            cm |= selectors.EVENT_READ
        if self.down.want_write():
            cm |= selectors.EVENT_WRITE
        if not self.connected:
            sm = selectors.EVENT_WRITE
        else:
            if self.down.want_read():
                sm |= selectors.EVENT_READ
            if self.up.want_write():
                sm |= selectors.EVENT_WRITE
        self.watch(self.client, cm)
        self.watch(self.server, sm)

    def watch(self, sock, mask):
        sel = self.proxy.sel
        old = self.masks.get(sock, 0)
        if mask == old:
            return
        if not old:
            sel.register(sock, mask, self)
        elif not mask:
            sel.unregister(sock)
        else:
            sel.modify(sock, mask, self)
        self.masks[sock] = mask

    def next_due(self):
        d = [t for t in (self.up.next_due(), self.down.next_due())
             if t is not None]
        return min(d) if d else None

    def close(self, linger=False):
        if self.client is None:
            return
        for s in (self.client, self.server):
            if self.masks.get(s):
                self.proxy.sel.unregister(s)
            if linger:
                # Linger 0: the close sends a RST, as a broken path would.
                try:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                 struct.pack("ii", 1, 0))
                except OSError:
                    pass
            s.close()
        self.client = self.server = None
        self.proxy.conns.discard(self)

    def abort(self):
        self.close(linger=True)


class Proxy:
    def __init__(self, target, delay_ms):
        self.sel = selectors.DefaultSelector()
        self.target = target
        self.delay = delay_ms / 1000.0
        self.conns = set()
        self.stall_up = self.stall_down = False
        self.down_left = None
        self.refusing = False
        self.reset_stats()

    def reset_stats(self):
        self.accepted = self.up = self.down = self.turns = 0

    def accept(self, lsock):
        try:
            sock, _ = lsock.accept()
        except (BlockingIOError, InterruptedError):
            return
        if self.refusing:
            sock.close()
            return
        sock.setblocking(False)
        self.accepted += 1
        conn = Conn(self, sock)
        self.conns.add(conn)
        if conn.connect_err not in (0, errno.EINPROGRESS):
            sys.stderr.write("tcpproxy: connect: %s\n"
                             % os.strerror(conn.connect_err))
            conn.abort()
            return
        conn.pump(time.monotonic())

    def command(self, line):
        words = line.split()
        cmd, args = (words[0], words[1:]) if words else ("", [])
        if cmd == "stall" and not args:
            self.stall_up = self.stall_down = True
        elif cmd == "stall-up" and not args:
            self.stall_up = True
        elif cmd == "stall-down" and not args:
            self.stall_down = True
        elif cmd == "resume" and not args:
            self.stall_up = self.stall_down = False
            self.down_left = None
        elif cmd == "drop" and not args:
            n = len(self.conns)
            for c in list(self.conns):
                c.abort()
            return "ok dropped %d" % n
        elif cmd == "down-limit" and args == ["off"]:
            self.down_left = None
        elif cmd == "down-limit" and len(args) == 1 and args[0].isdigit():
            self.down_left = int(args[0])
        elif cmd == "delay" and len(args) == 1 and args[0].isdigit():
            self.delay = int(args[0]) / 1000.0
        elif cmd == "refuse" and not args:
            self.refusing = True
        elif cmd == "accept" and not args:
            self.refusing = False
        elif cmd == "stats" and not args:
            held = sum(c.up.held + c.down.held for c in self.conns)
            return ("ok conns=%d up=%d down=%d turns=%d active=%d held=%d"
                    % (self.accepted, self.up, self.down, self.turns,
                       len(self.conns), held))
        elif cmd == "reset-stats" and not args:
            self.reset_stats()
        else:
            return "error unknown command: %s" % line.strip()
        return "ok " + " ".join(words)

    def control(self, csock):
        try:
            sock, _ = csock.accept()
        except (BlockingIOError, InterruptedError):
            return
        # One short line from a local tool: read it blocking, briefly.
        sock.settimeout(2)
        try:
            buf = b""
            while b"\n" not in buf and len(buf) < 4096:
                data = sock.recv(4096)
                if not data:
                    break
                buf += data
            line = buf.split(b"\n", 1)[0].decode("utf-8", "replace")
            sock.sendall((self.command(line) + "\n").encode())
        except OSError:
            pass
        finally:
            sock.close()

    def run(self, lsock, csock):
        lsock.setblocking(False)
        self.sel.register(lsock, selectors.EVENT_READ, "listen")
        if csock is not None:
            self.sel.register(csock, selectors.EVENT_READ, "control")
        while True:
            now = time.monotonic()
            dues = [d for d in (c.next_due() for c in self.conns)
                    if d is not None]
            timeout = max(0.0, min(dues) - now) if dues else None
            for key, mask in self.sel.select(timeout):
                now = time.monotonic()
                if key.data == "listen":
                    self.accept(lsock)
                elif key.data == "control":
                    self.control(csock)
                elif key.data.client is not None:
                    key.data.on_event(key.fileobj, mask, now)
            # Timers, and what a command has just released.
            now = time.monotonic()
            for c in list(self.conns):
                c.pump(now)


def write_atomic(path, text):
    tmp = "%s.tmp%d" % (path, os.getpid())
    with open(tmp, "w") as f:
        f.write(text)
    os.rename(tmp, path)


def ctl(path, words):
    try:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(5)
        s.connect(path)
        s.sendall((" ".join(words) + "\n").encode())
        buf = b""
        while b"\n" not in buf:
            data = s.recv(4096)
            if not data:
                break
            buf += data
        s.close()
    except OSError as e:
        print("error %s: %s" % (path, e))
        return 1
    answer = buf.decode("utf-8", "replace").split("\n", 1)[0]
    print(answer)
    return 0 if answer == "ok" or answer.startswith("ok ") else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ctl", metavar="PATH")
    ap.add_argument("--target", metavar="HOST:PORT")
    ap.add_argument("--listen-port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--control", metavar="PATH")
    ap.add_argument("--delay-ms", type=int, default=0)
    ap.add_argument("--pid-file")
    ap.add_argument("command", nargs="*")
    a = ap.parse_args()
    if a.ctl:
        if not a.command:
            ap.error("--ctl needs a command")
        return ctl(a.ctl, a.command)
    if not a.target or a.command:
        ap.error("--target HOST:PORT is required, and no command")
    host, _, port = a.target.rpartition(":")
    ai = socket.getaddrinfo(host.strip("[]"), int(port), 0,
                            socket.SOCK_STREAM)[0]
    proxy = Proxy((ai[0], ai[4]), max(0, a.delay_ms))

    def stop(signum, frame):
        raise Stop()

    lsock = csock = None
    try:
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        lsock.bind(("127.0.0.1", a.listen_port))
        lsock.listen(64)
        if a.control:
            if os.path.exists(a.control):
                os.unlink(a.control)
            csock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            csock.bind(a.control)
            csock.listen(8)
        if a.pid_file:
            write_atomic(a.pid_file, "%d\n" % os.getpid())
        # Last: whoever waits for the port file finds everything ready.
        if a.port_file:
            write_atomic(a.port_file, "%d\n" % lsock.getsockname()[1])
        proxy.run(lsock, csock)
    except Stop:
        pass
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for c in list(proxy.conns):
            c.close()
        for s in (lsock, csock):
            if s is not None:
                s.close()
        for path in (a.control if csock is not None else None, a.pid_file):
            if path:
                try:
                    os.unlink(path)
                except OSError:
                    pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
