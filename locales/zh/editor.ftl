# 编辑器的中文用语：画布拒绝某个操作时的提示、编辑被拒绝的原因、输入值
# 有什么问题、组件面板和队列类型。每条消息都与 ../en/editor.ftl 中同名、
# 同变量的消息对应。

## 嵌在其他消息里的短语

editor-kind-article = { $kind ->
    [producer] 生产者
    [exchange] 交换机
    [queue] 队列
   *[consumer] 消费者
}
# 两个或更多短语组成的列表：第一个，然后是其余的。
editor-list = { $first }、{ $rest }
editor-arg-with-key = { $field }（{ $key }）
# 参数自己的字段的标签。
editor-arg-field = { $key ->
    [x-expires] 队列过期
    [x-message-ttl] 消息 TTL
    [x-dead-letter-exchange] 死信交换机
    [x-dead-letter-routing-key] 死信路由键
    [x-dead-letter-strategy] 死信策略
    [x-max-length] 最大长度
    [x-max-length-bytes] 最大字节数
    [x-max-priority] 最大优先级
    [x-overflow] 队列满时
    [x-single-active-consumer] 单一活跃消费者
    [x-queue-type] 类型
    [x-max-age] 最长保留时间
    [x-stream-max-segment-size-bytes] 段大小
    [x-delivery-limit] 投递次数上限
    [alternate-exchange] 备用交换机
   *[other] { $key }
}

## 画布拒绝的连接

editor-connect-producer-queue = 生产者从不直接向队列发布消息，而是发布到交换机。把它连到默认交换机，并把路由键设为这个队列的名字，消息就能到达这个队列。
editor-connect-producer-other = 生产者只能发布到交换机，不能连到{ $to }。
editor-connect-exchange-other = 交换机通过绑定把消息路由到队列（或其他交换机），不能连到{ $to }。
editor-connect-queue-exchange = 队列不会向交换机发布消息。要把被拒绝或过期的消息转发出去，请在检查器里设置它的死信交换机。
editor-connect-queue-other = 队列把消息投递给消费者，不能连到{ $to }。
editor-connect-consumer = 消息到消费者就结束了：应该把一个队列连到它。
editor-connect-gone = 那个节点已经不存在了。
editor-connect-itself = 请把{ $node }连到另一个节点，而不是它自己。
editor-connect-publishes-already = 这个生产者已经在向那个交换机发布了。
editor-connect-consumes-already = 这个消费者已经在从那个队列消费了。
editor-connect-bound-already = 这两者之间已经有一个使用{ $key }的绑定。请先选中那个绑定并修改它的绑定键，再连接一次来添加另一个键。
editor-key-empty = 空绑定键
editor-key-named = 绑定键 '{ $key }'
editor-default-exchange-stays = 默认交换机是每个 broker 都有的，不能删除。
editor-drop-on-canvas = 把它拖放到画布上即可创建。
editor-drop-on-node = 请把连线拖放到另一个节点上。

## 被拒绝的编辑

editor-node-gone = 这个节点已经不存在了
editor-binding-gone = 这个绑定已经不存在了
editor-unknown-exchange-type = 未知的交换机类型
editor-not-queue-type = '{ $value }' 不是队列类型
editor-not-age = '{ $value }' 不是有效的时长：应为一个整数加上 Y M D h m s 之一，例如 7D
editor-not-overflow = '{ $value }' 不是有效的 x-overflow 值
editor-not-schedule = '{ $value }' 不是有效的发布计划
editor-unknown-outcome = 未知的处理方式
editor-not-match-mode = '{ $value }' 不是有效的 x-match 模式

## 以 name=value, ... 输入的表

editor-table-too-many = 最多 { $max } 个 name=value 键值对
editor-table-not-pair = '{ $pair }' 不是 name=value 形式
editor-table-no-name = '{ $pair }' 的 = 前面没有名称
editor-table-long-name = 名称 { $name } 超过了 255 字节
editor-table-control = '{ $name }' 含有控制字符
editor-table-own-field = { $key } 有专门的字段，请在“{ $field }”中设置

## 整数字段

editor-number-needed = 这里需要填一个数字
editor-number-not-whole = '{ $text }' 不是整数
editor-number-range = 必须在 { $min } 到 { $max } 之间

## 画布上的绑定编辑框

editor-binding-key-topic = 绑定键（* 匹配一个单词，# 匹配任意个）
editor-binding-key = 绑定键

## 队列类型

editor-queue-about = { $type ->
    [classic] 经典队列（classic）：消息被确认（ack）后离开队列；可以是非持久、独占或自动删除的。
    [quorum] 仲裁队列（quorum）：多副本且总是持久化的，重启后保留每一条消息，并记录重新投递的次数（x-delivery-count）；不支持优先级，也不能是独占或自动删除的。
   *[stream] 流（stream）：只追加的日志。确认不会删除任何消息；每个消费者（必须设置预取数并手动确认）从自己的偏移量读取。保留策略按整段删除，所以实际保留的会比上限略多。
}
editor-queue-absent = { $type ->
    [classic] 经典队列
    [quorum] 仲裁队列
   *[stream] 流
}不支持：{ $settings }。

## 组件面板

editor-palette-label = { $item ->
    [producer] 生产者
    [direct] direct 交换机
    [fanout] fanout 交换机
    [topic] topic 交换机
    [headers] headers 交换机
    [queue] 队列
   *[consumer] 消费者
}
editor-palette-description = { $item ->
    [producer] 向交换机发布消息
    [direct] 按路由键精确匹配路由
    [fanout] 复制给每个绑定的队列
    [topic] 按含 * 和 # 的模式路由
    [headers] 按消息头的值路由
    [queue] 存放消息，直到被消费
   *[consumer] 接收、处理并确认消息
}
