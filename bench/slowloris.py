#!/usr/bin/env python3
"""slowloris.py HOST PORT N SECONDS -- a slow client for the load test of
kabar serve (bench/bench_serve.sh): opens N connections and on each sends
a request line and then one header line every 2 seconds, never finishing
the request, for SECONDS.  Prints how many connections it opened, how many
the server closed, and how many were still open at the end."""
import socket
import sys
import time

host, port, n, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
socks = []
for i in range(n):
    try:
        s = socket.create_connection((host, port), timeout=2)
        s.sendall(b"GET /api/events?limit=1 HTTP/1.1\r\nHost: x\r\n")
        s.setblocking(False)
        socks.append(s)
    except OSError:
        break
opened = len(socks)
closed = 0
end = time.time() + seconds
k = 0
while time.time() < end and socks:
    time.sleep(2)
    alive = []
    for s in socks:
        try:
            s.sendall(b"X-Slow-%d: %d\r\n" % (k, k))
            try:
                if s.recv(1) == b"":
                    raise OSError("closed")
            except BlockingIOError:
                pass
            alive.append(s)
        except OSError:
            closed += 1
            s.close()
    socks = alive
    k += 1
print("slowloris: opened %d, closed by the server %d, open at the end %d"
      % (opened, closed, len(socks)))
for s in socks:
    s.close()
