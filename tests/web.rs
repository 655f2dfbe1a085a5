//! Component tests: the Yew app rendered into a real DOM in headless Chromium
//! (wasm-bindgen-test). Run with `make test`, or by hand:
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//! cargo test --target wasm32-unknown-unknown --test web
//! ```
//!
//! Natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use warren::app::{App, AppAction, AppState, NodeKind};
use warren::components::TAGLINE;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Yew's scheduler run its pending renders.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(0)).await;
}

/// Renders a fresh [`App`] into a new `<div>` in the document and returns it.
async fn render_app() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    root
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn header_shows_name_and_tagline() {
    let root = render_app().await;
    assert_eq!(text(&root, "header h1"), "Warren");
    assert_eq!(text(&root, "header .tagline"), TAGLINE);
}

#[wasm_bindgen_test]
async fn palette_lists_the_four_node_kinds_in_order() {
    let root = render_app().await;
    let names: Vec<String> = NodeKind::ALL
        .iter()
        .map(|kind| {
            text(
                &root,
                &format!(".palette [data-kind=\"{}\"] .palette-name", kind.name()),
            )
        })
        .collect();
    assert_eq!(names, ["producer", "exchange", "queue", "consumer"]);
    let palette = text(&root, ".palette");
    let positions: Vec<usize> = names
        .iter()
        .map(|n| palette.find(n.as_str()).unwrap())
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "palette order: {palette}"
    );
}

#[wasm_bindgen_test]
async fn canvas_is_an_empty_svg() {
    let root = render_app().await;
    let svg = find(&root, ".canvas-area svg.canvas");
    assert_eq!(svg.tag_name().to_lowercase(), "svg");
    assert_eq!(find(&root, ".canvas-nodes").child_element_count(), 0);
    assert!(text(&root, ".canvas-status").contains("Empty canvas"));
}

#[wasm_bindgen_test]
async fn clicking_a_palette_entry_selects_it_and_clicking_again_clears_it() {
    let root = render_app().await;
    let queue: HtmlElement = find(&root, "[data-kind=\"queue\"]").dyn_into().unwrap();
    assert_eq!(
        queue.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );

    queue.click();
    settle().await;
    assert_eq!(queue.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert!(queue
        .class_name()
        .split_whitespace()
        .any(|c| c == "selected"));
    assert_eq!(text(&root, ".canvas-status"), "Selected: queue");

    queue.click();
    settle().await;
    assert_eq!(
        queue.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    assert!(text(&root, ".canvas-status").contains("Empty canvas"));
}

#[wasm_bindgen_test]
async fn clear_button_on_the_canvas_clears_the_selection() {
    let root = render_app().await;
    let producer: HtmlElement = find(&root, "[data-kind=\"producer\"]").dyn_into().unwrap();
    producer.click();
    settle().await;
    assert_eq!(text(&root, ".canvas-status"), "Selected: producer");

    let clear: HtmlElement = find(&root, ".canvas-clear").dyn_into().unwrap();
    clear.click();
    settle().await;
    assert!(text(&root, ".canvas-status").contains("Empty canvas"));
    assert!(root.query_selector(".canvas-clear").unwrap().is_none());
}

#[wasm_bindgen_test]
fn reducer_selects_toggles_and_clears() {
    let empty = AppState::default();
    let picked = empty.apply(AppAction::Select(NodeKind::Exchange));
    assert_eq!(picked.selected, Some(NodeKind::Exchange));
    let other = picked.apply(AppAction::Select(NodeKind::Consumer));
    assert_eq!(other.selected, Some(NodeKind::Consumer));
    assert_eq!(other.apply(AppAction::Select(NodeKind::Consumer)), empty);
    assert_eq!(other.apply(AppAction::ClearSelection), empty);
    assert_eq!(empty.apply(AppAction::ClearSelection), empty);
}
