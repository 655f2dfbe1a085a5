//! Format specs (f-strings, `str.format`) and `%` formatting.

use super::repr::{repr, str_of};
use super::value::Value;
use super::vm::Interp;

struct Spec {
    fill: char,
    align: Option<char>,
    sign: Option<char>,
    zero: bool,
    width: usize,
    comma: bool,
    precision: Option<usize>,
    kind: Option<char>,
}

fn parse_spec(s: &str) -> Spec {
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut sp =
        Spec { fill: ' ', align: None, sign: None, zero: false, width: 0, comma: false, precision: None, kind: None };
    if c.len() >= 2 && "<>^=".contains(c[1]) {
        sp.fill = c[0];
        sp.align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && "<>^=".contains(c[0]) {
        sp.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && "+- ".contains(c[i]) {
        sp.sign = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        sp.zero = true;
        i += 1;
    }
    let mut w = String::new();
    while i < c.len() && c[i].is_ascii_digit() {
        w.push(c[i]);
        i += 1;
    }
    sp.width = w.parse().unwrap_or(0);
    if i < c.len() && (c[i] == ',' || c[i] == '_') {
        sp.comma = true;
        i += 1;
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let mut p = String::new();
        while i < c.len() && c[i].is_ascii_digit() {
            p.push(c[i]);
            i += 1;
        }
        sp.precision = p.parse().ok();
    }
    if i < c.len() {
        sp.kind = Some(c[i]);
    }
    sp
}

fn group(digits: &str) -> String {
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn pad(s: String, sp: &Spec, numeric: bool) -> String {
    let len = s.chars().count();
    if len >= sp.width {
        return s;
    }
    let n = sp.width - len;
    let align = sp.align.unwrap_or(if numeric { '>' } else { '<' });
    let fill = |k: usize| std::iter::repeat_n(sp.fill, k).collect::<String>();
    match align {
        '<' => s + &fill(n),
        '^' => fill(n / 2) + &s + &fill(n - n / 2),
        '=' => {
            let (sign, rest) = if s.starts_with('-') || s.starts_with('+') { s.split_at(1) } else { ("", s.as_str()) };
            format!("{sign}{}{rest}", fill(n))
        }
        _ => fill(n) + &s,
    }
}

/// A float's digits for a spec's presentation type (no sign).
fn float_digits(x: f64, sp: &Spec) -> String {
    match sp.kind.unwrap_or('g') {
        'f' | 'F' => format!("{:.*}", sp.precision.unwrap_or(6), x),
        'e' => {
            let s = format!("{:.*e}", sp.precision.unwrap_or(6), x);
            let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
            let e: i32 = e.parse().unwrap_or(0);
            format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
        }
        '%' => format!("{:.*}%", sp.precision.unwrap_or(6), x * 100.0),
        _ => match sp.precision {
            Some(p) => {
                let s = format!("{:.*e}", p.max(1) - 1, x);
                let v: f64 = s.parse().unwrap_or(x);
                super::repr::repr_float(v).trim_end_matches(".0").to_string()
            }
            None => super::repr::repr_float(x),
        },
    }
}

/// The sign a spec asks for in front of a number.
fn sign_of(negative: bool, sp: &Spec, space: bool) -> &'static str {
    match (negative, sp.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) if space => " ",
        _ => "",
    }
}

/// A number formatted as a float (`f`, `e`, `g`, `%`), sign included.
fn format_number(x: f64, sp: &Spec) -> String {
    let body = float_digits(x.abs(), sp);
    let body = if sp.comma {
        let (int, frac) = body
            .split_once('.')
            .map(|(a, b)| (a.to_string(), format!(".{b}")))
            .unwrap_or((body.clone(), String::new()));
        group(&int) + &frac
    } else {
        body
    };
    format!("{}{body}", sign_of(x < 0.0, sp, true))
}

/// An int with an integer presentation type (`d`, `x`, `o`, `b`), or None.
fn format_int(i: i64, sp: &Spec) -> Option<String> {
    Some(match sp.kind {
        None | Some('d') | Some('n') => {
            let digits = i.unsigned_abs().to_string();
            let digits = if sp.comma { group(&digits) } else { digits };
            format!("{}{digits}", sign_of(i < 0, sp, false))
        }
        Some('x') => format!("{}{:x}", sign_of(i < 0, sp, false), i.unsigned_abs()),
        Some('X') => format!("{}{:X}", sign_of(i < 0, sp, false), i.unsigned_abs()),
        Some('o') => format!("{}{:o}", sign_of(i < 0, sp, false), i.unsigned_abs()),
        Some('b') => format!("{}{:b}", sign_of(i < 0, sp, false), i.unsigned_abs()),
        _ => return None,
    })
}

/// `format(v, spec)`.
pub fn format_value(vm: &mut Interp, v: &Value, spec: &str) -> Result<String, Value> {
    if spec.is_empty() {
        return str_of(vm, v);
    }
    let mut sp = parse_spec(spec);
    if sp.zero && sp.align.is_none() {
        sp.fill = '0';
        sp.align = Some('=');
    }
    let out = match v {
        Value::Int(i) => pad(format_int(*i, &sp).unwrap_or_else(|| format_number(*i as f64, &sp)), &sp, true),
        Value::Float(f) => pad(format_number(*f, &sp), &sp, true),
        Value::Bool(_) | Value::None if sp.kind.is_none() => pad(str_of(vm, v)?, &sp, false),
        _ => {
            let mut s = str_of(vm, v)?;
            if let Some(p) = sp.precision {
                s = s.chars().take(p).collect();
            }
            pad(s, &sp, false)
        }
    };
    Ok(out)
}

/// `fmt % args`.
pub fn percent(vm: &mut Interp, fmt: &str, args: &Value) -> Result<String, Value> {
    let items: Vec<Value> = match args {
        Value::Tuple(t) => t.to_vec(),
        other => vec![other.clone()],
    };
    let mut it = items.into_iter();
    let mut out = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = String::new();
        while let Some(&n) = chars.peek() {
            if n.is_ascii_digit() || "-+ .#".contains(n) {
                spec.push(n);
                chars.next();
            } else {
                break;
            }
        }
        let Some(kind) = chars.next() else {
            return Err(vm.exc("ValueError", "incomplete format"));
        };
        if kind == '%' {
            out.push('%');
            continue;
        }
        let Some(arg) = it.next() else {
            return Err(vm.exc("TypeError", "not enough arguments for format string"));
        };
        let left = spec.starts_with('-');
        let spec = spec.trim_start_matches('-').to_string();
        let text = match kind {
            's' => str_of(vm, &arg)?,
            'r' => repr(vm, &arg)?,
            'd' | 'i' => match &arg {
                Value::Int(i) => i.to_string(),
                Value::Float(f) => (f.trunc() as i64).to_string(),
                Value::Bool(b) => (*b as i64).to_string(),
                other => {
                    return Err(
                        vm.exc("TypeError", format!("%d format: a real number is required, not {}", other.type_name()))
                    )
                }
            },
            'f' | 'x' | 'e' | 'g' => format_value(vm, &arg, &format!("{spec}{kind}"))?,
            other => return Err(vm.exc("ValueError", format!("unsupported format character '{other}'"))),
        };
        let width: usize = spec.split('.').next().unwrap_or("").parse().unwrap_or(0);
        let n = width.saturating_sub(text.chars().count());
        if left {
            out.push_str(&text);
            out.push_str(&" ".repeat(n));
        } else if matches!(kind, 'f' | 'x' | 'e' | 'g') {
            out.push_str(&text);
        } else {
            out.push_str(&" ".repeat(n));
            out.push_str(&text);
        }
    }
    if it.next().is_some() {
        return Err(vm.exc("TypeError", "not all arguments converted during string formatting"));
    }
    Ok(out)
}
