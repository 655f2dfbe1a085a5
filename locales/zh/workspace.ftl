# Warren 的中文界面：工作区（顶栏菜单、时钟栏、组件面板、课程、讲解、文件、
# 分享对话框、横幅、自动保存、嵌入外框、手机标签页、启动）。每条消息与
# ../en/workspace.ftl 中的同名消息一一对应，变量相同。

## Banners

workspace-verbatim = { $text }
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
