//! The Programs panel's files: Python sources by name, each with the
//! revision of its text and where it is in being made runnable (being
//! parsed, ready, or refused with the place and the reason). Pasting,
//! dropping or loading a file with a name already there replaces it in its
//! place; an answer from the parser counts only for the text it was asked
//! about, so a file edited while it was being parsed waits for the newer
//! answer.

use serde_json::{json, Value};

use crate::i18n::Msg;
use crate::python::Refusal;

/// The longest program source accepted, in bytes (a tutorial program is a
/// few kilobytes).
pub const MAX_SOURCE_BYTES: usize = 256 * 1024;

/// The most program files held at once.
pub const MAX_FILES: usize = 32;

/// Where a file is in being made runnable.
#[derive(Clone, Debug, PartialEq)]
pub enum FileState {
    /// Sent to the parser; no answer yet.
    Parsing,
    /// Compiled and loaded: commands can run it.
    Ready,
    /// Refused: a syntax error or a construct Warren does not run.
    Refused(Refusal),
    /// The parser could not be reached (it did not load, or it failed).
    Failed(Msg),
}

/// One program file.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramFile {
    /// Its name, as commands name it (`receive_logs_topic.py`).
    pub name: String,
    /// The Python source.
    pub source: String,
    /// Changes with every new text; parser answers carry the one they read.
    pub revision: u64,
    /// Parsing, ready, refused or failed.
    pub state: FileState,
}

/// The files, in the order they were first added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgramFiles {
    files: Vec<ProgramFile>,
    revisions: u64,
}

impl ProgramFiles {
    /// Adds a file, or replaces the text of the one with that name (it
    /// keeps its place). Answers the revision to parse, or why the file
    /// cannot be taken (its name, its size, too many files).
    pub fn put(&mut self, name: &str, source: &str) -> Result<u64, Msg> {
        check_name(name)?;
        check_source(name, source)?;
        self.revisions += 1;
        let revision = self.revisions;
        let file =
            ProgramFile { name: name.to_string(), source: source.to_string(), revision, state: FileState::Parsing };
        match self.files.iter().position(|f| f.name == name) {
            Some(i) => self.files[i] = file,
            None if self.files.len() >= MAX_FILES => {
                return Err(msg!("programs-too-many-files", name = name, max = MAX_FILES))
            }
            None => self.files.push(file),
        }
        Ok(revision)
    }

    /// Records the parser's answer for `revision` of `name`; false (and
    /// nothing changes) when the file has changed or gone since.
    pub fn settle(&mut self, name: &str, revision: u64, state: FileState) -> bool {
        match self.files.iter_mut().find(|f| f.name == name && f.revision == revision) {
            Some(f) => {
                f.state = state;
                true
            }
            None => false,
        }
    }

    /// Removes a file (processes already running it go on).
    pub fn remove(&mut self, name: &str) {
        self.files.retain(|f| f.name != name);
    }

    /// The files, in the order they were added.
    pub fn files(&self) -> &[ProgramFile] {
        &self.files
    }

    /// The file called `name`.
    pub fn get(&self, name: &str) -> Option<&ProgramFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// Whether the list has `name` with exactly this text (a document's
    /// program it need not take in again).
    pub fn holds(&self, name: &str, source: &str) -> bool {
        self.get(name).is_some_and(|f| f.source == source)
    }

    /// Whether any file waits for the parser.
    pub fn parsing(&self) -> bool {
        self.files.iter().any(|f| f.state == FileState::Parsing)
    }
}

/// A program's name is a file name commands can type without quotes:
/// letters, digits, `_`, `-` and `.`, ending in `.py`.
pub fn check_name(name: &str) -> Result<(), Msg> {
    let ok_chars = name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !name.ends_with(".py") || name.len() <= 3 || name.len() > 100 || !ok_chars || name.starts_with('.') {
        return Err(msg!("programs-bad-name", name = name));
    }
    Ok(())
}

fn check_source(name: &str, source: &str) -> Result<(), Msg> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(msg!("programs-too-big", name = name, bytes = source.len(), max = MAX_SOURCE_BYTES));
    }
    Ok(())
}

/// A refusal as the API's note: `{program, line, column, message}` (the
/// message names the construct first).
pub fn refusal_note(r: &Refusal) -> Value {
    json!({"program": r.file, "line": r.line, "column": r.column, "message": format!("{}: {}", r.construct, r.message)})
}

/// A file that could not be taken or parsed at all, as the API's note.
pub fn failure_note(program: &str, message: &str) -> Value {
    json!({"program": program, "line": Value::Null, "message": message})
}

/// Reads `loadPrograms`' argument: `[{name, source}, ...]`.
pub fn read_program_list(v: &Value) -> Result<Vec<(String, String)>, String> {
    let Some(items) = v.as_array() else {
        return Err("loadPrograms expects an array like [{name: 'send.py', source: '...'}]".into());
    };
    if items.len() > MAX_FILES {
        return Err(format!("loadPrograms takes at most {MAX_FILES} programs, got {}", items.len()));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let field = |key: &str| item.get(key).and_then(Value::as_str).map(str::to_string);
            match (field("name"), field("source")) {
                (Some(name), Some(source)) => Ok((name, source)),
                _ => Err(format!("loadPrograms: item {i} must be {{name, source}} with two strings, got {item}")),
            }
        })
        .collect()
}

/// Reads a process id argument (`interrupt(pid)`).
pub fn read_pid(v: &Value) -> Result<u32, String> {
    v.as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| format!("expected a process id (a number from run()), got {v}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(file: &str) -> Refusal {
        Refusal { file: file.into(), line: 3, column: 1, construct: "import requests".into(), message: "no".into() }
    }

    #[test]
    fn a_file_with_the_same_name_is_replaced_in_its_place() {
        let mut files = ProgramFiles::default();
        files.put("send.py", "a").unwrap();
        files.put("receive.py", "b").unwrap();
        files.put("send.py", "c").unwrap();
        let names: Vec<&str> = files.files().iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["send.py", "receive.py"]);
        assert_eq!(files.get("send.py").unwrap().source, "c");
        assert_eq!(files.get("send.py").unwrap().state, FileState::Parsing);
        assert!(files.holds("send.py", "c") && !files.holds("send.py", "a") && !files.holds("x.py", "c"));
    }

    #[test]
    fn an_answer_for_an_older_text_is_dropped() {
        let mut files = ProgramFiles::default();
        let first = files.put("send.py", "a").unwrap();
        let second = files.put("send.py", "ab").unwrap();
        assert!(!files.settle("send.py", first, FileState::Refused(refusal("send.py"))));
        assert!(files.parsing());
        assert!(files.settle("send.py", second, FileState::Ready));
        assert!(!files.parsing());
        assert!(!files.settle("gone.py", second, FileState::Ready));
    }

    #[test]
    fn names_are_file_names_a_command_can_type() {
        for good in ["send.py", "receive_logs_topic.py", "rpc-server.py", "v1.2.py"] {
            assert_eq!(check_name(good), Ok(()), "{good}");
        }
        for bad in ["send", ".py", "my prog.py", "../x.py", "a/b.py", "x.py\"", ".hidden.py", ""] {
            let e = check_name(bad).unwrap_err().english();
            assert!(e.contains("ending in .py"), "{bad}: {e}");
        }
    }

    #[test]
    fn too_big_and_too_many_are_refused_with_the_limit() {
        let mut files = ProgramFiles::default();
        let e = files.put("big.py", &"x".repeat(MAX_SOURCE_BYTES + 1)).unwrap_err().english();
        assert!(e.contains("big.py") && e.contains(&MAX_SOURCE_BYTES.to_string()), "{e}");
        for i in 0..MAX_FILES {
            files.put(&format!("p{i}.py"), "").unwrap();
        }
        let e = files.put("one_more.py", "").unwrap_err();
        assert!(e.english().contains("at most 32"), "{}", e.english());
        let zh = e.render(crate::i18n::Lang::Zh);
        assert!(zh.contains("one_more.py") && zh.contains("32 个"), "{zh}");
        assert!(files.put("p0.py", "again").is_ok(), "replacing is still allowed");
        files.remove("p0.py");
        assert!(files.get("p0.py").is_none());
    }

    #[test]
    fn the_api_arguments_are_read_with_what_is_wrong() {
        let list = read_program_list(&json!([{"name": "a.py", "source": "x"}])).unwrap();
        assert_eq!(list, [("a.py".to_string(), "x".to_string())]);
        assert!(read_program_list(&json!({"name": "a.py"})).unwrap_err().contains("expects an array"));
        let e = read_program_list(&json!([{"name": "a.py", "source": "x"}, {"name": 3}])).unwrap_err();
        assert!(e.contains("item 1"), "{e}");
        assert_eq!(read_pid(&json!(1000)), Ok(1000));
        assert!(read_pid(&json!("1000")).unwrap_err().contains("process id"));
        assert!(read_pid(&json!(-1)).is_err());
    }

    #[test]
    fn notes_name_the_program_the_line_and_the_construct() {
        let note = refusal_note(&refusal("send.py"));
        assert_eq!(note, json!({"program": "send.py", "line": 3, "column": 1, "message": "import requests: no"}));
        assert_eq!(failure_note("x.py", "bad")["line"], Value::Null);
    }
}
