# 内置课程的中文文本。英文原文在课程文档里（src/lessons/<slug>.json），
# 这里每条消息对应其中一个字段：
#   lesson-<slug>-title / -description
#   lesson-<slug>-step<N>-title / -text / -try（N 从 1 开始）
# AMQP 名称、队列名、交换机名、路由键和消息体保持原样（tests/lessons_i18n.rs 会检查）。

## hello-world

lesson-hello-world-title = Hello World：收发第一条消息
lesson-hello-world-description = 最简单的例子：一个生产者经默认交换机把消息发到名为 hello 的队列，一个消费者从中接收。
lesson-hello-world-step1-title = 按名字发到队列
lesson-hello-world-step1-text = send 每 2 秒向默认交换机（""）发布一条 "Hello World!"，路由键为 hello。默认交换机会把消息投递到名字与路由键相同的队列，所以每条消息都进入 hello 队列。
lesson-hello-world-step1-try = 运行 receive 的程序版本：输入 python3 receive.py。它同样从 hello 消费，于是 RabbitMQ 会把消息轮流交给 receive 和这个程序。在它的标签页里按 Ctrl+C 停止它，再试试 python3 send.py。
lesson-hello-world-step2-title = 以自动确认（auto-ack）接收
lesson-hello-world-step2-text = receive 以 auto_ack 方式从 hello 消费：消息一发出，RabbitMQ 就认为它已处理完毕，所以 hello 里没有未确认（unacked）的消息，队列随即又空了。
lesson-hello-world-step2-try = 杀掉 receive：消息会以就绪（ready）状态留在 hello 里。让它复活，它会一次把积压的消息全部取走。
lesson-hello-world-step3-title = 写错路由键
lesson-hello-world-step3-text = 默认交换机只认识队列名。如果消息的路由键不是任何队列的名字，消息就会被丢弃（日志里记为无法路由，unroutable）。
lesson-hello-world-step3-try = 把 send 的路由键改成 hallo，消息都会在交换机处消失。再勾选 mandatory，每条消息就会被退回给发布者。

## work-queues

lesson-work-queues-title = 工作队列
lesson-work-queues-description = 两个工作者（worker）分担同一个队列里的任务。手动确认保证了工作者中途挂掉时，手上的任务不会丢失，而是重新投递给另一个工作者。
lesson-work-queues-step1-title = 一个队列，两个工作者
lesson-work-queues-step1-text = new_task 每秒发布一个任务，共 12 个，以持久化消息（persistent）发送到持久化队列 task_queue。worker 1 和 worker 2 从同一个队列消费，RabbitMQ 把任务轮流分给它们。
lesson-work-queues-step1-try = 再启动一个工作者：输入 python3 worker.py。它同样一次只取一个任务（prefetch 1），于是任务由三个工作者分担。接着用 python3 new_task.py "A slow one....." 放入一个耗时的任务，并在工作者处理它时按 Ctrl+C：这个任务会回到 task_queue，并被标记为重新投递（redelivered）。
lesson-work-queues-step2-title = 做完再确认
lesson-work-queues-step2-text = 每个任务要处理 2.5 秒，工作者只在做完后才确认（ack），所以任务在处理期间处于未确认（unacked）状态。预取（prefetch）为 1 时，每个工作者一次只拿一个任务，其余任务在 task_queue 中以就绪（ready）状态等待。
lesson-work-queues-step3-title = 一个工作者挂了
lesson-work-queues-step3-text = worker 2 被设置为在第 3 个任务到达时崩溃。它的信道（channel）关闭时这个任务还没确认，于是 RabbitMQ 把任务放回 task_queue 并标记为 redelivered，接下来由 worker 1 拿到。所有任务最终都完成并确认，一个也没丢。
lesson-work-queues-step3-try = 趁 worker 1 手上有任务时把它杀掉（kill）：任务回到 task_queue，下一个空闲的工作者会拿到它，并带有 redelivered 标记。

## fair-dispatch

lesson-fair-dispatch-title = 公平分发
lesson-fair-dispatch-description = 轮询分发与预取（prefetch）为 1 的并排对比：同样的任务，每个队列上各有一个快消费者和一个慢消费者。
lesson-fair-dispatch-step1-title = 同样的工作，两种设置
lesson-fair-dispatch-step1-text = 两个生产者各发布 10 个任务，每 250 ms 一个。每个队列都有一个快消费者（每个任务 0.5 秒）和一个慢消费者（每个任务 4 秒）；四个消费者都手动确认。
lesson-fair-dispatch-step2-title = 轮询分发（上排）
lesson-fair-dispatch-step2-text = round_robin 这一排的消费者没有设置预取上限，所以 RabbitMQ 在任务到达时轮流分发：每人 5 个。大约 3.5 秒时 rr fast 就做完了它的 5 个任务，闲了下来；而 rr slow 手里压着 5 个未确认的任务，要到大约 20 秒才能做完。
lesson-fair-dispatch-step3-title = 公平分发（下排）
lesson-fair-dispatch-step3-text = fair 这一排的消费者设置了 basic_qos(prefetch_count=1)：只有在消费者确认了上一个任务之后，RabbitMQ 才会给它发新任务。fair fast 完成了 10 个任务中的 9 个，fair slow 只完成 1 个；大约 5.5 秒后队列就处理完了。
lesson-fair-dispatch-step3-try = 把 rr slow 的预取设为 1 再运行一次：上排的表现就和下排一样了。

## durability

lesson-durability-title = 持久化
lesson-durability-description = broker 重启之后还剩下什么：持久化队列会保留持久（persistent）消息；非持久（transient）队列和非持久消息都会丢失。
lesson-durability-step1-title = 两个队列，两种消息
lesson-durability-step1-text = persistent 发布一条 delivery_mode 为 2（持久）的消息；transient 发布一条不带该属性的消息。持久化的 fanout 交换机 jobs 把每条消息复制到两个队列，所以每个队列里都有 2 条消息。
lesson-durability-step2-title = 重启 broker
lesson-durability-step2-text = 重启 broker（restart broker）。durable_queue 保留了下来，但只剩下持久（persistent）消息，非持久（transient）的那条丢了。transient_queue 连同它的两条消息整个消失了，连那条持久消息也没能幸免：只有持久消息放在持久化队列里才是安全的。
lesson-durability-step2-try = 重启之后，让两个生产者再发布一次：持久化交换机 jobs 以及它到 durable_queue 的绑定都保留了下来，所以消息仍然能到达 durable_queue。

## publish-subscribe

lesson-publish-subscribe-title = 发布/订阅
lesson-publish-subscribe-description = fanout 交换机把每条消息复制到每个绑定的队列：每个订阅者都有自己的临时队列，能收到 logs 上的全部日志。
lesson-publish-subscribe-step1-title = 扇出（fanout）
lesson-publish-subscribe-step1-text = emit_log 向 fanout 交换机 logs 发布消息。fanout 交换机不看路由键，把每条消息复制到绑定在它上面的每个队列，所以两个接收者都能收到每一行日志。
lesson-publish-subscribe-step1-try = 再启动一个订阅者：输入 python3 receive_logs.py。会出现一个新的 amq.gen-… 队列，绑定到 logs，从此收到每一行日志。在它的标签页里按 Ctrl+C：它的独占队列会随连接一起被删除。
lesson-publish-subscribe-step2-title = 临时队列
lesson-publish-subscribe-step2-text = 每个接收者的队列在声明时名字留空，所以由 RabbitMQ 来命名（amq.gen-…）；并且声明为独占队列（exclusive），只属于当前连接，连接关闭时就会被删除。
lesson-publish-subscribe-step2-try = 删掉 logs 到其中一个队列的绑定：对应的接收者就收不到日志了，另一个仍然照常收到全部日志。

## routing

lesson-routing-title = 路由
lesson-routing-description = direct 交换机按路由键精确匹配：error 日志写入 disk，所有日志都打印到 screen。
lesson-routing-step1-title = 直连路由（direct）
lesson-routing-step1-text = direct_logs 是一个 direct 交换机：它把消息发给所有绑定键与消息路由键相同的队列，这里的路由键就是日志级别。
lesson-routing-step1-try = 输入 python3 receive_logs_direct.py warning error：一个新队列以两个绑定键绑定到 direct_logs，只收到 warning 和 error，从不收到 info。然后自己发一条：python3 emit_log_direct.py error "disk full"。
lesson-routing-step2-title = 多个绑定
lesson-routing-step2-text = screen 绑定了三次（info、warning、error），disk 只绑定了一次（error）。error 消息会进入两个队列；info 和 warning 只进入 screen。
lesson-routing-step3-title = 没有匹配，就没有投递
lesson-routing-step3-text = 如果没有任何绑定与消息的路由键匹配，消息就在交换机处被丢弃。
lesson-routing-step3-try = 把 warning 生产者的路由键改成 debug：没有绑定能匹配，它的消息都被丢弃。再从 direct_logs 到 screen 添加一个绑定键为 debug 的绑定，就能接住这些消息。

## topics

lesson-topics-title = 主题
lesson-topics-description = topic 交换机逐个单词匹配路由键：* 恰好匹配一个单词，# 匹配零个或多个单词。
lesson-topics-step1-title = 单词与通配符
lesson-topics-step1-text = topic 的路由键是由点号分隔的一串单词。在绑定键中，* 代表恰好一个单词，# 代表零个或多个单词。star 的绑定键是 kern.*，hash 的绑定键是 kern.#。
lesson-topics-step1-try = 输入 python3 receive_logs_topic.py "*.critical"：只有 kern.critical 匹配（一个单词，后面是 critical）。接着 python3 emit_log_topic.py auth.critical "login storm" 也会到达它。
lesson-topics-step2-title = * 与 #
lesson-topics-step2-text = kern.critical 有两个单词：两个绑定都匹配。kern.disk.full 有三个单词：kern.* 要求 kern 后面恰好还有一个单词，所以 star 收不到它，而 kern.# 能匹配。单独的 kern 只有一个单词：只有 kern.# 匹配，因为 # 也可以匹配零个单词。
lesson-topics-step2-try = 发布 auth.info（修改某个生产者的路由键）：两个绑定都不匹配，消息被丢弃。然后把 star 的绑定键改成 *.info 试试。

## headers

lesson-headers-title = headers 交换机
lesson-headers-description = headers 交换机不看路由键，而是匹配消息头：x-match all 要求每个头都匹配，any 只需其中一个匹配。
lesson-headers-step1-title = 按消息头匹配
lesson-headers-step1-text = reports 是一个 headers 交换机：它不看路由键，而是把每个绑定的参数（arguments）与消息头（headers）逐一比较。两个队列的绑定参数都是 format = pdf 和 type = report。
lesson-headers-step2-title = all 与 any
lesson-headers-step2-text = all_pdf_reports 的绑定使用 x-match all：每个头都必须匹配，所以它只收到 pdf report。any_pdf_or_report 的绑定使用 x-match any：匹配一个就够了，所以它收到 pdf report 和 pdf log。zip log 两个都不匹配，被丢弃。
lesson-headers-step2-try = 给一个 x-match any 的绑定加上参数 format = zip，就能看到 zip log 到达；值是精确比较的，所以 "PDF" 不等于 "pdf"。

## rpc

lesson-rpc-title = RPC（远程过程调用）
lesson-rpc-description = 通过队列实现请求与应答：客户端发送带 reply_to 和 correlation_id 的请求；服务端把应答发到客户端的独占应答队列。
lesson-rpc-step1-title = 请求
lesson-rpc-step1-text = rpc client 把每个请求发布到 rpc_queue，并带上两个属性：reply_to，即它自己那个由服务器命名的独占应答队列的名字（amq.gen-…）；以及 correlation_id，依次为 req-1、req-2 等。
lesson-rpc-step1-try = 输入 python3 rpc_client.py 10：这个程序发出自己的请求，带着它自己的应答队列，并以一个 uuid 作为 correlation id，画布上的 rpc server 会回答它。再运行 python3 rpc_server.py，请求就由两个服务器分担。
lesson-rpc-step2-title = 服务端
lesson-rpc-step2-text = rpc server 一次只处理一个请求（预取为 1），每个处理 1 秒，然后把应答发布到默认交换机，以请求的 reply_to 作为路由键，并带上相同的 correlation_id，最后确认这个请求。
lesson-rpc-step3-title = 对上应答
lesson-rpc-step3-text = 应答进入客户端的应答队列，由 client callback 接收。correlation_id 表明它回答的是哪个请求。
lesson-rpc-step3-try = 杀掉 rpc server：请求在 rpc_queue 里等待，也没有应答回来。让它复活，它会按顺序把请求全部答复。

## dead-lettering

lesson-dead-lettering-title = 死信
lesson-dead-lettering-description = 过期或被拒绝的消息会被重新发布到死信交换机（dead-letter exchange），并带上说明原因的 x-death 头。
lesson-dead-lettering-step1-title = 死信交换机
lesson-dead-lettering-step1-text = waiting 和 orders 在声明时都带了 x-dead-letter-exchange = dlx。在这两个队列里“死掉”的消息会被重新发布到 fanout 交换机 dlx，再由它放进 dead_letters。
lesson-dead-lettering-step2-title = 过期
lesson-dead-lettering-step2-text = waiting 的消息 TTL 是 4 秒（x-message-ttl 4000），而且没有消费者：每条消息在队首过期，成为死信，原因（reason）为 expired。
lesson-dead-lettering-step3-title = 被拒绝
lesson-dead-lettering-step3-text = rejecter 对每个订单都调用 basic.reject，且不重新入队（requeue），所以每个订单都成为死信，原因为 rejected。
lesson-dead-lettering-step4-title = x-death 头
lesson-dead-lettering-step4-text = 最后 dead_letters 里会有全部 10 条消息。打开其中一条：它的 x-death 头记录了消息为什么死掉（reason 为 expired 或 rejected）、死在哪个队列、死了几次（count）以及带过哪些路由键。
lesson-dead-lettering-step4-try = 把 rejecter 的处理结果（outcome）改成 nack + requeue：orders 里的订单会被一次又一次地重新投递，而不会成为死信。

## alternate-exchange

lesson-alternate-exchange-title = 备用交换机
lesson-alternate-exchange-description = 交换机无法路由的消息会转给它的备用交换机，而不是被丢弃。
lesson-alternate-exchange-step1-title = 没有匹配的绑定
lesson-alternate-exchange-step1-text = orders 是一个 direct 交换机，只有一个绑定，绑定键为 eu。路由键为 us 的消息匹配不到任何绑定。
lesson-alternate-exchange-step2-title = 备用交换机
lesson-alternate-exchange-step2-text = orders 在声明时带了 alternate-exchange = unrouted。当 orders 找不到接收消息的队列时，就把消息交给 fanout 交换机 unrouted，再由它放进 unrouted_orders。消息不会丢失；即使发布者设置了 mandatory，也不会收到 basic.return，因为这条消息已经被路由了。
lesson-alternate-exchange-step2-try = 添加一个队列，用绑定键 us 把它绑定到 orders：us 的订单就会进入这个队列，不再到达 unrouted。

## max-length

lesson-max-length-title = 队列长度上限
lesson-max-length-description = 队列满了以后，要么丢弃最旧的消息（drop-head），要么拒收新消息（reject-publish）。
lesson-max-length-step1-title = 长度上限
lesson-max-length-step1-text = 两个队列最多都只保存 3 条就绪消息（x-max-length 3）。publisher 每秒发送一条，共 6 条，fanout 交换机 intake 把每条消息复制到两个队列。
lesson-max-length-step2-title = drop-head：丢弃队首
lesson-max-length-step2-text = 第 4 条消息到达时，drop_head 接收它，并从队首丢弃最旧的一条。它始终保留最新的 3 条：最后剩下的是第 4、5、6 条消息。
lesson-max-length-step3-title = reject-publish：拒收新消息
lesson-max-length-step3-text = reject_publish 在满了的时候拒收新消息：它保留第 1、2、3 条消息；而 publisher 使用了发布确认（publisher confirms），所以会对第 4、5、6 条消息收到 basic.nack（drop_head 仍然接收了它们）。
lesson-max-length-step3-try = 给 drop_head 设置一个死信交换机：被丢弃的消息会成为死信，原因为 maxlen，而不是凭空消失。

## priorities

lesson-priorities-title = 优先级
lesson-priorities-description = 在优先级队列中，优先级更高的消息先被投递。
lesson-priorities-step1-title = 优先级队列
lesson-priorities-step1-text = tasks 在声明时带了 x-max-priority 10。优先级更高的消息先投递；优先级相同的消息保持原来的顺序。
lesson-priorities-step2-title = 高优先级插队
lesson-priorities-step2-text = 0.5 秒时到达五条 low 消息（优先级 1），worker 立刻取走 low 1。1 秒时五条 high 消息（优先级 9）到达，排在四条等待中的 low 后面，但 worker 还是先拿到 high 1 到 5，然后才是 low 2 到 5。
lesson-priorities-step2-try = 把 worker 的预取设为 0（不限）：每条 low 消息一到就被它取走，high 消息就没有可以插队的对象了。

## quorum-poison

lesson-quorum-poison-title = 仲裁队列：毒消息
lesson-quorum-poison-description = 仲裁队列会统计每条消息被退回的次数。一条消息反复处理失败，超过 x-delivery-limit 后就会成为死信，原因为 delivery_limit，而不会无休止地循环下去。
lesson-quorum-poison-step1-title = 仲裁队列
lesson-quorum-poison-step1-text = orders 是一个仲裁队列（x-queue-type quorum）：它总是持久化的，重启后每条消息都还在。它的 x-delivery-limit 是 2，死信交换机是 parking。
lesson-quorum-poison-step2-title = 毒消息
lesson-quorum-poison-step2-text = worker 处理每个订单都失败，并以 requeue 方式 nack 它。仲裁队列会统计每一次退回：重新投递的消息先带上 x-delivery-count 1，然后是 2（展开日志行就能看到）。
lesson-quorum-poison-step3-title = 投递上限
lesson-quorum-poison-step3-text = 第三次被退回时，计数（3）超过了上限（2）：订单不再回到队列，而是成为死信，原因为 delivery_limit，落入 parked。每个订单恰好到达 worker 3 次。
lesson-quorum-poison-step3-try = 把投递上限（delivery limit）设为 0：每个订单第一次失败后就被放进 parked。或者清空死信交换机：超过上限的订单会被直接丢弃。
lesson-quorum-poison-step4-title = 停放
lesson-quorum-poison-step4-text = 最后 parked 里有两个订单。打开其中一个：它的 x-death 头写着 reason delivery_limit、queue orders；如果是经典队列，它会被无休止地重新投递下去。

## streams

lesson-streams-title = 流：可以重读
lesson-streams-description = 流（stream）是一个只追加的日志：每个消费者都从自己的偏移量（offset）开始，按自己的节奏读取每一条消息，确认也不会删除任何消息。
lesson-streams-step1-title = 是日志，不是队列
lesson-streams-step1-text = events 是一个流（x-queue-type stream）。每次发布都把消息追加到下一个偏移量（0、1、2……）。消费者必须手动确认并设置预取，而且每个消费者都用 x-stream-offset 指定从哪里开始读。
lesson-streams-step2-title = 人人都读全部消息
lesson-streams-step2-text = dashboard 和 archive 都收到了全部 6 条读数；它们不像经典队列的消费者那样分摊消息。每次投递都带有 x-stream-offset 头。
lesson-streams-step3-title = 各自的偏移量
lesson-streams-step3-text = dashboard（预取 10，处理得快）已经读到最新的偏移量，而 archive（预取 1，每条消息 2.5 秒）还在读旧消息：每个消费者都有自己的偏移量。确认不会删除任何消息：流里仍然保存着全部 6 条读数。
lesson-streams-step4-title = 再读一遍
lesson-streams-step4-text = archive 从 x-stream-offset first 开始读，dashboard 从 next 开始。保留策略（x-max-length-bytes、x-max-age）删除的是整个段（segment），而不是已确认的消息。
lesson-streams-step4-try = 等读数都进来之后重启 broker：archive 会从偏移量 0 开始把整个流再读一遍，而 dashboard（next）只等新的读数。
