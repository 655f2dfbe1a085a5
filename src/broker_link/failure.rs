//! Why a request to the management API failed, in plain words, with what
//! to do about it.

use std::fmt;

use serde_json::Value;

/// A failed request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The URL cannot be used (why).
    BadUrl(String),
    /// 401 "Login failed": the user or password is wrong.
    LoginFailed,
    /// 401 "Not management user": the user has no management tag.
    NoManagementAccess {
        /// The user.
        user: String,
    },
    /// 401 on something else (no permission on the vhost...): the reason.
    NotAuthorised(String),
    /// The check needs the administrator tag to create its vhost.
    NotAdministrator {
        /// The user.
        user: String,
        /// The tags the user has.
        tags: Vec<String>,
    },
    /// The vhost does not exist.
    NoSuchVhost(String),
    /// A publish went to an exchange the vhost does not have (404).
    NoSuchExchange {
        /// The exchange as shown (`(default)` for `""`).
        exchange: String,
        /// The vhost.
        vhost: String,
    },
    /// Nothing answers at the URL: the broker is down or the management
    /// plugin is not enabled.
    Unreachable {
        /// The base URL.
        url: String,
    },
    /// No answer in time.
    TimedOut {
        /// The base URL.
        url: String,
        /// Seconds waited.
        seconds: u32,
    },
    /// The server answers but the browser refused to let the page read it:
    /// the management API does not allow this page's origin (CORS).
    Cors {
        /// The base URL.
        url: String,
        /// This page's origin.
        origin: String,
    },
    /// Any other HTTP error: status and RabbitMQ's reason.
    Http {
        /// HTTP status.
        status: u16,
        /// RabbitMQ's `reason` (or the body).
        reason: String,
    },
    /// The answer is not what the management API writes.
    BadAnswer(String),
}

/// The `reason` of the API's error body (`{"error": ..., "reason": ...}`),
/// else the body itself, cut short.
pub fn reason_of(body: &str) -> String {
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    let reason = parsed.as_ref().and_then(|v| v.get("reason")).map(|r| match r {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    reason.unwrap_or_else(|| body.chars().take(300).collect())
}

impl Failure {
    /// Reads an error answer: status and body, the user who asked.
    pub fn from_status(status: u16, body: &str, user: &str) -> Failure {
        let reason = reason_of(body);
        match status {
            401 if reason.contains("Login failed") => Failure::LoginFailed,
            401 if reason.contains("Not management user") => Failure::NoManagementAccess { user: user.to_string() },
            401 | 403 => Failure::NotAuthorised(reason),
            _ => Failure::Http { status, reason },
        }
    }

    /// A short code for scripts (`login_failed`, `cors`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            Failure::BadUrl(_) => "bad_url",
            Failure::LoginFailed => "login_failed",
            Failure::NoManagementAccess { .. } => "no_management_access",
            Failure::NotAuthorised(_) => "not_authorised",
            Failure::NotAdministrator { .. } => "not_administrator",
            Failure::NoSuchVhost(_) => "no_such_vhost",
            Failure::NoSuchExchange { .. } => "no_such_exchange",
            Failure::Unreachable { .. } => "unreachable",
            Failure::Cors { .. } => "cors",
            Failure::TimedOut { .. } => "timed_out",
            Failure::Http { .. } => "http",
            Failure::BadAnswer(_) => "bad_answer",
        }
    }

    /// One line: what went wrong.
    pub fn title(&self) -> String {
        match self {
            Failure::BadUrl(why) => why.clone(),
            Failure::LoginFailed => "The broker refused the user name or password (401 Login failed).".into(),
            Failure::NoManagementAccess { user } => {
                format!("User '{user}' may not use the management API (401 Not management user).")
            }
            Failure::NotAuthorised(reason) => format!("The broker refused the request: {reason}."),
            Failure::NotAdministrator { user, .. } => {
                format!("User '{user}' is not an administrator, and the check needs one to create its temporary vhost.")
            }
            Failure::NoSuchVhost(v) => format!("The broker has no vhost '{v}'."),
            Failure::NoSuchExchange { exchange, vhost } => {
                format!("The broker's vhost {vhost} has no exchange '{exchange}' (404 Not Found).")
            }
            Failure::Unreachable { url } => format!("Nothing answers at {url}."),
            Failure::Cors { url, origin } => {
                format!("The broker at {url} answered, but it does not allow pages from {origin} to read its answers (CORS).")
            }
            Failure::TimedOut { url, seconds } => format!("{url} did not answer within {seconds} s."),
            Failure::Http { status, reason } => format!("The broker answered {status}: {reason}"),
            Failure::BadAnswer(why) => format!("The broker's answer could not be read: {why}"),
        }
    }

    /// What to do, line by line.
    pub fn advice(&self) -> Vec<String> {
        match self {
            Failure::BadUrl(_) => vec!["Give the management API's address, e.g. http://localhost:15672.".into()],
            Failure::LoginFailed => {
                vec!["Check the user and password (a fresh RabbitMQ has guest / guest, usable from localhost only)."
                    .into()]
            }
            Failure::NoManagementAccess { user } => vec![
                "Give the user a management tag, e.g.:".into(),
                format!("rabbitmqctl set_user_tags {user} management"),
            ],
            Failure::NotAuthorised(_) => {
                vec!["Check the user's permissions on the vhost (rabbitmqctl list_user_permissions USER).".into()]
            }
            Failure::NotAdministrator { user, tags } => vec![
                format!(
                    "Its tags: {}. Connect as an administrator, or give it the tag:",
                    if tags.is_empty() { "none".to_string() } else { tags.join(", ") }
                ),
                format!("rabbitmqctl set_user_tags {user} administrator"),
            ],
            Failure::NoSuchVhost(_) => vec!["Pick one of the broker's vhosts.".into()],
            Failure::NoSuchExchange { .. } => {
                vec!["Deploy the scenario first (Broker → Deploy this scenario…), or publish to an exchange it has."
                    .into()]
            }
            Failure::Unreachable { .. } => vec![
                "Is RabbitMQ running, and is the management plugin enabled? Enable it with:".into(),
                "rabbitmq-plugins enable rabbitmq_management".into(),
                "and check the address and port (15672 by default).".into(),
            ],
            Failure::Cors { origin, .. } => vec![
                "Add these lines to rabbitmq.conf and restart RabbitMQ:".into(),
                format!("management.cors.allow_origins.1 = {origin}"),
                "management.cors.max_age = 3600".into(),
            ],
            Failure::TimedOut { .. } => {
                vec!["Check that the address is the management API's (port 15672 by default), not AMQP's (5672).".into()]
            }
            Failure::Http { .. } | Failure::BadAnswer(_) => Vec::new(),
        }
    }
}

/// Whether an advice line is something to copy (a command or a
/// `rabbitmq.conf` line) rather than a sentence.
pub fn is_literal(line: &str) -> bool {
    ["rabbitmqctl ", "rabbitmq-plugins ", "management."].iter().any(|p| line.starts_with(p))
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.title())?;
        for line in self.advice() {
            write!(f, " {line}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_read_with_rabbitmqs_reasons() {
        let body = r#"{"error":"not_authorized","reason":"Login failed"}"#;
        assert_eq!(Failure::from_status(401, body, "guest"), Failure::LoginFailed);
        let body = r#"{"error":"not_authorised","reason":"Not management user"}"#;
        let f = Failure::from_status(401, body, "bob");
        assert_eq!(f.code(), "no_management_access");
        assert!(f.advice().iter().any(|l| l == "rabbitmqctl set_user_tags bob management"));
        let f = Failure::from_status(400, r#"{"error":"bad_request","reason":"inequivalent arg"}"#, "u");
        assert_eq!(f, Failure::Http { status: 400, reason: "inequivalent arg".into() });
        assert_eq!(reason_of("<html>oops</html>"), "<html>oops</html>");
    }

    #[test]
    fn the_cors_advice_names_the_pages_origin() {
        let f = Failure::Cors { url: "http://localhost:15672".into(), origin: "http://127.0.0.1:8080".into() };
        assert!(f.advice().contains(&"management.cors.allow_origins.1 = http://127.0.0.1:8080".to_string()));
        let lines = f.advice();
        assert!(!is_literal(&lines[0]) && lines[1..].iter().all(|l| is_literal(l)), "{lines:?}");
        let off = Failure::Unreachable { url: "http://localhost:15672".into() };
        assert!(off.to_string().contains("rabbitmq-plugins enable rabbitmq_management"));
    }
}
