"""Binds to a fanout exchange with a routing key, expecting only 'error'."""
import pika

connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()
channel.exchange_declare(exchange='alerts', exchange_type='fanout')
result = channel.queue_declare(queue='', exclusive=True)
channel.queue_bind(exchange='alerts', queue=result.method.queue, routing_key='error')


def callback(ch, method, properties, body):
    print(" [x] %r:%r" % (method.routing_key, body))


channel.basic_consume(queue=result.method.queue, on_message_callback=callback, auto_ack=True)
print(' [*] Waiting for errors only')
channel.start_consuming()
