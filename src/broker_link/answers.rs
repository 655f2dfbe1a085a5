//! The management API's answers, read leniently (unknown keys ignored,
//! missing counts zero): the parts Warren shows or decides with.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use super::Failure;

/// Reads an answer, or says what was not as expected.
pub fn read<T: DeserializeOwned>(what: &str, body: &str) -> Result<T, Failure> {
    serde_json::from_str(body).map_err(|e| Failure::BadAnswer(format!("{what}: {e}")))
}

/// `GET /api/whoami`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct WhoAmI {
    /// The user.
    #[serde(default)]
    pub name: String,
    /// Its tags (a list, or in older versions a comma-separated string).
    #[serde(default, deserialize_with = "tags")]
    pub tags: Vec<String>,
}

impl WhoAmI {
    /// Whether the user has the administrator tag.
    pub fn is_administrator(&self) -> bool {
        self.tags.iter().any(|t| t == "administrator")
    }
}

fn tags<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect(),
        Value::Array(items) => items.into_iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    })
}

/// One entry of `GET /api/vhosts`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct VhostInfo {
    /// Its name.
    pub name: String,
}

/// A `*_details` object: the rate per second.
#[derive(Clone, Copy, Debug, Default, PartialEq, Deserialize)]
pub struct Rate {
    /// Messages per second.
    #[serde(default)]
    pub rate: f64,
}

/// A queue's or exchange's `message_stats` (absent until traffic).
#[derive(Clone, Copy, Debug, Default, PartialEq, Deserialize)]
pub struct MessageStats {
    /// Queue: messages published in.
    #[serde(default)]
    pub publish_details: Rate,
    /// Queue: deliveries and gets.
    #[serde(default)]
    pub deliver_get_details: Rate,
    /// Queue: acks.
    #[serde(default)]
    pub ack_details: Rate,
    /// Exchange: messages published to it.
    #[serde(default)]
    pub publish_in_details: Rate,
    /// Exchange: messages it routed on.
    #[serde(default)]
    pub publish_out_details: Rate,
}

/// One entry of `GET /api/queues/{vhost}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct QueueInfo {
    /// Name.
    pub name: String,
    /// Ready messages.
    #[serde(default)]
    pub messages_ready: u64,
    /// Delivered, not yet acknowledged.
    #[serde(default)]
    pub messages_unacknowledged: u64,
    /// Consumers.
    #[serde(default)]
    pub consumers: u64,
    /// Rates.
    #[serde(default)]
    pub message_stats: MessageStats,
}

/// One entry of `GET /api/exchanges/{vhost}`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct ExchangeInfo {
    /// Name (`""` for the default exchange).
    pub name: String,
    /// Rates.
    #[serde(default)]
    pub message_stats: MessageStats,
}

/// The queue a consumer reads (`{"name", "vhost"}`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct QueueRef {
    /// Queue name.
    pub name: String,
}

/// The channel a consumer is on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct ChannelRef {
    /// The channel's name (`127.0.0.1:50000 -> 127.0.0.1:5672 (1)`).
    #[serde(default)]
    pub name: String,
    /// The connection's name as the client set it, if it did.
    #[serde(default)]
    pub connection_name: String,
}

/// One entry of `GET /api/consumers/{vhost}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct ConsumerInfo {
    /// The queue.
    pub queue: QueueRef,
    /// Consumer tag.
    #[serde(default)]
    pub consumer_tag: String,
    /// Manual acknowledgements.
    #[serde(default)]
    pub ack_required: bool,
    /// Prefetch (0: unlimited).
    #[serde(default)]
    pub prefetch_count: u64,
    /// Exclusive consumer.
    #[serde(default)]
    pub exclusive: bool,
    /// Its channel.
    #[serde(default)]
    pub channel_details: ChannelRef,
}

/// The answer of `POST /api/exchanges/{vhost}/{name}/publish`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Published {
    /// Whether at least one queue received it.
    pub routed: bool,
}

/// One message of `POST /api/queues/{vhost}/{name}/get`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct GotMessage {
    /// The body (as a string with `"encoding": "auto"` for text).
    #[serde(default)]
    pub payload: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_leniently() {
        let me: WhoAmI = read("whoami", r#"{"name":"guest","tags":["administrator"]}"#).unwrap();
        assert!(me.is_administrator());
        let old: WhoAmI = read("whoami", r#"{"name":"u","tags":"management, policymaker"}"#).unwrap();
        assert_eq!(old.tags, ["management", "policymaker"]);
        let q: Vec<QueueInfo> = read(
            "queues",
            r#"[{"name":"q1","messages_ready":17,"messages_unacknowledged":3,"consumers":1,"durable":false,
                "message_stats":{"publish":20,"publish_details":{"rate":2.5},"deliver_get_details":{"rate":0.5}}},
                {"name":"idle"}]"#,
        )
        .unwrap();
        assert_eq!((q[0].messages_ready, q[0].messages_unacknowledged, q[0].consumers), (17, 3, 1));
        assert_eq!(q[0].message_stats.publish_details.rate, 2.5);
        assert_eq!(q[1], QueueInfo { name: "idle".into(), ..Default::default() });
        let bad = read::<Vec<QueueInfo>>("queues", "{}").unwrap_err();
        assert!(bad.title().english().contains("queues"), "{bad}");
    }
}
