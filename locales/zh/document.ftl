# 场景文档、分享链接和页面地址被拒绝的原因（中文）。每条消息的 id 和变量都与
# ../en/document.ftl 一一对应。

## 场景文档

document-at = 位置 { $path }：{ $reason }
document-too-big = 文档有 { $bytes } 字节，上限是 { $limit } 字节
document-empty = 文档是空的
# $detail 是 serde_json 对语法错误的原文描述。
document-not-json = 不是合法的 JSON：{ $detail }（第 { $line } 行，第 { $column } 列）
# $example 是文档开头的几个字符（JSON 原文）。
document-not-object = 场景必须是一个 JSON 对象，例如 { $example }
document-no-version = 缺少格式版本号：场景文档以 "warren": 2 开头
document-unknown-version = 未知的格式版本 { $found }：当前的 Warren 只能读取版本 1 和 { $current }
# $text 是 serde 对结构不符的值的原文描述。
document-serde = 内容与文档格式不符：{ $text }
document-name-missing = { $what }需要一个名称
document-name-too-long = { $what }名称有 { $bytes } 字节，而 AMQP 名称最多 255 字节
document-name-control = { $what }名称里有控制字符
document-what-exchange = 交换机
document-what-queue = 队列
document-what-consumer = 消费者
document-what-dlx-routing-key = 死信路由键（x-dead-letter-routing-key）
document-what-routing-key = 路由键
document-what-binding-key = 绑定键
document-coordinate = { $value } 不是可用的画布坐标（必须是有限数，且在 ±1,000,000 以内）
document-table = 参数值只能是字符串、数字、布尔值、数组或对象（null 不是 AMQP 值）
document-ms-limit = { $kind ->
    [ttl] TTL（x-message-ttl）为
   *[expires] 过期时间（x-expires）为
} { $value } ms，超过了 RabbitMQ 的上限 { $limit } ms
document-speed = 速度 { $speed } 不在 0.1 到 10 之间
document-entries = 共 { $count } 项，上限是 { $limit } 项
document-id-length = 节点 id 的长度必须是 1 到 64 个字符
document-id-taken = id '{ $id }' 已被另一个节点使用
document-exchange-name-taken = 已有另一个交换机名为 '{ $name }'
document-queue-name-taken = 已有另一个队列名为 '{ $name }'
document-no-exchange = 没有 id 为 '{ $id }' 的交换机节点
document-no-queue = 没有 id 为 '{ $id }' 的队列节点
document-no-producer = 没有 id 为 '{ $id }' 的生产者节点
document-expires-min = x-expires 至少要 1 ms
document-binding-id-length = 绑定 id 的长度必须是 1 到 64 个字符
document-binding-id-taken = id '{ $id }' 已被另一个绑定使用
document-binding-from = 绑定必须从交换机出发，而 '{ $id }' 不是交换机节点
document-binding-to = 绑定的终点必须是队列或交换机，而 '{ $id }' 两者都不是
document-body-size = 消息体有 { $bytes } 字节，上限是 { $limit } 字节
# $why 是 broker 拒绝该过期时间的原文原因。
document-expiration = '{ $value }' 不是 0 到 { $limit } 之间的毫秒 TTL（{ $why }）
document-batch = 每个节拍发布 1 到 10,000 条消息
document-every-ms = 发布间隔不能小于 10 ms
document-count = 最多 1,000,000 条消息
document-burst = 一次突发最多 10,000 条消息
document-processing = 处理时间最多一小时（3,600,000 ms）
document-max-ready = 就绪消息数须在 1 到 1,000,000 之间
document-max-events = 每个节拍的事件数须在 1,000 到 5,000,000 之间
document-narration = 讲解最多 200 步

## 文档中的程序和终端命令

document-file-name-length = 程序文件名的长度必须是 1 到 255 字节
document-file-name-plain = 程序文件名只能是 send.py 这样的普通文件名（不能带目录）
document-file-name-control = 程序文件名里有控制字符
document-programs-count = 共 { $count } 个文件，上限是 { $limit } 个
document-program-taken = 已有另一个程序名为 { $name }
document-bytes-limit = 共 { $bytes } 字节，上限是 { $limit } 字节
document-commands-count = 共 { $count } 条命令，上限是 { $limit } 条
document-command-line = 一条命令只能占一行
document-command-at = { $at } ms 晚于上限 { $limit } ms（30 天）

## 页面地址

document-no-lesson = 没有名为 '{ $slug }' 的课程（可选课程：{ $lessons }）。

## 分享链接

share-not-a-link = 这不是 Warren 的分享链接：'#' 后面的部分必须以 's=' 开头
share-empty = 分享链接在 's=' 之后是空的
share-too-long = 分享链接的数据有 { $length } 个字符，上限是 { $limit } 个
# $found 是该字符，按 Rust 的写法加引号（'!'）。
share-bad-character = 分享链接数据的第 { $at } 个位置出现了字符 { $found }，分享链接里不会有这个字符（链接是不是被改动或截断了？）
share-bad-length = 分享链接的数据长 { $length } 个字符，这不可能是完整的分享链接：它被截断了
# $detail 是解压器的原文描述。
share-corrupt = 分享链接的数据已损坏或被截断（{ $detail }），请重新复制完整的链接
share-too-large = 分享链接解压后超过 { $limit } 字节，已拒绝打开
share-not-text = 分享链接的数据不是文本（第 { $at } 字节处不是合法的 UTF-8）
share-invalid-scenario = 分享链接中的场景无效：{ $error }
share-cannot-open = 无法打开这个分享链接：{ $error }

## 消费者如何处理每次投递

document-outcome-ack = 确认（ack）
document-outcome-nack-requeue = nack 并重新入队（requeue）
document-outcome-nack = nack（不重新入队）
document-outcome-reject = 拒绝（reject，不重新入队）
document-outcome-reject-requeue = 拒绝（reject）并重新入队
document-outcome-never-ack = 从不确认（never ack）
