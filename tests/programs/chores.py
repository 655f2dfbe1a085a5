"""Publishes N persistent chores."""
import pika
import sys

connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()
channel.queue_declare(queue='chores', durable=True)
for i in range(int(sys.argv[1])):
    channel.basic_publish(exchange='', routing_key='chores', body='chore %d' % i,
                          properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent))
print(' [x] Sent', sys.argv[1])
connection.close()
