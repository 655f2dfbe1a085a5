//! The "File" menu: open and save scenario files (`.warren.json`), import
//! and export RabbitMQ definitions, export Python (pika) code. Opening goes
//! through [`crate::workspace::files`]: a refused file changes nothing and
//! a banner says what is wrong and where; an accepted one is loaded as an
//! undoable step. The file inputs stay in the page (hidden) so the menu
//! items and the tests can reach them.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::codegen::{self, Language};
use crate::definitions;
use crate::editor::EditAction;
use crate::scenario::MAX_DOCUMENT_BYTES;
use crate::workspace::files::{self, FileKind, Opened};
use crate::workspace::{Banner, Tone, Topic};

use super::banners::{show, use_banners, BannersHandle};
use super::browser;
use super::context::{use_editor, EditorHandle};
use super::menu::Menu;

/// Loads what a file opened to (if anything) and shows its banner.
pub fn apply_opened(editor: &EditorHandle, banners: &BannersHandle, opened: Opened) {
    if let Some(s) = opened.scenario {
        editor.dispatch(EditAction::Load(Rc::new(s)));
    }
    show(banners, opened.banner);
}

/// Reads a file and opens it as `kind` (`None`: whichever it is, for a
/// dropped file).
pub fn open_file(file: web_sys::File, kind: Option<FileKind>, editor: EditorHandle, banners: BannersHandle) {
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
        let opened = match browser::read_text(&file).await {
            Ok(text) => match kind {
                Some(FileKind::Scenario) => files::open_scenario(&name, &text),
                Some(FileKind::Definitions) => files::open_definitions(&name, &text),
                None => files::open_dropped(&name, &text),
            },
            Err(why) => Opened {
                scenario: None,
                banner: Banner::new(
                    Topic::File,
                    Tone::Error,
                    format!("{name} could not be read. Your workspace is unchanged."),
                )
                .with_lines([why]),
            },
        };
        apply_opened(&editor, &banners, opened);
    });
}

/// Starts a download; a failure becomes a banner.
fn save(banners: &BannersHandle, name: &str, mime: &str, text: &str) -> bool {
    match browser::download(name, mime, text) {
        Ok(()) => true,
        Err(why) => {
            show(
                banners,
                Banner::new(Topic::File, Tone::Error, format!("{name} could not be saved.")).with_lines([why]),
            );
            false
        }
    }
}

/// The "File" menu and its hidden file inputs.
#[function_component(FileMenu)]
pub fn file_menu() -> Html {
    let editor = use_editor();
    let banners = use_banners();
    let scenario_input = use_node_ref();
    let definitions_input = use_node_ref();

    let on_file = |kind: FileKind| {
        let editor = editor.clone();
        let banners = banners.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                open_file(file, Some(kind), editor.clone(), banners.clone());
            }
            // The same file can be chosen again.
            input.set_value("");
        })
    };
    let pick = |input: &NodeRef| {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(i) = input.cast::<HtmlInputElement>() {
                i.click();
            }
        })
    };
    let export_scenario = {
        let editor = editor.clone();
        let banners = banners.clone();
        Callback::from(move |_: MouseEvent| {
            let s = &editor.scenario;
            let name = files::scenario_file_name(s);
            save(&banners, &name, "application/json", &files::scenario_file(s));
        })
    };
    let export_definitions = {
        let editor = editor.clone();
        let banners = banners.clone();
        Callback::from(move |_: MouseEvent| {
            let s = &editor.scenario;
            let name = files::definitions_file_name(s);
            let export = definitions::export(s);
            if save(&banners, &name, "application/json", &export.json) {
                show(&banners, files::definitions_exported(&name, &export.warnings));
            }
        })
    };
    let export_code = {
        let editor = editor.clone();
        let banners = banners.clone();
        Callback::from(move |_: MouseEvent| {
            let s = &editor.scenario;
            let name = files::code_file_name(s, Language::Pika);
            if save(&banners, &name, "text/x-python", &codegen::export(s, Language::Pika)) {
                show(
                    &banners,
                    Banner::new(Topic::File, Tone::Info, format!("Saved {name}: run it with python3 {name} against a RabbitMQ on localhost (pip install pika).")),
                );
            }
        })
    };
    html! {
        <>
            <input type="file" class="visually-hidden" data-import="scenario" accept=".json,application/json"
                   tabindex="-1" aria-hidden="true" ref={scenario_input.clone()} onchange={on_file(FileKind::Scenario)} />
            <input type="file" class="visually-hidden" data-import="definitions" accept=".json,application/json"
                   tabindex="-1" aria-hidden="true" ref={definitions_input.clone()} onchange={on_file(FileKind::Definitions)} />
            <Menu label="File" class="file-menu" title="Open, save, import and export">
                <p class="menu-heading">{ "Warren scenario" }</p>
                <button type="button" class="menu-item" data-action="open-scenario" onclick={pick(&scenario_input)}>
                    <span class="menu-item-title">{ "Open scenario file…" }</span>
                    <span class="menu-item-description">{ "a .warren.json file (or drop one on the page)" }</span>
                </button>
                <button type="button" class="menu-item" data-action="save-scenario" onclick={export_scenario}>
                    <span class="menu-item-title">{ "Save scenario file" }</span>
                    <span class="menu-item-description">{ "everything on the canvas, as .warren.json" }</span>
                </button>
                <p class="menu-heading">{ "RabbitMQ" }</p>
                <button type="button" class="menu-item" data-action="import-definitions" onclick={pick(&definitions_input)}>
                    <span class="menu-item-title">{ "Import definitions.json…" }</span>
                    <span class="menu-item-description">{ "exchanges, queues and bindings from rabbitmqctl or the management UI" }</span>
                </button>
                <button type="button" class="menu-item" data-action="export-definitions" onclick={export_definitions}>
                    <span class="menu-item-title">{ "Export definitions.json" }</span>
                    <span class="menu-item-description">{ "for rabbitmqctl import_definitions" }</span>
                </button>
                <button type="button" class="menu-item" data-action="export-code" onclick={export_code}>
                    <span class="menu-item-title">{ "Export code (Python pika)" }</span>
                    <span class="menu-item-description">{ "a program that runs this scenario on a real broker" }</span>
                </button>
            </Menu>
        </>
    }
}
