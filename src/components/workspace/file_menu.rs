//! The "File" menu: open and save scenario files (`.warren.json`), import
//! and export RabbitMQ definitions, export Python (pika) code. Opening goes
//! through [`crate::workspace::files`]: a refused file changes nothing and
//! a banner says what is wrong and where; an accepted one is loaded as an
//! undoable step. The file inputs stay in the page (hidden) so the menu
//! items and the tests can reach them.

use crate::i18n::MsgId;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::codegen::{self, Language};
use crate::definitions;
use crate::editor::EditAction;
use crate::i18n::{t, Lang};
use crate::scenario::{Scenario, MAX_DOCUMENT_BYTES};
use crate::workspace::files::{self, FileKind, Opened};
use crate::workspace::{Banner, Tone, Topic};

use crate::components::context::{use_editor, EditorHandle};
use crate::components::workspace::banners::{show, use_banners, BannersHandle};
use crate::components::workspace::menu::Menu;
use crate::web::browser;

/// Loads what a file opened to (if anything) and shows its banner.
pub fn apply_opened(editor: &EditorHandle, banners: &BannersHandle, opened: Opened) {
    if let Some(s) = opened.scenario {
        editor.dispatch(EditAction::Load(Rc::new(s)));
    }
    show(banners, opened.banner);
}

/// Reads a file and opens it as `kind` (`None`: whichever it is, for a
/// dropped file).
/// An imported definitions file's title is written in `lang`.
pub fn open_file(
    file: web_sys::File,
    kind: Option<FileKind>,
    editor: EditorHandle,
    banners: BannersHandle,
    lang: Lang,
) {
    let name = file.name();
    let limit = match kind {
        Some(FileKind::Scenario) => MAX_DOCUMENT_BYTES,
        _ => definitions::MAX_DEFINITIONS_BYTES,
    };
    if file.size() > limit as f64 {
        show(&banners, files::too_large(&name, file.size(), limit));
        return;
    }
    yew::platform::spawn_local(async move {
        let opened = match browser::read_file(&file).await {
            Ok(text) => match kind {
                Some(FileKind::Scenario) => files::open_scenario(&name, &text),
                Some(FileKind::Definitions) => files::open_definitions(&name, &text, lang),
                None => files::open_dropped(&name, &text, lang),
            },
            Err(why) => Opened {
                scenario: None,
                banner: Banner::new(Topic::File, Tone::Error, msg!("workspace-file-unreadable", name = name.clone()))
                    .with_lines([why.message()]),
            },
        };
        apply_opened(&editor, &banners, opened);
    });
}

/// Starts a download; a failure becomes a banner.
fn save(banners: &BannersHandle, name: &str, mime: &str, text: &str) -> bool {
    match browser::save_file(name, mime, text) {
        Ok(()) => true,
        Err(why) => {
            show(
                banners,
                Banner::new(Topic::File, Tone::Error, msg!("workspace-file-unsaved", name = name))
                    .with_lines([why.message()]),
            );
            false
        }
    }
}

/// Opens the file chosen in a file input as `kind`.
fn on_file(kind: FileKind, editor: &EditorHandle, banners: &BannersHandle, lang: Lang) -> Callback<Event> {
    let (editor, banners) = (editor.clone(), banners.clone());
    Callback::from(move |e: Event| {
        let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            open_file(file, Some(kind), editor.clone(), banners.clone(), lang);
        }
        // The same file can be chosen again.
        input.set_value("");
    })
}

/// Opens the browser's file chooser of a hidden input.
fn pick(input: &NodeRef) -> Callback<MouseEvent> {
    let input = input.clone();
    Callback::from(move |_: MouseEvent| {
        if let Some(i) = input.cast::<HtmlInputElement>() {
            i.click();
        }
    })
}

/// A menu item's callback that runs `f` on the scenario and the banners.
fn on_scenario(
    editor: &EditorHandle,
    banners: &BannersHandle,
    f: impl Fn(&Scenario, &BannersHandle) + 'static,
) -> Callback<MouseEvent> {
    let (editor, banners) = (editor.clone(), banners.clone());
    Callback::from(move |_: MouseEvent| f(&editor.scenario, &banners))
}

/// "Save scenario file".
fn save_scenario(s: &Scenario, banners: &BannersHandle) {
    save(banners, &files::scenario_file_name(s), "application/json", &files::scenario_file(s));
}

/// "Export definitions.json", then its warnings (what was left out).
fn export_definitions(s: &Scenario, banners: &BannersHandle) {
    let name = files::definitions_file_name(s);
    let export = definitions::export(s);
    if save(banners, &name, "application/json", &export.json) {
        show(banners, files::definitions_exported(&name, &export.warnings));
    }
}

/// "Export code (Python pika)", its comments in the page's language, then
/// how to run it.
fn export_code(s: &Scenario, banners: &BannersHandle, lang: Lang) {
    let name = files::code_file_name(s, Language::Pika);
    if save(banners, &name, "text/x-python", &codegen::export(s, Language::Pika, lang)) {
        show(banners, Banner::new(Topic::File, Tone::Info, msg!("workspace-code-saved", name = name.clone())));
    }
}

/// A menu item: its title and description (messages), and what it does.
fn item(lang: Lang, action: &'static str, [title, description]: [MsgId; 2], onclick: Callback<MouseEvent>) -> Html {
    html! {
        <button type="button" class="menu-item" data-action={action} {onclick}>
            <span class="menu-item-title">{ t(lang, title) }</span>
            <span class="menu-item-description">{ t(lang, description) }</span>
        </button>
    }
}

/// A hidden file input (`data-import` = `scenario` or `definitions`).
fn file_input(import: &'static str, input: &NodeRef, onchange: Callback<Event>) -> Html {
    html! {
        <input type="file" class="visually-hidden" data-import={import} accept=".json,application/json"
               tabindex="-1" aria-hidden="true" ref={input.clone()} {onchange} />
    }
}

/// The "File" menu and its hidden file inputs.
#[function_component(FileMenu)]
pub fn file_menu() -> Html {
    let editor = use_editor();
    let banners = use_banners();
    let lang = crate::components::use_lang();
    let scenario_input = use_node_ref();
    let definitions_input = use_node_ref();
    let (e, b) = (&editor, &banners);
    html! {
        <>
            { file_input("scenario", &scenario_input, on_file(FileKind::Scenario, e, b, lang)) }
            { file_input("definitions", &definitions_input, on_file(FileKind::Definitions, e, b, lang)) }
            <Menu label={t!(lang, "workspace-file-menu")} class="file-menu" title={t!(lang, "workspace-file-menu.title")}>
                <p class="menu-heading">{ t!(lang, "workspace-file-heading-warren") }</p>
                { item(lang, "open-scenario", [id!("workspace-file-open-scenario"), id!("workspace-file-open-scenario.description")], pick(&scenario_input)) }
                { item(lang, "save-scenario", [id!("workspace-file-save-scenario"), id!("workspace-file-save-scenario.description")], on_scenario(e, b, save_scenario)) }
                <p class="menu-heading">{ "RabbitMQ" }</p>
                { item(lang, "import-definitions", [id!("workspace-file-import-definitions"), id!("workspace-file-import-definitions.description")], pick(&definitions_input)) }
                { item(lang, "export-definitions", [id!("workspace-file-export-definitions"), id!("workspace-file-export-definitions.description")], on_scenario(e, b, export_definitions)) }
                { item(lang, "export-code", [id!("workspace-file-export-code"), id!("workspace-file-export-code.description")], on_scenario(e, b, move |s, b| export_code(s, b, lang))) }
            </Menu>
        </>
    }
}
