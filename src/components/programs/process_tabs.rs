//! One tab per process: its program's name and state; the tab's panel
//! shows what it printed (stderr in its own colour), how it ended, and a
//! Ctrl+C button (the key works in the output too) that raises
//! KeyboardInterrupt where the program waits.

use yew::prelude::*;

use super::ProcessRow;
use crate::components::use_lang;
use crate::i18n::Lang;
use crate::runner::Pid;
use crate::view::terminal::{program_of, state_name, state_text, terminal_key, TerminalKey};

/// What [`process_tabs`] draws.
pub struct ProcessTabsProps {
    /// Every process, oldest first.
    pub processes: Vec<ProcessRow>,
    /// The process shown.
    pub selected: Option<Pid>,
    /// Called with the process to show.
    pub on_select: Callback<Pid>,
    /// Ctrl+C for a process.
    pub on_interrupt: Callback<Pid>,
    /// The page's language.
    pub lang: Lang,
}

/// The tabs and the output of the process shown (a plain function: the
/// panel draws it at every render).
pub fn process_tabs(props: &ProcessTabsProps) -> Html {
    let lang = props.lang;
    if props.processes.is_empty() {
        return html! { <p class="process-empty muted">{ t!(lang, "programs-processes-empty") }</p> };
    }
    let shown = props.selected.and_then(|pid| props.processes.iter().find(|p| p.pid == pid));
    let shown = shown.or(props.processes.last());
    let tabs = props.processes.iter().map(|p| {
        let on = shown.is_some_and(|s| s.pid == p.pid);
        let onclick = {
            let pid = p.pid;
            props.on_select.reform(move |_: MouseEvent| pid)
        };
        html! {
            <button type="button" role="tab" class={classes!("process-tab", on.then_some("on"))}
                    id={format!("process-tab-{}", p.pid)} aria-selected={on.to_string()}
                    aria-controls={format!("process-{}", p.pid)} data-pid={p.pid.to_string()}
                    data-state={state_name(p.exit)} title={p.command.clone()} {onclick}>
                <span class="process-dot" aria-hidden="true"></span>
                { program_of(&p.command) }
                <span class="process-pid">{ p.pid }</span>
            </button>
        }
    });
    html! {
        <section class="processes" aria-label={t!(lang, "programs-processes.aria-label")}>
            <div class="process-tab-list" role="tablist" aria-label={t!(lang, "programs-processes.aria-label")}>{ for tabs }</div>
            { for shown.map(|p| output(p, &props.on_interrupt, lang)) }
        </section>
    }
}

/// The panel of one process.
fn output(p: &ProcessRow, on_interrupt: &Callback<Pid>, lang: Lang) -> Html {
    let pid = p.pid;
    let running = p.exit.is_none();
    let onclick = on_interrupt.reform(move |_: MouseEvent| pid);
    let onkeydown = {
        let on_interrupt = on_interrupt.clone();
        Callback::from(move |e: KeyboardEvent| {
            let selected = gloo::utils::window().get_selection().ok().flatten().is_some_and(|s| !s.is_collapsed());
            if terminal_key(&e.key(), e.ctrl_key() || e.meta_key(), e.shift_key(), selected) == TerminalKey::Interrupt {
                e.prevent_default();
                on_interrupt.emit(pid);
            }
        })
    };
    let program = program_of(&p.command);
    html! {
        <div class="process-panel" role="tabpanel" id={format!("process-{pid}")}
             aria-labelledby={format!("process-tab-{pid}")} data-pid={pid.to_string()}>
            <div class="process-head">
                <code class="process-command">{ format!("$ {}", p.command) }</code>
                <span class="process-state" data-state={state_name(p.exit)}>{ state_text(p.exit).render(lang) }</span>
                <button type="button" class="process-interrupt" disabled={!running} {onclick}
                        aria-label={msg!("programs-interrupt.aria-label", program = &program, pid = pid).render(lang)}>
                    { t!(lang, "programs-interrupt") }
                </button>
            </div>
            <ProcessOutput stdout={p.stdout.clone()} stderr={p.stderr.clone()}
                           label={msg!("programs-output.aria-label", program = &program, pid = pid).render(lang)} {onkeydown} />
            if let Some(note) = &p.note {
                <p class="process-note" role="status">{ note.render(lang) }</p>
            }
        </div>
    }
}

/// The properties of [`ProcessOutput`].
#[derive(Properties, PartialEq)]
struct ProcessOutputProps {
    stdout: String,
    stderr: String,
    label: String,
    onkeydown: Callback<KeyboardEvent>,
}

/// What a process printed, kept scrolled to the newest line.
#[function_component(ProcessOutput)]
fn process_output(props: &ProcessOutputProps) -> Html {
    let lang = use_lang();
    let pre = use_node_ref();
    {
        let pre = pre.clone();
        use_effect_with((props.stdout.len(), props.stderr.len()), move |_| {
            if let Some(el) = pre.cast::<web_sys::HtmlElement>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let empty = props.stdout.is_empty() && props.stderr.is_empty();
    html! {
        <pre class="process-output" ref={pre} tabindex="0" aria-label={props.label.clone()}
             onkeydown={props.onkeydown.clone()}>
            <span class="stdout">{ props.stdout.clone() }</span>
            <span class="stderr">{ props.stderr.clone() }</span>
            if empty {
                <span class="process-quiet muted">{ t!(lang, "programs-output-empty") }</span>
            }
        </pre>
    }
}
