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
