"""A consumer of exchange NAME of type TYPE (the command line says which)."""
import pika
import sys

name, kind = sys.argv[1], sys.argv[2]
connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()
channel.exchange_declare(exchange=name, exchange_type=kind)
result = channel.queue_declare(queue='', exclusive=True)
channel.queue_bind(exchange=name, queue=result.method.queue, routing_key='news')
channel.basic_consume(queue=result.method.queue,
                      on_message_callback=lambda ch, m, p, body: print(' [x]', body), auto_ack=True)
print(' [*] Waiting on', name)
channel.start_consuming()
