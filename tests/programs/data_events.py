"""process_data_events(time_limit), connection.sleep and basic_cancel."""
import pika

received = []


def on_message(ch, method, properties, body):
    received.append(body.decode())
    print('got', body.decode())
    ch.basic_ack(delivery_tag=method.delivery_tag)


connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()
channel.queue_declare(queue='events')
tag = channel.basic_consume(queue='events', on_message_callback=on_message, consumer_tag='mine')
print(tag)
channel.basic_publish(exchange='', routing_key='events', body='one')
connection.process_data_events(time_limit=1)
channel.basic_publish(exchange='', routing_key='events', body='two')
connection.sleep(1)
print(received)
print(channel.basic_cancel('mine'))
print(channel.basic_cancel('mine'))
channel.basic_publish(exchange='', routing_key='events', body='three')
connection.process_data_events(time_limit=0.5)
print(received)
try:
    channel.basic_consume(queue='events', on_message_callback=None)
except TypeError as e:
    print(e)
channel.basic_consume(queue='events', on_message_callback=on_message, consumer_tag='again')
try:
    channel.basic_consume(queue='events', on_message_callback=on_message, consumer_tag='again')
except pika.exceptions.DuplicateConsumerTag as e:
    print(repr(e))
connection.process_data_events(time_limit=1)
channel.stop_consuming()
channel.start_consuming()
print('start_consuming without consumers returns')
with pika.BlockingConnection() as c2:
    print(c2.channel().queue_declare('events', passive=True).method.message_count)
print(c2.is_open)
connection.close()
