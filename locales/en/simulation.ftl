# The simulation's words (src/simulation/): the refusals it explains itself
# and why it paused. Every message has a counterpart with the same id and
# variables in ../zh/.

simulation-refused-redeclare = It already exists in the broker with other settings, and a declare cannot change them: the broker keeps what it has (shown on the node).
simulation-paused-ready = paused: { $ready } messages are waiting in queues, over the limit of { $limit }. Purge a queue, add consumers or slow the producers, then press play.
simulation-paused-events = paused: { $events } broker events in one tick, over the limit of { $limit }. Something is looping (a dead-letter or requeue cycle?) or producing too fast.
