# 检查器（inspector）的中文用语：节点、绑定和场景的表单，它们的实时状态，
# 以及路由键测试器。每条消息都与 ../en/inspector.ftl 中同名、同变量的消息对应。

## 面板

inspector-panel-label = 检查器
inspector-close-label = 关闭检查器
inspector-close-title = 取消选择（Escape）
inspector-title-binding = 绑定
inspector-title-exchange = 交换机
inspector-title-queue = 队列
inspector-title-producer = 生产者
inspector-title-consumer = 消费者
inspector-title-scenario = 场景
inspector-title-selected = 已选中 { $count } 个节点

## 通用字段与选项

inspector-name = 名称
inspector-type = 类型
inspector-none = 无
inspector-not-set = 未设置
inspector-not-connected = 未连接
inspector-publishes-to = 发布到
inspector-consumes-from = 消费自
inspector-routing-key = 路由键
inspector-headers = 消息头（headers）
inspector-durable = 持久化（durable）
inspector-auto-delete = 自动删除（auto-delete）
inspector-exclusive = 独占（exclusive）
inspector-redelivered = 重新投递
inspector-unit-messages = 条消息
inspector-unit-bytes = 字节
inspector-unit-redeliveries = 次重新投递
inspector-default-exchange-choice = （默认交换机）
inspector-server-named-choice = （服务器命名 { $id }）
inspector-exchange-named = 交换机 { $name }
inspector-queue-named = 队列 { $name }
inspector-arguments = 其他参数
inspector-arguments-placeholder = 无，例如 x-queue-mode=lazy
inspector-arguments-hint = name=value 形式的键值对，原样随声明（declare）发送；42 是数字，"42" 是字符串
inspector-arguments-locked = 其中含有列表或表，只能在场景文件里编辑

## 交换机

inspector-default-exchange-about = 默认交换机（名称为空字符串）是一个 direct 交换机，每个队列都以自己的队列名作为绑定键绑定在它上面。向它发布消息时，把路由键设为某个队列的名字，消息就会到达那个队列。它不能删除，绑定到它也会被拒绝（403 ACCESS_REFUSED）。
inspector-exchange-missing = 这个交换机不在 broker 里（可能是重启后被删除了，也可能是 broker 拒绝了它）。
inspector-exchange-name-hint = 以 amq. 开头的名称是保留名，broker 会拒绝（403）。
inspector-exchange-type-hint = { $kind ->
    [direct] direct：绑定键与路由键完全相同时匹配
    [fanout] fanout：每个绑定的队列都收到一份副本，忽略键
    [topic] topic：键是以点分隔的单词；* 匹配一个单词，# 匹配零个或多个
   *[headers] headers：按消息头的值匹配绑定（x-match 为 all 或 any），忽略键
}
inspector-exchange-durable-hint = broker 重启后依然存在
inspector-exchange-auto-delete-hint = 最后一个绑定删除时随之删除
inspector-internal = 内部（internal）
inspector-internal-hint = 生产者不能向它发布（403），只有其他交换机能路由到它
inspector-alternate-exchange = 备用交换机
inspector-alternate-exchange-hint = 接收这个交换机的所有绑定都不匹配的消息
inspector-bindings = 绑定
inspector-bind-to = 添加绑定到
inspector-bind-to-choose = 选择一个队列或交换机…
inspector-bind-to-hint = 也可以从这个交换机的 ● 端口拖到一个队列或另一个交换机

## 绑定

inspector-binding-from-to = 从 { $from } 到 { $to }。
inspector-binding-default-exchange = 默认交换机
inspector-binding-end-exchange = { $kind } 交换机 { $name }
inspector-binding-key = 绑定键
inspector-binding-key-hint = { $kind ->
    [direct] 匹配路由键与它完全相同的消息
    [topic] 以点分隔的单词；* 恰好代表一个单词，# 代表零个或多个
    [fanout] fanout 交换机忽略键：每个绑定的队列都收到一份副本
   *[headers] headers 交换机忽略键：由下面的消息头值决定
}
inspector-match-mode = { $mode ->
    [all] all：所有消息头都必须匹配
    [any] any：匹配一个消息头即可
    [all-with-x] all-with-x：同 all，但 x- 开头的消息头也参与匹配
   *[any-with-x] any-with-x：同 any，但 x- 开头的消息头也参与匹配
}
inspector-header-values = 消息头的值
inspector-binding-headers-hint = name=value 形式的键值对；42 是数字，"42" 是字符串，true/false 是布尔值
inspector-delete-binding = 删除绑定

## 路由键测试器

inspector-try-key = 试一个路由键
inspector-try-key-placeholder = 例如 kern.critical

## 生产者

inspector-published = 条已发布
inspector-producer-key-hint = 发往默认交换机时：填要到达的队列名
inspector-body = 消息体
inspector-body-hint = { $placeholder } 会替换为消息的序号
inspector-producer-headers-hint = name=value 形式的键值对；42 是数字，"42" 是字符串
inspector-properties = 消息属性
inspector-persistent = 持久化消息（delivery_mode 2）
inspector-persistent-hint = 存放在持久化队列中时，broker 重启后依然保留
inspector-mandatory = mandatory（不可路由时退回）
inspector-mandatory-hint = 没有任何队列接收时退回给生产者（312 NO_ROUTE）
inspector-expiration = 过期时间（单条消息的 TTL，毫秒）
inspector-priority = 优先级
inspector-priority-hint = 在设置了 x-max-priority 的队列中生效
inspector-reply-to-queue = reply_to：画布上的一个队列
inspector-reply-to-queue-hint = 用于 RPC：应答的消费者把回复发到这里
inspector-reply-to = reply_to：一个名称
inspector-not-set-numbered = 未设置（{ $placeholder } 表示序号）
inspector-schedule = 发布计划
inspector-publishes = 发布方式
inspector-schedule-kind = { $kind ->
    [manual] 按需发布（点“立即发布”）
    [once] 在某一时刻发布一次
    [every] 每 N 毫秒发布
   *[burst] 一次性连发 N 条
}
inspector-at = 时刻
inspector-every = 间隔
inspector-starting-at = 开始于
inspector-how-many = 条数
inspector-how-many-hint = 留空：一直发布
inspector-per-tick = 每次条数
inspector-per-tick-hint = 每次发布的消息条数（每 10 毫秒 100 条即每秒 10,000 条）

## 消费者

inspector-consumer-name = 名称（消费者标签，consumer tag）
inspector-acknowledgement = 确认方式（ack）
inspector-ack-mode = { $mode ->
    [manual] 手动确认：处理完再 ack
   *[auto] 自动确认（no_ack）：发出即忘
}
inspector-prefetch = 预取数（basic.qos）
inspector-prefetch-hint = 同时持有的未确认消息上限；0 表示不限
inspector-processing-time = 处理时间
inspector-then = 处理后
inspector-then-hint = 处理完每条消息后怎么做（手动确认时）
inspector-outcome = { $outcome ->
    [ack] ack 确认
    [nack_requeue] nack 并重新入队（requeue）
    [nack] nack（不重新入队）
    [reject] reject 拒绝（不重新入队）
    [reject_requeue] reject 拒绝并重新入队（requeue）
   *[never_ack] 永不确认
}
inspector-crash-after = 崩溃于
inspector-crash-after-hint = 收到这么多条消息后它的信道关闭，未确认的消息回到队列
inspector-reply = 应答 RPC 请求
inspector-reply-hint = 按每条消息的 reply_to 发布一条回复，带上它的 correlation_id
inspector-exclusive-consumer = 独占消费者（exclusive）
inspector-exclusive-consumer-hint = 其他消费者不能再从这个队列消费
inspector-consumer-priority = 消费者优先级（x-priority）
inspector-consumer-priority-hint = 优先级高的消费者先得到消息
inspector-stream-offset = 起始位置（x-stream-offset）
inspector-stream-offset-placeholder = next（默认）
inspector-stream-offset-hint = first、last、next、一个偏移量（如 12）或一段时间（如 1h）；流的消费者必须手动确认并设置预取数
inspector-delivery-tag = 投递标签 { $tag }
inspector-consumer-status = { $status ->
    [consuming] 正在消费
    [killed] 已终止：它的信道已关闭
    [crashed] 已崩溃（达到“崩溃于”的条数）
    [unconnected] 未连接到队列
    [no-queue] 它的队列不在 broker 里
   *[refused] broker 拒绝了 basic.consume
}
inspector-received = 条已接收
inspector-redelivered-count = 条重新投递
inspector-acked = 条已确认
inspector-unacked-deliveries = 未确认的投递

## 队列

inspector-queue-missing = 这个队列不在 broker 里（可能是重启后被删除了，也可能是 broker 拒绝了它）。
inspector-queue-name-placeholder = 留空：由 broker 命名
inspector-queue-name-hint = 留空即为服务器命名的队列（amq.gen-…）。
inspector-queue-type = 类型（x-queue-type）
inspector-queue-durable-hint = broker 重启后依然存在（连同其中的持久化消息）
inspector-queue-exclusive-hint = 只有练习场自己的连接能使用它，连接关闭时删除
inspector-queue-auto-delete-hint = 最后一个消费者离开时删除
inspector-single-active-consumer = 单一活跃消费者（single active consumer）
inspector-single-active-consumer-hint = 同一时刻只有一个消费者接收消息，它离开后由下一个接替
inspector-message-ttl = 消息 TTL（x-message-ttl）
inspector-message-ttl-hint = 存放超过这个时长的消息会过期（队列设置了死信交换机时转为死信）
inspector-expires = 队列过期（x-expires）
inspector-expires-hint = 队列闲置这么久后被删除
inspector-max-length = 最大长度（x-max-length）
inspector-max-length-bytes = 最大字节数（x-max-length-bytes）
inspector-stream-bytes-hint = 按段保留：新段开始时整段删除旧段，所以流实际保留的会略多一些
inspector-overflow = 队列满时（x-overflow）
inspector-overflow-choice = { $mode ->
    [unset] 未设置（drop-head）
    [drop-head] drop-head：丢弃最早的消息
    [reject-publish] reject-publish：拒绝新消息
   *[reject-publish-dlx] reject-publish-dlx：拒绝新消息并转为死信
}
inspector-quorum-overflow-hint = 仲裁队列会一直接收消息直到超出上限，然后拒绝新消息，直到回落到 80% 以下
inspector-dead-letter-exchange = 死信交换机（x-dead-letter-exchange）
inspector-dead-letter-exchange-hint = 被拒绝、过期和被丢弃的消息发往这里
inspector-dead-letter-key = 死信路由键
inspector-dead-letter-key-placeholder = 未设置：沿用消息自己的路由键
inspector-dead-letter-strategy = 死信策略（x-dead-letter-strategy）
inspector-dead-letter-strategy-choice = { $strategy ->
    [unset] 未设置（at-most-once）
    [at-most-once] at-most-once
   *[at-least-once] at-least-once（需要 reject-publish）
}
inspector-max-priority = 最大优先级（x-max-priority）
inspector-max-priority-hint = 使它成为优先级队列：优先级高的消息先投递
inspector-delivery-limit = 投递次数上限（x-delivery-limit）
inspector-delivery-limit-hint = 退回次数超过这个值的消息会被丢弃，或以 delivery_limit 为原因转为死信
inspector-max-age = 最长保留时间（x-max-age）
inspector-max-age-placeholder = 例如 7D、1h、30s
inspector-max-age-hint = 段中最新的消息也超过这个时长时，整段删除（按段保留）
inspector-segment-size = 段大小（x-stream-max-segment-size-bytes）
inspector-segment-size-hint = 保留策略按整段删除；默认 500000000（消息体计入大小）
inspector-in-broker = broker 中的状态
inspector-in-stream = 条消息在流中
inspector-ready = 条待投递（ready）
inspector-unacked = 条未确认
inspector-consumer-count = { $count ->
   *[other] 个消费者
}
inspector-stream-offsets = 偏移量 { $first } 到 { $last }，共 { $segments } 段；每个消费者从自己的偏移量读取，确认不会删除任何消息。
inspector-server-named-as = broker 给它取的名字是 { $name }。
inspector-stream-messages = 流中的消息，最新的在前
inspector-ready-messages = 待投递的消息，下一条在前
inspector-and-more = 还有 { $count } 条

## 场景概览

inspector-scenario-title = 标题
inspector-scenario-title-placeholder = 未命名场景
inspector-scenario-description = 描述
inspector-count-producers = { $count ->
   *[other] 个生产者
}
inspector-count-exchanges = { $count ->
   *[other] 个交换机
}
inspector-count-queues = { $count ->
   *[other] 个队列
}
inspector-count-consumers = { $count ->
   *[other] 个消费者
}
inspector-exchanges-counted = 只计场景声明的交换机；每个虚拟主机都自带的默认交换机不计在内
inspector-getting-started = 快速上手
inspector-step-drag = 把一个生产者、一个交换机、一个队列和一个消费者拖到画布上。
inspector-step-connect = 从节点的 ● 端口拖到下一个节点：生产者 → 交换机 → 队列 → 消费者。
inspector-step-edit = 点击节点或连线，在这里编辑它；点击绑定可以设置绑定键。
inspector-step-play = 按“播放”观察消息的流动；展开日志中的一行，看看为什么会这样。
inspector-dots = 圆点的含义
inspector-dot-route = 正在路上的消息
inspector-dot-requeue = 正在回到队列
inspector-dot-dead-letter = 转为死信，或经由备用交换机
inspector-dot-ack = 已确认
inspector-dot-drop = 被丢弃、已过期或被退回
inspector-keys = 快捷键
inspector-key-space = 空格
inspector-key-space-does = 播放 / 暂停
inspector-key-step-does = 单步执行到下一个事件
inspector-key-tab = Tab、Enter
inspector-key-tab-does = 在节点之间切换，编辑选中的节点
inspector-key-arrows = 方向键
inspector-key-arrows-does = 移动选中的节点（按住 Shift 移得更远）
inspector-key-delete = Delete
inspector-key-delete-does = 删除选中的内容
inspector-key-undo = Ctrl+Z、Ctrl+Shift+Z
inspector-key-undo-does = 撤销、重做
inspector-key-several = Shift+点击、Shift+拖动
inspector-key-several-does = 多选
inspector-key-zoom = 滚轮、+ − 0
inspector-key-zoom-does = 缩放
inspector-key-escape = Escape
inspector-key-escape-does = 取消选择

## 选中多个节点

inspector-selected-node = { $kind ->
    [producer] 生产者
    [exchange] 交换机
    [queue] 队列
   *[consumer] 消费者
} { $name }
inspector-multi-hint = 拖动其中任意一个即可一起移动；方向键也可以移动它们。
inspector-delete-selected = 删除所选
