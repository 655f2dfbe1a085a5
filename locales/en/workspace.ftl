# Warren's words in English: the workspace (header menus, clock bar,
# palette, lessons, narration, files, share dialog, banners, autosave,
# embed chrome, phone tabs, start). Every message here has a counterpart
# with the same id and the same variables in ../zh/workspace.ftl.

## Banners

workspace-verbatim = { $text }
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
