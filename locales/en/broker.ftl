# Warren's words in English: the Broker dialog (a real RabbitMQ through its
# management API). Every message here has a counterpart with the same id
# and the same variables in ../zh/broker.ftl.

## Failures, in plain words

broker-failure-login = The broker refused the user name or password (401 Login failed).
broker-failure-no-management = User '{ $user }' may not use the management API (401 Not management user).
broker-failure-not-authorised = The broker refused the request: { $reason }.
broker-failure-not-administrator = User '{ $user }' is not an administrator, and the check needs one to create its temporary vhost.
broker-failure-no-vhost = The broker has no vhost '{ $vhost }'.
broker-failure-no-exchange = The broker's vhost { $vhost } has no exchange '{ $exchange }' (404 Not Found).
broker-failure-unreachable = Nothing answers at { $url }.
broker-failure-cors = The broker at { $url } answered, but it does not allow pages from { $origin } to read its answers (CORS).
broker-failure-timed-out = { $url } did not answer within { $seconds } s.
broker-failure-http = The broker answered { $status }: { $reason }
broker-failure-bad-answer = The broker's answer could not be read: { $why }
broker-failure-step = { $what } failed: { $cause }

## What to do about them

broker-advice-bad-url = Give the management API's address, e.g. http://localhost:15672.
broker-advice-login = Check the user and password (a fresh RabbitMQ has guest / guest, usable from localhost only).
broker-advice-no-management = Give the user a management tag, e.g.:
broker-advice-not-authorised = Check the user's permissions on the vhost (rabbitmqctl list_user_permissions USER).
broker-advice-not-administrator = Its tags: { $tags }. Connect as an administrator, or give it the tag:
broker-advice-no-tags = none
broker-advice-no-vhost = Pick one of the broker's vhosts.
broker-advice-no-exchange = Deploy the scenario first (Broker → Deploy this scenario…), or publish to an exchange it has.
broker-advice-unreachable = Is RabbitMQ running, and is the management plugin enabled? Enable it with:
broker-advice-unreachable-port = and check the address and port (15672 by default).
broker-advice-cors = Add these lines to rabbitmq.conf and restart RabbitMQ:
broker-advice-timed-out = Check that the address is the management API's (port 15672 by default), not AMQP's (5672).

## Connection

broker-url-not-web = '{ $scheme }://' is not a web address: the management API is http:// or https://
broker-url-no-host = '{ $input }' has no usable host name (example: { $example })
broker-plain-http = { $host } is reached over plain http://: the password travels unencrypted. Use https:// if the broker offers it.
broker-connected = Connected to { $url } as { $user }. Vhost { $vhost }: { $exchanges ->
    [one] { $exchanges } exchange
   *[other] { $exchanges } exchanges
} (the built-in ones included), { $queues ->
    [one] { $queues } queue
   *[other] { $queues } queues
}.

## Publishing once to the broker

broker-publish-no-producer = there is no producer '{ $id }'
broker-publish-not-connected = this producer is not connected to an exchange yet: drag from it to an exchange
broker-publish-no-mandatory = mandatory: the management API has no such flag; "not routed" says what a return would
broker-publish-reply-to-server-named = reply_to: the queue is server-named, so its name on the broker is not known
broker-publish-no-exchange = there is no exchange '{ $id }'
broker-publish-bad-headers = the headers cannot be read: { $error }
broker-publish-routed = RabbitMQ routed it: at least one queue received it from { $exchange } (routed: true).
broker-publish-not-routed = RabbitMQ did not route it: no queue received it from { $exchange } (routed: false).
broker-publish-warren-same = Warren routes it the same way.
broker-publish-warren-nowhere = Warren routes it nowhere: the broker's topology differs from the canvas's.
broker-publish-warren-routes = Warren routes it to a queue: the broker's topology differs from the canvas's (deploy it?).
broker-publish-button = Publish to the broker
    .title = Publish once to { $url } · vhost { $vhost } (management API)
broker-publish-busy = Publishing…
broker-publish-not-sent = Not sent: { $what }

## The header's button

broker-button = Broker
    .title = Connect to a real RabbitMQ through its management API
broker-button-connected = Connected to { $url } as { $user }, vhost { $vhost }: live view, deploy, check
broker-button-connected-hint = { " " }(connected)

## The dialog

broker-dialog-title = Real RabbitMQ
broker-dialog-close =
    .aria-label = Close
broker-busy-connecting = Connecting…
broker-busy-comparing = Comparing with the broker…
broker-busy-deploying = Deploying…
broker-busy-checking = Checking in a temporary vhost…
broker-vhost-pick = { "Vhost " }
broker-action-live = Live view
broker-action-deploy = Deploy this scenario…
broker-action-check = Check against the broker
broker-action-disconnect = Disconnect

## The connect form

broker-form-url = Management API
broker-form-user = User
broker-form-password = Password
broker-form-vhost = Vhost
broker-form-remember = Remember on this device (the password is kept in this browser)
broker-form-connect = Connect
broker-form-reconnect = Reconnect
broker-form-settings = Connection settings

## Deploy: the preview and the results

broker-plan-lead = Nothing has been sent yet. Against the broker's vhost now:
broker-plan-create = Will be created ({ $count })
broker-plan-same = Already there, the same ({ $count })
broker-plan-conflicts = There with other settings: RabbitMQ would refuse them, so they are not sent ({ $count })
broker-plan-nothing = Nothing to create
broker-plan-confirm = Create { $count ->
    [one] { $count } object
   *[other] { $count } objects
}
broker-kind-exchange = exchange
broker-kind-queue = queue
broker-kind-binding = binding
broker-item = { $kind } { $name }
broker-deployed-all = Sent: { $count ->
    [one] { $count } object
   *[other] { $count } objects
} created.
broker-deployed-failed = Sent: { $failed } of { $count } failed.
broker-deployed-ok = created { $item }
broker-deployed-error = { $item }: { $error }

## The check

broker-check-step-create = creating { $kind } '{ $name }' in the check's vhost
broker-report-agree = All { $count } probes agree with RabbitMQ.
broker-report-differ = { $differences } of { $count } probes differ.
broker-report-lead = { " " }Each probe was published in a temporary vhost; the queues it reached:
broker-report-exchange = Exchange
broker-report-key = Key
broker-report-headers = Headers
broker-report-warren = Warren
broker-report-rabbitmq = RabbitMQ
broker-report-not-checked = Not checked: { $what }

## The live view

broker-live =
    .aria-label = The real broker, live
broker-live-reading = Reading the broker…
broker-live-badge = REAL BROKER — not the simulation
broker-live-where = { $url } · vhost { $vhost }
broker-live-refresh = { "Refresh every " }
broker-live-seconds = { $seconds } s
broker-live-copy = Take a copy
    .title = Load what is shown as an ordinary scenario to play with
broker-live-close = Close
broker-live-copy-title = Copy of { $vhost } on { $host }
broker-live-ready = ready { $ready } · unacked { $unacked }
broker-live-consumers = consumers { $count }
broker-live-rates = in { $rate_in } · out { $rate_out }
broker-live-manual-ack = manual ack
broker-live-auto-ack = auto ack
broker-live-prefetch = prefetch { $count }
broker-live-consumer = consumer
broker-live-exchange-type = { $kind }

## Names and what a definitions file left out

# The default exchange's name as shown (its real name is "").
broker-default-exchange = (default)
broker-warning-at = { $path }: { $message }
