# Warren 的中文界面：画布（节点及其内容、连线及其标签、提示框、通知、画布
# 控件）。每条消息与 ../en/canvas.ftl 中的同名消息一一对应，变量相同。

## Node bodies

canvas-chip = 消息 #{ $id }：{ $body }
canvas-chip-redelivered = 消息 #{ $id }：{ $body }（重新投递）
canvas-default-exchange = 按队列名路由
    .title = 把每条消息路由到与其路由键同名的队列
canvas-producer-unconnected = 未连接：从 ● 拖到一个交换机
canvas-routing-key = 键
    .title = 路由键 { $key }
canvas-stat-sent = 已发送
canvas-stat-ready = 就绪
    .title = 就绪（ready）：等待投递
    .chips = 队列中最前面的消息
canvas-stat-in-stream = 在流中
    .title = 流（stream）保存的消息（ack 不会删除消息；保留策略按整段删除）
    .chips = 流中最新的消息
canvas-stat-unacked = 未确认
    .title = 已投递，等待 ack
canvas-chips-empty = 空
canvas-chips-idle = 空闲
canvas-consumer-auto-ack =
    .title = 自动确认（auto-ack）：无需 ack
canvas-consumer-unacked =
    .title = 未确认的投递数 / 预取数（prefetch_count）
canvas-consumer-chips =
    .aria-label = 它持有的消息
canvas-stat-received = 已接收
    .title = 收到的投递数
canvas-stat-acked = 已确认
    .title = 已确认（ack）
canvas-vanished = broker 中不存在
canvas-redeclare = 重新声明
    .title = 像客户端重连时那样，重新声明画布上的交换机、队列和绑定

## Nodes

canvas-server-named = （由服务器命名）
canvas-port-out =
    .title = 从这里拖到另一个节点，把它们连起来

## Node actions, canvas controls

canvas-node-actions =
    .aria-label = 节点操作
canvas-history =
    .aria-label = 历史
canvas-undo = ↶ 撤销
    .aria-label = 撤销
    .title = 撤销（Ctrl+Z）
canvas-redo = ↷ 重做
    .aria-label = 重做
    .title = 重做（Ctrl+Shift+Z）
canvas-zoom =
    .aria-label = 缩放
canvas-zoom-out =
    .aria-label = 缩小
    .title = 缩小（-）
canvas-zoom-reset =
    .title = 恢复到 100%（0）
canvas-zoom-in =
    .aria-label = 放大
    .title = 放大（+）
canvas-zoom-fit = 全部显示
    .title = 显示所有节点

## The canvas

canvas-area =
    .aria-label = 画布
canvas-svg =
    .aria-label = 拓扑画布
canvas-status-empty = 空画布：只有默认交换机
canvas-status = { $nodes } 个节点，{ $bindings }
canvas-hint-title = 搭建一个拓扑
canvas-hint = 从组件面板拖出一个生产者、一个交换机、一个队列和一个消费者，再从每个节点的 ● 端口拖到下一个节点，把它们连起来。按“播放”观察消息的流动。

## Edges

canvas-edge-no-headers = { $mode }：（无消息头）
canvas-edge-alternate = 备用（alternate）
canvas-edge-dead-letters = 死信
canvas-edge-edit =
    .title = { $label }：点击编辑

## Callouts and notices

canvas-error-during = 发生在 { $method }
canvas-recreate = 删除并重新声明
canvas-recreate-queue =
    .title = 删除这个队列（其中的消息会丢失），再按新的设置重新声明
canvas-recreate-exchange =
    .title = 删除这个交换机（连同它的绑定），再按新的设置重新声明
canvas-notice-dismiss =
    .aria-label = 关闭

## The inline binding editor

canvas-binding-headers =
    .aria-label = 绑定的消息头
canvas-binding-key =
    .aria-label = 绑定键
canvas-binding-headers-label = 消息头（headers）
canvas-from-program =
    .title = 来自程序：程序声明的对象，或程序本身。它不属于你的场景：broker 删除它或程序结束时，它就会消失。
