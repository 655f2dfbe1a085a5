# Warren 的中文界面：视图层决定显示的文字（节点内容、节点操作、分享对话框的
# 状态、手机标签页、组件面板与拖拽提示）。每条消息与 ../en/view.ftl 中的
# 同名消息一一对应，变量相同。

## Producer schedules

view-schedule-manual = 手动发布
view-schedule-once = 在 { $at } 发一次
view-schedule-every = 每 { $every } 发一次
view-schedule-every-count = 每 { $every } 发一次，共 { $count } 次
view-schedule-batch = 每 { $every } 发 { $batch } 条
view-schedule-batch-count = 每 { $every } 发 { $batch } 条，共 { $count } 次
view-schedule-burst = 在 { $at } 一次发 { $count } 条

## Consumer outcomes

view-outcome-ack = ack
view-outcome-nack-requeue = nack + 重新入队
view-outcome-nack = nack（不重新入队）
view-outcome-reject = reject（不重新入队）
view-outcome-reject-requeue = reject + 重新入队
view-outcome-never-ack = 从不 ack
view-outcome-auto-ack = 自动确认（auto-ack）
view-consumer-mode = { $outcome } · 每条 { $each }

## Node flags

view-default-name = （默认）
view-flag-durable = 持久化
view-flag-internal = 内部
view-flag-auto-delete = 自动删除
view-flag-exclusive = 独占
view-flag-ae = AE → { $exchange }
view-flag-dlx = DLX → { $exchange }
view-flag-ttl = TTL { $ttl }
view-flag-max-length = 最多 { $max } 条
view-flag-max-priority = 优先级 ≤{ $priority }
view-flag-delivery-limit = 投递上限 { $limit }
view-flag-offsets = 偏移 { $first }–{ $next }

## A consumer that is down

view-down-killed = 已终止：信道已关闭
view-down-crashed = 处理到第 { $after } 条时崩溃
view-down-unconnected = 没有连接到队列
view-down-no-queue = 它的队列已不存在
view-down-refused = 订阅被拒绝（basic.consume）

## Node actions

view-action-publish = 立即发布
    .title = 立即把这个生产者的消息发布一次
view-action-purge = 清空
    .title = queue.purge：删除所有就绪（ready）消息（未确认的消息保留）
view-action-revive = 重新启动
    .title = 让这个消费者重新开始消费
view-action-kill = 终止
    .title = 终止这个消费者：它的信道关闭，未确认的消息回到队列，并标记为重新投递（redelivered）
view-action-declare-anew = 重新声明
    .title = 在 broker 中删除它（队列里的消息会丢失），再按画布上的设置重新声明
view-action-delete = 删除
    .title = 删除这个节点及其连线（Delete 键）

## Palette

view-palette-producer = 生产者
view-palette-queue = 队列
view-palette-consumer = 消费者
view-palette-exchange = { $kind } 交换机
view-palette-producer-about = 向交换机发布消息
view-palette-direct-about = 按路由键精确匹配
view-palette-fanout-about = 复制给每个绑定的队列
view-palette-topic-about = 按带 * 和 # 的模式匹配
view-palette-headers-about = 按消息头（headers）的值匹配
view-palette-queue-about = 保存消息，直到被消费
view-palette-consumer-about = 接收、处理并确认消息
view-palette-entry-title = { $about }：拖到画布上，或点击放置

## Clients

view-client-tag = 客户端：{ $name }

## Share dialog

view-share-copying = 正在复制……
view-share-copied = 已复制到剪贴板。
view-share-copy-refused = 浏览器不允许在这里复制：链接已选中，按 Ctrl+C（⌘C）复制。
view-share-length = { $count } 个字符

## Phone tabs

view-sheet-lesson = 课程
view-sheet-add = 添加
view-sheet-log = 日志
view-sheet-programs = 程序

# 没有内容的消息体（显示在小标签里）。
view-empty-body = （空）
