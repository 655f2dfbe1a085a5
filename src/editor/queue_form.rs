//! What the queue inspector shows for each queue type: the settings the
//! type takes (from the engine's argument table) and why the others are
//! absent.

use crate::engine::queue_args::{table, QueueArg, QueueType};

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
pub fn about(t: QueueType) -> &'static str {
    match t {
        QueueType::Classic => "A classic queue: messages leave it when acked; it may be transient, exclusive or auto-delete.",
        QueueType::Quorum => "A quorum queue: replicated and always durable, it keeps every message across a restart and counts redeliveries (x-delivery-count); it has no priorities and cannot be exclusive or auto-delete.",
        QueueType::Stream => "A stream: an append-only log. Acks remove nothing; each consumer (prefetch and manual acks required) reads from its own offset. Retention removes whole segments, so it keeps somewhat more than its limits.",
    }
}

/// The sentence listing the settings a type does not take, e.g. "Not for
/// a quorum queue: Max priority (x-max-priority)."; None when it takes all.
pub fn absent_note(t: QueueType) -> Option<String> {
    let list: Vec<String> = absent(t).iter().map(|a| format!("{} ({})", a.field.unwrap_or(a.key), a.key)).collect();
    let kind = match t {
        QueueType::Classic => "a classic queue",
        QueueType::Quorum => "a quorum queue",
        QueueType::Stream => "a stream",
    };
    (!list.is_empty()).then(|| format!("Not for {kind}: {}.", list.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_type_shows_its_own_settings_and_names_the_others() {
        assert!(shows(QueueType::Classic, "x-max-priority"));
        assert!(!shows(QueueType::Quorum, "x-max-priority"));
        assert!(shows(QueueType::Quorum, "x-delivery-limit"));
        assert!(!shows(QueueType::Stream, "x-message-ttl"));
        assert!(shows(QueueType::Stream, "x-max-age"));
        let note = absent_note(QueueType::Quorum).unwrap();
        assert!(note.contains("Max priority (x-max-priority)"), "{note}");
        assert!(!note.contains("x-delivery-limit"), "{note}");
        for t in QueueType::ALL {
            // Every field is either shown or named as absent.
            for a in table::fields() {
                assert!(shows(t, a.key) != absent(t).iter().any(|x| x.key == a.key), "{t:?} {}", a.key);
            }
        }
    }
}
