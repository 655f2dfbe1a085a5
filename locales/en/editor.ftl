# The editor's words in English: the notices the canvas shows when it
# refuses something, the reasons an edit is refused, what a typed value
# gets wrong, the palette and the queue types. Every message has a
# counterpart with the same id and variables in ../zh/editor.ftl.

## Phrases used inside other messages

editor-kind-article = { $kind ->
    [producer] a producer
    [exchange] an exchange
    [queue] a queue
   *[consumer] a consumer
}
# A list of two or more phrases: the first, then the rest.
editor-list = { $first }, { $rest }
editor-arg-with-key = { $field } ({ $key })
# The label of the field an argument has of its own (as the engine's table
# names it).
editor-arg-field = { $key ->
    [x-expires] Queue expiry
    [x-message-ttl] Message TTL
    [x-dead-letter-exchange] Dead-letter exchange
    [x-dead-letter-routing-key] Dead-letter routing key
    [x-dead-letter-strategy] Dead-letter strategy
    [x-max-length] Max length
    [x-max-length-bytes] Max length in bytes
    [x-max-priority] Max priority
    [x-overflow] When full
    [x-single-active-consumer] single active consumer
    [x-queue-type] Type
    [x-max-age] Max age
    [x-stream-max-segment-size-bytes] Segment size
    [x-delivery-limit] Delivery limit
    [alternate-exchange] Alternate exchange
   *[other] { $key }
}

## Connections the canvas refuses

editor-connect-producer-queue = A producer never publishes straight to a queue: it publishes to an exchange. Connect it to the default exchange and set its routing key to the queue's name to reach this queue.
editor-connect-producer-other = A producer publishes to an exchange, not to { $to }.
editor-connect-exchange-other = An exchange routes to queues (or other exchanges) through bindings, not to { $to }.
editor-connect-queue-exchange = A queue does not publish to exchanges. To send its rejected or expired messages on, set its dead-letter exchange in the inspector.
editor-connect-queue-other = A queue delivers to consumers, not to { $to }.
editor-connect-consumer = A consumer is where messages end: connect a queue to it instead.
editor-connect-gone = That node no longer exists.
editor-connect-itself = Connect { $node } to another node, not to itself.
editor-connect-publishes-already = This producer already publishes to that exchange.
editor-connect-consumes-already = This consumer already consumes from that queue.
editor-connect-bound-already = These two are already bound with { $key }. Select that binding and change its key first, then connect again to add another key.
editor-key-empty = an empty key
editor-key-named = the key '{ $key }'

## Notices

editor-default-exchange-stays = The default exchange is part of every broker: it cannot be deleted.
editor-drop-on-canvas = Drop it on the canvas to create it.
editor-drop-on-node = Drop the connection on another node.

## Edits the reducer refuses

editor-node-gone = this node no longer exists
editor-binding-gone = this binding no longer exists
editor-unknown-exchange-type = unknown exchange type
editor-not-queue-type = '{ $value }' is not a queue type
editor-not-age = '{ $value }' is not an age: a whole number and one of Y M D h m s, e.g. 7D
editor-not-overflow = '{ $value }' is not an x-overflow value
editor-not-schedule = '{ $value }' is not a schedule
editor-unknown-outcome = unknown outcome
editor-not-match-mode = '{ $value }' is not an x-match mode

## Tables typed as name=value, ...

editor-table-too-many = at most { $max } name=value pairs
editor-table-not-pair = '{ $pair }' is not name=value
editor-table-no-name = '{ $pair }' has no name before =
editor-table-long-name = the name { $name } is longer than 255 bytes
editor-table-control = '{ $name }' contains a control character
editor-table-own-field = { $key } has a field of its own: set it in '{ $field }'

## Whole-number fields

editor-number-needed = a number is needed here
editor-number-not-whole = '{ $text }' is not a whole number
editor-number-range = must be from { $min } to { $max }

## The binding editor on the canvas

editor-binding-key-topic = binding key (* one word, # any)
editor-binding-key = binding key

## Queue types

editor-queue-about = { $type ->
    [classic] A classic queue: messages leave it when acked; it may be transient, exclusive or auto-delete.
    [quorum] A quorum queue: replicated and always durable, it keeps every message across a restart and counts redeliveries (x-delivery-count); it has no priorities and cannot be exclusive or auto-delete.
   *[stream] A stream: an append-only log. Acks remove nothing; each consumer (prefetch and manual acks required) reads from its own offset. Retention removes whole segments, so it keeps somewhat more than its limits.
}
editor-queue-absent = Not for { $type ->
    [classic] a classic queue
    [quorum] a quorum queue
   *[stream] a stream
}: { $settings }.

## The palette

editor-palette-label = { $item ->
    [producer] producer
    [direct] direct exchange
    [fanout] fanout exchange
    [topic] topic exchange
    [headers] headers exchange
    [queue] queue
   *[consumer] consumer
}
editor-palette-description = { $item ->
    [producer] Publishes messages to an exchange
    [direct] Routes by exact routing key
    [fanout] Copies to every bound queue
    [topic] Routes by patterns with * and #
    [headers] Routes by header values
    [queue] Holds messages until consumed
   *[consumer] Receives, processes and acks
}
