"""A sink for OTLP over HTTP on 127.0.0.1, for measuring the cost of tracing without a collector: it answers every
export 200 and counts what it was sent. Prints its port, then on SIGTERM the exports and bytes it received."""
import http.server
import signal
import sys

received = {"exports": 0, "bytes": 0}


class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        received["exports"] += 1
        received["bytes"] += length
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sink)
print(server.server_address[1], flush=True)


def stop(*_):
    print(f"exports {received['exports']}, {received['bytes']} bytes", file=sys.stderr, flush=True)
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
server.serve_forever()
