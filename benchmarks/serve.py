#!/usr/bin/env python3
"""Serves a benchmark corpus over HTTP on 127.0.0.1, as a feed publisher's web server would.

    serve.py ROOT [--port 0] [--latency-ms 50] [--port-file FILE]

Each file under ROOT gets an ETag and a Last-Modified; a request whose If-None-Match or
If-Modified-Since matches is answered 304 with no body. --latency-ms delays every response (the time
to first byte of a distant server) without holding other requests back: each connection has its own
thread. HTTP/1.1 keep-alive, so clients can reuse connections as they would with a real host.

GET /_stats answers JSON counts of responses by status since start (or since GET /_stats?reset=1),
so the benchmark can check that a second run was all 304s. The server stops on SIGTERM or SIGINT,
and by itself after --max-seconds (default one hour), so a forgotten server never lingers.
"""

import argparse
import email.utils
import hashlib
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CONTENT_TYPES = [(b"<rss", "application/rss+xml"), (b"<feed", "application/atom+xml"), (b"<rdf:RDF", "application/rdf+xml")]


class Document:
    """A file's bytes and validators, read once: the benchmark measures clients, not this server's disk."""

    def __init__(self, path):
        with open(path, "rb") as handle:
            self.body = handle.read()
        stat = os.stat(path)
        self.etag = '"%s"' % hashlib.sha1(self.body).hexdigest()[:20]
        self.modified = int(stat.st_mtime)
        self.last_modified = email.utils.formatdate(self.modified, usegmt=True)
        head = self.body[:1024]
        self.content_type = next((kind for marker, kind in CONTENT_TYPES if marker in head), "application/xml")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256
    allow_reuse_address = True

    def __init__(self, address, root, latency):
        super().__init__(address, Handler)
        self.root = os.path.realpath(root)
        self.latency = latency
        self.documents = {}
        self.lock = threading.Lock()
        self.stats = {}
        # Loaded up front so that the first run does not time this server's disk and hashing.
        for folder, _, names in os.walk(self.root):
            for name in names:
                path = os.path.join(folder, name)
                self.documents[path] = Document(path)

    def document(self, url_path):
        relative = url_path.split("?", 1)[0].lstrip("/")
        path = os.path.realpath(os.path.join(self.root, relative))
        if not path.startswith(self.root + os.sep) or not os.path.isfile(path):
            return None
        with self.lock:
            cached = self.documents.get(path)
        if cached is None:
            cached = Document(path)
            with self.lock:
                self.documents[path] = cached
        return cached

    def count(self, status):
        with self.lock:
            self.stats[str(status)] = self.stats.get(str(status), 0) + 1


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "bench-serve/1"

    def log_message(self, format, *args):
        pass

    def do_HEAD(self):
        self.respond(head=True)

    def do_GET(self):
        self.respond(head=False)

    def respond(self, head):
        if self.path.startswith("/_stats"):
            with self.server.lock:
                body = json.dumps(self.server.stats, sort_keys=True).encode() + b"\n"
                if "reset=1" in self.path:
                    self.server.stats = {}
            return self.send(200, body, "application/json", {}, head)
        if self.server.latency:
            time.sleep(self.server.latency)
        document = self.server.document(self.path)
        if document is None:
            self.server.count(404)
            return self.send(404, b"not found\n", "text/plain", {}, head)
        headers = {"ETag": document.etag, "Last-Modified": document.last_modified, "Cache-Control": "max-age=60"}
        if self.not_modified(document):
            self.server.count(304)
            return self.send(304, b"", None, headers, head)
        self.server.count(200)
        self.send(200, document.body, document.content_type, headers, head)

    def not_modified(self, document):
        tags = self.headers.get("If-None-Match")
        if tags is not None:
            return tags.strip() == "*" or document.etag in [tag.strip() for tag in tags.split(",")]
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return document.modified <= email.utils.parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError):
                return False
        return False

    def send(self, status, body, content_type, headers, head):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and body:
            self.wfile.write(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--latency-ms", type=float, default=0)
    parser.add_argument("--port-file", help="write the port here once listening")
    parser.add_argument("--max-seconds", type=float, default=3600)
    args = parser.parse_args()

    server = Server(("127.0.0.1", args.port), args.root, args.latency_ms / 1000)
    port = server.server_address[1]
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as handle:
            handle.write("%d\n" % port)
        os.replace(args.port_file + ".tmp", args.port_file)
    print("serving %s on http://127.0.0.1:%d/ (latency %g ms)" % (args.root, port, args.latency_ms), file=sys.stderr)

    def stop(*_):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    threading.Timer(args.max_seconds, stop).start()
    server.serve_forever(poll_interval=0.2)
    server.server_close()
    os._exit(0)


if __name__ == "__main__":
    main()
