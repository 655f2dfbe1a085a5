# 模拟器自己的用语（src/simulation/）：它自己解释的拒绝，以及暂停的原因。
# 每条消息都与 ../en/ 中同名、同变量的消息对应。

simulation-refused-redeclare = broker 里已经有一个同名但设置不同的对象，而重复声明（declare）无法修改它的设置：broker 保留原有的设置（显示在节点上）。
simulation-paused-ready = 已暂停：队列里有 { $ready } 条消息在等待，超过了 { $limit } 条的上限。清空（purge）某个队列、增加消费者或放慢生产者，然后再按播放。
simulation-paused-events = 已暂停：一个时钟周期内产生了 { $events } 个 broker 事件，超过了 { $limit } 个的上限。可能有什么在循环（死信或重新入队形成了环？），或者生产得太快了。
