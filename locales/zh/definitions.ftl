# 导入和导出 RabbitMQ 定义文件（src/definitions/）：文件为什么被拒绝，
# 以及练习场略过了哪些内容。每条消息都与 ../en/ 中同名、同变量的消息对应。
# $text 是 RabbitMQ 自己的回复文本或解析器的消息，保持原样。

definitions-warning-at = { $path }：{ $message }
definitions-error-at = 位置 { $path }：{ $message }
definitions-names = { $names }{ $more ->
    [0] {""}
   *[other] 等，另有 { $more } 个
}

## 整个文件被拒绝

definitions-too-large = 文件大小为 { $bytes } 字节，上限是 { $limit } 字节
definitions-empty = 文件是空的
definitions-not-json = 不是有效的 JSON：{ $error }（第 { $line } 行，第 { $column } 列）
definitions-not-object = 定义文件应当是一个包含 exchanges、queues 和 bindings 的 JSON 对象
definitions-is-scenario = 这是一个 Warren 场景文件，不是 RabbitMQ 定义文件：请把它作为场景打开
definitions-no-known-key = 不是 RabbitMQ 定义文件：exchanges、queues、bindings、vhosts、rabbit_version 这些键一个都没有
definitions-null-argument = null 不是 AMQP 值（RabbitMQ 会拒绝它）：删掉这个参数，或者给它一个值
definitions-name-too-long = { $what ->
    [exchange] 交换机名称
    [queue] 队列名称
   *[binding-key] 绑定键
}长 { $bytes } 字节；AMQP 名称最多 255 字节
definitions-name-control = { $what ->
    [exchange] 交换机名称
    [queue] 队列名称
   *[binding-key] 绑定键
}里含有控制字符
definitions-destination-type = '{ $kind }' 不是有效的目标类型：请用 "queue" 或 "exchange"
definitions-invalid-scenario = 导入得到的场景无效：{ $error }
definitions-too-many = 虚拟主机 '{ $vhost }' 中有 { $count } 个{ $list ->
    [exchanges] 交换机
    [queues] 队列
   *[bindings] 绑定
}；Warren 最多容纳 { $most } 个
definitions-no-vhost = 这个文件里没有虚拟主机 '{ $vhost }'；它有 { $names }

## 导入得到的场景

definitions-title-version = 来自 RabbitMQ { $version } 的定义
definitions-title = 导入的定义
definitions-description = 从定义文件导入（虚拟主机 '{ $vhost }'）：{ $exchanges } 个交换机、{ $queues } 个队列、{ $bindings } 个绑定。

## 导入时略过的内容

definitions-skip-users = 略过了 { $count } 个用户（{ $names }）：Warren 没有用户和登录
definitions-skip-permissions = 略过了 { $count } 条权限：Warren 不检查权限
definitions-skip-topic-permissions = 略过了 { $count } 条主题权限（topic permission）：Warren 不检查权限
definitions-skip-parameter = 略过了运行时参数 '{ $name }'（{ $component }，虚拟主机 '{ $vhost }'）：Warren 没有 federation、shovel 这类插件
definitions-skip-global-parameters = 略过了 { $count } 个全局参数（{ $names }）
definitions-skip-policy = 略过了策略 '{ $name }'（虚拟主机 '{ $vhost }'，匹配模式 '{ $pattern }'，作用于 { $applies_to }：{ $keys }）：Warren 不应用策略（policy）；把这些设置写成队列或交换机的参数，就能看到效果
definitions-policy-nothing = 无
definitions-skip-vhost = 略过了虚拟主机 '{ $vhost }'（{ $exchanges } 个交换机、{ $queues } 个队列、{ $bindings } 个绑定）：Warren 只模拟一个虚拟主机；重新导入并选择 '{ $vhost }' 就能看到它
definitions-skip-default-exchange = 默认交换机总是存在；已略过
definitions-why-amq-exchange = amq.* 交换机由 RabbitMQ 预先声明
definitions-skip-amq-exchange = 略过了交换机 '{ $exchange }'：以 'amq.' 开头的名称保留给 RabbitMQ 自己的交换机
definitions-why-type = 它的类型 '{ $kind }' 没有被模拟
definitions-skip-plugin-type = 略过了交换机 '{ $exchange }'：它的类型 '{ $kind }' 来自插件，Warren 不模拟（只支持 direct、fanout、topic 和 headers）
definitions-exchange-twice = 交换机 '{ $exchange }' 出现了两次；保留第一个
definitions-alternate-missing = 交换机 '{ $exchange }'：它的备用交换机 '{ $alternate }' 不在导入内容中：在它出现之前，无法路由的消息都会被丢弃
definitions-skip-server-named = 略过了一个名称为空的队列：由服务器命名的队列无法按名称声明
definitions-why-amq-queue = 以 'amq.' 开头的名称是保留的
definitions-skip-amq-queue = 略过了队列 '{ $queue }'：以 'amq.' 开头的名称是保留的（RabbitMQ 导入时也会略过）
definitions-queue-twice = 队列 '{ $queue }' 出现了两次；保留第一个
definitions-refused-arguments = { $text }：按原样保留；在修正之前，broker 会拒绝这个队列
definitions-dlx-missing = 队列 '{ $queue }'：它的死信交换机 '{ $exchange }' 不在导入内容中；在它出现之前，死信都会被丢弃
definitions-from-default = 来自默认交换机
definitions-from = 来自 '{ $source }'
definitions-binding = 绑定（{ $source } → { $kind } '{ $destination }'，绑定键 '{ $key }'）
definitions-skip-binding-default = 略过了{ $binding }：默认交换机的绑定是隐式的
definitions-skip-binding = 略过了{ $binding }：{ $why }
definitions-why-source-skipped = 它的源交换机已被略过（{ $why }）
definitions-why-source-missing = 它的源交换机 '{ $source }' 不在文件里
definitions-why-destination-skipped = 它的目标已被略过（{ $why }）
definitions-why-destination-missing = 它的目标 { $kind } '{ $destination }' 不在文件里

## 导出时略过的内容

definitions-export-server-named = 由服务器命名的队列（名称为空）不会被导出：它的名字由 broker 在客户端声明时分配，所以应当由客户端代码声明
definitions-export-exclusive = 独占队列 '{ $queue }' 不会被导出：它属于声明它的那个连接（RabbitMQ 从不导出独占队列）
definitions-export-refused-arguments = 队列 '{ $queue }' 不会被导出：broker 拒绝它的参数（{ $text }）
definitions-export-from-default = 来自默认交换机的绑定不会被导出：RabbitMQ 会拒绝它（403）
definitions-export-x-match = 来自 '{ $source }' 的绑定不会被导出：它的 x-match 必须是 all、any、all-with-x 或 any-with-x（否则 broker 会拒绝）
definitions-export-to-left-out = 来自 '{ $source }'（绑定键 '{ $key }'）、指向未导出队列的绑定也一并略过
definitions-export-to-default = 指向默认交换机的绑定不会被导出：RabbitMQ 会拒绝它（403）
definitions-export-reserved = { $what ->
    [queue] 队列
   *[exchange] 交换机
} '{ $name }' 不会被导出：以 'amq.' 开头的名称是保留的（RabbitMQ 会略过它们）
