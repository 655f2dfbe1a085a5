"""consume(): a generator with an inactivity timeout; cancel() at the end."""
import pika
import sys

connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()
channel.queue_declare(queue='gen')
for i in range(int(sys.argv[1])):
    channel.basic_publish(exchange='', routing_key='gen', body='item %d' % i)
quiet = 0
for method, properties, body in channel.consume('gen', inactivity_timeout=1):
    if method is None:
        quiet += 1
        print('nothing for a second')
        if quiet == 2:
            break
        continue
    print(method.delivery_tag, body.decode())
    channel.basic_ack(method.delivery_tag)
print('requeued:', channel.cancel())
connection.close()
