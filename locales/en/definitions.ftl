# Importing and exporting RabbitMQ definitions files (src/definitions/):
# why a file is refused, and the warnings for what a playground leaves out.
# Every message has a counterpart with the same id and variables in ../zh/.
# `$text` is RabbitMQ's own reply text or a parser's message, as it is.

definitions-warning-at = { $path }: { $message }
definitions-error-at = at { $path }: { $message }
definitions-names = { $names }{ $more ->
    [0] {""}
   *[other] {" and "}{ $more } more
}

## A file refused whole

definitions-too-large = the file is { $bytes } bytes; the limit is { $limit } bytes
definitions-empty = the file is empty
definitions-not-json = not valid JSON: { $error } (line { $line }, column { $column })
definitions-not-object = a definitions file is a JSON object with exchanges, queues and bindings
definitions-is-scenario = this is a Warren scenario, not a RabbitMQ definitions file: open it as a scenario
definitions-no-known-key = not a RabbitMQ definitions file: none of the keys exchanges, queues, bindings, vhosts, rabbit_version is there
definitions-null-argument = null is not an AMQP value (RabbitMQ refuses it): remove the argument or give it a value
definitions-name-too-long = the { $what ->
    [exchange] exchange
    [queue] queue
   *[binding-key] binding key
} name is { $bytes } bytes; AMQP names hold at most 255
definitions-name-control = the { $what ->
    [exchange] exchange
    [queue] queue
   *[binding-key] binding key
} name contains a control character
definitions-destination-type = '{ $kind }' is not a destination type: use "queue" or "exchange"
definitions-invalid-scenario = the imported scenario is not valid: { $error }
definitions-too-many = { $count } { $list } in vhost '{ $vhost }'; Warren holds at most { $most }
definitions-no-vhost = no vhost '{ $vhost }' in this file; it has { $names }

## The imported scenario

definitions-title-version = Definitions from RabbitMQ { $version }
definitions-title = Imported definitions
definitions-description = Imported from a definitions file (vhost '{ $vhost }'): { $exchanges ->
    [one] { $exchanges } exchange
   *[other] { $exchanges } exchanges
}, { $queues ->
    [one] { $queues } queue
   *[other] { $queues } queues
}, { $bindings ->
    [one] { $bindings } binding
   *[other] { $bindings } bindings
}.

## What an import leaves out

definitions-skip-users = { $count ->
    [one] { $count } user
   *[other] { $count } users
} skipped ({ $names }): Warren has no users or logins
definitions-skip-permissions = { $count ->
    [one] { $count } permission
   *[other] { $count } permissions
} skipped: Warren does not check permissions
definitions-skip-topic-permissions = { $count ->
    [one] { $count } topic permission
   *[other] { $count } topic permissions
} skipped: Warren does not check permissions
definitions-skip-parameter = runtime parameter '{ $name }' ({ $component }, vhost '{ $vhost }') skipped: Warren has no plugins such as federation or shovel
definitions-skip-global-parameters = { $count ->
    [one] { $count } global parameter
   *[other] { $count } global parameters
} skipped ({ $names })
definitions-skip-policy = policy '{ $name }' (vhost '{ $vhost }', pattern '{ $pattern }', applies to { $applies_to }: { $keys }) skipped: Warren does not apply policies; set these as queue or exchange arguments to see their effect
definitions-policy-nothing = nothing
definitions-skip-vhost = vhost '{ $vhost }' skipped ({ $exchanges ->
    [one] { $exchanges } exchange
   *[other] { $exchanges } exchanges
}, { $queues ->
    [one] { $queues } queue
   *[other] { $queues } queues
}, { $bindings ->
    [one] { $bindings } binding
   *[other] { $bindings } bindings
}): Warren plays one virtual host; import again choosing '{ $vhost }' to see it
definitions-skip-default-exchange = the default exchange is always there; skipped
definitions-why-amq-exchange = amq.* exchanges are predeclared by RabbitMQ
definitions-skip-amq-exchange = exchange '{ $exchange }' skipped: names starting with 'amq.' are reserved for RabbitMQ's own exchanges
definitions-why-type = its type '{ $kind }' is not modelled
definitions-skip-plugin-type = exchange '{ $exchange }' skipped: its type '{ $kind }' comes from a plugin Warren does not model (only direct, fanout, topic and headers)
definitions-exchange-twice = exchange '{ $exchange }' appears twice; the first one was kept
definitions-alternate-missing = exchange '{ $exchange }': its alternate exchange '{ $alternate }' is not in the import: unroutable messages are dropped until it exists
definitions-skip-server-named = a queue with an empty name skipped: server-named queues cannot be declared by name
definitions-why-amq-queue = names starting with 'amq.' are reserved
definitions-skip-amq-queue = queue '{ $queue }' skipped: names starting with 'amq.' are reserved (RabbitMQ skips them on import too)
definitions-queue-twice = queue '{ $queue }' appears twice; the first one was kept
definitions-refused-arguments = { $text }: kept as written; the broker refuses this queue until it is fixed
definitions-dlx-missing = queue '{ $queue }': its dead-letter exchange '{ $exchange }' is not in the import; dead-lettered messages are dropped until it exists
definitions-from-default = from the default exchange
definitions-from = from '{ $source }'
definitions-binding = binding { $source } → { $kind } '{ $destination }' (key '{ $key }')
definitions-skip-binding-default = { $binding } skipped: the default exchange's bindings are implicit
definitions-skip-binding = { $binding } skipped: { $why }
definitions-why-source-skipped = its source exchange was skipped ({ $why })
definitions-why-source-missing = its source exchange '{ $source }' is not in the file
definitions-why-destination-skipped = its destination was skipped ({ $why })
definitions-why-destination-missing = its destination { $kind } '{ $destination }' is not in the file

## What an export leaves out

definitions-export-server-named = a server-named queue (empty name) is not exported: the broker names it when a client declares it, so the client code declares it
definitions-export-exclusive = exclusive queue '{ $queue }' is not exported: it belongs to the connection that declares it (RabbitMQ never exports exclusive queues)
definitions-export-refused-arguments = queue '{ $queue }' is not exported: the broker refuses its arguments ({ $text })
definitions-export-from-default = a binding from the default exchange is not exported: RabbitMQ refuses it (403)
definitions-export-x-match = the binding from '{ $source }' is not exported: its x-match must be all, any, all-with-x or any-with-x (the broker refuses it)
definitions-export-to-left-out = the binding from '{ $source }' (key '{ $key }') to a queue that is not exported is left out too
definitions-export-to-default = a binding to the default exchange is not exported: RabbitMQ refuses it (403)
definitions-export-reserved = { $what } '{ $name }' is not exported: names starting with 'amq.' are reserved (RabbitMQ skips them)
