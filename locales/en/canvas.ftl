# Warren's words in English: the canvas (nodes and their bodies, edges and
# their labels, callouts, notices, the canvas's controls). Every message
# here has a counterpart with the same id and the same variables in
# ../zh/canvas.ftl.

## Node bodies

canvas-chip = message #{ $id }: { $body }
canvas-chip-redelivered = message #{ $id }: { $body } (redelivered)
canvas-default-exchange = routes by queue name
    .title = routes each message to the queue named by its routing key
canvas-producer-unconnected = not connected: drag from ● to an exchange
canvas-routing-key = key
    .title = routing key { $key }
canvas-stat-sent = sent
canvas-stat-ready = ready
    .title = Ready: waiting to be delivered
    .chips = First messages in the queue
canvas-stat-in-stream = in stream
    .title = Messages the stream holds (acks remove nothing; retention removes whole segments)
    .chips = Newest messages in the stream
canvas-stat-unacked = unacked
    .title = Delivered, waiting for an ack
canvas-chips-empty = empty
canvas-chips-idle = idle
canvas-consumer-auto-ack =
    .title = auto-ack: nothing to ack
canvas-consumer-unacked =
    .title = Unacked deliveries / prefetch
canvas-consumer-chips =
    .aria-label = Messages it holds
canvas-stat-received = received
    .title = Deliveries received
canvas-stat-acked = acked
    .title = Acked
canvas-vanished = not in the broker
canvas-redeclare = declare again
    .title = Declare the canvas's exchanges, queues and bindings again, as a client does when it reconnects

## Nodes

canvas-server-named = (server-named)
canvas-port-out =
    .title = Drag from here to another node to connect

## Node actions, canvas controls

canvas-node-actions =
    .aria-label = Node actions
canvas-history =
    .aria-label = History
canvas-undo = ↶ Undo
    .aria-label = Undo
    .title = Undo (Ctrl+Z)
canvas-redo = ↷ Redo
    .aria-label = Redo
    .title = Redo (Ctrl+Shift+Z)
canvas-zoom =
    .aria-label = Zoom
canvas-zoom-out =
    .aria-label = Zoom out
    .title = Zoom out (-)
canvas-zoom-reset =
    .title = Back to 100% (0)
canvas-zoom-in =
    .aria-label = Zoom in
    .title = Zoom in (+)
canvas-zoom-fit = Fit
    .title = Show every node

## The canvas

canvas-area =
    .aria-label = Canvas
canvas-svg =
    .aria-label = Topology canvas
canvas-status-empty = Empty canvas: only the default exchange
canvas-status = { $nodes } nodes, { $bindings }
canvas-hint-title = Build a topology
canvas-hint = Drag a producer, an exchange, a queue and a consumer from the palette, then drag from each node's ● port to the next to connect them. Press Play to watch messages move.

## Edges

canvas-edge-no-headers = { $mode }: (no headers)
canvas-edge-alternate = alternate
canvas-edge-dead-letters = dead letters
canvas-edge-edit =
    .title = { $label }: click to edit

## Callouts and notices

canvas-error-during = on { $method }
canvas-recreate = Delete and declare again
canvas-recreate-queue =
    .title = Delete the queue (its messages are lost) and declare it with the new settings
canvas-recreate-exchange =
    .title = Delete the exchange (and its bindings) and declare it with the new settings
canvas-notice-dismiss =
    .aria-label = Dismiss

## The inline binding editor

canvas-binding-headers =
    .aria-label = Binding headers
canvas-binding-key =
    .aria-label = Binding key
canvas-binding-headers-label = headers
canvas-from-program =
    .title = From a program: what it declared, or the program itself. Not part of your scenario: it goes when the broker deletes it or the program ends.
