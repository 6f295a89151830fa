# A real Python client of the Pushgateway (Debian's python3-prometheus-client).
# Usage: pyclient.py HOST:PORT push|pushadd|delete VALUE
import sys

from prometheus_client import CollectorRegistry, Counter, Gauge
from prometheus_client import delete_from_gateway, push_to_gateway, pushadd_to_gateway

address, mode, value = sys.argv[1], sys.argv[2], float(sys.argv[3])
registry = CollectorRegistry()
runs = Counter('batch_job_executions', 'Executions of the batch job.', ['status'],
               registry=registry)
runs.labels(status='success').inc(value)
if mode == 'push':
    Gauge('batch_job_last_success_unixtime', 'Last success.', registry=registry).set(value)
key = {'instance': 'job-instance-1'}
if mode == 'push':
    push_to_gateway(address, job='batch_processor', registry=registry, grouping_key=key)
elif mode == 'pushadd':
    pushadd_to_gateway(address, job='batch_processor', registry=registry, grouping_key=key)
else:
    delete_from_gateway(address, job='batch_processor', grouping_key=key)
print('ok')
