"""Publishes 'info' and 'error' to a fanout exchange."""
import pika

connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()
channel.exchange_declare(exchange='alerts', exchange_type='fanout')
for key in ['info', 'error']:
    channel.basic_publish(exchange='alerts', routing_key=key, body='a %s message' % key)
    print(" [x] Sent %r" % key)
connection.close()
