import pika
import time

connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()
channel.basic_publish(exchange='nowhere', routing_key='k', body='lost')
print(" [x] Sent 'lost'")
time.sleep(1)
channel.queue_declare(queue='after')
