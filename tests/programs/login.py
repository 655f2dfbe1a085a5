import pika
import sys

credentials = pika.PlainCredentials(sys.argv[1], sys.argv[2])
connection = pika.BlockingConnection(
    pika.ConnectionParameters(host='localhost', credentials=credentials))
print(" [x] Connected")
connection.close()
