//! A message to show, as data: a catalogue id with its arguments, rendered
//! in whichever language the page speaks when it is drawn. Logic that
//! decides what the user reads (the log, notices, refusals, explanations)
//! returns a [`Msg`], never a finished sentence, so switching the language
//! redraws everything already on screen.

use super::{text, Arg, Lang, MsgId, VarId};

/// A catalogue message with its arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct Msg {
    /// The message's id (`id!("…")`, an id of `locales/en/*.ftl`).
    pub id: MsgId,
    /// The arguments, by variable.
    pub args: Vec<(VarId, Arg)>,
}

impl Msg {
    /// The message `id` with no arguments.
    pub fn new(id: MsgId) -> Msg {
        Msg { id, args: Vec::new() }
    }

    /// The message `id` with room for `n` arguments (what [`msg!`](crate::msg)
    /// builds: a log line's message allocates only what it holds).
    #[inline(never)]
    pub fn with_capacity(id: MsgId, n: usize) -> Msg {
        Msg { id, args: Vec::with_capacity(n) }
    }

    /// The same message with one more argument.
    pub fn with(self, var: VarId, value: impl Into<Arg>) -> Msg {
        self.with_arg(var, value.into())
    }

    /// [`Msg::with`] once the value is an [`Arg`]: one copy of the code
    /// for every call site (hundreds of them in the page).
    #[inline(never)]
    fn with_arg(mut self, var: VarId, value: Arg) -> Msg {
        self.args.push((var, value));
        self
    }

    /// A text shown as it is in every language (RabbitMQ's reply texts, a
    /// parser's or the browser's own words, names): the one message whose
    /// whole pattern is its argument.
    pub fn verbatim(text: impl Into<Arg>) -> Msg {
        Msg::with_capacity(id!("verbatim"), 1).with(var!("text"), text)
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        text(lang, self.id, &self.args)
    }

    /// The message in English (tests, the host API and logs for developers).
    pub fn english(&self) -> String {
        self.render(Lang::En)
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Self {
        Arg::Msg(Box::new(m))
    }
}

/// `msg!("id")` or `msg!("id", name = value, ...)`: a [`Msg`]; each value
/// is anything that turns into an [`Arg`] (numbers, texts, other `Msg`s).
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::with_capacity($crate::id!($id), <[&str]>::len(&[$(stringify!($name)),*]))$(.with($crate::var!(stringify!($name)), $value))*
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_renders_in_the_language_asked_with_nested_messages() {
        let inner = msg!("unit-bindings", count = 2);
        assert_eq!(inner.render(Lang::En), "2 bindings");
        assert_eq!(inner.render(Lang::Zh), "2 个绑定");
        let outer = Msg::new(id!("unit-bindings")).with(var!("count"), 1);
        assert_eq!(outer.english(), "1 binding");
        assert_eq!(Msg::verbatim("NOT_FOUND - no queue 'q'").render(Lang::Zh), "NOT_FOUND - no queue 'q'");
    }
}
