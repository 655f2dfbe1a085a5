//! Reading a terminal command line the way a shell and CPython would:
//! words split with quotes, the interpreter word (`python`, `python3`,
//! `python3.11`), options Warren accepts, the program file and its
//! arguments. Refusals are messages (`runner-command-…`): Warren's own
//! words for what this terminal runs, around what a shell or CPython
//! would print, which stays as it is.

use crate::i18n::Msg;

/// A command line read: which file to run with which `sys.argv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandLine {
    /// The interpreter word as typed (`python3`), used in error messages.
    pub interpreter: String,
    /// The file name as typed (`send.py`, `./send.py`).
    pub typed_file: String,
    /// The loaded file it names (`send.py` for `./send.py`).
    pub file: String,
    /// `sys.argv`: the file as typed, then the arguments.
    pub argv: Vec<String>,
}

/// Options CPython takes that change nothing in Warren.
const HARMLESS_OPTIONS: &[&str] = &["-u", "-B", "-q", "-s", "-E"];

fn is_interpreter(word: &str) -> bool {
    let Some(rest) = word.strip_prefix("python") else { return false };
    rest.is_empty() || rest.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// Reads `python3 FILE ARGS...`.
pub fn parse(line: &str) -> Result<CommandLine, Msg> {
    let words = split_command(line)?;
    let Some(first) = words.first() else { return Err(msg!("runner-command-empty")) };
    if !is_interpreter(first) {
        return Err(msg!("runner-command-not-found", command = first.as_str()));
    }
    let mut rest = words[1..].iter().peekable();
    while let Some(option) = rest.next_if(|w| w.starts_with('-')) {
        if !HARMLESS_OPTIONS.contains(&option.as_str()) {
            return Err(msg!("runner-command-option", command = first.as_str(), option = option.as_str()));
        }
    }
    let Some(typed_file) = rest.next().cloned() else {
        return Err(msg!("runner-command-no-file", command = first.as_str()));
    };
    let file = typed_file.trim_start_matches("./").to_string();
    let argv = std::iter::once(typed_file.clone()).chain(rest.cloned()).collect();
    Ok(CommandLine { interpreter: first.clone(), typed_file, file, argv })
}

/// What CPython prints for a file that is not there (exit code 2), in
/// CPython's words whatever the page's language.
pub fn no_such_file(interpreter: &str, typed_file: &str) -> Msg {
    msg!("runner-command-no-such-file", command = interpreter, file = typed_file)
}

/// The exit code a shell gives a refused command line: 127 for a command
/// it does not know, 2 otherwise (as CPython for a bad file or option).
pub fn exit_code(refusal: &Msg) -> i32 {
    if refusal.id == id!("runner-command-not-found") {
        127
    } else {
        2
    }
}

/// Splits a command line into words (single and double quotes).
pub fn split_command(line: &str) -> Result<Vec<String>, Msg> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if quote.is_some() {
        return Err(msg!("runner-command-quote"));
    }
    if any || !cur.is_empty() {
        words.push(cur);
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_tutorials_commands() {
        let c = parse("python3 receive_logs_topic.py \"*.mysql.error\" 'kern.*'").unwrap();
        assert_eq!(c.file, "receive_logs_topic.py");
        assert_eq!(c.argv, ["receive_logs_topic.py", "*.mysql.error", "kern.*"]);
        let c = parse("python -u ./emit_log_direct.py error \"disk full\"").unwrap();
        assert_eq!((c.interpreter.as_str(), c.file.as_str()), ("python", "emit_log_direct.py"));
        assert_eq!(c.argv, ["./emit_log_direct.py", "error", "disk full"]);
        assert_eq!(parse("python3.11 a.py ''").unwrap().argv, ["a.py", ""]);
    }

    #[test]
    fn refuses_in_a_shells_words() {
        assert!(parse("ls -l").unwrap_err().english().starts_with("ls: command not found"));
        assert!(parse("python3").unwrap_err().english().contains("no program file given"));
        assert!(parse("python3 -c 'print(1)'").unwrap_err().english().contains("option -c is not supported"));
        assert!(parse("python3 'a.py").unwrap_err().english().contains("unterminated quote"));
        assert!(parse("   ").unwrap_err().english().contains("no command given"));
        assert_eq!(
            no_such_file("python3", "x.py").english(),
            "python3: can't open file 'x.py': [Errno 2] No such file or directory"
        );
    }
}
