//! The origins whose pages may drive an embedded Warren by `postMessage`.
//!
//! The author lists them in the iframe's URL
//! (`?embed=1&origins=https://a.example,https://b.example`); the page's own
//! origin is always allowed. Entries are read as origins the way browsers
//! write `event.origin` (`scheme://host[:port]`, lower case, no default
//! port, no path); anything else, `*` and `null` included, is left out with
//! a warning, so a typo never opens the door wider than asked.

/// The allowed origins (besides the page's own).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllowList {
    origins: Vec<String>,
}

impl AllowList {
    /// Reads a comma- or space-separated list; returns the list and a
    /// warning for each entry left out.
    pub fn parse(spec: &str) -> (AllowList, Vec<String>) {
        let mut list = AllowList::default();
        let mut warnings = Vec::new();
        for entry in spec.split([',', ' ']).map(str::trim).filter(|e| !e.is_empty()) {
            match normalize(entry) {
                Ok(origin) => {
                    if !list.origins.contains(&origin) {
                        list.origins.push(origin);
                    }
                }
                Err(why) => {
                    warnings.push(format!("origins: '{}' left out: {why}", entry.chars().take(80).collect::<String>()))
                }
            }
        }
        (list, warnings)
    }

    /// Adds the origins of `other` that are not listed yet.
    pub fn merge(&mut self, other: AllowList) {
        for o in other.origins {
            if !self.origins.contains(&o) {
                self.origins.push(o);
            }
        }
    }

    /// The listed origins, normalized.
    pub fn origins(&self) -> &[String] {
        &self.origins
    }

    /// Whether a message from `origin` (`event.origin`) may be run, on a
    /// page whose own origin is `own`.
    pub fn allows(&self, origin: &str, own: &str) -> bool {
        if origin == "null" || origin.is_empty() {
            return false;
        }
        origin == own || self.origins.iter().any(|o| o == origin)
    }
}

/// The origin of an absolute http(s) URL (`document.referrer`), if it has
/// one.
pub fn origin_of_url(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    normalize(&format!("{scheme}://{}", &rest[..end])).ok()
}

/// An origin as browsers serialize it, or why the text is not one.
pub fn normalize(entry: &str) -> Result<String, String> {
    if entry == "*" {
        return Err("'*' would let any site drive the playground; list the origins instead".into());
    }
    if entry.eq_ignore_ascii_case("null") {
        return Err("'null' is the origin of sandboxed and local pages, which cannot be told apart".into());
    }
    let Some((scheme, rest)) = entry.split_once("://") else {
        return Err("an origin looks like https://example.org".into());
    };
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => "443",
        "http" => "80",
        _ => return Err(format!("only http and https pages can embed Warren, not {scheme}")),
    };
    let host_port = rest.strip_suffix('/').unwrap_or(rest);
    if host_port.is_empty() {
        return Err("the host is missing".into());
    }
    if host_port.contains(['/', '?', '#', '@', '\\']) {
        return Err("an origin has no path, query, fragment or user name".into());
    }
    let host_port = host_port.to_ascii_lowercase();
    let (host, port) = if let Some(v6) = host_port.strip_prefix('[') {
        let (addr, after) = v6.split_once(']').ok_or("an IPv6 address needs its closing ]")?;
        if addr.is_empty() || !addr.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
            return Err("not an IPv6 address".into());
        }
        match after {
            "" => (format!("[{addr}]"), None),
            p if p.starts_with(':') => (format!("[{addr}]"), Some(&p[1..])),
            _ => return Err("unexpected text after the IPv6 address".into()),
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (host_port.clone(), None),
        }
    };
    if !host.starts_with('[')
        && (host.is_empty() || !host.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'))
    {
        return Err("the host may hold letters, digits, '-' and '.' only".into());
    }
    let port = match port {
        None => None,
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 && !p.starts_with('0') => (p != default_port).then(|| n.to_string()),
            _ => return Err(format!("'{p}' is not a port")),
        },
    };
    Ok(match port {
        Some(p) => format!("{scheme}://{host}:{p}"),
        None => format!("{scheme}://{host}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalized_like_event_origin() {
        assert_eq!(normalize("https://Example.ORG/").unwrap(), "https://example.org");
        assert_eq!(normalize("https://example.org:443").unwrap(), "https://example.org");
        assert_eq!(normalize("http://127.0.0.1:8080").unwrap(), "http://127.0.0.1:8080");
        assert_eq!(normalize("http://[::1]:3000").unwrap(), "http://[::1]:3000");
        assert_eq!(normalize("HTTP://a.example:80").unwrap(), "http://a.example");
    }

    #[test]
    fn bad_entries_are_left_out_with_a_reason() {
        for (entry, why) in [
            ("*", "any site"),
            ("null", "sandboxed"),
            ("example.org", "looks like"),
            ("ftp://example.org", "only http and https"),
            ("https://example.org/docs", "no path"),
            ("https://user@example.org", "no path"),
            ("https://", "host is missing"),
            ("https://exa mple.org", "letters, digits"),
            ("https://example.org:99999", "not a port"),
            ("https://example.org:0", "not a port"),
            ("https://example.org:", "not a port"),
            ("https://<script>", "letters, digits"),
            ("http://[::1", "closing ]"),
        ] {
            let e = normalize(entry).unwrap_err();
            assert!(e.contains(why), "{entry}: {e}");
        }
        let (list, warnings) = AllowList::parse("https://a.example, *,https://b.example:8443 https://a.example/");
        assert_eq!(list.origins(), ["https://a.example", "https://b.example:8443"]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("'*' left out"));
    }

    #[test]
    fn the_origin_of_a_url() {
        assert_eq!(origin_of_url("https://a.example/docs/page.html?x=1#y").as_deref(), Some("https://a.example"));
        assert_eq!(origin_of_url("http://127.0.0.1:8080").as_deref(), Some("http://127.0.0.1:8080"));
        assert_eq!(origin_of_url("https://a.example:443/").as_deref(), Some("https://a.example"));
        assert_eq!(origin_of_url(""), None);
        assert_eq!(origin_of_url("about:blank"), None);
        assert_eq!(origin_of_url("file:///tmp/x.html"), None);
    }

    #[test]
    fn own_origin_and_listed_ones_are_allowed() {
        let (list, _) = AllowList::parse("https://a.example");
        let own = "http://127.0.0.1:8080";
        assert!(list.allows(own, own));
        assert!(list.allows("https://a.example", own));
        assert!(!list.allows("https://a.example.evil", own));
        assert!(!list.allows("http://a.example", own));
        assert!(!list.allows("http://127.0.0.1:8081", own));
        assert!(!list.allows("null", "null"), "opaque origins never match, even each other");
        assert!(!AllowList::default().allows("https://a.example", own));
    }
}
