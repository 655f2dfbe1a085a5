# Warren 的中文用语：页面外框。每条消息都与 ../en/ 中同名、同变量的消息对应。

-brand = Warren

## 页头

app-title = { -brand }
app-tagline = 在浏览器里运行的 RabbitMQ 练习场
header-tools =
    .aria-label = 工作区
language-switch = 语言
    .title = 切换 Warren 的显示语言

## 计数（中文没有单复数之分）

unit-bindings = { $count } 个绑定
unit-producers = { $count } 个生产者
unit-consumers = { $count } 个消费者

## 中文目录按需加载；加载失败时页面保持英文，所以这两条与英文版相同。
catalogue-unreachable = The Chinese texts could not be loaded ({ $file }: { $reason }), so Warren stays in English. 中文界面文字未能加载，暂以英文显示。
catalogue-damaged = The Chinese texts could not be read ({ $file } is not a whole Warren catalogue: an old or damaged copy), so Warren stays in English. 中文界面文字文件已损坏，暂以英文显示。
catalogue-http-status = HTTP { $status }

## A text shown as it is in every language: RabbitMQ's reply texts, a
## parser's or the browser's own words, names (Msg::verbatim).
verbatim = { $text }
