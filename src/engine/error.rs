//! AMQP errors: reply codes, RabbitMQ's texts, and whether they close the
//! channel or the whole connection.

use std::fmt;

/// An AMQP reply code used by the broker's errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReplyCode {
    /// 312: a mandatory message could not be routed (basic.return).
    NoRoute = 312,
    /// 403 ACCESS_REFUSED (channel).
    AccessRefused = 403,
    /// 404 NOT_FOUND (channel).
    NotFound = 404,
    /// 405 RESOURCE_LOCKED (channel).
    ResourceLocked = 405,
    /// 406 PRECONDITION_FAILED (channel).
    PreconditionFailed = 406,
    /// 501 FRAME_ERROR (connection): a field too long to encode, e.g. a
    /// short string over 255 bytes.
    FrameError = 501,
    /// 503 COMMAND_INVALID (connection).
    CommandInvalid = 503,
    /// 504 CHANNEL_ERROR (connection): a command on a closed channel.
    ChannelError = 504,
    /// 530 NOT_ALLOWED (connection).
    NotAllowed = 530,
    /// 540 NOT_IMPLEMENTED (connection).
    NotImplemented = 540,
    /// 541 INTERNAL_ERROR (connection): the broker failed (for example a
    /// stream consumer's `x-stream-offset` RabbitMQ cannot read).
    InternalError = 541,
}

impl ReplyCode {
    /// The numeric code.
    pub fn code(self) -> u16 {
        self as u16
    }

    /// The AMQP constant name, e.g. `NOT_FOUND`.
    pub fn name(self) -> &'static str {
        match self {
            ReplyCode::NoRoute => "NO_ROUTE",
            ReplyCode::AccessRefused => "ACCESS_REFUSED",
            ReplyCode::NotFound => "NOT_FOUND",
            ReplyCode::ResourceLocked => "RESOURCE_LOCKED",
            ReplyCode::PreconditionFailed => "PRECONDITION_FAILED",
            ReplyCode::FrameError => "FRAME_ERROR",
            ReplyCode::CommandInvalid => "COMMAND_INVALID",
            ReplyCode::ChannelError => "CHANNEL_ERROR",
            ReplyCode::NotAllowed => "NOT_ALLOWED",
            ReplyCode::NotImplemented => "NOT_IMPLEMENTED",
            ReplyCode::InternalError => "INTERNAL_ERROR",
        }
    }

    /// True for codes that close the whole connection (hard errors).
    pub fn closes_connection(self) -> bool {
        matches!(
            self,
            ReplyCode::FrameError
                | ReplyCode::CommandInvalid
                | ReplyCode::ChannelError
                | ReplyCode::NotAllowed
                | ReplyCode::NotImplemented
                | ReplyCode::InternalError
        )
    }

    /// A plain-language sentence for learners: what this class of error
    /// means (a message, rendered in the page's language).
    pub fn explanation(self) -> crate::i18n::Msg {
        crate::i18n::Msg::new(match self {
            ReplyCode::NoRoute => id!("engine-reply-312"),
            ReplyCode::AccessRefused => id!("engine-reply-403"),
            ReplyCode::NotFound => id!("engine-reply-404"),
            ReplyCode::ResourceLocked => id!("engine-reply-405"),
            ReplyCode::PreconditionFailed => id!("engine-reply-406"),
            ReplyCode::FrameError => id!("engine-reply-501"),
            ReplyCode::ChannelError => id!("engine-reply-504"),
            ReplyCode::CommandInvalid => id!("engine-reply-503"),
            ReplyCode::NotAllowed => id!("engine-reply-530"),
            ReplyCode::NotImplemented => id!("engine-reply-540"),
            ReplyCode::InternalError => id!("engine-reply-541"),
        })
    }
}

/// An error the broker answers with: the channel (or, for hard errors, the
/// connection) is closed with this code and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmqpError {
    /// The reply code.
    pub code: ReplyCode,
    /// RabbitMQ's reply text, e.g. `NOT_FOUND - no queue 'q' in vhost '/'`.
    pub text: String,
}

impl AmqpError {
    /// Builds an error with RabbitMQ's `NAME - detail` text.
    pub fn new(code: ReplyCode, detail: impl AsRef<str>) -> Self {
        AmqpError { code, text: format!("{} - {}", code.name(), detail.as_ref()) }
    }

    /// 541 INTERNAL_ERROR, which RabbitMQ sends with no text of its own.
    pub fn internal() -> Self {
        AmqpError { code: ReplyCode::InternalError, text: ReplyCode::InternalError.name().to_string() }
    }

    /// True when the whole connection closes (503, 530, 540, 541).
    pub fn closes_connection(&self) -> bool {
        self.code.closes_connection()
    }
}

impl fmt::Display for AmqpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code.code(), self.text)
    }
}

impl std::error::Error for AmqpError {}

/// Names a resource the way RabbitMQ's texts do: `queue 'q' in vhost '/'`.
pub fn resource(kind: &str, name: &str) -> String {
    format!("{kind} '{name}' in vhost '/'")
}

/// 404 for a missing queue or exchange.
pub fn not_found(kind: &str, name: &str) -> AmqpError {
    AmqpError::new(ReplyCode::NotFound, format!("no {}", resource(kind, name)))
}

/// 405 for a queue exclusive to another connection.
pub fn locked(queue: &str) -> AmqpError {
    AmqpError::new(
        ReplyCode::ResourceLocked,
        format!(
            "cannot obtain exclusive access to locked {}. It could be originally declared on another connection or the exclusive property value does not match that of the original declaration.",
            resource("queue", queue)
        ),
    )
}

/// 406 for a redeclaration whose attribute differs.
pub fn inequivalent(kind: &str, name: &str, field: &str, received: &str, current: &str) -> AmqpError {
    AmqpError::new(
        ReplyCode::PreconditionFailed,
        format!(
            "inequivalent arg '{field}' for {}: received {received} but current is {current}",
            resource(kind, name)
        ),
    )
}

/// 501 when a short string (name, routing key, tag) exceeds 255 bytes.
/// An exchange or queue name as rabbit_channel reads it for declare,
/// delete and bind methods: carriage returns and line feeds removed
/// (`strip_cr_lf`), so `"orders\n"` names the exchange `orders`.
/// (basic.publish, basic.consume, basic.get and queue.purge take names as
/// they are.)
pub fn strip_cr_lf(name: &str) -> std::borrow::Cow<'_, str> {
    if name.contains(['\r', '\n']) {
        std::borrow::Cow::Owned(name.replace(['\r', '\n'], ""))
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

pub fn check_short_str(what: &str, value: &str) -> Result<(), AmqpError> {
    if value.len() > 255 {
        Err(AmqpError::new(
            ReplyCode::FrameError,
            format!("{what} is {} bytes long; AMQP short strings hold at most 255", value.len()),
        ))
    } else {
        Ok(())
    }
}
