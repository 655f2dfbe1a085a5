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
log-why-other = { $reason }

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
