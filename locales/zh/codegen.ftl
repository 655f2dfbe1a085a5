# Warren 的中文用语：导出的 pika 程序中的注释（代码本身在各语言下都一样）。
# 每条消息在 ../en/codegen.ftl 中都有对应条目。多行的消息会变成多行注释。

codegen-generated = 由 Warren 根据演练场（playground）中的场景生成。
codegen-runs = 用 pika 1.3 在 localhost 上的真实 RabbitMQ 中运行这个场景：
codegen-stop = 按 Ctrl+C 停止。
codegen-queues = 队列节点 id -> 队列名（由服务器命名的队列在声明时才得到名字）。
codegen-declared = 属于某个连接的队列：声明并绑定完成后置位。
codegen-print-lock =
    消费者和生产者在各自的线程中运行：print() 会分开写出一行的文字和换行符，
    两个线程打印的内容可能会粘在同一行里。
codegen-publish-now = 在演练场中，这个生产者是在你按下“publish now”（立即发布）时发布消息的。
codegen-crash =
    在演练场中，这个消费者会在这里崩溃：它的信道关闭，
    RabbitMQ 把它未确认（unacked）的消息重新放回队列，并标记为重新投递（redelivered）。
codegen-never-acks = 从不确认：消息会一直处于未确认状态，直到连接关闭
codegen-connection-queues = 这个连接上没有消费者声明的队列：它们与连接同生共死。
codegen-client-generated = 由 Warren 生成：演练场场景中的一个客户端，使用 pika 1.3。
