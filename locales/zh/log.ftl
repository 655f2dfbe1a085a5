# 事件日志的句子（src/monitor/）、日志面板、路由详情和消息查看器
# （src/components/log/、src/view/）。每条消息都与 ../en/ 中同名、同变量的消息对应。
# 句子里可以缺席的变量（$note、$from、$limit、$arguments）是可选的短语：缺席时什么也不写。
# $message 是消息的标签（#3 "hello"），或“副本 7”这样的短语。

## 短语

log-default-exchange = 默认交换机
log-exchange = 交换机 { $exchange }
log-copy = 副本 { $copy }
log-a-message = 一条消息
log-the-consumer = 消费者
log-its-publisher = 它的发布者
log-empty-routing-key = 路由键为空
log-routing-key = 路由键 "{ $key }"

## 发布与路由

log-published = { $publisher } 把 { $message } 发布到{ $exchange }，{ $key }{ $mandatory ->
    [1] （mandatory）
   *[other] {""}
}
log-published-by-api = 页面 API 把 { $message } 发布到{ $exchange }，{ $key }{ $mandatory ->
    [1] （mandatory）
   *[other] {""}
}
log-republished = { $message } 经死信机制被重新发布到{ $exchange }
log-routed = { $exchange } { $count ->
    [0] 没有把 { $message } 路由到任何队列
   *[other] 把 { $message } 路由到 { $queues }
}
log-unroutable = { $message } 无法路由：没有队列接收它，且它不是 mandatory 消息，所以 broker 把它丢弃了
log-returned = { $message } 没有到达任何队列，且它是 mandatory 消息：已退回给{ $who }（312 NO_ROUTE）

## 队列与消费者

log-enqueued = { $message } 进入队列 { $queue }
log-refused-full = 队列 { $queue } 已满（x-max-length，溢出策略 reject-publish）：它拒收了 { $message }
log-delivered = 队列 { $queue } 把 { $message } 投递给 { $who }（投递标签 { $tag }）{ $redelivered ->
    [1] ，标记为重新投递（redelivered）
   *[other] {""}
}{ $note }{ $auto_ack ->
    [1] ；自动确认（auto-ack）：broker 此刻就把它忘掉
   *[other] {""}
}
log-note-stream-offset = ，读自流偏移量（offset）{ $offset }
log-note-delivery-count = ，x-delivery-count { $count }（仲裁队列已收回它 { $count } 次）
log-requeued = { $message }{ $from } 回到队列 { $queue }：它会被重新投递，并标记为 redelivered{ $note }
log-requeued-from = {" 从 "}{ $consumer }
log-requeued-count = ；仲裁队列记下这次退回（x-delivery-count { $count }{ $limit }）
log-requeued-limit = ，x-delivery-limit { $limit }
log-acked = { $who } 确认（ack）了 { $message }：它永久离开队列 { $queue }
log-stream-read = { $who } 处理完了 { $message }：流 { $queue } 仍保留它（确认不会从流里删除任何消息）
log-rejected = { $who } 拒绝了 { $message } 且不重新入队：它离开队列 { $queue }（如果队列设置了死信交换机，就会成为死信）
log-removed = { $message } 离开了队列 { $queue }：{ $why }
log-why-expired = 它在队首时 TTL 到期了
log-why-max-length = 队列超过了 x-max-length，于是最老的消息被丢弃（drop-head）
log-why-purged = 队列被清空（purge）了
log-why-queue-deleted = 它所在的队列被删除了
log-why-lost-on-restart = broker 重启了，而它不是持久化队列里的持久化消息
log-why-delivery-limit = 它被退回的次数超过了仲裁队列的 x-delivery-limit（如果队列有死信交换机，就以原因 delivery_limit 成为死信，否则被丢弃）
log-why-retention = 流的保留策略删除了包含它的最老分段（x-max-length-bytes / x-max-age 以整个分段为单位生效）

## 死信

log-dead-lettered = { $message } 从队列 { $queue } 成为死信（原因：{ $reason }），以消息 #{ $id } 发往{ $exchange }；它的 x-death 头记录了原因
log-dead-letter-dropped = 队列 { $queue } 中的 { $message } 无法成为死信，已被丢弃：{ $why }
log-dlx-missing = 它的死信交换机 '{ $exchange }' 不存在
log-dlx-cycle = 死信循环：这条消息已经在 '{ $queue }' 里死过一次，之后没有被拒绝过，所以 RabbitMQ 丢弃它
log-death = 在队列 { $queue } 中因 { $reason } { $count } 次（发布到{ $exchange }，路由键 { $keys }）

## 拓扑与 broker

log-refused = broker 拒绝了：{ $code } { $text }
log-exchange-declared = 声明了 { $kind } 交换机 { $exchange }
log-exchange-deleted = 删除了交换机 { $exchange }{ $auto ->
    [1] （自动删除：它的最后一个绑定没了）
   *[other] {""}
}
log-queue-declared = 声明了队列 { $queue }
log-queue-deleted = 队列 { $queue } 被删除：{ $reason }
log-qdel-by-delete = 由 queue.delete 删除
log-qdel-auto-delete = 自动删除（auto-delete）：它的最后一个消费者离开了
log-qdel-exclusive = 独占它的连接关闭了
log-qdel-expires = 闲置时间超过了它的 x-expires
log-qdel-restart = 非持久化队列在重启后不复存在
log-bound = 把{ $exchange } 绑定到{ $kind ->
    [queue] 队列
   *[exchange] 交换机
} { $destination }，绑定键 "{ $key }"{ $arguments }
log-bound-arguments = ，参数 { $arguments }
log-unbound = 解除了{ $exchange } 到{ $kind ->
    [queue] 队列
   *[exchange] 交换机
} { $destination } 的绑定（绑定键 "{ $key }"）
log-consumer-added = 消费者 { $tag } 开始从队列 { $queue } 消费
log-consumer-cancelled = 消费者 { $tag } 停止从队列 { $queue } 消费{ $by_broker ->
    [1] （broker 取消了它：它的队列已不存在）
   *[other] {""}
}
log-restarted = broker 重启了：所有连接关闭；只有持久化的交换机和队列，以及持久化队列里的持久化消息保留了下来

## 路由详情（为什么路由到这里）

log-deaths-title = 死信历史（x-death，最近的在前）：
log-dest-queue = 队列 { $queue }
log-verdict-matched = 匹配
log-verdict-unmatched = 不匹配
log-hop-as-alternate = （作为备用交换机）
log-alternate-took = { $exchange } 没有绑定匹配，于是由它的备用交换机 { $alternate } 接收消息。
log-alternate-missing = 备用交换机 '{ $alternate }' 不存在，所以消息在这里被丢弃了。
log-verdict = 结论：

## 消息查看器

log-inspector-title = 消息 #{ $id }
log-inspector-close =
    .aria-label = 关闭
log-inspector-body = 消息体
log-inspector-bytes = { $count } 字节
log-inspector-properties = 属性
log-inspector-headers = 消息头（headers）
log-inspector-none = 无
log-inspector-deaths = x-death（成为死信的原因，最近的在前）
log-inspector-parent = 由消息 #{ $parent } 经死信而来。
log-inspector-where = 现在在哪里
log-inspector-gone = 已不在 broker 中。
log-inspector-path = 路径
log-inspector-path-gone = 日志里已经没有这条消息的路径了。
log-prop-exchange = 交换机
log-prop-default-exchange = （默认交换机）
log-prop-routing-key = 路由键
log-prop-cc = CC 路由键
log-mode-persistent = 2（持久化）
log-mode-transient = 1（非持久化）
log-mode-unset = 未设置（非持久化）
log-value-empty = ""（空）
log-a-consumer = 某个消费者
log-where-ready = 在队列 { $queue } 中就绪（ready），位置 { $position }{ $redelivered ->
    [1] ，标记为重新投递
   *[other] {""}
}
log-where-unacked = 已从队列 { $queue } 投递给 { $who }，尚未确认（投递标签 { $tag }）

## 日志面板

log-title = 事件日志
log-count = { $count } 条事件
log-clear = 清空
log-empty = 还没有事件。按“播放”，或在生产者上点“立即发布”。
log-inspect = 查看
    .title = 查看这条消息
log-flag-redelivered = 重新投递
log-node-filter = 显示此节点的事件
    .aria-label = 按节点筛选
log-all-nodes = 所有节点
log-kind-filter =
    .aria-label = 按类型筛选
log-node-label = { $kind ->
    [exchange] 交换机
    [queue] 队列
    [producer] 生产者
    [consumer] 消费者
   *[other] 节点
} { $name }
log-flood = 事件涌入太快：在洪峰过去或时钟暂停之前，只显示最新的 { $limit } 条{ $older }。
log-flood-older = （更早的 { $dropped } 条已不再保留）
log-dropped = 更早的 { $dropped } 条事件已不再保留。
log-kind-publish = 发布
log-kind-route = 路由
log-kind-enqueue = 入队
log-kind-deliver = 投递
log-kind-ack = 确认
log-kind-requeue = 重新入队
log-kind-drop = 丢弃
log-kind-return = 退回
log-kind-dead-letter = 死信
log-kind-error = 错误
log-kind-topology = 拓扑
log-kind-broker = broker

## 筛选条件隐藏了所有事件时

log-filter-none-of-node = 没有符合筛选条件的事件：还没有事件涉及{ $node }。选择“所有节点”可以看到全部事件。
log-filter-none = 没有符合筛选条件的事件。
log-filter-part = { $count } 条{ $kind }
log-filter-button = “{ $kind }”
log-filter-hides = 没有符合筛选条件的事件：筛选隐藏了 { $hidden }事件（共 { $count } 条）。点击上方的 { $buttons } 即可显示。
log-list-separator = 、
log-list-and = { $init }和{ $last }
