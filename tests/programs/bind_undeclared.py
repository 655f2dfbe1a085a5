"""Binds a queue to an exchange that nobody declared."""
import pika

connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()
result = channel.queue_declare(queue='', exclusive=True)
channel.queue_bind(exchange='logs', queue=result.method.queue)
print(' [*] Waiting for logs')
channel.start_consuming()
