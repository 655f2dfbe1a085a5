//! The parameters of an address's query (`?lesson=rpc&embed=1`) and
//! fragment (`#s=...`): read one (percent-decoded), or remove one and keep
//! the others as they were.

/// Percent-decodes a query value (`+` is a space); an invalid escape
/// (`%zz`, `%+1`, a `%` at the end) stays as it is, and invalid UTF-8
/// becomes U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit() => {
                let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
                out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 3;
                continue;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The parts of a query or fragment, without its leading `?` or `#`.
fn parts(s: &str) -> impl Iterator<Item = &str> {
    s.trim_start_matches(['?', '#']).split('&').filter(|p| !p.is_empty())
}

/// The (decoded) value of parameter `name` in a query or fragment
/// (`?a=1&lesson=rpc`, `#s=...`); a bare `name` gives an empty value.
pub fn param(s: &str, name: &str) -> Option<String> {
    parts(s).find_map(|p| match p.split_once('=') {
        Some((k, v)) if k == name => Some(percent_decode(v)),
        None if p == name => Some(String::new()),
        _ => None,
    })
}

/// The query or fragment without parameter `name`, starting with `lead`
/// (`?` or `#`), or empty when nothing is left.
pub fn without(s: &str, name: &str, lead: char) -> String {
    let kept: Vec<&str> = parts(s).filter(|p| p.split_once('=').map_or(*p, |(k, _)| k) != name).collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("{lead}{}", kept.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_parameters() {
        assert_eq!(param("?lesson=rpc", "lesson").as_deref(), Some("rpc"));
        assert_eq!(param("?embed=1&lesson=work-queues", "lesson").as_deref(), Some("work-queues"));
        assert_eq!(param("?lesson=a%20b+c", "lesson").as_deref(), Some("a b c"));
        assert_eq!(param("?lesson=%E2%9C%93", "lesson").as_deref(), Some("✓"));
        assert_eq!(param("?lesson=100%", "lesson").as_deref(), Some("100%"));
        assert_eq!(param("?lesson=%zz", "lesson").as_deref(), Some("%zz"));
        assert_eq!(param("?lesson=%+1", "lesson").as_deref(), Some("% 1"));
        assert_eq!(param("?lesson=%41", "lesson").as_deref(), Some("A"));
        assert_eq!(param("?lesson", "lesson").as_deref(), Some(""));
        assert_eq!(param("?lessons=x", "lesson"), None);
        assert_eq!(param("", "lesson"), None);
        assert_eq!(param("#s=abc&x=1", "s").as_deref(), Some("abc"));
    }

    #[test]
    fn removes_one_parameter() {
        assert_eq!(without("?lesson=rpc", "lesson", '?'), "");
        assert_eq!(without("?embed=1&lesson=rpc&x", "lesson", '?'), "?embed=1&x");
        assert_eq!(without("#s=abc", "s", '#'), "");
        assert_eq!(without("#embed=1&s=abc", "s", '#'), "#embed=1");
        assert_eq!(without("", "s", '#'), "");
    }
}
