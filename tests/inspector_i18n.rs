//! The inspector's catalogue (`locales/*/inspector.ftl`): its choices and
//! counts come out as the forms showed them in English, and in Chinese
//! with the AMQP names, argument names and codes kept as they are.

use warren::i18n::{text, Arg, Lang, MsgId, VarId};
use warren::{id, var};

fn say(lang: Lang, id: MsgId, args: &[(VarId, Arg)]) -> String {
    text(lang, id, args)
}

#[test]
fn choices_follow_the_value_they_describe() {
    let kind = |k: &str| [(var!("kind"), Arg::from(k))];
    assert_eq!(
        say(Lang::En, id!("inspector-exchange-type-hint"), &kind("topic")),
        "topic: keys are words separated by dots; * matches one word, # zero or more"
    );
    let zh = say(Lang::Zh, id!("inspector-exchange-type-hint"), &kind("headers"));
    assert!(zh.starts_with("headers：") && zh.contains("x-match"), "{zh}");
    assert_eq!(
        say(Lang::En, id!("inspector-outcome"), &[(var!("outcome"), Arg::from("nack_requeue"))]),
        "nack + requeue"
    );
    assert_eq!(
        say(Lang::En, id!("inspector-overflow-choice"), &[(var!("mode"), Arg::from("unset"))]),
        "not set (drop-head)"
    );
    assert_eq!(
        say(Lang::Zh, id!("inspector-consumer-status"), &[(var!("status"), Arg::from("refused"))]),
        "broker 拒绝了 basic.consume"
    );
}

#[test]
fn counts_and_sentences_with_numbers() {
    let offsets = |segments: u32| {
        [(var!("first"), Arg::from(0)), (var!("last"), Arg::from(41)), (var!("segments"), Arg::from(segments))]
    };
    assert_eq!(
        say(Lang::En, id!("inspector-stream-offsets"), &offsets(1)),
        "Offsets 0 to 41 in 1 segment; consumers read from their own offset and acks remove nothing."
    );
    assert!(say(Lang::En, id!("inspector-stream-offsets"), &offsets(3)).contains("in 3 segments;"));
    assert_eq!(
        say(Lang::Zh, id!("inspector-stream-offsets"), &offsets(3)),
        "偏移量 0 到 41，共 3 段；每个消费者从自己的偏移量读取，确认不会删除任何消息。"
    );
    let n = |c: usize| [(var!("count"), Arg::from(c))];
    assert_eq!(say(Lang::En, id!("inspector-count-queues"), &n(1)), "queue");
    assert_eq!(say(Lang::En, id!("inspector-count-queues"), &n(2)), "queues");
    assert_eq!(say(Lang::Zh, id!("inspector-count-queues"), &n(2)), "个队列");
    assert_eq!(say(Lang::En, id!("inspector-title-selected"), &n(3)), "3 nodes selected");
    assert_eq!(say(Lang::Zh, id!("inspector-title-selected"), &n(3)), "已选中 3 个节点");
}

#[test]
fn amqp_terms_stay_in_the_chinese_labels() {
    for (id, kept) in [
        (id!("inspector-prefetch"), "basic.qos"),
        (id!("inspector-dead-letter-exchange"), "x-dead-letter-exchange"),
        (id!("inspector-default-exchange-about"), "403 ACCESS_REFUSED"),
        (id!("inspector-mandatory-hint"), "312 NO_ROUTE"),
        (id!("inspector-queue-name-hint"), "amq.gen-…"),
    ] {
        let zh = say(Lang::Zh, id, &[]);
        assert!(zh.contains(kept), "{id:?}: {zh}");
        assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{id:?} is Chinese: {zh}");
    }
    let body = say(Lang::En, id!("inspector-body-hint"), &[(var!("placeholder"), Arg::from("{n}"))]);
    assert_eq!(body, "{n} becomes the message's number");
}
