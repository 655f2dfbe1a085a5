# Why a scenario document, a share link or a page address was refused, in
# English. Every message has a counterpart with the same id and variables
# in ../zh/document.ftl.

## Scenario documents

document-at = at { $path }: { $reason }
document-too-big = the document is { $bytes } bytes; the limit is { $limit } bytes
document-empty = the document is empty
# $detail is serde_json's own description of the syntax error.
document-not-json = not valid JSON: { $detail } (line { $line }, column { $column })
# $example is a document's first characters, as JSON.
document-not-object = a scenario is a JSON object, e.g. { $example }
document-no-version = missing the format version: a scenario starts with "warren": 2
document-unknown-version = unknown format version { $found }: this Warren reads versions 1 and { $current }
# $text is serde's own description of a value of the wrong shape.
document-serde = { $text }
document-name-missing = the { $what } needs a name
document-name-too-long = the { $what } name is { $bytes } bytes; AMQP names hold at most 255
document-name-control = the { $what } name contains a control character
document-what-exchange = exchange
document-what-queue = queue
document-what-consumer = consumer
document-what-dlx-routing-key = dead-letter routing key
document-what-routing-key = routing key
document-what-binding-key = binding key
document-coordinate = { $value } is not a usable canvas coordinate (finite, within ±1,000,000)
document-table = values must be strings, numbers, booleans, arrays or objects (null is not an AMQP value)
document-ms-limit = { $kind ->
    [ttl] a TTL of
   *[expires] an expiry of
} { $value } is more than RabbitMQ's limit of { $limit } ms
document-speed = { $speed } is outside 0.1 to 10
document-entries = { $count } entries; the limit is { $limit }
document-id-length = a node id is 1 to 64 characters
document-id-taken = the id '{ $id }' is used by another node
document-exchange-name-taken = another exchange is named '{ $name }'
document-queue-name-taken = another queue is named '{ $name }'
document-no-exchange = no exchange node has the id '{ $id }'
document-no-queue = no queue node has the id '{ $id }'
document-no-producer = no producer node has the id '{ $id }'
document-expires-min = x-expires must be at least 1 ms
document-binding-id-length = a binding id is 1 to 64 characters
document-binding-id-taken = the id '{ $id }' is used by another binding
document-binding-from = a binding starts at an exchange; '{ $id }' is not an exchange node
document-binding-to = a binding ends at a queue or exchange; '{ $id }' is neither
document-body-size = the body is { $bytes } bytes; the limit is { $limit }
# $why is the broker's own reason the expiration is refused.
document-expiration = '{ $value }' is not a TTL in ms from 0 to { $limit } ({ $why })
document-batch = a tick publishes 1 to 10,000 messages
document-every-ms = publish at most every 10 ms
document-count = at most 1,000,000 messages
document-burst = a burst holds at most 10,000 messages
document-processing = processing takes at most an hour (3,600,000 ms)
document-max-ready = between 1 and 1,000,000 ready messages
document-max-events = between 1,000 and 5,000,000 events
document-narration = at most 200 narration steps

## Programs and terminal commands in a document

document-file-name-length = a program's file name is 1 to 255 bytes
document-file-name-plain = a program's file name is a plain name like send.py (no folders)
document-file-name-control = a program's file name contains a control character
document-programs-count = { $count } files; the limit is { $limit }
document-program-taken = another program is called { $name }
document-bytes-limit = { $bytes } bytes; the limit is { $limit }
document-commands-count = { $count } commands; the limit is { $limit }
document-command-line = a command line is one line of text
document-command-at = { $at } ms is later than the limit of { $limit } ms (30 days)

## The page's address

document-no-lesson = There is no lesson named '{ $slug }' (lessons: { $lessons }).

## Share links

share-not-a-link = not a Warren share link: the part after '#' must start with 's='
share-empty = the share link is empty after 's='
share-too-long = the share link's data is { $length } characters; the limit is { $limit }
# $found is the character, quoted as Rust writes it ('!').
share-bad-character = the share link has the character { $found } at position { $at } of its data, which a share link never contains (was it changed or cut?)
share-bad-length = the share link's data is { $length } characters long, which no share link is: it was cut short
# $detail is the decompressor's own words.
share-corrupt = the share link's data is damaged or cut short ({ $detail }); copy the whole link again
share-too-large = the share link inflates to more than { $limit } bytes; it was refused
share-not-text = the share link's data is not text (invalid UTF-8 at byte { $at })
share-invalid-scenario = the share link holds an invalid scenario: { $error }
share-cannot-open = This share link cannot be opened: { $error }

## What a consumer does with each delivery

document-outcome-ack = ack
document-outcome-nack-requeue = nack + requeue
document-outcome-nack = nack (no requeue)
document-outcome-reject = reject (no requeue)
document-outcome-reject-requeue = reject + requeue
document-outcome-never-ack = never ack
