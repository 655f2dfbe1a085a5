//! Why a request to the management API failed, in plain words, with what
//! to do about it.

use std::fmt;

use serde_json::Value;

use crate::i18n::{Arg, Lang, Msg};

/// A failed request.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The URL cannot be used (why).
    BadUrl(Msg),
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
        exchange: Msg,
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
    /// A step of a longer task failed (creating an object in the check's
    /// vhost...): what the step was, and why.
    Step {
        /// The step.
        what: Msg,
        /// Its failure.
        cause: Box<Failure>,
    },
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
            Failure::Step { cause, .. } => cause.code(),
        }
    }

    /// One line: what went wrong.
    pub fn title(&self) -> Msg {
        match self {
            Failure::BadUrl(why) => why.clone(),
            Failure::LoginFailed => msg!("broker-failure-login"),
            Failure::NoManagementAccess { user } => msg!("broker-failure-no-management", user = user),
            Failure::NotAuthorised(reason) => msg!("broker-failure-not-authorised", reason = reason),
            Failure::NotAdministrator { user, .. } => msg!("broker-failure-not-administrator", user = user),
            Failure::NoSuchVhost(v) => msg!("broker-failure-no-vhost", vhost = v),
            Failure::NoSuchExchange { exchange, vhost } => {
                msg!("broker-failure-no-exchange", exchange = exchange.clone(), vhost = vhost)
            }
            Failure::Unreachable { url } => msg!("broker-failure-unreachable", url = url),
            Failure::Cors { url, origin } => msg!("broker-failure-cors", url = url, origin = origin),
            Failure::TimedOut { url, seconds } => msg!("broker-failure-timed-out", url = url, seconds = *seconds),
            Failure::Http { status, reason } => msg!("broker-failure-http", status = *status, reason = reason),
            Failure::BadAnswer(why) => msg!("broker-failure-bad-answer", why = why),
            Failure::Step { what, cause } => msg!("broker-failure-step", what = what.clone(), cause = cause.title()),
        }
    }

    /// What to do, line by line.
    pub fn advice(&self) -> Vec<Advice> {
        use Advice::{Copy, Say};
        match self {
            Failure::BadUrl(_) => vec![Say(msg!("broker-advice-bad-url"))],
            Failure::LoginFailed => vec![Say(msg!("broker-advice-login"))],
            Failure::NoManagementAccess { user } => vec![
                Say(msg!("broker-advice-no-management")),
                Copy(format!("rabbitmqctl set_user_tags {user} management")),
            ],
            Failure::NotAuthorised(_) => vec![Say(msg!("broker-advice-not-authorised"))],
            Failure::NotAdministrator { user, tags } => vec![
                Say(msg!("broker-advice-not-administrator", tags = tags_arg(tags))),
                Copy(format!("rabbitmqctl set_user_tags {user} administrator")),
            ],
            Failure::NoSuchVhost(_) => vec![Say(msg!("broker-advice-no-vhost"))],
            Failure::NoSuchExchange { .. } => vec![Say(msg!("broker-advice-no-exchange"))],
            Failure::Unreachable { .. } => vec![
                Say(msg!("broker-advice-unreachable")),
                Copy("rabbitmq-plugins enable rabbitmq_management".into()),
                Say(msg!("broker-advice-unreachable-port")),
            ],
            Failure::Cors { origin, .. } => vec![
                Say(msg!("broker-advice-cors")),
                Copy(format!("management.cors.allow_origins.1 = {origin}")),
                Copy("management.cors.max_age = 3600".into()),
            ],
            Failure::TimedOut { .. } => vec![Say(msg!("broker-advice-timed-out"))],
            Failure::Step { cause, .. } => cause.advice(),
            Failure::Http { .. } | Failure::BadAnswer(_) => Vec::new(),
        }
    }
}

/// The user's tags as the advice lists them (`none` for none).
fn tags_arg(tags: &[String]) -> Arg {
    if tags.is_empty() {
        msg!("broker-advice-no-tags").into()
    } else {
        tags.join(", ").into()
    }
}

/// One line of advice: a sentence, or something to copy (a command or a
/// `rabbitmq.conf` line, the same in every language).
#[derive(Clone, Debug, PartialEq)]
pub enum Advice {
    /// A sentence.
    Say(Msg),
    /// A command or configuration line.
    Copy(String),
}

impl Advice {
    /// The line in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Advice::Say(m) => m.render(lang),
            Advice::Copy(line) => line.clone(),
        }
    }

    /// Whether it is something to copy rather than a sentence.
    pub fn is_literal(&self) -> bool {
        matches!(self, Advice::Copy(_))
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.title().english())?;
        for line in self.advice() {
            write!(f, " {}", line.render(Lang::En))?;
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
        assert!(f.advice().iter().any(|l| l.render(Lang::En) == "rabbitmqctl set_user_tags bob management"));
        let f = Failure::from_status(400, r#"{"error":"bad_request","reason":"inequivalent arg"}"#, "u");
        assert_eq!(f, Failure::Http { status: 400, reason: "inequivalent arg".into() });
        assert_eq!(reason_of("<html>oops</html>"), "<html>oops</html>");
    }

    #[test]
    fn the_cors_advice_names_the_pages_origin() {
        let f = Failure::Cors { url: "http://localhost:15672".into(), origin: "http://127.0.0.1:8080".into() };
        assert!(f.advice().contains(&Advice::Copy("management.cors.allow_origins.1 = http://127.0.0.1:8080".into())));
        let lines = f.advice();
        assert!(!lines[0].is_literal() && lines[1..].iter().all(Advice::is_literal), "{lines:?}");
        let off = Failure::Unreachable { url: "http://localhost:15672".into() };
        assert!(off.to_string().contains("rabbitmq-plugins enable rabbitmq_management"));
    }

    #[test]
    fn failures_read_in_chinese_keep_rabbitmqs_names_and_commands() {
        let f = Failure::NoManagementAccess { user: "bob".into() };
        assert_eq!(f.title().english(), "User 'bob' may not use the management API (401 Not management user).");
        let zh = f.title().render(Lang::Zh);
        assert!(zh.contains("bob") && zh.contains("401 Not management user") && zh.contains("管理"), "{zh}");
        let advice: Vec<String> = f.advice().iter().map(|a| a.render(Lang::Zh)).collect();
        assert!(advice[0].contains("标签"), "{advice:?}");
        assert_eq!(advice[1], "rabbitmqctl set_user_tags bob management");
        let step = Failure::Step {
            what: msg!("broker-check-step-create", kind = msg!("broker-kind-queue"), name = "q1"),
            cause: Box::new(Failure::LoginFailed),
        };
        assert_eq!(step.code(), "login_failed");
        assert!(step.title().render(Lang::Zh).contains("队列"), "{}", step.title().render(Lang::Zh));
    }
}
