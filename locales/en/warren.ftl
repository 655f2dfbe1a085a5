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
