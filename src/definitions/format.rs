//! The shapes of a RabbitMQ definitions file, as `rabbitmqctl
//! export_definitions` and the management API (`GET /api/definitions`)
//! write them: serde types that read leniently (unknown keys are ignored,
//! missing flags default to false) and write every key RabbitMQ's importer
//! reads.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A whole definitions file. Only the parts Warren uses are typed; the
/// rest is kept as JSON so it can be reported.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(expecting = "a definitions object")]
pub struct Definitions {
    /// RabbitMQ version that wrote the file (older key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rabbit_version: Option<String>,
    /// RabbitMQ version that wrote the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rabbitmq_version: Option<String>,
    /// Management exports: the product name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_name: Option<String>,
    /// Management exports: the product version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_version: Option<String>,
    /// Users (skipped on import).
    #[serde(default, deserialize_with = "list")]
    pub users: Vec<Value>,
    /// Virtual hosts.
    #[serde(default, deserialize_with = "list")]
    pub vhosts: Vec<VhostDef>,
    /// Permissions (skipped on import).
    #[serde(default, deserialize_with = "list")]
    pub permissions: Vec<Value>,
    /// Topic permissions (skipped on import).
    #[serde(default, deserialize_with = "list")]
    pub topic_permissions: Vec<Value>,
    /// Runtime parameters: federation, shovels, ... (skipped on import).
    #[serde(default, deserialize_with = "list")]
    pub parameters: Vec<Value>,
    /// Global parameters: cluster name, ... (skipped on import).
    #[serde(default, deserialize_with = "list")]
    pub global_parameters: Vec<Value>,
    /// Policies (skipped on import, each reported).
    #[serde(default, deserialize_with = "list")]
    pub policies: Vec<Value>,
    /// Queues.
    #[serde(default, deserialize_with = "list")]
    pub queues: Vec<QueueDef>,
    /// Exchanges.
    #[serde(default, deserialize_with = "list")]
    pub exchanges: Vec<ExchangeDef>,
    /// Bindings.
    #[serde(default, deserialize_with = "list")]
    pub bindings: Vec<BindingDef>,
}

/// Reads a list, taking `null` as an empty one (some tools write that).
fn list<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// Reads an argument table, taking `null` or absence as an empty one.
fn table<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Map<String, Value>, D::Error> {
    Ok(Option::<Map<String, Value>>::deserialize(d)?.unwrap_or_default())
}

/// A virtual host.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(expecting = "a vhost object with a name")]
pub struct VhostDef {
    /// Its name.
    pub name: String,
}

/// An exchange.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "an exchange object")]
pub struct ExchangeDef {
    /// Name.
    pub name: String,
    /// Virtual host (absent in a per-vhost export).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vhost: Option<String>,
    /// Type: direct, fanout, topic, headers (or a plugin's type).
    #[serde(rename = "type")]
    pub kind: String,
    /// Durable.
    #[serde(default)]
    pub durable: bool,
    /// Auto-delete.
    #[serde(default)]
    pub auto_delete: bool,
    /// Internal.
    #[serde(default)]
    pub internal: bool,
    /// Arguments (`alternate-exchange`, ...).
    #[serde(default, deserialize_with = "table")]
    pub arguments: Map<String, Value>,
}

/// A queue.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "a queue object")]
pub struct QueueDef {
    /// Name.
    pub name: String,
    /// Virtual host (absent in a per-vhost export).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vhost: Option<String>,
    /// Queue type as rabbitmqctl writes it (`classic`, `quorum`, `stream`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Durable.
    #[serde(default)]
    pub durable: bool,
    /// Auto-delete.
    #[serde(default)]
    pub auto_delete: bool,
    /// Arguments (`x-message-ttl`, ...).
    #[serde(default, deserialize_with = "table")]
    pub arguments: Map<String, Value>,
}

/// A binding.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(expecting = "a binding object")]
pub struct BindingDef {
    /// Source exchange.
    pub source: String,
    /// Virtual host (absent in a per-vhost export).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vhost: Option<String>,
    /// Destination queue or exchange.
    pub destination: String,
    /// `queue` or `exchange`.
    pub destination_type: String,
    /// Binding key.
    #[serde(default)]
    pub routing_key: String,
    /// Binding arguments (headers exchanges: `x-match` and values).
    #[serde(default, deserialize_with = "table")]
    pub arguments: Map<String, Value>,
}
