//! What the queue inspector shows for each queue type: the settings the
//! type takes (from the engine's argument table) and why the others are
//! absent.

use super::table_text::field_label;
use crate::engine::queue_args::{table, QueueArg, QueueType};
use crate::i18n::Msg;

/// True when the inspector shows the field for argument `key` on a queue
/// of type `t`.
pub fn shows(t: QueueType, key: &str) -> bool {
    table::accepts(t, key)
}

/// The settings with fields of their own that a queue of type `t` does
/// not take.
pub fn absent(t: QueueType) -> Vec<&'static QueueArg> {
    table::fields().filter(|a| !a.types.contains(&t)).collect()
}

/// One sentence on what a queue type is and why some settings are absent.
pub fn about(t: QueueType) -> Msg {
    msg!("editor-queue-about", type = t.as_str())
}

/// The sentence listing the settings a type does not take, e.g. "Not for
/// a quorum queue: Max priority (x-max-priority)."; None when it takes all.
pub fn absent_note(t: QueueType) -> Option<Msg> {
    let settings =
        absent(t).iter().map(|a| msg!("editor-arg-with-key", field = field_label(a.key), key = a.key)).collect();
    Some(msg!("editor-queue-absent", type = t.as_str(), settings = list(settings)?))
}

/// Phrases as one list ("a, b, c"; in Chinese "a、b、c"); None when empty.
pub fn list(mut items: Vec<Msg>) -> Option<Msg> {
    let last = items.pop()?;
    Some(items.into_iter().rev().fold(last, |rest, first| msg!("editor-list", first = first, rest = rest)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn each_type_shows_its_own_settings_and_names_the_others() {
        assert!(shows(QueueType::Classic, "x-max-priority"));
        assert!(!shows(QueueType::Quorum, "x-max-priority"));
        assert!(shows(QueueType::Quorum, "x-delivery-limit"));
        assert!(!shows(QueueType::Stream, "x-message-ttl"));
        assert!(shows(QueueType::Stream, "x-max-age"));
        let note = absent_note(QueueType::Quorum).unwrap().english();
        assert!(note.contains("Max priority (x-max-priority)"), "{note}");
        assert!(!note.contains("x-delivery-limit"), "{note}");
        for t in QueueType::ALL {
            // Every field is either shown or named as absent.
            for a in table::fields() {
                assert!(shows(t, a.key) != absent(t).iter().any(|x| x.key == a.key), "{t:?} {}", a.key);
            }
        }
    }

    #[test]
    fn the_absent_settings_read_as_a_list_in_either_language() {
        let note = absent_note(QueueType::Quorum).unwrap();
        assert_eq!(
            note.english(),
            "Not for a quorum queue: Max priority (x-max-priority), Max age (x-max-age), \
             Segment size (x-stream-max-segment-size-bytes)."
        );
        assert_eq!(
            note.render(Lang::Zh),
            "仲裁队列不支持：最大优先级（x-max-priority）、最长保留时间（x-max-age）、\
             段大小（x-stream-max-segment-size-bytes）。"
        );
        let stream = absent_note(QueueType::Stream).unwrap();
        assert!(stream.english().starts_with("Not for a stream: Queue expiry (x-expires), Message TTL"), "{stream:?}");
        assert!(stream.render(Lang::Zh).starts_with("流不支持：队列过期（x-expires）、消息 TTL"), "{stream:?}");
        assert!(about(QueueType::Stream).render(Lang::Zh).contains("只追加的日志"));
    }
}
