"""Declaring a queue again with other arguments: 406, with the types pika sent."""
import pika

connection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))
channel = connection.channel()
channel.queue_declare(queue='ttl', arguments={'x-message-ttl': 60000})
try:
    channel.queue_declare(queue='ttl', arguments={'x-message-ttl': 2**40})
except pika.exceptions.ChannelClosedByBroker as e:
    print(e.reply_code, e.reply_text)
    print(repr(e))
channel = connection.channel()
channel.queue_declare(queue='ttl', arguments={'x-message-ttl': 60000})
print('same arguments are fine')
try:
    channel.queue_declare(queue='ttl', arguments={'x-message-ttl': '60000'})
except pika.exceptions.ChannelClosedByBroker as e:
    print(e)
channel = connection.channel()
channel.exchange_declare(exchange='ae', exchange_type='fanout')
channel.exchange_declare(exchange='main', exchange_type='direct', arguments={'alternate-exchange': 'ae'})
channel.queue_declare(queue='unrouted')
channel.queue_bind(queue='unrouted', exchange='ae')
channel.basic_publish(exchange='main', routing_key='nobody', body='to the alternate')
channel.queue_declare(queue='prio', arguments={'x-max-priority': 5})
channel.exchange_declare(exchange='hdrs', exchange_type='headers')
channel.queue_declare(queue='matched')
channel.queue_bind(queue='matched', exchange='hdrs', arguments={'x-match': 'all', 'kind': 'report', 'n': 1})
channel.basic_publish(exchange='hdrs', routing_key='', body='yes', properties=pika.BasicProperties(headers={'kind': 'report', 'n': 1}))
channel.basic_publish(exchange='hdrs', routing_key='', body='no', properties=pika.BasicProperties(headers={'kind': 'report', 'n': '1'}))
print(channel.queue_declare(queue='unrouted', passive=True).method.message_count)
print(channel.queue_declare(queue='matched', passive=True).method.message_count)
try:
    channel.queue_declare(queue='bad', arguments={'x-max-length': 1.5})
except Exception as e:
    print(type(e).__name__, repr(e))
connection.close()
