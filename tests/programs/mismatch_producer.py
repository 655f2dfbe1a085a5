"""A producer to exchange NAME of type TYPE (the command line says which)."""
import pika
import sys

name, kind = sys.argv[1], sys.argv[2]
connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()
channel.exchange_declare(exchange=name, exchange_type=kind)
channel.basic_publish(exchange=name, routing_key='news', body='hello')
print(' [x] Sent to', name)
connection.close()
