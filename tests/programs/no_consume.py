"""A consumer that forgets basic_consume: start_consuming returns at once."""
import pika


def callback(ch, method, properties, body):
    print(" [x] %r" % body)


connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()
channel.exchange_declare(exchange='logs', exchange_type='fanout')
result = channel.queue_declare(queue='', exclusive=True)
channel.queue_bind(exchange='logs', queue=result.method.queue)
print(' [*] Waiting for logs. To exit press CTRL+C')
channel.start_consuming()
print(' [!] start_consuming returned')
