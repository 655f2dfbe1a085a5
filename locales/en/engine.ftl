# The engine's explanations (src/engine/): what an AMQP error means in plain
# words, and why a message routed where it did. RabbitMQ's own reply texts
# are not here: they stay as RabbitMQ writes them. Every message has a
# counterpart with the same id and variables in ../zh/.

## What a reply code means

engine-reply-312 = The message was mandatory and no queue was bound to receive it, so the broker returned it to the publisher.
engine-reply-403 = The broker refuses this operation: reserved names (amq.*), the default exchange, internal exchanges and exclusive consumers are protected.
engine-reply-404 = The exchange or queue named here does not exist (yet). Declare it first, or check the spelling.
engine-reply-405 = The queue is exclusive to another connection: only the connection that declared it may use it.
engine-reply-406 = The request conflicts with what already exists or has an invalid value: for example a redeclaration with different attributes, an unknown delivery tag, or a bad argument.
engine-reply-501 = A name or key is too long: AMQP short strings (names, routing keys, consumer tags) hold at most 255 bytes.
engine-reply-504 = The channel was already closed (an earlier error closed it); open a new one.
engine-reply-503 = The command is invalid (for example an unknown exchange type); RabbitMQ closes the whole connection.
engine-reply-530 = The operation is not allowed on this connection (for example reusing a consumer tag); RabbitMQ closes the whole connection.
engine-reply-540 = RabbitMQ does not implement this; it closes the whole connection.
engine-reply-541 = The broker failed while doing this (RabbitMQ 3.10 crashes on it rather than refusing it); it closes the whole connection.

## Route explanations: the verdict

engine-no-exchange = exchange '{ $exchange }' does not exist: publishing to it is a 404 NOT_FOUND channel error
engine-verdict-no-queue = reaches no queue: returned to the publisher if mandatory, otherwise dropped
engine-verdict = reaches { $count ->
    [one] 1 queue
   *[other] queues
}: { $queues }
engine-verdict-note = { $verdict }; { $note }
engine-note-stream = stream '{ $queue }' appends it to its log (offsets { $first } to { $last } so far); each consumer reads from its own offset
engine-note-reject-publish = quorum queue '{ $queue }' is refusing publishes: it went over its limit (reject-publish) and takes them again at 80% of it

## Route explanations: each exchange

engine-default-no-queue = default exchange: no queue is named '{ $key }'
engine-default-delivers = default exchange: delivers to the queue named '{ $key }'
engine-hop-matched = { $kind } exchange '{ $exchange }': { $matched } of { $of } bindings match
engine-hop-alternate = { $kind } exchange '{ $exchange }': no binding matches, so its alternate exchange '{ $alternate }' takes the message
engine-hop-alternate-missing = { $kind } exchange '{ $exchange }': no binding matches and its alternate exchange '{ $alternate }' does not exist
engine-hop-no-match = { $kind } exchange '{ $exchange }': no binding matches

## Route explanations: each binding

engine-fanout = fanout: every binding receives a copy
engine-direct-equal = binding key '{ $binding_key }' equals the routing key
engine-direct-differs = binding key '{ $binding_key }' is not '{ $routing_key }' (direct needs an exact match)
engine-topic-wildcards = '{ $binding_key }' matches '{ $routing_key }' (wildcards: * is exactly one word, # is zero or more)
engine-topic-equal = '{ $binding_key }' equals '{ $routing_key }'
engine-topic-word-count = '{ $binding_key }' has { $words ->
    [one] { $words } word
   *[other] { $words } words
} but '{ $routing_key }' has { $has }: without '#', the counts must be equal ('*' is exactly one word)
engine-topic-word = word { $n }: the binding wants '{ $wants }' but the routing key has '{ $has }'
engine-topic-word-from-end = word { $n } from the end: the binding wants '{ $wants }' but the routing key has '{ $has }'
engine-topic-too-few = '{ $binding_key }' needs at least { $words ->
    [one] { $words } word
   *[other] { $words } words
} besides '#' but '{ $routing_key }' has { $has }
engine-topic-no-spread = no way to spread the words of '{ $routing_key }' over the '#' wildcards of '{ $binding_key }' so the other words line up
engine-headers = x-match { $kind }: { $compared } → { $matched ->
    [1] match
   *[other] no match
}
engine-headers-and = { $first }; { $next }
engine-headers-none-all = no arguments to compare: all matches every message
engine-headers-none-any = no arguments to compare: any matches nothing
engine-headers-missing = { $key }: missing
engine-headers-matches = { $key }: { $value } matches
engine-headers-wants = { $key }: wants { $wants }, has { $has }{ $other_type ->
    [1] {" (a different type: values of different types never match)"}
   *[other] {""}
}
