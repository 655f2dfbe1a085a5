//! The clock bar's numbers: the speed a slider position stands for, and
//! how a speed is written.

/// The speed a slider position (−1 to 1, logarithmic) stands for.
pub fn speed_of_slider(v: f64) -> f64 {
    let s = 10f64.powf(v.clamp(-1.0, 1.0));
    if s < 1.0 {
        (s * 100.0).round() / 100.0
    } else {
        (s * 10.0).round() / 10.0
    }
}

/// The speed as the bar shows it: `0.25×`, `1×`, `10×`.
pub fn format_speed(s: f64) -> String {
    let text = format!("{s:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}×")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slider_is_logarithmic_and_rounded() {
        assert_eq!(speed_of_slider(-1.0), 0.1);
        assert_eq!(speed_of_slider(0.0), 1.0);
        assert_eq!(speed_of_slider(1.0), 10.0);
        assert_eq!(speed_of_slider(5.0), 10.0, "clamped");
        assert_eq!(speed_of_slider(0.5), 3.2);
        assert_eq!(speed_of_slider(-0.5), 0.32);
    }

    #[test]
    fn speeds_are_written_without_trailing_zeros() {
        assert_eq!(format_speed(1.0), "1×");
        assert_eq!(format_speed(0.25), "0.25×");
        assert_eq!(format_speed(3.2), "3.2×");
    }
}
