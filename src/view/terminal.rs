//! The Programs panel's terminal and process tabs, decided here: the
//! command history the arrow keys walk (as a shell's does), what a typed
//! line answers in the transcript, a process's tab label and state, and
//! what a key does in the terminal or in a process's output.

use crate::i18n::Msg;
use crate::runner::split_command;
use crate::workspace::program_files::{FileState, ProgramFiles};

/// The most commands the history keeps.
pub const HISTORY_LIMIT: usize = 200;

/// Commands typed, newest last, and where Up/Down has got to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    entries: Vec<String>,
    /// The entry shown, while walking the history.
    cursor: Option<usize>,
    /// What was typed before the walk began (Down past the newest gives it back).
    draft: String,
}

impl History {
    /// Remembers a command that was run (blank lines and a repeat of the
    /// newest are not kept twice) and ends any walk.
    pub fn push(&mut self, line: &str) {
        let line = line.trim();
        if !line.is_empty() && self.entries.last().map(String::as_str) != Some(line) {
            self.entries.push(line.to_string());
            if self.entries.len() > HISTORY_LIMIT {
                self.entries.remove(0);
            }
        }
        self.cursor = None;
        self.draft.clear();
    }

    /// Up: the previous command (the newest first), keeping `typed` to come
    /// back to; `None` when there is nothing older.
    pub fn up(&mut self, typed: &str) -> Option<String> {
        let at = match self.cursor {
            None if self.entries.is_empty() => return None,
            None => {
                self.draft = typed.to_string();
                self.entries.len() - 1
            }
            Some(0) => return None,
            Some(i) => i - 1,
        };
        self.cursor = Some(at);
        Some(self.entries[at].clone())
    }

    /// Down: the next newer command, then what was being typed; `None`
    /// when not walking.
    pub fn down(&mut self) -> Option<String> {
        let i = self.cursor?;
        if i + 1 < self.entries.len() {
            self.cursor = Some(i + 1);
            Some(self.entries[i + 1].clone())
        } else {
            self.cursor = None;
            Some(std::mem::take(&mut self.draft))
        }
    }

    /// The commands, oldest first.
    pub fn entries(&self) -> &[String] {
        &self.entries
    }
}

/// A line of the terminal's transcript.
#[derive(Clone, Debug, PartialEq)]
pub enum TranscriptLine {
    /// A command as typed (shown after the prompt).
    Command(String),
    /// What the terminal answers: a process started.
    Started { pid: u32, program: String },
    /// A command that could not start (no such file, a bad quote).
    Refused(Msg),
}

/// The transcript's answer to a command: its process, or why it did not
/// start (the shell's own words, as the runner gives them).
pub fn answer(command: &str, started: Result<u32, Msg>) -> TranscriptLine {
    match started {
        Ok(pid) => TranscriptLine::Started { pid, program: program_of(command) },
        Err(e) => TranscriptLine::Refused(e),
    }
}

/// The program a command runs (`python3 emit_log.py info x` → `emit_log.py`),
/// for its tab's label; the command itself when it names none.
pub fn program_of(command: &str) -> String {
    let words = split_command(command).unwrap_or_default();
    let file = words.iter().find(|w| !is_python(w));
    file.cloned().unwrap_or_else(|| command.trim().to_string())
}

fn is_python(word: &str) -> bool {
    word == "python" || word == "python3" || word.starts_with("python3.")
}

/// Whether a command can start now, given the files.
#[derive(Clone, Debug, PartialEq)]
pub enum Readiness {
    /// Run it (the runtime says if the file is missing).
    Go,
    /// Its file is still being parsed: run it when it is ready.
    Wait(String),
    /// Its file was refused or could not be parsed: say so instead.
    Refused(Msg),
}

/// Whether `command` can run now: its file may still be with the parser,
/// or refused (then the terminal says where, rather than "no such file").
pub fn readiness(files: &ProgramFiles, command: &str) -> Readiness {
    let program = program_of(command);
    match files.get(&program).map(|f| &f.state) {
        Some(FileState::Parsing) => Readiness::Wait(program),
        Some(FileState::Refused(r)) => Readiness::Refused(msg!(
            "programs-not-loaded-at",
            program = &program,
            line = r.line,
            column = r.column,
            construct = &r.construct,
            reason = &r.message
        )),
        Some(FileState::Failed(e)) => {
            Readiness::Refused(msg!("programs-not-loaded", program = &program, reason = e.clone()))
        }
        Some(FileState::Ready) | None => Readiness::Go,
    }
}

/// A process's state as its tab shows it: `running`, or how it ended.
pub fn state_text(exit: Option<i32>) -> Msg {
    match exit {
        None => msg!("programs-process-running"),
        Some(code) => msg!("programs-process-exited", code = code),
    }
}

/// The `data-state` of a process's tab: `running` or `exited`.
pub fn state_name(exit: Option<i32>) -> &'static str {
    if exit.is_none() {
        "running"
    } else {
        "exited"
    }
}

/// What a key does in the terminal's command line or a process's output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TerminalKey {
    /// Enter: run the line.
    Run,
    /// Up: the previous command.
    Previous,
    /// Down: the next command.
    Next,
    /// Ctrl+C (with nothing selected to copy): interrupt the process shown.
    Interrupt,
    /// Anything else: the browser's own behaviour.
    Other,
}

/// Reads a key press; `has_selection`: text is selected (Ctrl+C copies it).
pub fn terminal_key(key: &str, ctrl: bool, shift: bool, has_selection: bool) -> TerminalKey {
    match key {
        "Enter" if !shift && !ctrl => TerminalKey::Run,
        "ArrowUp" if !ctrl => TerminalKey::Previous,
        "ArrowDown" if !ctrl => TerminalKey::Next,
        "c" | "C" if ctrl && !shift && !has_selection => TerminalKey::Interrupt,
        _ => TerminalKey::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_walks_back_and_down_returns_to_what_was_typed() {
        let mut h = History::default();
        assert_eq!(h.up("x"), None);
        h.push("python3 receive.py");
        h.push("python3 send.py");
        h.push("python3 send.py");
        h.push("  ");
        assert_eq!(h.entries(), ["python3 receive.py", "python3 send.py"]);
        assert_eq!(h.up("python3 wor").as_deref(), Some("python3 send.py"));
        assert_eq!(h.up("ignored").as_deref(), Some("python3 receive.py"));
        assert_eq!(h.up("ignored"), None, "nothing older");
        assert_eq!(h.down().as_deref(), Some("python3 send.py"));
        assert_eq!(h.down().as_deref(), Some("python3 wor"), "the draft comes back");
        assert_eq!(h.down(), None, "not walking any more");
    }

    #[test]
    fn running_a_command_ends_the_walk_and_the_history_is_bounded() {
        let mut h = History::default();
        for i in 0..HISTORY_LIMIT + 5 {
            h.push(&format!("python3 p{i}.py"));
        }
        assert_eq!(h.entries().len(), HISTORY_LIMIT);
        assert_eq!(h.entries()[0], "python3 p5.py");
        h.up("");
        h.push("python3 last.py");
        assert_eq!(h.up("").as_deref(), Some("python3 last.py"));
    }

    #[test]
    fn a_tab_is_labelled_with_the_program_it_runs() {
        assert_eq!(program_of("python3 receive_logs_topic.py \"*.mysql.error\""), "receive_logs_topic.py");
        assert_eq!(program_of("python emit_log_direct.py error \"disk full\""), "emit_log_direct.py");
        assert_eq!(program_of("python3.11 worker.py"), "worker.py");
        assert_eq!(program_of("python3"), "python3");
        assert_eq!(
            answer("python3 send.py", Ok(1000)),
            TranscriptLine::Started { pid: 1000, program: "send.py".into() }
        );
        let TranscriptLine::Refused(no) = answer("python3 x.py", Err(crate::msg!("runner-command-quote"))) else {
            panic!("refused")
        };
        assert_eq!(no.english(), "unterminated quote in the command");
    }

    #[test]
    fn a_command_waits_for_its_file_or_says_why_it_was_refused() {
        let mut files = ProgramFiles::default();
        let rev = files.put("send.py", "x").unwrap();
        assert_eq!(readiness(&files, "python3 send.py"), Readiness::Wait("send.py".into()));
        assert_eq!(readiness(&files, "python3 other.py"), Readiness::Go);
        let r = crate::python::Refusal {
            file: "send.py".into(),
            line: 2,
            column: 1,
            construct: "import requests".into(),
            message: "modules it knows: pika".into(),
        };
        files.settle("send.py", rev, FileState::Refused(r));
        let Readiness::Refused(why) = readiness(&files, "python send.py") else { panic!("refused") };
        assert_eq!(why.english(), "send.py was not loaded: line 2, column 1: import requests: modules it knows: pika");
        assert_eq!(
            why.render(crate::i18n::Lang::Zh),
            "send.py 未加载：第 2 行，第 1 列：import requests：modules it knows: pika"
        );
    }

    #[test]
    fn states_read_as_a_terminal_would_say_them() {
        assert_eq!((state_text(None).english(), state_name(None)), ("running".to_string(), "running"));
        assert_eq!(
            (state_text(Some(130)).english(), state_name(Some(130))),
            ("exited with code 130".to_string(), "exited")
        );
    }

    #[test]
    fn the_panels_words_keep_their_spaces_and_brackets() {
        use crate::i18n::Lang;
        let started = msg!("programs-terminal-started", pid = 1000, program = "send.py");
        assert_eq!(started.english(), "[1000] send.py started (its output is in its tab)");
        assert_eq!(started.render(Lang::Zh), "[1000] send.py 已启动（输出在它自己的标签页中）");
        let at = msg!("programs-editor-refused-at", line = 3, column = 1);
        assert_eq!(at.english(), "Line 3, column 1: ");
        assert_eq!(t!(Lang::En, "broker-button-connected-hint"), " (connected)");
        assert_eq!(t!(Lang::En, "broker-vhost-pick"), "Vhost ");
        assert_eq!(t!(Lang::En, "broker-live-refresh"), "Refresh every ");
        assert_eq!(t!(Lang::Zh, "programs-file-failed"), "未加载");
        let lock = t!(Lang::En, "codegen-print-lock");
        assert_eq!(lock.lines().count(), 2, "{lock:?}");
    }

    #[test]
    fn ctrl_c_interrupts_unless_it_copies_a_selection() {
        assert_eq!(terminal_key("Enter", false, false, false), TerminalKey::Run);
        assert_eq!(terminal_key("Enter", false, true, false), TerminalKey::Other);
        assert_eq!(terminal_key("ArrowUp", false, false, false), TerminalKey::Previous);
        assert_eq!(terminal_key("ArrowDown", false, false, false), TerminalKey::Next);
        assert_eq!(terminal_key("c", true, false, false), TerminalKey::Interrupt);
        assert_eq!(terminal_key("c", true, false, true), TerminalKey::Other);
        assert_eq!(terminal_key("c", false, false, false), TerminalKey::Other);
    }
}
