"""pika's blocking API, call by call: frames, reprs, get, purge, delete."""
import pika

params = pika.URLParameters('amqp://guest:guest@localhost/%2F')
print(params.host, params.virtual_host, params.credentials.username)
connection = pika.BlockingConnection(params)
channel = connection.channel()
print(connection.is_open, connection.is_closed, channel.is_open, channel.channel_number)

print(channel.exchange_declare(exchange='tour', exchange_type='direct'))
print(channel.exchange_declare(exchange='tour.all', exchange_type='fanout'))
print(channel.exchange_bind(destination='tour.all', source='tour', routing_key='k'))
ok = channel.queue_declare(queue='tour.q', arguments={'x-max-length': 10, 'x-queue-mode': 'default'})
print(ok)
print(ok.method.queue, ok.method.message_count, ok.method.consumer_count)
print(channel.queue_bind(queue='tour.q', exchange='tour.all'))
for i in range(3):
    channel.basic_publish(exchange='tour', routing_key='k', body='m%d' % i,
                          properties=pika.BasicProperties(delivery_mode=2, headers={'n': i, 'name': 'x', 'ok': True}))
method, properties, body = channel.basic_get(queue='tour.q')
print(method)
print(properties)
print(body, properties.headers['n'])
channel.basic_nack(delivery_tag=method.delivery_tag, requeue=True)
method, properties, body = channel.basic_get(queue='tour.q', auto_ack=True)
print(method.redelivered, body, method.message_count)
method, properties, body = channel.basic_get(queue='tour.q')
channel.basic_reject(delivery_tag=method.delivery_tag, requeue=False)
print(channel.queue_declare(queue='tour.q', passive=True).method.message_count)
print(channel.queue_purge(queue='tour.q'))
print(channel.basic_get(queue='tour.q'))
print(channel.queue_unbind(queue='tour.q', exchange='tour.all'))
print(channel.exchange_unbind(destination='tour.all', source='tour', routing_key='k'))
print(channel.queue_delete(queue='tour.q'))
print(channel.exchange_delete(exchange='tour.all'))
print(channel.exchange_delete(exchange='tour'))
channel.close()
print(channel.is_open, channel.is_closed)
try:
    channel.queue_declare(queue='after')
except pika.exceptions.ChannelWrongStateError as e:
    print(repr(e), '|', e)
connection.close()
print(connection.is_open, connection.is_closed)
try:
    connection.close()
except pika.exceptions.ConnectionWrongStateError as e:
    print(repr(e))
