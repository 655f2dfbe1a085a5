"""A durable queue with transient messages, a transient queue with persistent ones."""
import pika

connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()
channel.queue_declare(queue='kept', durable=True)
channel.queue_declare(queue='fleeting')
channel.basic_publish(exchange='', routing_key='kept', body='transient in a durable queue')
channel.basic_publish(exchange='', routing_key='kept', body='persistent in a durable queue',
                      properties=pika.BasicProperties(delivery_mode=2))
channel.basic_publish(exchange='', routing_key='fleeting', body='persistent in a transient queue',
                      properties=pika.BasicProperties(delivery_mode=2))
print(' [x] Sent 3')
connection.close()
