# Warren 的中文界面：工作区（顶栏菜单、时钟栏、组件面板、课程、讲解、文件、
# 分享对话框、横幅、自动保存、嵌入外框、手机标签页、启动）。每条消息与
# ../en/workspace.ftl 中的同名消息一一对应，变量相同。

## Banners

workspace-banner-undo = 撤销
workspace-banner-load-newer = 载入较新的副本
workspace-banner-download = 下载保存
workspace-banner-export = 导出场景
workspace-banner-more-lines = ……还有 { $more } 条
workspace-banner-show-more = 再显示 { $count } 条
workspace-banner-dismiss = 关闭
workspace-banners =
    .aria-label = 通知

## Files

workspace-file-refused = { $name } 没有打开：{ $what }。工作区保持不变。
workspace-file-opened = 已打开 { $name }。撤销即可恢复之前的内容。
workspace-file-not-scenario = 它不是有效的 Warren 场景文件
workspace-file-not-definitions = 它不是 Warren 能导入的 RabbitMQ 定义文件（definitions）
workspace-file-neither = 它既不是 Warren 场景（.warren.json），也不是 RabbitMQ 的 definitions.json
workspace-file-too-large = 文件太大
workspace-file-size = 文件有 { $bytes } 字节，上限是 { $limit } 字节
workspace-file-imported = 已导入 { $name }（虚拟主机 { $vhost }）。撤销即可恢复之前的内容。
workspace-file-imported-warnings = 已导入 { $name }（虚拟主机 { $vhost }），有 { $count } 条警告：文件里的内容没有全部放到画布上。撤销即可恢复之前的内容。
workspace-definitions-saved = 已保存 { $file }：用 rabbitmqctl import_definitions { $file } 导入。
workspace-definitions-saved-without = 已保存 { $file }，有 { $count } 项内容定义文件无法保存，已略去：

## The saved workspace

workspace-saved-at = 位置 { $path }：{ $what }
workspace-saved-too-large = 保存的副本有 { $bytes } 字节，上限是 { $limit }
workspace-saved-not-json = 不是有效的 JSON：{ $error }（第 { $line } 行，第 { $column } 列）
workspace-saved-not-object = 保存的工作区应当是一个 JSON 对象
workspace-saved-version = 未知的版本 { $found }：这个 Warren 只能读取版本 { $version }
workspace-saved-not-warren = 缺失：这不是 Warren 保存的工作区
workspace-saved-not-string = 必须是字符串
workspace-saved-not-number = 必须是数字
workspace-saved-missing = 缺失

## Start

workspace-start-fallback-saved = 已改为打开自动保存的工作区
workspace-start-fallback-empty = 已改为打开一个空的工作区
workspace-start-a-shared-scenario = 一个分享的场景
workspace-start-the-shared-scenario = 分享的场景“{ $title }”
workspace-start-opened-link = 已打开{ $what }。撤销即可回到之前的工作区。
workspace-start-link-refused = 分享链接无法打开：{ $fallback }。
workspace-start-opened-lesson = 已打开课程“{ $title }”。撤销即可回到之前的工作区。
workspace-start-lesson-unnamed = 地址要打开一节课，却没有写课名：{ $fallback }。
workspace-start-lesson-unknown = 没有名为“{ $name }”的课程：{ $fallback }。
workspace-start-lessons-are = 现有课程：{ $slugs }。
workspace-start-damaged-session = 这个标签页自动保存的工作区
workspace-start-damaged-local = 自动保存的工作区
workspace-start-damaged-kept = 它已保存在本浏览器的存储中，键名为“{ $key }”。
workspace-start-damaged-not-kept = 它无法另存（{ $why }），下次自动保存会覆盖它：请下载保存。
workspace-start-damaged = { $whose }无法读取，因此没有打开。{ $kept }

## Autosave

workspace-autosave-failed = 自动保存失败：{ $why }。你的工作还在，但刷新页面会丢失最近的修改：请把场景另存为文件。
workspace-other-tab-saved = 另一个标签页在 { $time } 保存了另一份工作区。可以在这里载入它，也可以保留当前的：你在这里的下一次修改会覆盖它。
workspace-other-tab-saved-titled = 另一个标签页在 { $time } 保存了另一份工作区（“{ $title }”）。可以在这里载入它，也可以保留当前的：你在这里的下一次修改会覆盖它。

## File menu

workspace-file-menu = 文件
    .title = 打开、保存、导入和导出
workspace-file-heading-warren = Warren 场景
workspace-file-open-scenario = 打开场景文件…
    .description = 一个 .warren.json 文件（也可以直接拖到页面上）
workspace-file-save-scenario = 保存场景文件
    .description = 画布上的全部内容，保存为 .warren.json
workspace-file-import-definitions = 导入 definitions.json…
    .description = 来自 rabbitmqctl 或管理界面的交换机、队列和绑定
workspace-file-export-definitions = 导出 definitions.json
    .description = 供 rabbitmqctl import_definitions 使用
workspace-file-export-code = 导出代码（Python pika）
    .description = 一个在真实 broker 上运行这个场景的程序
workspace-file-unreadable = 无法读取 { $name }。工作区保持不变。
workspace-file-unsaved = 无法保存 { $name }。
workspace-code-saved = 已保存 { $name }：对本机（localhost）上的 RabbitMQ 运行 python3 { $name }（需先 pip install pika）。

## Clock bar

workspace-clock =
    .aria-label = 时钟
workspace-clock-play = 播放
    .title = 播放或暂停虚拟时钟（空格键）
workspace-clock-pause = 暂停
workspace-clock-step = 单步
    .title = 跳到下一件要发生的事（. 键）
workspace-clock-speed = 速度
    .title = 每真实毫秒对应的虚拟毫秒数
workspace-clock-time =
    .title = 虚拟时间
workspace-clock-reset = 重置
    .title = 用一个全新的 broker，从时间零点重新开始这个场景
workspace-clock-restart = 重启 broker
    .title = 重启 broker：只有持久化的交换机和队列，以及持久化队列中的持久化消息会保留下来

## Palette

workspace-palette = 组件
    .aria-label = 节点组件面板
workspace-palette-exchanges = 交换机
workspace-palette-queues = 队列与消费者
workspace-palette-hint = 拖到画布上，或点击放置。再从节点的 ● 端口拖到另一个节点，把它们连起来。

## Share dialog

workspace-share = 分享
    .title = 生成一个包含整个场景的链接
workspace-share-dialog = 分享链接
workspace-share-close =
    .aria-label = 关闭
workspace-share-lead = 打开这个链接的人会看到一模一样的场景：拓扑、位置、行为、速度和讲解。不会上传任何东西：一切都在链接里。
workspace-share-copy = 复制链接
workspace-share-done = 完成
workspace-share-the-link = 链接
workspace-share-long = 有些聊天和邮件软件会截断超过约 2000 个字符的链接：如果对方收到的链接不完整，请改为发送场景文件（文件 → 保存场景文件）。
workspace-share-embed = 嵌入到网页中（iframe）

## Embed chrome

workspace-open-in-warren = 在 Warren 中打开 ↗
    .title = 在完整的 Warren 演练场中打开这个场景（新标签页）

## Dropping a file, links, phone tabs

workspace-drop-title = 松开即可打开
workspace-drop-what = Warren 场景（.warren.json）或 RabbitMQ 的 definitions.json
workspace-drop-undo = 画布上现有的内容，撤销一步即可找回。
workspace-link-opened = 已打开分享的场景。撤销即可恢复之前的内容。
workspace-link-refused = 分享链接无法打开：工作区保持不变。
workspace-phone-tabs =
    .aria-label = 面板

## Narration

workspace-narration = 讲解
workspace-narration-step = 第 { $step } 步，共 { $count } 步
workspace-narration-previous = ‹ 上一步
    .aria-label = 上一步
workspace-narration-next = 下一步 ›
    .aria-label = 下一步
workspace-narration-hide = 收起
    .title = 收起讲解
workspace-narration-show = 展开
    .title = 展开讲解
workspace-narration-try = 试一试：

## Lessons

workspace-lessons = 课程
    .title = 打开一节内置课程（当前的工作撤销一步即可找回）
workspace-lessons-heading = 每节课一步一步演示一篇 RabbitMQ 教程。
workspace-lesson-opened = 已打开课程“{ $title }”。撤销即可恢复之前的内容。
