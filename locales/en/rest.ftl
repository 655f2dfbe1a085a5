# Warren's words in English: the browser's failures (src/web/) and the
# runner's notes on a process (src/runner/). Every message here has a
# counterpart with the same id and the same variables in ../zh/rest.ftl.

## The browser's failures (its own reason kept as it is)

web-browser-no-window = this page has no window
web-browser-no-document = this page has no document to add a download to
web-browser-no-storage = this browser has no storage for the page
web-browser-storage-full = the browser's storage for this site is full
web-browser-not-text = the file is not text
web-browser-unknown = unknown error

## The runner's notes on a process it stopped

runner-note-spin = Warren stopped this program: it ran { $budget } steps without ever waiting, so it would spin forever and hold up every other program. A loop that waits for something should wait in pika or time: channel.start_consuming(), connection.process_data_events(time_limit=1) or time.sleep(1).
runner-note-ended-by-load = ended: the playground stopped it (its connection closed)
