# The event log's sentences (src/monitor/), its panel, the route detail and
# the message inspector (src/components/log/, src/view/). Every message here
# has a counterpart with the same id and the same variables in ../zh/.
# A variable a sentence may lack (`$note`, `$from`, `$limit`, `$arguments`) is an
# optional phrase: left out, it writes nothing. `$message` is a message's
# label (`#3 "hello"`) or a phrase such as `copy 7`.

## Phrases

log-default-exchange = the default exchange
log-exchange = exchange { $exchange }
log-copy = copy { $copy }
log-a-message = a message
log-the-consumer = the consumer
log-its-publisher = its publisher
log-empty-routing-key = an empty routing key
log-routing-key = routing key "{ $key }"

## Publishing and routing

log-published = { $publisher } published { $message } to { $exchange } with { $key }{ $mandatory ->
    [1] {" (mandatory)"}
   *[other] {""}
}
log-published-by-api = the page's API published { $message } to { $exchange } with { $key }{ $mandatory ->
    [1] {" (mandatory)"}
   *[other] {""}
}
log-republished = { $message } was re-published to { $exchange } by dead lettering
log-routed = { $exchange } routed { $message } to { $count ->
    [0] no queue
   *[other] { $queues }
}
log-unroutable = { $message } was unroutable: no queue receives it, and it was not mandatory, so the broker dropped it
log-returned = { $message } reached no queue and was mandatory: returned to { $who } (312 NO_ROUTE)

## Queues and consumers

log-enqueued = { $message } entered queue { $queue }
log-refused-full = queue { $queue } is full (x-max-length with overflow reject-publish): it refused { $message }
log-delivered = queue { $queue } delivered { $message } to { $who } (delivery tag { $tag }){ $redelivered ->
    [1] {", marked redelivered"}
   *[other] {""}
}{ $note }{ $auto_ack ->
    [1] {"; auto-ack: the broker forgets it now"}
   *[other] {""}
}
log-note-stream-offset = , read at stream offset { $offset }
log-note-delivery-count = , x-delivery-count { $count } (the quorum queue got it back { $count ->
    [one] { $count } time
   *[other] { $count } times
})
log-requeued = { $message } went back{ $from } to queue { $queue }: it will be redelivered, marked redelivered{ $note }
log-requeued-from = {" from "}{ $consumer }
log-requeued-count = ; the quorum queue counts the return (x-delivery-count { $count }{ $limit })
log-requeued-limit = , x-delivery-limit { $limit }
log-acked = { $who } acked { $message }: it leaves queue { $queue } for good
log-stream-read = { $who } is done with { $message }: stream { $queue } keeps it (acks remove nothing from a stream)
log-rejected = { $who } rejected { $message } without requeue: it leaves queue { $queue } (dead-lettered if the queue has a dead-letter exchange)
log-removed = { $message } left queue { $queue }: { $why }
log-why-expired = its TTL ran out at the head of the queue
log-why-max-length = the queue was over x-max-length, so the oldest message was dropped (drop-head)
log-why-purged = the queue was purged
log-why-queue-deleted = its queue was deleted
log-why-lost-on-restart = the broker restarted and it was not a persistent message in a durable queue
log-why-delivery-limit = it was returned more often than the quorum queue's x-delivery-limit (dead-lettered with reason delivery_limit if the queue has a dead-letter exchange, else dropped)
log-why-retention = stream retention removed the oldest segment holding it (x-max-length-bytes / x-max-age act on whole segments)

## Dead lettering

log-dead-lettered = { $message } was dead-lettered from queue { $queue } (reason: { $reason }) to { $exchange } as message #{ $id }; its x-death header records why
log-dead-letter-dropped = { $message } from queue { $queue } could not be dead-lettered and was dropped: { $why }
log-dlx-missing = its dead-letter exchange '{ $exchange }' does not exist
log-dlx-cycle = dead-letter cycle: the message already died in '{ $queue }' with no rejection since, so RabbitMQ drops it
log-death = { $count ->
    [1] once
   *[other] { $count } times
} { $reason } in queue { $queue } (published to { $exchange } with keys { $keys })

## Topology and the broker

log-refused = the broker refused: { $code } { $text }
log-exchange-declared = declared { $kind } exchange { $exchange }
log-exchange-deleted = deleted exchange { $exchange }{ $auto ->
    [1] {" (auto-delete: its last binding went)"}
   *[other] {""}
}
log-queue-declared = declared queue { $queue }
log-queue-deleted = queue { $queue } was deleted: { $reason }
log-qdel-by-delete = deleted by queue.delete
log-qdel-auto-delete = auto-delete: its last consumer went away
log-qdel-exclusive = its exclusive owner connection closed
log-qdel-expires = unused for longer than its x-expires
log-qdel-restart = transient queues do not survive a restart
log-bound = bound { $exchange } to { $kind } { $destination } with key "{ $key }"{ $arguments }
log-bound-arguments = {" and arguments "}{ $arguments }
log-unbound = unbound { $destination } from { $exchange } { $kind } (key "{ $key }")
log-consumer-added = consumer { $tag } started consuming from queue { $queue }
log-consumer-cancelled = consumer { $tag } stopped consuming from queue { $queue }{ $by_broker ->
    [1] {" (the broker cancelled it: its queue is gone)"}
   *[other] {""}
}
log-restarted = the broker restarted: connections closed; only durable exchanges and queues, and persistent messages in durable queues, survived

## The route detail (why did it route here)

log-deaths-title = Dead-letter history (x-death, most recent first):
log-dest-queue = queue { $queue }
log-verdict-matched = matched
log-verdict-unmatched = did not match
log-hop-as-alternate = {" (as alternate exchange)"}
log-alternate-took = No binding of { $exchange } matched, so its alternate { $alternate } took the message.
log-alternate-missing = The alternate exchange '{ $alternate }' does not exist, so the message was dropped there.
log-verdict = {"Verdict: "}

## The message inspector

log-inspector-title = Message #{ $id }
log-inspector-close =
    .aria-label = Close
log-inspector-body = Body
log-inspector-bytes = { $count ->
    [one] { $count } byte
   *[other] { $count } bytes
}
log-inspector-properties = Properties
log-inspector-headers = Headers
log-inspector-none = none
log-inspector-deaths = x-death (why it was dead-lettered, most recent first)
log-inspector-parent = Dead-lettered from message #{ $parent }.
log-inspector-where = Where it is now
log-inspector-gone = No longer in the broker.
log-inspector-path = Path
log-inspector-path-gone = The log no longer holds this message's path.
log-prop-exchange = exchange
log-prop-default-exchange = (default exchange)
log-prop-routing-key = routing key
log-prop-cc = CC routing keys
log-mode-persistent = 2 (persistent)
log-mode-transient = 1 (transient)
log-mode-unset = not set (transient)
log-value-empty = "" (empty)
log-a-consumer = a consumer
log-where-ready = ready in queue { $queue } at position { $position }{ $redelivered ->
    [1] {", marked redelivered"}
   *[other] {""}
}
log-where-unacked = delivered from queue { $queue } to { $who }, not acked yet (delivery tag { $tag })

## The log panel

log-title = Event log
log-count = { $count } events
log-clear = Clear
log-empty = Nothing yet. Press Play, or Publish now on a producer.
log-inspect = inspect
    .title = Inspect this message
log-flag-redelivered = redelivered
log-node-filter = Show events of
    .aria-label = Filter by node
log-all-nodes = all nodes
log-kind-filter =
    .aria-label = Filter by kind
log-node-label = { $kind ->
    [exchange] exchange
    [queue] queue
    [producer] producer
    [consumer] consumer
   *[other] node
} { $name }
log-flood = Events are pouring in: the newest { $limit } are shown until the flood stops or the clock is paused{ $older }.
log-flood-older = {" ("}{ $dropped } older ones are no longer kept)
log-dropped = { $dropped } older events are no longer kept.
log-kind-publish = publish
log-kind-route = route
log-kind-enqueue = enqueue
log-kind-deliver = deliver
log-kind-ack = ack
log-kind-requeue = requeue
log-kind-drop = drop
log-kind-return = return
log-kind-dead-letter = dead-letter
log-kind-error = error
log-kind-topology = topology
log-kind-broker = broker

## When the filter hides every line

log-filter-none-of-node = No event matches the filter: none concerns { $node } yet. Choose “all nodes” to see every event.
log-filter-none = No event matches the filter.
log-filter-part = { $count } { $kind }
log-filter-button = “{ $kind }”
log-filter-hides = No event matches the filter: it hides { $hidden } { $count ->
    [one] event
   *[other] events
}. Press { $buttons } above to show { $count ->
    [one] it
   *[other] them
}.
log-list-separator = {", "}
log-list-and = { $init } and { $last }
