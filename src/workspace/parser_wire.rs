//! The messages between the page and its Python parser, a web worker
//! (`src/bin/python-parser.rs`) loaded the first time programs are needed:
//! the page posts a [`ParseRequest`] as JSON text, the worker answers a
//! [`ParseAnswer`] (the compiled [`Program`] or the [`Refusal`] with its
//! file, line and column). Before any answer the worker posts [`READY`]
//! once, when its module has loaded.
//!
//! [`answer`] is the worker's whole job, so it is tested natively here.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::program_files::MAX_SOURCE_BYTES;
use crate::i18n::{Arg, Msg};
use crate::python::{Program, Refusal};

/// What the worker posts once it can take requests.
pub const READY: &str = "ready";

/// A file to compile.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ParseRequest {
    /// Matches the answer to its request.
    pub id: u32,
    /// The file name (tracebacks and refusals use it).
    pub name: String,
    /// The Python source.
    pub source: String,
}

/// What became of a file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParseOutcome {
    /// Compiled.
    Program(Program),
    /// Refused where it is (syntax error, unsupported construct).
    Refusal(Refusal),
    /// The request itself could not be read, or the parser failed.
    Error(ParseError),
}

/// Why the parser gave no program and no refusal: a message id with the
/// technical detail (serde's reason, the browser's) kept as it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParseError {
    /// The request was not readable (why).
    UnreadableRequest(String),
    /// The source is longer than the parser takes.
    TooBig {
        /// The file.
        name: String,
        /// Its length in bytes.
        bytes: usize,
    },
    /// The worker could not write its answer (why).
    Unwritable(String),
    /// The worker's answer was not readable (why).
    UnreadableAnswer(String),
    /// The worker itself failed: did not start, stopped, did not load.
    Worker(WorkerFailure),
}

/// How the parser's worker failed, as the page saw it: the browser's own
/// reason kept as it is (`None` when it gave none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkerFailure {
    /// The worker would not take a file.
    NotTaken(Option<String>),
    /// The worker could not start.
    NoStart(Option<String>),
    /// The worker stopped (with no reason: its files could not be loaded).
    Stopped(Option<String>),
    /// It did not load within this many seconds.
    TimedOut(u32),
}

impl WorkerFailure {
    /// What went wrong, in words.
    pub fn message(&self) -> Msg {
        let reason = |why: &Option<String>| match why {
            Some(why) => Arg::from(why),
            None => Arg::from(msg!("programs-parser-no-reason")),
        };
        match self {
            WorkerFailure::NotTaken(why) => msg!("programs-parser-not-taken", why = reason(why)),
            WorkerFailure::NoStart(why) => msg!("programs-parser-no-start", why = reason(why)),
            WorkerFailure::Stopped(Some(why)) => msg!("programs-parser-stopped", why = why),
            WorkerFailure::Stopped(None) => msg!("programs-parser-unloadable"),
            WorkerFailure::TimedOut(seconds) => msg!("programs-parser-timed-out", seconds = *seconds),
        }
    }
}

impl ParseError {
    /// What went wrong, in words.
    pub fn message(&self) -> Msg {
        match self {
            ParseError::UnreadableRequest(why) => msg!("programs-parser-bad-request", why = why),
            ParseError::TooBig { name, bytes } => {
                msg!("programs-parser-too-big", name = name, bytes = *bytes, max = MAX_SOURCE_BYTES)
            }
            ParseError::Unwritable(why) => msg!("programs-parser-unwritable", why = why),
            ParseError::UnreadableAnswer(why) => msg!("programs-parser-bad-answer", why = why),
            ParseError::Worker(failure) => failure.message(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().english())
    }
}

/// The worker's answer to one request.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ParseAnswer {
    /// The request's id (0 when the request could not be read).
    pub id: u32,
    /// The program, the refusal or the error.
    pub outcome: ParseOutcome,
}

/// The worker's answer (JSON text) to a request (JSON text).
pub fn answer(request: &str) -> String {
    let answer = match serde_json::from_str::<ParseRequest>(request) {
        Err(e) => ParseAnswer { id: 0, outcome: ParseOutcome::Error(ParseError::UnreadableRequest(e.to_string())) },
        Ok(r) if r.source.len() > MAX_SOURCE_BYTES => ParseAnswer {
            id: r.id,
            outcome: ParseOutcome::Error(ParseError::TooBig { bytes: r.source.len(), name: r.name }),
        },
        Ok(r) => ParseAnswer {
            id: r.id,
            outcome: match crate::python::compile::compile(&r.name, &r.source) {
                Ok(program) => ParseOutcome::Program(program),
                Err(refusal) => ParseOutcome::Refusal(refusal),
            },
        },
    };
    serde_json::to_string(&answer).unwrap_or_else(|e| {
        serde_json::json!({"id": answer.id, "outcome": {"error": {"unwritable": e.to_string()}}}).to_string()
    })
}

/// The request as JSON text.
pub fn request_text(id: u32, name: &str, source: &str) -> String {
    serde_json::to_string(&ParseRequest { id, name: name.to_string(), source: source.to_string() }).unwrap_or_default()
}

/// Reads the worker's answer.
pub fn read_answer(text: &str) -> Result<ParseAnswer, ParseError> {
    serde_json::from_str(text).map_err(|e| ParseError::UnreadableAnswer(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEND: &str = "import pika\n\nconnection = pika.BlockingConnection(pika.ConnectionParameters('localhost'))\nchannel = connection.channel()\nchannel.queue_declare(queue='hello')\nchannel.basic_publish(exchange='', routing_key='hello', body='Hello World!')\nprint(\" [x] Sent 'Hello World!'\")\nconnection.close()\n";

    #[test]
    fn a_program_crosses_as_json_and_runs_the_same() {
        let text = answer(&request_text(7, "send.py", SEND));
        let back = read_answer(&text).unwrap();
        assert_eq!(back.id, 7);
        let ParseOutcome::Program(program) = back.outcome else { panic!("{text}") };
        let mut runner = crate::runner::Runner::new(1);
        runner.load_program("send.py", program);
        let pid = runner.run("python3 send.py").unwrap();
        let p = runner.process(pid).unwrap();
        assert_eq!((p.stdout.as_str(), p.exit), (" [x] Sent 'Hello World!'\n", Some(0)));
    }

    #[test]
    fn a_refusal_says_file_line_and_column() {
        let back = read_answer(&answer(&request_text(2, "bad.py", "import pika\nimport requests\n"))).unwrap();
        let ParseOutcome::Refusal(r) = back.outcome else { panic!("expected a refusal") };
        assert_eq!((r.file.as_str(), r.line, r.column), ("bad.py", 2, 8), "at the module name");
        let back = read_answer(&answer(&request_text(3, "syntax.py", "x = (1,\nprint(x\n"))).unwrap();
        let ParseOutcome::Refusal(r) = back.outcome else { panic!("expected a syntax error") };
        assert_eq!(r.construct, "SyntaxError");
    }

    #[test]
    fn a_worker_failure_crosses_as_json_and_reads_in_both_languages() {
        use crate::i18n::Lang;
        let failures = [
            WorkerFailure::NotTaken(Some("DataCloneError: x".into())),
            WorkerFailure::NoStart(None),
            WorkerFailure::Stopped(Some("SyntaxError: bad token".into())),
            WorkerFailure::Stopped(None),
            WorkerFailure::TimedOut(30),
        ];
        for f in &failures {
            let answer = ParseAnswer { id: 5, outcome: ParseOutcome::Error(ParseError::Worker(f.clone())) };
            let back = read_answer(&serde_json::to_string(&answer).unwrap()).unwrap();
            assert!(matches!(back.outcome, ParseOutcome::Error(ParseError::Worker(ref g)) if g == f), "{f:?}");
        }
        let [taken, no_start, stopped, unloadable, late] = failures.map(|f| ParseError::Worker(f).message());
        assert_eq!(taken.english(), "the parser did not take the file: DataCloneError: x");
        assert_eq!(no_start.english(), "the Python parser could not start: the browser gave no reason");
        assert_eq!(stopped.render(Lang::Zh), "Python 解析器已停止：SyntaxError: bad token");
        assert_eq!(unloadable.english(), "the Python parser stopped: its files could not be loaded");
        assert_eq!(no_start.render(Lang::Zh), "Python 解析器无法启动：浏览器没有给出原因");
        assert_eq!(late.english(), "the Python parser did not load within 30 s");
        assert_eq!(late.render(Lang::Zh), "Python 解析器在 30 秒内没有加载完成");
    }

    #[test]
    fn unreadable_and_oversized_requests_are_answered_with_an_error() {
        let back = read_answer(&answer("{\"id\": 1}")).unwrap();
        assert!(matches!(back.outcome, ParseOutcome::Error(ref e) if e.to_string().contains("not readable")));
        let big = "x = 1\n".repeat(MAX_SOURCE_BYTES / 6 + 1);
        let back = read_answer(&answer(&request_text(4, "big.py", &big))).unwrap();
        assert_eq!(back.id, 4);
        let ParseOutcome::Error(e) = back.outcome else { panic!("too big") };
        assert_eq!(e, ParseError::TooBig { name: "big.py".into(), bytes: big.len() });
        assert!(e.to_string().contains("big.py") && e.to_string().contains("the parser takes programs up to"));
        assert!(
            e.message().render(crate::i18n::Lang::Zh).contains("字节"),
            "{}",
            e.message().render(crate::i18n::Lang::Zh)
        );
        assert!(read_answer("nonsense").unwrap_err().to_string().contains("not readable"));
    }
}
