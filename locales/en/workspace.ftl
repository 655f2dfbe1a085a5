# Warren's words in English: the workspace (header menus, clock bar,
# palette, lessons, narration, files, share dialog, banners, autosave,
# embed chrome, phone tabs, start). Every message here has a counterpart
# with the same id and the same variables in ../zh/workspace.ftl.

## Banners

workspace-banner-undo = Undo
workspace-banner-load-newer = Load the newer copy
workspace-banner-download = Download it
workspace-banner-export = Export the scenario
workspace-banner-more-lines = … and { $more } more
workspace-banner-show-more = Show { $count } more
workspace-banner-dismiss = Dismiss
workspace-banners =
    .aria-label = Messages

## Files

workspace-file-refused = { $name } was not opened: { $what }. Your workspace is unchanged.
workspace-file-opened = Opened { $name }. Undo brings back what you had.
workspace-file-not-scenario = it is not a valid Warren scenario
workspace-file-not-definitions = it is not a RabbitMQ definitions file Warren can import
workspace-file-neither = it is neither a Warren scenario (.warren.json) nor a RabbitMQ definitions.json
workspace-file-too-large = it is too large
workspace-file-size = the file is { $bytes } bytes; the limit is { $limit } bytes
workspace-file-imported = Imported { $name } (vhost { $vhost }). Undo brings back what you had.
workspace-file-imported-warnings = Imported { $name } (vhost { $vhost }) with { $count ->
    [one] { $count } warning
   *[other] { $count } warnings
}: not everything in it is on the canvas. Undo brings back what you had.
workspace-definitions-saved = Saved { $file }: load it with rabbitmqctl import_definitions { $file }.
workspace-definitions-saved-without = Saved { $file }, leaving out { $count ->
    [one] { $count } thing
   *[other] { $count } things
} a definitions file cannot hold:

## The saved workspace

workspace-saved-at = at { $path }: { $what }
workspace-saved-too-large = the saved copy is { $bytes } bytes; the limit is { $limit }
workspace-saved-not-json = not valid JSON: { $error } (line { $line }, column { $column })
workspace-saved-not-object = a saved workspace is a JSON object
workspace-saved-version = unknown version { $found }: this Warren reads version { $version }
workspace-saved-not-warren = missing: this is not a workspace saved by Warren
workspace-saved-not-string = must be a string
workspace-saved-not-number = must be a number
workspace-saved-missing = missing

## Start

workspace-start-fallback-saved = your autosaved workspace is open instead
workspace-start-fallback-empty = an empty workspace is open instead
workspace-start-a-shared-scenario = a shared scenario
workspace-start-the-shared-scenario = the shared scenario “{ $title }”
workspace-start-opened-link = Opened { $what }. Undo brings back your previous workspace.
workspace-start-link-refused = The share link could not be opened: { $fallback }.
workspace-start-opened-lesson = Opened the lesson “{ $title }”. Undo brings back your previous workspace.
workspace-start-lesson-unnamed = The address asks for a lesson but names none: { $fallback }.
workspace-start-lesson-unknown = There is no lesson called “{ $name }”: { $fallback }.
workspace-start-lessons-are = The lessons are: { $slugs }.
workspace-start-damaged-session = This tab's autosaved workspace
workspace-start-damaged-local = The autosaved workspace
workspace-start-damaged-kept = It was kept in this browser's storage under the key “{ $key }”.
workspace-start-damaged-not-kept = It could not be set aside ({ $why }) and the next autosave replaces it: download it to keep it.
workspace-start-damaged = { $whose } could not be read, so it was not opened. { $kept }

## Autosave

workspace-autosave-failed = Autosave failed: { $why }. Your work is still here, but a reload would lose the latest changes: save the scenario as a file to keep it.
workspace-other-tab-saved = Another tab saved a different workspace at { $time }. Load it here, or keep this one: your next change here is saved over it.
workspace-other-tab-saved-titled = Another tab saved a different workspace (“{ $title }”) at { $time }. Load it here, or keep this one: your next change here is saved over it.

## File menu

workspace-file-menu = File
    .title = Open, save, import and export
workspace-file-heading-warren = Warren scenario
workspace-file-open-scenario = Open scenario file…
    .description = a .warren.json file (or drop one on the page)
workspace-file-save-scenario = Save scenario file
    .description = everything on the canvas, as .warren.json
workspace-file-import-definitions = Import definitions.json…
    .description = exchanges, queues and bindings from rabbitmqctl or the management UI
workspace-file-export-definitions = Export definitions.json
    .description = for rabbitmqctl import_definitions
workspace-file-export-code = Export code (Python pika)
    .description = a program that runs this scenario on a real broker
workspace-file-unreadable = { $name } could not be read. Your workspace is unchanged.
workspace-file-unsaved = { $name } could not be saved.
workspace-code-saved = Saved { $name }: run it with python3 { $name } against a RabbitMQ on localhost (pip install pika).

## Clock bar

workspace-clock =
    .aria-label = Clock
workspace-clock-play = Play
    .title = Play or pause the virtual clock (Space)
workspace-clock-pause = Pause
workspace-clock-step = Step
    .title = Jump to the next thing that happens (.)
workspace-clock-speed = Speed
    .title = Virtual milliseconds per real millisecond
workspace-clock-time =
    .title = Virtual time
workspace-clock-reset = Reset
    .title = Start the scenario again from time zero with a fresh broker
workspace-clock-restart = Restart broker
    .title = Restart the broker: only durable exchanges and queues and persistent messages in durable queues survive

## Palette

workspace-palette = Palette
    .aria-label = Node palette
workspace-palette-exchanges = Exchanges
workspace-palette-queues = Queues and consumers
workspace-palette-hint = Drag onto the canvas, or click to place. Then drag from a node's ● port to another node to connect them.

## Share dialog

workspace-share = Share
    .title = Make a link that holds the whole scenario
workspace-share-dialog = Share link
workspace-share-close =
    .aria-label = Close
workspace-share-lead = Whoever opens this link gets this scenario exactly: topology, positions, behaviours, speed and narration. Nothing is uploaded: it is all in the link.
workspace-share-copy = Copy link
workspace-share-done = Done
workspace-share-the-link = The link
workspace-share-long = Some chat and mail programs cut links longer than about 2,000 characters: if the link arrives broken, send the scenario file instead (File → Save scenario file).
workspace-share-embed = Embed it in a page (an iframe)

## Embed chrome

workspace-open-in-warren = Open in Warren ↗
    .title = Open this scenario in the full Warren playground (a new tab)

## Dropping a file, links, phone tabs

workspace-drop-title = Drop to open
workspace-drop-what = a Warren scenario (.warren.json) or a RabbitMQ definitions.json
workspace-drop-undo = What is on the canvas now stays one Undo away.
workspace-link-opened = Opened the shared scenario. Undo brings back what you had.
workspace-link-refused = The share link could not be opened: your workspace is unchanged.
workspace-phone-tabs =
    .aria-label = Panels

## Narration

workspace-narration = Narration
workspace-narration-step = Step { $step } of { $count }
workspace-narration-previous = ‹ Previous
    .aria-label = Previous step
workspace-narration-next = Next ›
    .aria-label = Next step
workspace-narration-hide = Hide
    .title = Fold the narration away
workspace-narration-show = Show
    .title = Show the narration
workspace-narration-try = Try this:{ " " }

## Lessons

workspace-lessons = Lessons
    .title = Open a built-in lesson (your current work stays one Undo away)
workspace-lessons-heading = Each lesson plays a RabbitMQ tutorial, step by step.
workspace-lesson-opened = Opened the lesson “{ $title }”. Undo brings back what you had.
