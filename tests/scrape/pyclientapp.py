#!/usr/bin/python3
"""A small web app instrumented with the official Python client (python3-prometheus-client),
as a workshop's first exercise writes it: every metric type, labels with escapes, one
exemplar. Serves /metrics on 127.0.0.1:0 through the client's own MetricsHandler, which
answers OpenMetrics when the Accept header asks for it (as Prometheus's does), and prints
"port N" once listening. Values are fixed so two scrapers must read the same numbers."""
import http.server
import sys

from prometheus_client import (CollectorRegistry, Counter, Enum, Gauge, Histogram, Info,
                               PlatformCollector, Summary)
from prometheus_client.exposition import MetricsHandler

registry = CollectorRegistry()
PlatformCollector(registry=registry)

requests = Counter('app_requests', 'Requests served, by "path" and code.',
                   ['path', 'code'], registry=registry)
requests.labels('/', '200').inc(7)
requests.labels('/say "hi"', '200').inc(2)
requests.labels('C:\\temp\\new', '404').inc()
requests.labels('two\nlines', '500').inc(3, exemplar={'trace_id': 'abc123'})

temperature = Gauge('app_temperature_celsius', 'Temperature.\nSecond line.', registry=registry)
temperature.set(21.5)
queue = Gauge('app_queue_length', 'Jobs waiting.', ['queue'], registry=registry)
queue.labels('ünïcödé').set(3)
queue.labels('').set(0)

latency = Histogram('app_request_duration_seconds', 'Latency.', buckets=(0.1, 0.5, 1.0),
                    registry=registry)
for v in (0.05, 0.2, 0.7, 3.0):
    latency.observe(v)

size = Summary('app_response_size_bytes', 'Response sizes.', registry=registry)
size.observe(512)
size.observe(2048)

build = Info('app_build', 'Build information.', registry=registry)
build.info({'version': '1.2.3', 'commit': 'a"b\\c'})

state = Enum('app_state', 'Lifecycle.', states=['starting', 'running', 'stopped'],
             registry=registry)
state.state('running')


class Quiet(MetricsHandler.factory(registry)):
    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Quiet)
print('port', server.server_address[1], flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
sys.exit(0)
