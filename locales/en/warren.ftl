# Warren's words in English: the page's chrome. Every message here has a
# counterpart with the same id and the same variables in ../zh/.

-brand = Warren

## Header

app-title = { -brand }
app-tagline = A RabbitMQ playground that runs in your browser
header-tools =
    .aria-label = Workspace
language-switch = Language
    .title = Show Warren in another language

## Counts (CLDR plural categories: one, other)

unit-bindings = { $count ->
    [one] { $count } binding
   *[other] { $count } bindings
}
unit-producers = { $count ->
    [one] { $count } producer
   *[other] { $count } producers
}
unit-consumers = { $count ->
    [one] { $count } consumer
   *[other] { $count } consumers
}

## The Chinese catalogue, fetched when the page first speaks Chinese. Shown
## in English (Chinese is what failed), with a line in Chinese for the
## reader who asked for it.
catalogue-unreachable = The Chinese texts could not be loaded ({ $file }: { $reason }), so Warren stays in English. 中文界面文字未能加载，暂以英文显示。
catalogue-damaged = The Chinese texts could not be read ({ $file } is not a whole Warren catalogue: an old or damaged copy), so Warren stays in English. 中文界面文字文件已损坏，暂以英文显示。
catalogue-http-status = HTTP { $status }

## A text shown as it is in every language: RabbitMQ's reply texts, a
## parser's or the browser's own words, names (Msg::verbatim).
verbatim = { $text }
