//! The connection settings and the requests made with them.

use crate::i18n::Msg;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The management API's address when none is given.
pub const DEFAULT_URL: &str = "http://localhost:15672";

/// Where the broker is and who connects.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The management API's base URL (`http://localhost:15672`).
    #[serde(default)]
    pub url: String,
    /// User name.
    #[serde(default)]
    pub user: String,
    /// Password (kept in memory for the tab unless the user asks).
    #[serde(default)]
    pub password: String,
    /// The virtual host shown and deployed to.
    #[serde(default)]
    pub vhost: String,
}

impl Settings {
    /// The settings with the URL made canonical and defaults filled in
    /// (`localhost:15672` becomes `http://localhost:15672`, a trailing `/`
    /// or `/api` goes, an empty vhost is `/`), or why the URL is unusable.
    pub fn normalized(&self) -> Result<Settings, Msg> {
        let url = base_url(&self.url)?;
        let user = if self.user.is_empty() { "guest".to_string() } else { self.user.clone() };
        let vhost = if self.vhost.is_empty() { "/".to_string() } else { self.vhost.clone() };
        Ok(Settings { url, user, password: self.password.clone(), vhost })
    }

    /// The `Authorization` header's value (HTTP basic, UTF-8).
    pub fn authorization(&self) -> String {
        format!("Basic {}", base64_standard(format!("{}:{}", self.user, self.password).as_bytes()))
    }

    /// The full URL of an API path (`/api/...`).
    pub fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// The settings without the password (what may be shown or kept).
    pub fn without_password(&self) -> Settings {
        Settings { password: String::new(), ..self.clone() }
    }
}

/// The base URL in canonical form: scheme, host, port and any path prefix
/// (a management API behind a proxy path), no trailing `/` or `/api`.
pub fn base_url(input: &str) -> Result<String, Msg> {
    let trimmed = input.trim();
    let with_scheme = if trimmed.is_empty() {
        DEFAULT_URL.to_string()
    } else if trimmed.contains("://") {
        trimmed.to_string()
    } else {
        format!("http://{trimmed}")
    };
    let (scheme, rest) = with_scheme.split_once("://").unwrap_or(("http", &with_scheme));
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(msg!("broker-url-not-web", scheme = scheme));
    }
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || host.contains(char::is_whitespace) || host.contains('@') {
        return Err(msg!("broker-url-no-host", input = input, example = DEFAULT_URL));
    }
    let mut out = format!("{scheme}://{rest}");
    while out.ends_with('/') {
        out.pop();
    }
    if let Some(stripped) = out.strip_suffix("/api") {
        out = stripped.to_string();
    }
    Ok(out)
}

/// The host part of a base URL, without port (`localhost`, `[::1]`).
pub fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host_port = rest.split('/').next().unwrap_or_default();
    if host_port.starts_with('[') {
        return host_port.split_inclusive(']').next().unwrap_or(host_port);
    }
    host_port.split(':').next().unwrap_or_default()
}

/// Whether the host is this machine (the password never crosses a network).
pub fn is_loopback(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    h == "localhost" || h.ends_with(".localhost") || h.starts_with("127.") || h == "[::1]"
}

/// The warning for a password sent unencrypted to another machine: an
/// `http://` URL whose host is not this one.
pub fn plain_http_warning(url: &str) -> Option<Msg> {
    let url = base_url(url).ok()?;
    let host = host_of(&url);
    (url.starts_with("http://") && !is_loopback(host)).then(|| msg!("broker-plain-http", host = host))
}

/// The dialog's line once connected: where, who, what the vhost holds
/// (the API's exchange list includes the built-in `amq.*` ones).
pub fn status_line(url: &str, user: &str, vhost: &str, exchanges: usize, queues: usize) -> Msg {
    msg!("broker-connected", url = url, user = user, vhost = vhost, exchanges = exchanges, queues = queues)
}

/// A path segment percent-encoded as the management API wants it (the
/// vhost `/` is `%2F`).
pub fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Standard base64 with padding (RFC 4648 §4), for the basic-auth header.
pub fn base64_standard(bytes: &[u8]) -> String {
    let mut s = crate::share::base64url::encode(bytes).replace('-', "+").replace('_', "/");
    while s.len() % 4 != 0 {
        s.push('=');
    }
    s
}

/// An HTTP method the API uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Method {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
}

impl Method {
    /// The method's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// One request to the management API: method, path under the base URL,
/// JSON body.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The path (`/api/queues/%2F/orders`).
    pub path: String,
    /// The body, if any.
    pub body: Option<Value>,
}

impl Request {
    /// A GET.
    pub fn get(path: impl Into<String>) -> Request {
        Request { method: Method::Get, path: path.into(), body: None }
    }

    /// A request with a JSON body.
    pub fn with_body(method: Method, path: impl Into<String>, body: Value) -> Request {
        Request { method, path: path.into(), body: Some(body) }
    }

    /// A DELETE.
    pub fn delete(path: impl Into<String>) -> Request {
        Request { method: Method::Delete, path: path.into(), body: None }
    }
}

/// The path `/api/{kind}/{vhost}` (and `/{name}` when given).
pub fn vhost_path(kind: &str, vhost: &str, name: Option<&str>) -> String {
    match name {
        Some(n) => format!("/api/{kind}/{}/{}", segment(vhost), segment(n)),
        None => format!("/api/{kind}/{}", segment(vhost)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_made_canonical_or_refused() {
        assert_eq!(base_url("").unwrap(), "http://localhost:15672");
        assert_eq!(base_url(" localhost:15672/ ").unwrap(), "http://localhost:15672");
        assert_eq!(base_url("https://mq.example/rabbit/api/").unwrap(), "https://mq.example/rabbit");
        assert_eq!(base_url("HTTP://127.0.0.1:1/?x#y").unwrap(), "http://127.0.0.1:1");
        assert!(base_url("amqp://localhost:5672").unwrap_err().english().contains("not a web address"));
        assert!(base_url("http://user@host").is_err());
        assert!(base_url("http:///x").is_err());
    }

    #[test]
    fn plain_http_to_another_host_is_warned_about() {
        assert_eq!(plain_http_warning("http://localhost:15672"), None);
        assert_eq!(plain_http_warning("http://127.0.0.1:15672"), None);
        assert_eq!(plain_http_warning("http://[::1]:15672"), None);
        assert_eq!(plain_http_warning("https://mq.example"), None);
        let w = plain_http_warning("http://mq.example:15672").unwrap().english();
        assert!(w.contains("mq.example") && w.contains("unencrypted"), "{w}");
        assert!(plain_http_warning("10.0.0.5:15672").is_some());
    }

    #[test]
    fn paths_and_the_auth_header() {
        assert_eq!(vhost_path("queues", "/", Some("a b/c")), "/api/queues/%2F/a%20b%2Fc");
        assert_eq!(vhost_path("exchanges", "dev", None), "/api/exchanges/dev");
        assert_eq!(segment("ü"), "%C3%BC");
        let s = Settings { user: "guest".into(), password: "guest".into(), ..Default::default() };
        assert_eq!(s.authorization(), "Basic Z3Vlc3Q6Z3Vlc3Q=");
        assert_eq!(base64_standard(b"\xfb\xff"), "+/8=");
        let n = Settings::default().normalized().unwrap();
        assert_eq!((n.url.as_str(), n.user.as_str(), n.vhost.as_str()), ("http://localhost:15672", "guest", "/"));
        assert_eq!(n.endpoint("/api/whoami"), "http://localhost:15672/api/whoami");
        assert_eq!(
            status_line("http://localhost:15672", "guest", "/", 7, 1).english(),
            "Connected to http://localhost:15672 as guest. Vhost /: 7 exchanges (the built-in ones included), 1 queue."
        );
    }

    #[test]
    fn the_status_line_reads_in_chinese() {
        let zh = status_line("http://localhost:15672", "guest", "/", 7, 1).render(crate::i18n::Lang::Zh);
        assert!(zh.contains("http://localhost:15672") && zh.contains("7 个交换机") && zh.contains("1 个队列"), "{zh}");
    }
}
