# Warren's words in English: what the view layer decides to show (node
# bodies, node actions, the share dialog's status, phone tabs, palette and
# gesture hints). Every message here has a counterpart with the same id and
# the same variables in ../zh/view.ftl.

## Producer schedules

view-schedule-manual = on demand
view-schedule-once = once at { $at }
view-schedule-every = every { $every }
view-schedule-every-count = every { $every }, { $count } in all
view-schedule-batch = { $batch } every { $every }
view-schedule-batch-count = { $batch } every { $every }, { $count } in all
view-schedule-burst = { $count } at once at { $at }

## Consumer outcomes

view-outcome-ack = ack
view-outcome-nack-requeue = nack + requeue
view-outcome-nack = nack (no requeue)
view-outcome-reject = reject (no requeue)
view-outcome-reject-requeue = reject + requeue
view-outcome-never-ack = never ack
view-outcome-auto-ack = auto-ack
view-consumer-mode = { $outcome } · { $each } each

## Node flags

view-default-name = (default)
view-flag-durable = durable
view-flag-internal = internal
view-flag-auto-delete = auto-delete
view-flag-exclusive = exclusive
view-flag-ae = AE → { $exchange }
view-flag-dlx = DLX → { $exchange }
view-flag-ttl = TTL { $ttl }
view-flag-max-length = max { $max }
view-flag-max-priority = priority ≤{ $priority }
view-flag-delivery-limit = delivery limit { $limit }
view-flag-offsets = offsets { $first }–{ $next }

## A consumer that is down

view-down-killed = killed: channel closed
view-down-crashed = crashed after { $after }
view-down-unconnected = not connected to a queue
view-down-no-queue = its queue is gone
view-down-refused = consume refused

## Node actions

view-action-publish = Publish now
    .title = Publish this producer's message once, now
view-action-purge = Purge
    .title = queue.purge: remove every ready message (unacked ones stay)
view-action-revive = Revive
    .title = Start this consumer again
view-action-kill = Kill
    .title = Kill this consumer: its channel closes and its unacked messages go back to the queue, marked redelivered
view-action-declare-anew = Declare anew
    .title = Delete it in the broker (a queue's messages are lost) and declare it with the canvas's settings
view-action-delete = Delete
    .title = Delete this node and its edges (Delete key)

## Palette

view-palette-producer = producer
view-palette-queue = queue
view-palette-consumer = consumer
view-palette-exchange = { $kind } exchange
view-palette-producer-about = Publishes messages to an exchange
view-palette-direct-about = Routes by exact routing key
view-palette-fanout-about = Copies to every bound queue
view-palette-topic-about = Routes by patterns with * and #
view-palette-headers-about = Routes by header values
view-palette-queue-about = Holds messages until consumed
view-palette-consumer-about = Receives, processes and acks
view-palette-entry-title = { $about }: drag onto the canvas, or click to place

## Clients

view-client-tag = client: { $name }

## Share dialog

view-share-copying = Copying…
view-share-copied = Copied to the clipboard.
view-share-copy-refused = The browser did not allow copying here: the link is selected, press Ctrl+C (⌘C) to copy it.
view-share-length = { $count ->
    [one] { $count } character
   *[other] { $count } characters
}

## Phone tabs

view-sheet-lesson = Lesson
view-sheet-add = Add
view-sheet-log = Log
view-sheet-programs = Programs

# A message body with no bytes, in a chip.
view-empty-body = (empty)
