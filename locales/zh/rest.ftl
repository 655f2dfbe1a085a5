# Warren 的中文文案：浏览器的失败（src/web/）和运行器对进程的说明
# （src/runner/）。每条消息都与 ../en/rest.ftl 中同 id、同变量的消息对应。

## 浏览器的失败（浏览器自己给出的原因保持原样）

web-browser-no-window = 这个页面没有 window 对象
web-browser-no-document = 这个页面没有可以放入下载链接的 document
web-browser-no-storage = 浏览器没有为这个页面提供存储
web-browser-storage-full = 浏览器为这个网站提供的存储空间已满
web-browser-not-text = 这个文件不是文本
web-browser-unknown = 未知错误

## 运行器停止进程时的说明

runner-note-spin = Warren 停止了这个程序：它连续执行了 { $budget } 步却从未等待过，会一直空转下去，拖住其他所有程序。需要等待某件事的循环，应当在 pika 或 time 中等待：channel.start_consuming()、connection.process_data_events(time_limit=1) 或 time.sleep(1)。
runner-note-ended-by-load = 已结束：演练场停止了它（它的连接已关闭）
