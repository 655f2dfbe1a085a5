"""pika 0.x's no_ack=True."""
import pika


def callback(ch, method, properties, body):
    print(body)


connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()
channel.queue_declare(queue='hello')
channel.basic_consume('hello', callback, no_ack=True)
channel.start_consuming()
