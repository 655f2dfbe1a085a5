"""A worker with manual acks that never acks."""
import pika

connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()
channel.queue_declare(queue='chores', durable=True)


def callback(ch, method, properties, body):
    print(" [x] Received %r (redelivered: %s)" % (body.decode(), method.redelivered))


channel.basic_consume(queue='chores', on_message_callback=callback)
print(' [*] Waiting for chores')
channel.start_consuming()
