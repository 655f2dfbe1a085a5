# 引擎的解释（src/engine/）：AMQP 错误码的白话含义，以及消息为什么路由到这里。
# RabbitMQ 自己的回复文本不在这里：它们保持 RabbitMQ 的原样。
# 每条消息都与 ../en/ 中同名、同变量的消息对应。

## 错误码的含义

engine-reply-312 = 这条消息设置了 mandatory，却没有任何队列绑定来接收它，所以 broker 把它退回给了发布者。
engine-reply-403 = broker 拒绝执行这个操作：保留名称（amq.*）、默认交换机、内部（internal）交换机和独占（exclusive）消费者都受保护。
engine-reply-404 = 这里提到的交换机或队列（还）不存在。请先声明它，或者检查一下拼写。
engine-reply-405 = 这个队列被另一个连接独占（exclusive）：只有声明它的那个连接才能使用它。
engine-reply-406 = 请求与已有的设置冲突，或者某个值无效：例如用不同的属性重复声明、未知的投递标签（delivery tag），或者错误的参数。
engine-reply-501 = 名称或键太长：AMQP 短字符串（名称、路由键、消费者标签）最多 255 字节。
engine-reply-504 = 信道（channel）已经关闭了（之前的错误关闭了它）；请重新打开一个。
engine-reply-503 = 命令无效（例如未知的交换机类型）；RabbitMQ 会关闭整个连接。
engine-reply-530 = 这个连接上不允许这个操作（例如重复使用消费者标签）；RabbitMQ 会关闭整个连接。
engine-reply-540 = RabbitMQ 没有实现这个功能；它会关闭整个连接。
engine-reply-541 = broker 在执行时出错了（RabbitMQ 3.10 遇到这种情况会崩溃，而不是拒绝）；它会关闭整个连接。

## 路由解释：结论

engine-no-exchange = 交换机 '{ $exchange }' 不存在：向它发布消息会引发 404 NOT_FOUND 信道错误
engine-verdict-no-queue = 没有到达任何队列：如果是 mandatory 消息就退回给发布者，否则丢弃
engine-verdict = 到达 { $count } 个队列：{ $queues }
engine-verdict-note = { $verdict }；{ $note }
engine-note-stream = 流 '{ $queue }' 把它追加到自己的日志里（目前偏移量从 { $first } 到 { $last }）；每个消费者从自己的偏移量开始读
engine-note-reject-publish = 仲裁队列 '{ $queue }' 正在拒收发布：它超过了上限（reject-publish），要降到上限的 80% 才会重新接收

## 路由解释：每个交换机

engine-default-no-queue = 默认交换机：没有名为 '{ $key }' 的队列
engine-default-delivers = 默认交换机：投递到名为 '{ $key }' 的队列
engine-hop-matched = { $kind } 交换机 '{ $exchange }'：{ $of } 个绑定中有 { $matched } 个匹配
engine-hop-alternate = { $kind } 交换机 '{ $exchange }'：没有绑定匹配，于是由它的备用交换机 '{ $alternate }' 接收消息
engine-hop-alternate-missing = { $kind } 交换机 '{ $exchange }'：没有绑定匹配，而它的备用交换机 '{ $alternate }' 不存在
engine-hop-no-match = { $kind } 交换机 '{ $exchange }'：没有绑定匹配

## 路由解释：每个绑定

engine-fanout = fanout：每个绑定都收到一份副本
engine-direct-equal = 绑定键 '{ $binding_key }' 与路由键相同
engine-direct-differs = 绑定键 '{ $binding_key }' 不是 '{ $routing_key }'（direct 交换机要求完全相同）
engine-topic-wildcards = '{ $binding_key }' 匹配 '{ $routing_key }'（通配符：* 恰好匹配一个单词，# 匹配零个或多个单词）
engine-topic-equal = '{ $binding_key }' 与 '{ $routing_key }' 相同
engine-topic-word-count = '{ $binding_key }' 有 { $words } 个单词，而 '{ $routing_key }' 有 { $has } 个：没有 '#' 时，单词数必须相同（'*' 恰好是一个单词）
engine-topic-word = 第 { $n } 个单词：绑定要求 '{ $wants }'，路由键却是 '{ $has }'
engine-topic-word-from-end = 倒数第 { $n } 个单词：绑定要求 '{ $wants }'，路由键却是 '{ $has }'
engine-topic-too-few = 除了 '#' 之外，'{ $binding_key }' 至少需要 { $words } 个单词，而 '{ $routing_key }' 只有 { $has } 个
engine-topic-no-spread = 无论怎样把 '{ $routing_key }' 的单词分配给 '{ $binding_key }' 中的 '#' 通配符，其余单词都对不上
engine-headers = x-match { $kind }: { $compared } → { $matched ->
    [1] 匹配
   *[other] 不匹配
}
engine-headers-and = { $first }；{ $next }
engine-headers-none-all = 没有要比较的参数：all 匹配所有消息
engine-headers-none-any = 没有要比较的参数：any 不匹配任何消息
engine-headers-missing = { $key }: 缺失
engine-headers-matches = { $key }: { $value } 匹配
engine-headers-wants = { $key }: 要求 { $wants }，实际是 { $has }{ $other_type ->
    [1] （类型不同：不同类型的值永远不会匹配）
   *[other] {""}
}
