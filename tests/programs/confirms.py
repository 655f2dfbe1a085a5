"""Publisher confirms: mandatory and unroutable raises UnroutableError."""
import pika

connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()
channel.confirm_delivery()
channel.queue_declare(queue='confirmed')
channel.basic_publish(exchange='', routing_key='confirmed', body='kept', mandatory=True)
print('routed and confirmed')
try:
    channel.basic_publish(exchange='', routing_key='no-such-queue', body='lost', mandatory=True)
except pika.exceptions.UnroutableError as e:
    print(repr(e))
    print(e)
    print(len(e.messages), e.messages[0].method.reply_text)
channel.basic_publish(exchange='', routing_key='no-such-queue', body='dropped')
print('not mandatory: confirmed and dropped')
try:
    channel.basic_publish(exchange='missing', routing_key='k', body='x')
except pika.exceptions.ChannelClosedByBroker as e:
    print('closed:', e)
print(channel.is_open)
connection.close()
