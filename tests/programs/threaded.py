"""A consumer thread and a publishing main thread, with functools.partial,
json, random (seeded), uuid, os.environ and an Event."""
import functools
import json
import os
import random
import threading
import time
import uuid

import pika

done = threading.Event()
lock = threading.Lock()
seen = []


def on_message(ch, method, properties, body, label):
    job = json.loads(body)
    with lock:
        seen.append(job['n'])
    print(label, job['n'], job['word'], len(job['id']))
    ch.basic_ack(delivery_tag=method.delivery_tag)
    if job['n'] == 3:
        done.set()


def consume(queue):
    connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
    channel = connection.channel()
    channel.queue_declare(queue=queue)
    channel.basic_qos(prefetch_count=1)
    channel.basic_consume(queue=queue, on_message_callback=functools.partial(on_message, label='worker'))
    print(threading.current_thread().name, 'consuming')
    while not done.is_set():
        connection.process_data_events(time_limit=0.2)
    connection.close()


host = os.environ.get('RABBIT_HOST', 'localhost')
consumer = threading.Thread(target=consume, args=('threaded',))
consumer.start()
time.sleep(0.5)
connection = pika.BlockingConnection(pika.ConnectionParameters(host))
channel = connection.channel()
channel.queue_declare(queue='threaded')
random.seed(4)
for n in range(1, 4):
    word = random.choice(['red', 'green', 'blue'])
    body = json.dumps({'n': n, 'word': word, 'id': str(uuid.uuid4())})
    channel.basic_publish(exchange='', routing_key='threaded', body=body)
    time.sleep(0.1)
consumer.join(timeout=5)
print('alive after join:', consumer.is_alive(), sorted(seen), json.dumps({'b': [1, 2.5, None, True], 'a': 'x'}))
connection.close()


def fails():
    raise ValueError('in a thread')


t = threading.Thread(target=fails, name='failing')
t.start()
t.join()
print('main goes on after', t.name)
