# Warren's words in English: the Programs panel (files, editor, terminal,
# process tabs) and the runner's notes on mistakes. pika's and Python's own
# texts (tracebacks, exception messages) and the code to write stay as they
# are. Every message here has a counterpart in ../zh/programs.ftl.

## The runner's notes: what happened, and what to change

programs-note-new-user = Warren added the user '{ $user }' with full permissions on '/' so that this login works. A fresh RabbitMQ has only guest/guest; on a real broker, create the user first:{ $commands }
programs-note-fanout-key = '{ $exchange }' is a fanout exchange: it ignores routing keys, so routing_key='{ $key }' has no effect and this queue gets every message published to '{ $exchange }'. To receive only some keys, declare a direct (or topic) exchange in both programs: exchange_type='direct'.
programs-note-no-ack = This consumer acknowledges by hand (auto_ack is False) but the program never calls basic_ack: every message it receives stays unacknowledged, the queue's unacked count only grows, and when the program ends they all go back to the queue, marked redelivered. Call ch.basic_ack(delivery_tag=method.delivery_tag) at the end of the callback, or consume with auto_ack=True.
programs-note-no-consumer = start_consuming() returned at once: this channel has no consumer, because the program never calls basic_consume. The program then ended, its connection closed and its exclusive queues were deleted. Before start_consuming(), add: channel.basic_consume(queue={ $queue }, on_message_callback=callback, auto_ack=True)
programs-note-publish-no-exchange = This message was lost: no exchange '{ $exchange }' exists, so the broker refused it and closed the channel (404 NOT_FOUND). basic_publish does not wait for the broker, so it returned normally and the program went on (and printed what follows) as if it had been sent; the next call on this channel raises the error. Declare the exchange before publishing, in this program too: channel.exchange_declare(exchange='{ $exchange }', exchange_type='{ $kind }').
programs-note-unrouted-default = This message was dropped: it went to the default exchange with routing key '{ $key }', and no queue of that name existed. Declare the queue (channel.queue_declare(queue='{ $key }')) before publishing, in this program too, or start the consumer first.
programs-note-similar-exchange = { " " }Another program binds to '{ $exchange }' ({ $program } line { $line }): the exchange names must match exactly.
programs-note-unrouted-not-yet = no queue was bound to '{ $exchange }' yet when it was published ({ $program } binds one at line { $line }, but it had not got that far)
programs-note-unrouted-no-match = no queue bound to '{ $exchange }' matched routing key '{ $key }' when it was published
programs-note-unrouted-unbound = no queue was bound to '{ $exchange }' when it was published
programs-note-unrouted = This message was dropped at exchange '{ $exchange }': { $why }. An exchange keeps nothing; start the consumer (which declares and binds its queue) before the producer, or declare and bind a durable queue in the producer too.{ $similar }
programs-note-restart-did-it = { " " }(and the broker restart in this run did just that)
programs-note-durable-not-persistent = Queue '{ $queue }' is durable but this message is not persistent: a broker restart keeps the queue and loses the message{ $restart }. To keep it, publish with properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent).
programs-note-persistent-not-durable = This message is persistent but queue '{ $queue }' is not durable: a broker restart deletes the queue, and the message with it{ $restart }. Declare the queue with durable=True in every program that declares it.
programs-note-bind-declared-by = { $program } declares it at line { $line }: start that program first, or declare it here too
programs-note-bind-declare-here = Declare it here too
programs-note-bind-no-exchange = Binding to exchange '{ $exchange }' failed: nobody had declared it yet, so the broker answered 404 NOT_FOUND and closed the channel. { $advice }, before queue_bind: channel.exchange_declare(exchange='{ $exchange }', exchange_type='{ $kind }'). Declaring is idempotent: every program that uses an exchange can declare it.
programs-note-declared-by = { " " }by { $program } at line { $line }
programs-note-another-type = another type
programs-note-exchange-type = Exchange '{ $exchange }' already exists as a { $current } exchange (declared{ $by }); declaring it as '{ $mine }' here fails with 406 PRECONDITION_FAILED and closes the channel. A producer and its consumer must declare the exchange with the same type.
programs-note-legacy-consume = This is pika 0.x's basic_consume. pika 1.x takes the queue first and the callback as on_message_callback=..., and no_ack became auto_ack, so pika 1.3 raises { $error }. The 1.x form: { $fix }
programs-note-legacy-declare = pika 1.x's queue_declare needs the queue's name; for a name the broker chooses (amq.gen-...), pass queue=''. pika 0.x allowed leaving it out, pika 1.3 raises { $error }. The 1.x form: { $fix }

## The panel

programs-toggle = Programs
    .title = Run your own pika programs: a terminal and Python on this broker
programs-panel = Programs
    .aria-label = Programs
programs-panel-sub = your pika programs on this broker
programs-panel-close =
    .aria-label = Close the Programs panel
programs-parser-loading = Loading the Python parser (first use only, about 0.6 MB)…
programs-changed-while-parsing = changed while it was being parsed; the newer text is loading

## Files

programs-files =
    .aria-label = Program files
programs-file-tab =
    .aria-label = { $name }: { $state }
programs-file-checking = checking
programs-file-ready = ready
programs-file-refused = refused
programs-file-failed = not loaded
programs-file-remove = Remove
    .aria-label = Remove the file shown
programs-file-new = New
programs-file-open = Open .py
programs-new =
    .aria-label = Add a program
programs-new-name = File name
programs-new-source =
    .aria-label = Program text
    .placeholder = Paste a pika program here
programs-new-hint = Or drop .py files on this panel. Then run them in the terminal below, as a tutorial says: python3 send.py
programs-new-add = Add program
programs-new-cancel = Cancel
programs-too-many-files = { $name }: Warren holds at most { $max } program files; remove one first
programs-bad-name = '{ $name }' is not a program name Warren takes: a file name ending in .py, of letters, digits, _ - and . (like emit_log.py)
programs-too-big = { $name } is { $bytes } bytes; Warren takes programs up to { $max } bytes

## The editor

programs-editor =
    .aria-label = Source of { $name }
programs-editor-refused-at = Line { $line }, column { $column }:{ " " }
programs-editor-checking = Checking…
programs-editor-ready = Ready: run it in the terminal, e.g. python3 { $name }

## The terminal and the processes

programs-terminal =
    .aria-label = Terminal
programs-terminal-input =
    .aria-label = Command line (Enter runs it, Up and Down for history, Ctrl+C interrupts)
    .placeholder = type a command, e.g. python3 send.py
programs-terminal-started = [{ $pid }] { $program } started (its output is in its tab)
programs-terminal-waiting = waiting for { $program } to be checked…
programs-not-loaded-at = { $program } was not loaded: line { $line }, column { $column }: { $construct }: { $reason }
programs-not-loaded = { $program } was not loaded: { $reason }
programs-processes =
    .aria-label = Processes
programs-processes-empty = Each command you run gets a tab here with its output.
programs-process-running = running
programs-process-exited = exited with code { $code }
programs-interrupt = Ctrl+C
    .aria-label = Ctrl+C: interrupt { $program } (process { $pid })
programs-output =
    .aria-label = Output of { $program } (process { $pid }); Ctrl+C interrupts it
programs-output-empty = (no output yet)

## The Python parser's failures (its technical reason kept as it is)

programs-parser-bad-request = the parse request is not readable: { $why }
programs-parser-too-big = { $name } is { $bytes } bytes; the parser takes programs up to { $max } bytes
programs-parser-unwritable = the answer could not be written: { $why }
programs-parser-bad-answer = the parser's answer is not readable: { $why }
programs-parser-not-taken = the parser did not take the file: { $why }
programs-parser-no-start = the Python parser could not start: { $why }
programs-parser-stopped = the Python parser stopped: { $why }
programs-parser-unloadable = the Python parser stopped: its files could not be loaded
programs-parser-timed-out = the Python parser did not load within { $seconds } s
programs-parser-no-reason = the browser gave no reason

## The terminal's refusals of a command line (what a shell or CPython prints stays in their words)

runner-command-empty = no command given: type python3 FILE.py [ARGS]
runner-command-not-found = { $command }: command not found (this terminal runs Python programs: python3 FILE.py [ARGS])
runner-command-option = { $command }: option { $option } is not supported here (run python3 FILE.py [ARGS])
runner-command-no-file = { $command }: no program file given (run { $command } FILE.py [ARGS]; there is no interactive interpreter here)
runner-command-quote = unterminated quote in the command
runner-command-no-such-file = { $command }: can't open file '{ $file }': [Errno 2] No such file or directory

## Notes on what the run showed, under the editor
programs-note-at = Line { $line }:{ " " }
programs-note-fix = Use this line
programs-notes =
    .aria-label = What the run showed
