//! Reading what is typed into a whole-number field.

/// Reads a whole number for a field: empty is `None` when optional;
/// anything else must be a whole number from `min` to `max`.
pub fn parse_whole(text: &str, min: i64, max: i64, optional: bool) -> Result<Option<i64>, String> {
    let t = text.trim().replace(['_', ','], "");
    if t.is_empty() {
        return if optional { Ok(None) } else { Err("a number is needed here".into()) };
    }
    let n: i64 = t.parse().map_err(|_| format!("'{}' is not a whole number", text.trim()))?;
    if n < min || n > max {
        return Err(format!("must be from {min} to {max}"));
    }
    Ok(Some(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_in_range_with_separators() {
        assert_eq!(parse_whole(" 1_000 ", 0, 5000, false), Ok(Some(1000)));
        assert_eq!(parse_whole("60,000", 0, 100_000, false), Ok(Some(60_000)));
        assert_eq!(parse_whole("", 0, 10, true), Ok(None));
        assert!(parse_whole("", 0, 10, false).unwrap_err().contains("needed"));
        assert!(parse_whole("1.5", 0, 10, false).unwrap_err().contains("not a whole number"));
        assert!(parse_whole("11", 0, 10, false).unwrap_err().contains("from 0 to 10"));
    }
}
