#!/usr/bin/python3
"""A student's first instrumented program (lesson basic-pull), with the official Python client:
counts the HTTP requests it handles (its /metrics included) and serves them through the
client's own MetricsHandler on 127.0.0.1:0; prints "port N" once listening."""
import http.server
import sys

from prometheus_client import Counter
from prometheus_client.exposition import MetricsHandler

REQUESTS = Counter("app_requests", "Requests handled")


class Handler(MetricsHandler):
    def do_GET(self):
        REQUESTS.inc()
        super().do_GET()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print("port", server.server_address[1], flush=True)
server.serve_forever()
