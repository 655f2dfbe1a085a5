//! Reading what is typed into a whole-number field.

use crate::i18n::Msg;

/// Reads a whole number for a field: empty is `None` when optional;
/// anything else must be a whole number from `min` to `max`.
pub fn parse_whole(text: &str, min: i64, max: i64, optional: bool) -> Result<Option<i64>, Msg> {
    let t = text.trim().replace(['_', ','], "");
    if t.is_empty() {
        return if optional { Ok(None) } else { Err(msg!("editor-number-needed")) };
    }
    let n: i64 = t.parse().map_err(|_| msg!("editor-number-not-whole", text = text.trim()))?;
    if n < min || n > max {
        // As text: a float would round the largest i64s.
        return Err(msg!("editor-number-range", min = min.to_string(), max = max.to_string()));
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
        assert!(parse_whole("", 0, 10, false).unwrap_err().english().contains("needed"));
        assert!(parse_whole("1.5", 0, 10, false).unwrap_err().english().contains("not a whole number"));
        assert_eq!(parse_whole("11", 0, 10, false).unwrap_err().english(), "must be from 0 to 10");
        let big = parse_whole("-1", 0, i64::MAX, false).unwrap_err();
        assert_eq!(big.render(crate::i18n::Lang::Zh), "必须在 0 到 9223372036854775807 之间");
    }
}
