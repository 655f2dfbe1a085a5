//! The terminal: a transcript of the commands typed and what they started,
//! and a command line (Enter runs it, Up/Down walk the history, Ctrl+C
//! interrupts the process shown). Keys are read by [`terminal_key`].

use yew::prelude::*;

use crate::components::use_lang;
use crate::i18n::Lang;
use crate::view::terminal::{terminal_key, History, TerminalKey, TranscriptLine};

/// The properties of [`Terminal`].
#[derive(Properties, PartialEq)]
pub struct TerminalProps {
    /// The transcript, oldest first.
    pub transcript: Vec<TranscriptLine>,
    /// Runs a command line.
    pub on_run: Callback<String>,
    /// Ctrl+C: interrupts the process shown.
    pub on_interrupt: Callback<()>,
    /// A command waits for its file's parse.
    #[prop_or_default]
    pub waiting: Option<AttrValue>,
}

fn line_html(line: &TranscriptLine, lang: Lang) -> Html {
    match line {
        TranscriptLine::Command(c) => {
            html! { <div class="term-command"><span class="term-prompt">{ "$ " }</span>{ c.clone() }</div> }
        }
        TranscriptLine::Started { pid, program } => {
            html! { <div class="term-started">{ msg!("programs-terminal-started", pid = *pid, program = program).render(lang) }</div> }
        }
        TranscriptLine::Refused(e) => html! { <div class="term-error">{ e.render(lang) }</div> },
    }
}

/// The terminal.
#[function_component(Terminal)]
pub fn terminal(props: &TerminalProps) -> Html {
    let lang = use_lang();
    let history = use_mut_ref(History::default);
    let input = use_node_ref();
    let log = use_node_ref();
    {
        // The newest line stays in view.
        let log = log.clone();
        use_effect_with(props.transcript.len(), move |_| {
            if let Some(el) = log.cast::<web_sys::HtmlElement>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let onkeydown = {
        let (history, on_run, on_interrupt) = (history.clone(), props.on_run.clone(), props.on_interrupt.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(field) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
            let selected = field.selection_start().ok().flatten() != field.selection_end().ok().flatten();
            let set = |text: String| {
                field.set_value(&text);
                let end = text.encode_utf16().count() as u32;
                let _ = field.set_selection_range(end, end);
            };
            match terminal_key(&e.key(), e.ctrl_key() || e.meta_key(), e.shift_key(), selected) {
                TerminalKey::Run => {
                    e.prevent_default();
                    let line = field.value();
                    history.borrow_mut().push(&line);
                    field.set_value("");
                    on_run.emit(line);
                }
                TerminalKey::Previous => {
                    e.prevent_default();
                    let older = history.borrow_mut().up(&field.value());
                    older.map(set);
                }
                TerminalKey::Next => {
                    e.prevent_default();
                    let newer = history.borrow_mut().down();
                    newer.map(set);
                }
                TerminalKey::Interrupt => {
                    e.prevent_default();
                    on_interrupt.emit(());
                }
                TerminalKey::Other => {}
            }
        })
    };
    let focus = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(i) = input.cast::<web_sys::HtmlElement>() {
                let _ = i.focus();
            }
        })
    };
    html! {
        <section class="terminal" aria-label={t!(lang, "programs-terminal.aria-label")} onclick={focus}>
            <div class="term-log" ref={log} role="log" aria-live="polite">
                { for props.transcript.iter().map(|l| line_html(l, lang)) }
                if let Some(w) = &props.waiting {
                    <div class="term-waiting">{ msg!("programs-terminal-waiting", program = w.as_str()).render(lang) }</div>
                }
            </div>
            <div class="term-line">
                <span class="term-prompt" aria-hidden="true">{ "$" }</span>
                <input ref={input} class="term-input" type="text" spellcheck="false" autocapitalize="off" autocomplete="off"
                       aria-label={t!(lang, "programs-terminal-input.aria-label")}
                       placeholder={t!(lang, "programs-terminal-input.placeholder")} {onkeydown} />
            </div>
        </section>
    }
}
