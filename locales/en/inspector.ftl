# The inspector's words in English: the node, binding and scenario forms,
# their live state and the routing-key tester. Every message has a
# counterpart with the same id and variables in ../zh/inspector.ftl.

## The panel

inspector-panel-label = Inspector
inspector-close-label = Close the inspector
inspector-close-title = Clear the selection (Escape)
inspector-title-binding = Binding
inspector-title-exchange = Exchange
inspector-title-queue = Queue
inspector-title-producer = Producer
inspector-title-consumer = Consumer
inspector-title-scenario = Scenario
inspector-title-selected = { $count } nodes selected

## Shared fields and choices

inspector-name = Name
inspector-type = Type
inspector-none = none
inspector-not-set = not set
inspector-not-connected = not connected
inspector-publishes-to = Publishes to
inspector-consumes-from = Consumes from
inspector-routing-key = Routing key
inspector-headers = Headers
inspector-durable = durable
inspector-auto-delete = auto-delete
inspector-exclusive = exclusive
inspector-redelivered = redelivered
inspector-unit-messages = messages
inspector-unit-bytes = bytes
inspector-unit-redeliveries = redeliveries
inspector-default-exchange-choice = (default exchange)
inspector-server-named-choice = (server-named { $id })
inspector-exchange-named = exchange { $name }
inspector-queue-named = queue { $name }
inspector-arguments = Other arguments
inspector-arguments-placeholder = none, e.g. x-queue-mode=lazy
inspector-arguments-hint = name=value pairs, sent with the declare as they are; 42 is a number, "42" a string
inspector-arguments-locked = holds a list or a table, which only a scenario file can edit

## Exchange

inspector-default-exchange-about = The default exchange (its name is the empty string) is a direct exchange every queue is bound to, with the queue's name as the key. Publish to it with a queue's name as the routing key to reach that queue. It cannot be deleted, and binding to it is refused (403 ACCESS_REFUSED).
inspector-exchange-missing = This exchange is not in the broker (a restart removed it, or the broker refused it).
inspector-exchange-name-hint = Names starting with amq. are reserved: the broker refuses them (403).
inspector-exchange-type-hint = { $kind ->
    [direct] direct: a binding matches when its key equals the routing key
    [fanout] fanout: every bound queue gets a copy; keys are ignored
    [topic] topic: keys are words separated by dots; * matches one word, # zero or more
   *[headers] headers: bindings match header values (x-match all or any); keys are ignored
}
inspector-exchange-durable-hint = survives a broker restart
inspector-exchange-auto-delete-hint = deleted when its last binding goes
inspector-internal = internal
inspector-internal-hint = publishers may not publish to it (403); only other exchanges route to it
inspector-alternate-exchange = Alternate exchange
inspector-alternate-exchange-hint = takes the messages no binding of this exchange matches
inspector-bindings = Bindings
inspector-bind-to = Add a binding to
inspector-bind-to-choose = choose a queue or exchange…
inspector-bind-to-hint = or drag from this exchange's ● port to a queue or another exchange

## Binding

inspector-binding-from-to = From { $from } to { $to }.
inspector-binding-default-exchange = the default exchange
inspector-binding-end-exchange = { $kind } exchange { $name }
inspector-binding-key = Binding key
inspector-binding-key-hint = { $kind ->
    [direct] matches a message whose routing key is exactly this
    [topic] words separated by dots; * stands for exactly one word, # for zero or more
    [fanout] fanout exchanges ignore keys: every bound queue gets a copy
   *[headers] headers exchanges ignore keys: the header values below decide
}
inspector-match-mode = { $mode ->
    [all] all: every header must match
    [any] any: one header is enough
    [all-with-x] all-with-x: all, counting x- headers
   *[any-with-x] any-with-x: any, counting x- headers
}
inspector-header-values = Header values
inspector-binding-headers-hint = name=value pairs; 42 is a number, "42" a string, true/false booleans
inspector-delete-binding = Delete binding

## Routing-key tester

inspector-try-key = Try a routing key
inspector-try-key-placeholder = e.g. kern.critical

## Producer

inspector-published = published
inspector-producer-key-hint = for the default exchange: the name of the queue to reach
inspector-body = Body
inspector-body-hint = { $placeholder } becomes the message's number
inspector-producer-headers-hint = name=value pairs; 42 is a number, "42" a string
inspector-properties = Properties
inspector-persistent = persistent (delivery_mode 2)
inspector-persistent-hint = survives a restart in a durable queue
inspector-mandatory = mandatory
inspector-mandatory-hint = returned (312 NO_ROUTE) when no queue receives it
inspector-expiration = Expiration (per-message TTL, ms)
inspector-priority = Priority
inspector-priority-hint = counts in queues with x-max-priority
inspector-reply-to-queue = reply_to: a queue on the canvas
inspector-reply-to-queue-hint = for RPC: the consumer answering sends its reply there
inspector-reply-to = reply_to: a name
inspector-not-set-numbered = not set ({ $placeholder } = number)
inspector-schedule = Schedule
inspector-publishes = Publishes
inspector-schedule-kind = { $kind ->
    [manual] on demand (Publish now)
    [once] once, at a time
    [every] every N ms
   *[burst] a burst of N at once
}
inspector-at = At
inspector-every = Every
inspector-starting-at = Starting at
inspector-how-many = How many
inspector-how-many-hint = empty: forever
inspector-per-tick = Per tick
inspector-per-tick-hint = messages published at each tick (100 every 10 ms is 10,000 a second)

## Consumer

inspector-consumer-name = Name (consumer tag)
inspector-acknowledgement = Acknowledgement
inspector-ack-mode = { $mode ->
    [manual] manual: ack after processing
   *[auto] auto-ack (no_ack): forgotten once sent
}
inspector-prefetch = Prefetch (basic.qos)
inspector-prefetch-hint = most unacked messages it holds at once; 0 = no limit
inspector-processing-time = Processing time
inspector-then = Then
inspector-then-hint = what it does with each message after processing (manual ack)
inspector-outcome = { $outcome ->
    [ack] ack
    [nack_requeue] nack + requeue
    [nack] nack (no requeue)
    [reject] reject (no requeue)
    [reject_requeue] reject + requeue
   *[never_ack] never ack
}
inspector-crash-after = Crash after
inspector-crash-after-hint = its channel closes when it has received this many; unacked messages go back
inspector-reply = answer RPC requests
inspector-reply-hint = publishes a reply to each message's reply_to with its correlation_id
inspector-exclusive-consumer = exclusive consumer
inspector-exclusive-consumer-hint = no other consumer may consume from the queue
inspector-consumer-priority = Consumer priority (x-priority)
inspector-consumer-priority-hint = higher-priority consumers are served first
inspector-stream-offset = Start at (x-stream-offset)
inspector-stream-offset-placeholder = next (default)
inspector-stream-offset-hint = first, last, next, an offset such as 12, or an age such as 1h; a stream consumer needs manual acks and a prefetch
inspector-delivery-tag = tag { $tag }
inspector-consumer-status = { $status ->
    [consuming] consuming
    [killed] killed: its channel is closed
    [crashed] crashed (crash after N)
    [unconnected] not connected to a queue
    [no-queue] its queue is not in the broker
   *[refused] the broker refused basic.consume
}
inspector-received = received
inspector-redelivered-count = redelivered
inspector-acked = acked
inspector-unacked-deliveries = Unacked deliveries

## Queue

inspector-queue-missing = This queue is not in the broker (a restart removed it, or the broker refused it).
inspector-queue-name-placeholder = empty: the broker picks one
inspector-queue-name-hint = Leave empty for a server-named queue (amq.gen-…).
inspector-queue-type = Type (x-queue-type)
inspector-queue-durable-hint = survives a broker restart (with its persistent messages)
inspector-queue-exclusive-hint = only the playground's connection may use it; deleted when it closes
inspector-queue-auto-delete-hint = deleted when its last consumer leaves
inspector-single-active-consumer = single active consumer
inspector-single-active-consumer-hint = only one consumer receives at a time; the next takes over when it leaves
inspector-message-ttl = Message TTL (x-message-ttl)
inspector-message-ttl-hint = messages older than this expire (dead-lettered if the queue has a DLX)
inspector-expires = Queue expiry (x-expires)
inspector-expires-hint = the queue is deleted after this long unused
inspector-max-length = Max length (x-max-length)
inspector-max-length-bytes = Max length in bytes (x-max-length-bytes)
inspector-stream-bytes-hint = retention by segment: whole old segments are removed when a new one starts, so the stream keeps somewhat more
inspector-overflow = When full (x-overflow)
inspector-overflow-choice = { $mode ->
    [unset] not set (drop-head)
    [drop-head] drop-head: drop the oldest
    [reject-publish] reject-publish: refuse new ones
   *[reject-publish-dlx] reject-publish-dlx: refuse and dead-letter
}
inspector-quorum-overflow-hint = a quorum queue takes messages until it is over the limit, then refuses them until it is back under 80%
inspector-dead-letter-exchange = Dead-letter exchange (x-dead-letter-exchange)
inspector-dead-letter-exchange-hint = where rejected, expired and dropped messages go
inspector-dead-letter-key = Dead-letter routing key
inspector-dead-letter-key-placeholder = not set: the message's own key
inspector-dead-letter-strategy = Dead-letter strategy (x-dead-letter-strategy)
inspector-dead-letter-strategy-choice = { $strategy ->
    [unset] not set (at-most-once)
    [at-most-once] at-most-once
   *[at-least-once] at-least-once (needs reject-publish)
}
inspector-max-priority = Max priority (x-max-priority)
inspector-max-priority-hint = makes it a priority queue: higher priorities are delivered first
inspector-delivery-limit = Delivery limit (x-delivery-limit)
inspector-delivery-limit-hint = a message returned more often than this is dropped, or dead-lettered with reason delivery_limit
inspector-max-age = Max age (x-max-age)
inspector-max-age-placeholder = e.g. 7D, 1h, 30s
inspector-max-age-hint = segments whose newest message is older than this are removed (retention by segment)
inspector-segment-size = Segment size (x-stream-max-segment-size-bytes)
inspector-segment-size-hint = retention removes whole segments; default 500000000 (message bodies count here)
inspector-in-broker = In the broker
inspector-in-stream = in stream
inspector-ready = ready
inspector-unacked = unacked
inspector-consumer-count = { $count ->
    [one] consumer
   *[other] consumers
}
inspector-stream-offsets = Offsets { $first } to { $last } in { $segments ->
    [one] { $segments } segment
   *[other] { $segments } segments
}; consumers read from their own offset and acks remove nothing.
inspector-server-named-as = The broker named it { $name }.
inspector-stream-messages = Messages in the stream, newest first
inspector-ready-messages = Ready messages, next first
inspector-and-more = and { $count } more

## Scenario overview

inspector-scenario-title = Title
inspector-scenario-title-placeholder = Untitled scenario
inspector-scenario-description = Description
inspector-count-producers = { $count ->
    [one] producer
   *[other] producers
}
inspector-count-exchanges = { $count ->
    [one] exchange
   *[other] exchanges
}
inspector-count-queues = { $count ->
    [one] queue
   *[other] queues
}
inspector-count-consumers = { $count ->
    [one] consumer
   *[other] consumers
}
inspector-exchanges-counted = declared by the scenario; the default exchange, which every virtual host has, is not counted
inspector-getting-started = Getting started
inspector-step-drag = Drag a producer, an exchange, a queue and a consumer onto the canvas.
inspector-step-connect = Drag from a node's ● port to the next node: producer → exchange → queue → consumer.
inspector-step-edit = Click a node or an edge to edit it here; click a binding to set its key.
inspector-step-play = Press Play and watch the messages; open a line of the log to see why.
inspector-dots = The dots
inspector-dot-route = a message on its way
inspector-dot-requeue = going back to its queue
inspector-dot-dead-letter = dead-lettered or via an alternate exchange
inspector-dot-ack = acked
inspector-dot-drop = dropped, expired or returned
inspector-keys = Keys
inspector-key-space = Space
inspector-key-space-does = play / pause
inspector-key-step-does = step to the next event
inspector-key-tab = Tab, Enter
inspector-key-tab-does = go through the nodes, edit one
inspector-key-arrows = arrows
inspector-key-arrows-does = move the selection (Shift: further)
inspector-key-delete = Delete
inspector-key-delete-does = delete the selection
inspector-key-undo = Ctrl+Z, Ctrl+Shift+Z
inspector-key-undo-does = undo, redo
inspector-key-several = Shift+click, Shift+drag
inspector-key-several-does = select several
inspector-key-zoom = wheel, + − 0
inspector-key-zoom-does = zoom
inspector-key-escape = Escape
inspector-key-escape-does = clear the selection

## Several nodes selected

inspector-selected-node = { $kind ->
    [producer] producer
    [exchange] exchange
    [queue] queue
   *[consumer] consumer
} { $name }
inspector-multi-hint = Drag any of them to move them together; arrows move them too.
inspector-delete-selected = Delete selected
