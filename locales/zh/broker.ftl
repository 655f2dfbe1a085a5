# Warren 的中文用语：Broker 对话框（通过管理 API 连接真实的 RabbitMQ）。
# 每条消息在 ../en/broker.ftl 中都有同 id、同变量的对应条目。

## 失败原因，用大白话说

broker-failure-login = Broker 拒绝了用户名或密码（401 Login failed）。
broker-failure-no-management = 用户 '{ $user }' 无权使用管理 API（401 Not management user）。
broker-failure-not-authorised = Broker 拒绝了这个请求：{ $reason }。
broker-failure-not-administrator = 用户 '{ $user }' 不是管理员（administrator），而检查需要管理员权限来创建临时虚拟主机（vhost）。
broker-failure-no-vhost = Broker 上没有虚拟主机 '{ $vhost }'。
broker-failure-no-exchange = Broker 的虚拟主机 { $vhost } 中没有交换机 '{ $exchange }'（404 Not Found）。
broker-failure-unreachable = { $url } 没有任何响应。
broker-failure-cors = { $url } 上的 Broker 有响应，但不允许来自 { $origin } 的页面读取它的应答（CORS）。
broker-failure-timed-out = { $url } 在 { $seconds } 秒内没有响应。
broker-failure-http = Broker 返回了 { $status }：{ $reason }
broker-failure-bad-answer = 无法读取 Broker 的应答：{ $why }
broker-failure-step = { $what }失败：{ $cause }

## 怎么办

broker-advice-bad-url = 请填写管理 API 的地址，例如 http://localhost:15672。
broker-advice-login = 请检查用户名和密码（全新安装的 RabbitMQ 自带 guest / guest，但只能从 localhost 登录）。
broker-advice-no-management = 给这个用户加上 management 标签，例如：
broker-advice-not-authorised = 请检查该用户在这个虚拟主机上的权限（rabbitmqctl list_user_permissions USER）。
broker-advice-not-administrator = 它的标签：{ $tags }。请用管理员身份连接，或者给它加上这个标签：
broker-advice-no-tags = 无
broker-advice-no-vhost = 请从 Broker 的虚拟主机中选一个。
broker-advice-no-exchange = 请先部署场景（Broker → 部署这个场景…），或者发布到它已有的交换机。
broker-advice-unreachable = RabbitMQ 在运行吗？管理插件启用了吗？用下面的命令启用：
broker-advice-unreachable-port = 并检查地址和端口（默认 15672）。
broker-advice-cors = 在 rabbitmq.conf 中加入下面几行，然后重启 RabbitMQ：
broker-advice-timed-out = 请确认地址是管理 API 的（默认端口 15672），而不是 AMQP 的（5672）。

## 连接

broker-url-not-web = '{ $scheme }://' 不是网页地址：管理 API 用的是 http:// 或 https://
broker-url-no-host = '{ $input }' 中没有可用的主机名（例如：{ $example }）
broker-plain-http = 连接 { $host } 用的是明文 http://：密码会不加密地传输。如果 Broker 支持，请改用 https://。
broker-connected = 已用 { $user } 连接到 { $url }。虚拟主机 { $vhost }：{ $exchanges } 个交换机（含内置交换机），{ $queues } 个队列。

## 向 Broker 发布一次

broker-publish-no-producer = 没有生产者 '{ $id }'
broker-publish-not-connected = 这个生产者还没有连到交换机：从它拖一条线到某个交换机
broker-publish-no-mandatory = mandatory：管理 API 没有这个标志；“未路由”会告诉你消息是否本该被退回
broker-publish-reply-to-server-named = reply_to：这个队列的名字由服务器生成，无法知道它在 Broker 上叫什么
broker-publish-no-exchange = 没有交换机 '{ $id }'
broker-publish-bad-headers = 无法读取消息头（headers）：{ $error }
broker-publish-routed = RabbitMQ 路由了这条消息：至少有一个队列从 { $exchange } 收到了它（routed: true）。
broker-publish-not-routed = RabbitMQ 没有路由这条消息：没有队列从 { $exchange } 收到它（routed: false）。
broker-publish-warren-same = Warren 的路由结果相同。
broker-publish-warren-nowhere = Warren 不会把它路由到任何队列：Broker 上的拓扑与画布上的不同。
broker-publish-warren-routes = Warren 会把它路由到某个队列：Broker 上的拓扑与画布上的不同（要部署吗？）。
broker-publish-button = 发布到 Broker
    .title = 通过管理 API 向 { $url } · 虚拟主机 { $vhost } 发布一次
broker-publish-busy = 正在发布…
broker-publish-not-sent = 未发送：{ $what }

## 页头的按钮

broker-button = Broker
    .title = 通过管理 API 连接一个真实的 RabbitMQ
broker-button-connected = 已用 { $user } 连接到 { $url }，虚拟主机 { $vhost }：实时视图、部署、检查
broker-button-connected-hint = （已连接）

## 对话框

broker-dialog-title = 真实的 RabbitMQ
broker-dialog-close =
    .aria-label = 关闭
broker-busy-connecting = 正在连接…
broker-busy-comparing = 正在与 Broker 比较…
broker-busy-deploying = 正在部署…
broker-busy-checking = 正在临时虚拟主机中检查…
broker-vhost-pick = 虚拟主机（vhost）
broker-action-live = 实时视图
broker-action-deploy = 部署这个场景…
broker-action-check = 与 Broker 对照检查
broker-action-disconnect = 断开连接

## 连接表单

broker-form-url = 管理 API
broker-form-user = 用户
broker-form-password = 密码
broker-form-vhost = 虚拟主机
broker-form-remember = 在这台设备上记住（密码会保存在这个浏览器中）
broker-form-connect = 连接
broker-form-reconnect = 重新连接
broker-form-settings = 连接设置

## 部署：预览与结果

broker-plan-lead = 还什么都没发送。对照 Broker 当前的虚拟主机：
broker-plan-create = 将会创建（{ $count }）
broker-plan-same = 已经存在且相同（{ $count }）
broker-plan-conflicts = 已存在但设置不同：RabbitMQ 会拒绝它们，所以不会发送（{ $count }）
broker-plan-nothing = 没有要创建的
broker-plan-confirm = 创建 { $count } 个对象
broker-kind-exchange = 交换机
broker-kind-queue = 队列
broker-kind-binding = 绑定
broker-item = { $kind } { $name }
broker-deployed-all = 已发送：创建了 { $count } 个对象。
broker-deployed-failed = 已发送：{ $count } 个中有 { $failed } 个失败。
broker-deployed-ok = 已创建{ $item }
broker-deployed-error = { $item }：{ $error }

## 检查

broker-check-step-create = 在检查用的虚拟主机中创建{ $kind } '{ $name }'
broker-report-agree = 全部 { $count } 条探测消息的结果都与 RabbitMQ 一致。
broker-report-differ = { $count } 条探测消息中有 { $differences } 条结果不同。
broker-report-lead = 每条探测消息都发布到了一个临时虚拟主机；它到达的队列如下：
broker-report-exchange = 交换机
broker-report-key = 路由键
broker-report-headers = 消息头（headers）
broker-report-warren = Warren
broker-report-rabbitmq = RabbitMQ
broker-report-not-checked = 未检查：{ $what }

## 实时视图

broker-live =
    .aria-label = 真实的 Broker，实时
broker-live-reading = 正在读取 Broker…
broker-live-badge = 真实的 Broker —— 不是模拟
broker-live-where = { $url } · 虚拟主机 { $vhost }
broker-live-refresh = 刷新间隔{ " " }
broker-live-seconds = { $seconds } 秒
broker-live-copy = 复制一份
    .title = 把显示的内容载入为普通场景，随意试验
broker-live-close = 关闭
broker-live-copy-title = { $host } 上 { $vhost } 的副本
broker-live-ready = 就绪 { $ready } · 未确认 { $unacked }
broker-live-consumers = 消费者 { $count }
broker-live-rates = 入 { $rate_in } · 出 { $rate_out }
broker-live-manual-ack = 手动确认（manual ack）
broker-live-auto-ack = 自动确认（auto ack）
broker-live-prefetch = 预取 { $count }
broker-live-consumer = 消费者
broker-live-exchange-type = { $kind }

## 名称，以及定义文件中被略去的内容

# 默认交换机的显示名（它的真实名称是 ""）。
broker-default-exchange = （默认）
broker-warning-at = { $path }：{ $message }
