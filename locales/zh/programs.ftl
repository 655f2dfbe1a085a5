# Warren 的中文用语：程序面板（文件、编辑器、终端、进程标签页）和运行器对错误的说明。
# pika 和 Python 自己的文字（traceback、异常信息）以及要写的代码保持原样。
# 每条消息在 ../en/programs.ftl 中都有同 id、同变量的对应条目。

## 运行器的说明：发生了什么，该改什么

programs-note-new-user = 为了让这次登录成功，Warren 添加了用户 '{ $user }'，并授予它在 '/' 上的全部权限。全新安装的 RabbitMQ 只有 guest/guest；在真实的 Broker 上，请先创建这个用户：{ $commands }
programs-note-fanout-key = '{ $exchange }' 是扇出交换机（fanout）：它忽略路由键，所以 routing_key='{ $key }' 不起作用，这个队列会收到发布到 '{ $exchange }' 的每一条消息。如果只想接收某些路由键，请在两个程序中都声明直连（direct）或主题（topic）交换机：exchange_type='direct'。
programs-note-no-ack = 这个消费者采用手动确认（auto_ack 为 False），但程序从未调用 basic_ack：它收到的每条消息都一直处于未确认状态，队列的未确认（unacked）计数只增不减；程序结束时，这些消息会全部回到队列，并被标记为重新投递（redelivered）。请在回调函数末尾调用 ch.basic_ack(delivery_tag=method.delivery_tag)，或者用 auto_ack=True 消费。
programs-note-no-consumer = start_consuming() 立即返回了：这个信道上没有消费者，因为程序从未调用 basic_consume。随后程序结束，连接关闭，它的独占队列也被删除了。请在 start_consuming() 之前加上：channel.basic_consume(queue={ $queue }, on_message_callback=callback, auto_ack=True)
programs-note-publish-no-exchange = 这条消息丢失了：交换机 '{ $exchange }' 不存在，所以 Broker 拒绝了它并关闭了信道（404 NOT_FOUND）。basic_publish 不会等待 Broker 的回应，所以它正常返回，程序继续运行（并打印了后面的内容），就好像消息已经发出一样；这个信道上的下一次调用才会抛出错误。请在发布之前声明交换机，在这个程序里也要声明：channel.exchange_declare(exchange='{ $exchange }', exchange_type='{ $kind }')。
programs-note-unrouted-default = 这条消息被丢弃了：它被发到默认交换机，路由键为 '{ $key }'，但不存在同名的队列。请在发布之前声明这个队列（channel.queue_declare(queue='{ $key }')），在这个程序里也要声明，或者先启动消费者。
programs-note-similar-exchange = 另一个程序绑定的是 '{ $exchange }'（{ $program } 第 { $line } 行）：交换机名称必须完全一致。
programs-note-unrouted-not-yet = 发布时还没有队列绑定到 '{ $exchange }'（{ $program } 在第 { $line } 行绑定了一个队列，但当时还没运行到那里）
programs-note-unrouted-no-match = 发布时绑定到 '{ $exchange }' 的队列中，没有一个与路由键 '{ $key }' 匹配
programs-note-unrouted-unbound = 发布时没有任何队列绑定到 '{ $exchange }'
programs-note-unrouted = 这条消息在交换机 '{ $exchange }' 处被丢弃了：{ $why }。交换机不保存任何消息；请先启动消费者（由它声明并绑定队列），再启动生产者，或者在生产者里也声明并绑定一个持久化队列。{ $similar }
programs-note-restart-did-it = （本次运行中的 Broker 重启正是这样）
programs-note-durable-not-persistent = 队列 '{ $queue }' 是持久化的（durable），但这条消息不是持久化消息：Broker 重启后队列还在，消息却会丢失{ $restart }。要保留消息，请这样发布：properties=pika.BasicProperties(delivery_mode=pika.DeliveryMode.Persistent)。
programs-note-persistent-not-durable = 这条消息是持久化的，但队列 '{ $queue }' 不是持久化队列（durable）：Broker 重启会删除这个队列，消息也随之丢失{ $restart }。请在每个声明该队列的程序中都用 durable=True 声明它。
programs-note-bind-declared-by = { $program } 在第 { $line } 行声明了它：请先启动那个程序，或者在这里也声明它
programs-note-bind-declare-here = 请在这里也声明它
programs-note-bind-no-exchange = 绑定到交换机 '{ $exchange }' 失败：当时还没有人声明它，所以 Broker 返回 404 NOT_FOUND 并关闭了信道。{ $advice }，放在 queue_bind 之前：channel.exchange_declare(exchange='{ $exchange }', exchange_type='{ $kind }')。声明是幂等的：每个用到某个交换机的程序都可以声明它。
programs-note-declared-by = ，由 { $program } 在第 { $line } 行声明
programs-note-another-type = 另一种类型的
programs-note-exchange-type = 交换机 '{ $exchange }' 已经以 { $current } 交换机的身份存在{ $by }；在这里把它声明为 '{ $mine }' 会失败，返回 406 PRECONDITION_FAILED 并关闭信道。生产者和消费者必须用相同的类型声明交换机。
programs-note-legacy-consume = 这是 pika 0.x 的 basic_consume 写法。pika 1.x 要求先传队列，回调函数用 on_message_callback=... 传入，no_ack 也改名为 auto_ack，所以 pika 1.3 会抛出 { $error }。1.x 的写法：{ $fix }
programs-note-legacy-declare = pika 1.x 的 queue_declare 需要队列名；如果要让 Broker 来起名（amq.gen-...），请传 queue=''。pika 0.x 允许省略它，pika 1.3 会抛出 { $error }。1.x 的写法：{ $fix }

## 面板

programs-toggle = 程序
    .title = 运行你自己的 pika 程序：在这个 Broker 上提供终端和 Python
programs-panel = 程序
    .aria-label = 程序
programs-panel-sub = 在这个 Broker 上运行你的 pika 程序
programs-panel-close =
    .aria-label = 关闭程序面板
programs-parser-loading = 正在加载 Python 解析器（仅首次使用时加载，约 0.6 MB）…
programs-changed-while-parsing = 解析期间文件被修改了；正在加载较新的文本

## 文件

programs-files =
    .aria-label = 程序文件
programs-file-tab =
    .aria-label = { $name }：{ $state }
programs-file-checking = 检查中
programs-file-ready = 就绪
programs-file-refused = 被拒绝
programs-file-failed = 未加载
programs-file-remove = 移除
    .aria-label = 移除当前显示的文件
programs-file-new = 新建
programs-file-open = 打开 .py
programs-new =
    .aria-label = 添加程序
programs-new-name = 文件名
programs-new-source =
    .aria-label = 程序文本
    .placeholder = 在这里粘贴一个 pika 程序
programs-new-hint = 也可以把 .py 文件拖到这个面板上。然后像教程里那样，在下方的终端中运行它们：python3 send.py
programs-new-add = 添加程序
programs-new-cancel = 取消
programs-too-many-files = { $name }：Warren 最多保存 { $max } 个程序文件；请先移除一个
programs-bad-name = Warren 不接受 '{ $name }' 这个程序名：文件名须以 .py 结尾，只能包含字母、数字、_、- 和 .（例如 emit_log.py）
programs-too-big = { $name } 有 { $bytes } 字节；Warren 接受的程序最大为 { $max } 字节

## 编辑器

programs-editor =
    .aria-label = { $name } 的源代码
programs-editor-refused-at = 第 { $line } 行，第 { $column } 列：
programs-editor-checking = 检查中…
programs-editor-ready = 就绪：在终端中运行它，例如 python3 { $name }

## 终端与进程

programs-terminal =
    .aria-label = 终端
programs-terminal-input =
    .aria-label = 命令行（回车运行，上下方向键翻阅历史，Ctrl+C 中断）
    .placeholder = 输入命令，例如 python3 send.py
programs-terminal-started = [{ $pid }] { $program } 已启动（输出在它自己的标签页中）
programs-terminal-waiting = 正在等待 { $program } 检查完毕…
programs-not-loaded-at = { $program } 未加载：第 { $line } 行，第 { $column } 列：{ $construct }：{ $reason }
programs-not-loaded = { $program } 未加载：{ $reason }
programs-processes =
    .aria-label = 进程
programs-processes-empty = 你运行的每条命令都会在这里得到一个标签页，显示它的输出。
programs-process-running = 运行中
programs-process-exited = 已退出，退出码 { $code }
programs-interrupt = Ctrl+C
    .aria-label = Ctrl+C：中断 { $program }（进程 { $pid }）
programs-output =
    .aria-label = { $program } 的输出（进程 { $pid }）；按 Ctrl+C 可中断它
programs-output-empty = （暂无输出）

## Python 解析器的失败（技术原因保持原样）

programs-parser-bad-request = 无法读取解析请求：{ $why }
programs-parser-too-big = { $name } 有 { $bytes } 字节；解析器接受的程序最大为 { $max } 字节
programs-parser-unwritable = 无法写出应答：{ $why }
programs-parser-bad-answer = 无法读取解析器的应答：{ $why }
programs-parser-not-taken = 解析器没有接收这个文件：{ $why }
programs-parser-no-start = Python 解析器无法启动：{ $why }
programs-parser-stopped = Python 解析器已停止：{ $why }
programs-parser-unloadable = Python 解析器已停止：无法加载它的文件
programs-parser-timed-out = Python 解析器在 { $seconds } 秒内没有加载完成
programs-parser-no-reason = 浏览器没有给出原因

## 终端拒绝执行的命令行（shell 和 CPython 自己打印的内容保持原样）

runner-command-empty = 没有输入命令：请输入 python3 FILE.py [ARGS]
runner-command-not-found = { $command }: command not found（这个终端只运行 Python 程序：python3 FILE.py [ARGS]）
runner-command-option = { $command }：这里不支持选项 { $option }（请运行 python3 FILE.py [ARGS]）
runner-command-no-file = { $command }：没有指定程序文件（请运行 { $command } FILE.py [ARGS]；这里没有交互式解释器）
runner-command-quote = 命令中的引号没有闭合
runner-command-no-such-file = { $command }: can't open file '{ $file }': [Errno 2] No such file or directory

## Notes on what the run showed, under the editor
programs-note-at = 第 { $line } 行：
programs-note-fix = 改用这一行
programs-notes =
    .aria-label = 运行中发现的问题
