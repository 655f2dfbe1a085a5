#!/usr/bin/env python3
"""Runs tests/programs/manifest.json with CPython and pika against a real
RabbitMQ (AMQP_PORT, NODE_DIR from scripts/rabbitmq-node.sh) and prints the
results as JSON: per scenario, per process stdout / last stderr line / exit
code, and at checkpoints the queues (ready, unacked, consumers) and the
exchanges (name, type) other than the predeclared ones, with
server-generated names normalised."""
import json, os, re, shlex, signal, subprocess, sys, time

here = os.path.dirname(os.path.abspath(__file__))
programs = os.environ.get('PROGRAMS') or os.path.join(here, '..', 'tests', 'programs')
port = os.environ['AMQP_PORT']
node_dir = os.environ['NODE_DIR']

# Programs connect to localhost:5672 as the tutorials say; the private node
# listens elsewhere, so pika's default port is pointed at it.
site = os.path.join(node_dir, 'site')
os.makedirs(site, exist_ok=True)
with open(os.path.join(site, 'sitecustomize.py'), 'w') as f:
    f.write("import os\ntry:\n    import pika.connection\n    pika.connection.Parameters.DEFAULT_PORT = int(os.environ['WARREN_AMQP_PORT'])\nexcept Exception:\n    pass\n")


def ctl(*args):
    out = subprocess.run([os.path.join(here, 'rabbitmq-node.sh'), 'ctl', node_dir, *args], capture_output=True, text=True)
    return out.stdout


def queues():
    rows = []
    for line in ctl('list_queues', '-q', '--no-table-headers', 'name', 'messages_ready', 'messages_unacknowledged', 'consumers').splitlines():
        parts = line.split('\t')
        if len(parts) == 4:
            name = re.sub(r'^amq\.gen-.*$', 'amq.gen-*', parts[0])
            rows.append([name, int(parts[1]), int(parts[2]), int(parts[3])])
    return sorted(rows)


def exchanges():
    rows = []
    for line in ctl('list_exchanges', '-q', '--no-table-headers', 'name', 'type').splitlines():
        parts = line.split('\t')
        if len(parts) == 2 and parts[0] and not parts[0].startswith('amq.'):
            rows.append(parts)
    return sorted(rows)


def reset():
    ctl('stop_app'); ctl('reset'); ctl('start_app')


def last_line(s):
    lines = [l for l in s.splitlines() if l.strip()]
    return lines[-1] if lines else ''


def run_scenario(sc):
    reset()
    procs, results, checkpoints = {}, {}, []
    env = dict(os.environ, PYTHONUNBUFFERED='1', WARREN_AMQP_PORT=port, PYTHONPATH=site)
    for step in sc['steps']:
        if 'run' in step:
            words = shlex.split(step['run'])
            # SIGINT back to its default, so Python turns it into
            # KeyboardInterrupt even when this driver runs in the background.
            procs[step['as']] = subprocess.Popen([sys.executable] + words[1:], cwd=programs, env=env,
                                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                                 preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        elif 'wait' in step:
            time.sleep(step['wait'] / 1000)
        elif 'interrupt' in step:
            procs[step['interrupt']].send_signal(signal.SIGINT)
        elif 'restart' in step:
            ctl('stop_app'); ctl('start_app'); ctl('await_startup')
        elif 'ctl' in step:
            # What Warren's note tells a learner to run on a real broker
            # (Warren's runner does it by itself).
            ctl(*shlex.split(step['ctl']))
        elif 'checkpoint' in step:
            checkpoints.append({'at': step['checkpoint'], 'queues': queues(), 'exchanges': exchanges()})
    for name, p in procs.items():
        try:
            out, err = p.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
        code = p.returncode if p.returncode >= 0 else 128 - p.returncode
        results[name] = {'stdout': out, 'stderr_last': last_line(err), 'exit': code}
    return {'name': sc['name'], 'processes': results, 'checkpoints': checkpoints}


manifest = json.load(open(os.path.join(programs, 'manifest.json')))
print(json.dumps([run_scenario(sc) for sc in manifest['scenarios']], indent=1, sort_keys=True))
