//! What a process asked of pika, call by call, with the program line: the
//! runner's record that the mistakes notes read.

/// One pika call a process made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// The program line of the call.
    pub line: u32,
    /// What was called, with what mattered.
    pub kind: CallKind,
}

/// The calls the notes care about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallKind {
    /// `BlockingConnection(...)` logged in (`new_user`: Warren added the user).
    Connect { user: String, password: String, new_user: bool },
    /// A login the broker refused (wrong password).
    LoginRefused { user: String },
    /// `connection.close()`.
    Close,
    /// `exchange_declare`.
    ExchangeDeclare { exchange: String, kind: String },
    /// `queue_declare` (`queue`: the name the broker answered).
    QueueDeclare { requested: String, queue: String, durable: bool, exclusive: bool },
    /// `queue_bind` (`key_given`: the program passed a routing key;
    /// `exchange_kind`: the exchange's type then, if it existed).
    QueueBind { queue: String, exchange: String, routing_key: String, key_given: bool, exchange_kind: Option<String> },
    /// `basic_publish` and what the broker did with it.
    Publish(Publish),
    /// `basic_consume` (or the first step of `consume()`).
    Consume { queue: String, auto_ack: bool },
    /// `basic_ack` / `basic_nack` / `basic_reject`.
    Settle,
    /// `start_consuming()` with this many consumers on the channel.
    StartConsuming { consumers: usize },
    /// A pika call raised this (the exception's last traceback line).
    Raised { method: String, error: String },
}

/// A `basic_publish` and its outcome.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Publish {
    /// The exchange published to.
    pub exchange: String,
    /// The routing key.
    pub routing_key: String,
    /// `delivery_mode=2`.
    pub persistent: bool,
    /// The broker's error (the channel closed), if it refused the message.
    pub refused: Option<String>,
    /// The exchange's type when published, if it existed.
    pub exchange_kind: Option<String>,
    /// The queues that got a copy, each with whether it is durable.
    pub routed: Vec<(String, bool)>,
}
