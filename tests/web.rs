//! Component tests: the Yew app rendered into a real DOM in headless Chromium
//! (wasm-bindgen-test). Run with `make test`, or by hand:
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//! cargo test --target wasm32-unknown-unknown --test web
//! ```
//!
//! The editing rules, the log and the runtime are tested natively (`cargo
//! test`); these tests check what the components draw from them. Natively
//! this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;
use std::time::Duration;

use serde_json::Map;
use std::sync::atomic::{AtomicU32, Ordering};
use warren::app::{App, AppProps};

use warren::scenario::{BindingEdge, QueueNode, Scenario};

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Yew's scheduler run its pending renders.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(0)).await;
    yew::platform::time::sleep(Duration::from_millis(0)).await;
}

/// Renders a fresh [`App`] into a new `<div>` in the document and returns it.
async fn render_app(scenario: Option<Scenario>) -> Element {
    let document = gloo::utils::document();
    static NEXT: AtomicU32 = AtomicU32::new(1);
    let root = document.create_element("div").unwrap();
    root.set_id(&format!("app-{}", NEXT.fetch_add(1, Ordering::Relaxed)));
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps { scenario: scenario.map(Rc::new), ..Default::default() },
    )
    .render();
    settle().await;
    root
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

fn click(root: &Element, selector: &str) {
    find(root, selector).dyn_into::<HtmlElement>().unwrap().click();
}

fn node_ids(root: &Element) -> Vec<String> {
    let list = root.query_selector_all("[data-node-id]").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into::<Element>().unwrap().get_attribute("data-node-id").unwrap())
        .collect()
}

/// Presses a key on the page (every app rendered so far hears it).
fn key(keyname: &str, ctrl: bool, shift: bool) {
    js_sys::eval(&format!(
        "document.body.dispatchEvent(new KeyboardEvent('keydown', {{key: {keyname:?}, ctrlKey: {ctrl}, shiftKey: {shift}, bubbles: true}}))"
    ))
    .unwrap();
}

/// Types `value` into the input matched by `selector` in `root` and fires
/// `change`, as leaving the field does.
fn change(root: &Element, selector: &str, value: &str) {
    let input: HtmlInputElement = find(root, selector).dyn_into().unwrap();
    input.set_value(value);
    js_sys::eval(&format!(
        "document.querySelector({:?}).dispatchEvent(new Event('change', {{bubbles: true}}))",
        format!("#{} {selector}", root.id())
    ))
    .unwrap();
}

/// Chooses `value` in the select matched by `selector` in `root` and fires
/// `change`.
fn choose(root: &Element, selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement = find(root, selector).dyn_into().unwrap();
    select.set_value(value);
    js_sys::eval(&format!(
        "document.querySelector({:?}).dispatchEvent(new Event('change', {{bubbles: true}}))",
        format!("#{} {selector}", root.id())
    ))
    .unwrap();
}

fn has_class(el: &Element, class: &str) -> bool {
    el.class_name().split_whitespace().any(|c| c == class)
}

#[wasm_bindgen_test]
async fn header_shows_name_tagline_and_clock() {
    let root = render_app(None).await;
    assert_eq!(text(&root, "header h1"), "Warren");
    assert_eq!(text(&root, "header .tagline"), warren::t!(warren::i18n::Lang::En, "app-tagline"));
    assert!(text(&root, ".clock-play").contains("Play"));
    assert!(text(&root, ".clock-speed-value").contains("1×"));
}

#[wasm_bindgen_test]
async fn palette_lists_every_kind_in_order() {
    let root = render_app(None).await;
    let list = root.query_selector_all(".palette [data-kind]").unwrap();
    let kinds: Vec<String> = (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into::<Element>().unwrap().get_attribute("data-kind").unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["producer", "exchange-direct", "exchange-fanout", "exchange-topic", "exchange-headers", "queue", "consumer"]
    );
}

#[wasm_bindgen_test]
async fn the_canvas_starts_with_the_default_exchange_only() {
    let root = render_app(None).await;
    assert_eq!(node_ids(&root), ["default"]);
    assert!(text(&root, ".canvas-status").contains("Empty canvas"));
    assert!(text(&root, "[data-node-id=default] .node-name").contains("default"));
}

#[wasm_bindgen_test]
async fn clicking_the_palette_places_named_nodes_and_selects_them() {
    let root = render_app(None).await;
    click(&root, "[data-kind=queue]");
    settle().await;
    click(&root, "[data-kind=queue]");
    settle().await;
    click(&root, "[data-kind=exchange-topic]");
    settle().await;
    let names = texts(&root, ".node .node-name");
    assert_eq!(names, ["(default)", "topic1", "queue1", "queue2"], "in flow order");
    assert_eq!(text(&root, "[data-node-id=x1] .node-kind"), "topic exchange");
    assert!(has_class(&find(&root, "[data-node-id=x1]"), "selected"));
    assert_eq!(text(&root, ".inspector-title"), "Exchange");
}

#[wasm_bindgen_test]
async fn the_inspector_renames_a_queue_and_refuses_a_duplicate_name() {
    let root = render_app(None).await;
    click(&root, "[data-kind=queue]");
    settle().await;
    change(&root, ".inspector [data-field=name] input", "orders");
    settle().await;
    assert_eq!(text(&root, "[data-node-id=q1] .node-name"), "orders");
    click(&root, "[data-kind=queue]");
    settle().await;
    change(&root, ".inspector [data-field=name] input", "orders");
    settle().await;
    assert!(text(&root, ".inspector [data-field=name] .field-error").contains("another queue is named 'orders'"));
    assert_eq!(text(&root, "[data-node-id=q2] .node-name"), "queue1", "the refused name changed nothing");
}

#[wasm_bindgen_test]
async fn delete_undo_and_redo_from_the_keyboard() {
    let root = render_app(None).await;
    click(&root, "[data-kind=consumer]");
    settle().await;
    assert!(node_ids(&root).contains(&"c1".to_string()));
    key("Delete", false, false);
    settle().await;
    assert!(!node_ids(&root).contains(&"c1".to_string()));
    key("z", true, false);
    settle().await;
    assert!(node_ids(&root).contains(&"c1".to_string()));
    key("z", true, true);
    settle().await;
    assert!(!node_ids(&root).contains(&"c1".to_string()));
}

#[wasm_bindgen_test]
async fn an_engine_refusal_shows_next_to_the_binding() {
    let scenario = Scenario {
        queues: vec![QueueNode { id: "q1".into(), name: "tasks".into(), x: 600.0, y: 200.0, ..Default::default() }],
        bindings: vec![BindingEdge {
            id: String::new(),
            from: "default".into(),
            to: "q1".into(),
            routing_key: "tasks".into(),
            arguments: Map::new(),
        }],
        ..Default::default()
    };
    let root = render_app(Some(scenario)).await;
    settle().await;
    let callout = text(&root, ".error-callout");
    assert!(callout.contains("403 ACCESS_REFUSED"), "{callout}");
    assert!(callout.contains("default exchange"), "{callout}");
    assert!(find(&root, ".edge-label.has-error").text_content().unwrap().contains("tasks"));
}

#[wasm_bindgen_test]
async fn step_publishes_and_the_log_and_queue_show_it() {
    let scenario: Scenario = warren::scenario::parse(
        r#"{"warren": 1,
            "queues": [{"id": "q1", "name": "tasks", "x": 500, "y": 200}],
            "producers": [{"id": "p1", "name": "app", "exchange": "default", "x": 40, "y": 200,
                           "message": {"routing_key": "tasks", "body": "hello"},
                           "schedule": {"kind": "once", "at_ms": 250}}]}"#,
    )
    .unwrap();
    let root = render_app(Some(scenario)).await;
    click(&root, ".clock-step");
    settle().await;
    assert_eq!(text(&root, "[data-node-id=q1] .stat.ready b"), "1");
    let log = texts(&root, ".log-entry .log-text").join("\n");
    assert!(log.contains("app published #1 \"hello\" to the default exchange"), "{log}");
    assert!(log.contains("routed #1 \"hello\" to tasks"), "{log}");
    // Opening the message from the queue shows its body and path.
    click(&root, "[data-node-id=q1] .msg-chip");
    settle().await;
    assert_eq!(text(&root, ".message-inspector .msg-body"), "hello");
    assert!(text(&root, ".message-inspector .path").contains("entered queue tasks"));
    click(&root, ".message-inspector .dialog-close");
    settle().await;
    assert!(root.query_selector(".message-inspector").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn log_filters_hide_kinds() {
    let root = render_app(None).await;
    let topology = find(&root, ".log-filter[data-kind=topology]");
    assert_eq!(topology.get_attribute("aria-pressed").as_deref(), Some("false"));
    click(&root, ".log-filter[data-kind=topology]");
    click(&root, "[data-kind=queue]");
    settle().await;
    settle().await;
    assert!(texts(&root, ".log-entry .log-text").iter().any(|t| t.contains("declared queue queue1")));
}

#[wasm_bindgen_test]
async fn bindings_can_be_added_from_the_keyboard_in_the_exchange_inspector() {
    let root = render_app(None).await;
    click(&root, "[data-kind=queue]");
    settle().await;
    click(&root, "[data-kind=exchange-topic]");
    settle().await;
    choose(&root, ".inspector [data-field=bind_to] select", "q1");
    settle().await;
    assert_eq!(text(&root, ".edge-label[data-edge='binding:b1']"), "#");
    assert_eq!(text(&root, ".inspector-title"), "Binding");
    // The inline editor has the focus, ready for the key.
    let active = gloo::utils::document().active_element().unwrap();
    assert_eq!(active.get_attribute("aria-label").as_deref(), Some("Binding key"));
}

#[wasm_bindgen_test]
async fn embed_mode_is_read_only_and_the_api_shows_on_the_canvas() {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    root.set_id("app-embed");
    document.body().unwrap().append_child(&root).unwrap();
    let scenario = Scenario {
        queues: vec![QueueNode { id: "q".into(), name: "orders".into(), ..Default::default() }],
        ..Default::default()
    };
    let mode = warren::api::page::PageMode { embed: true, ..Default::default() };
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps { scenario: Some(Rc::new(scenario)), mode, notice: None, ..Default::default() },
    )
    .render();
    settle().await;
    assert_eq!(find(&root, ".app.embed").get_attribute("data-embed").as_deref(), Some("read-only"));
    assert!(root.query_selector(".palette").unwrap().is_none(), "no palette");
    assert!(root.query_selector(".inspector").unwrap().is_none(), "no inspector");
    assert!(find(&root, "a.open-in-warren").get_attribute("href").unwrap().contains("#s="));
    // The last app rendered answers window.warren.
    let routed =
        js_sys::eval("JSON.stringify(window.warren.publish({routing_key: 'orders', body: 'w1'}).routed)").unwrap();
    assert_eq!(routed.as_string().as_deref(), Some("[\"orders\"]"));
    let bad = js_sys::eval("window.warren.publish({routing_key: 5}).error").unwrap();
    assert!(bad.as_string().unwrap().contains("routing_key must be a string"));
    settle().await;
    yew::platform::time::sleep(Duration::from_millis(150)).await;
    assert!(text(&root, "[data-node-id=\"q\"]").contains("1 ready"), "{}", text(&root, "[data-node-id=\"q\"]"));
}

#[wasm_bindgen_test]
fn the_browsers_failures_read_in_the_pages_language_with_its_own_reasons_verbatim() {
    use warren::i18n::Lang;
    use warren::web::browser::BrowserError;
    // In the browser the Chinese catalogue is a file the page fetches.
    let zh = include_bytes!(concat!(env!("OUT_DIR"), "/zh.catalogue"));
    warren::i18n::install(Lang::Zh, zh.to_vec()).expect("the built Chinese catalogue installs");
    assert!(warren::i18n::is_ready(Lang::Zh));
    let full = BrowserError::StorageFull;
    assert_eq!(full.to_string(), "the browser's storage for this site is full");
    assert_eq!(full.message().render(Lang::Zh), "浏览器为这个网站提供的存储空间已满");
    let refused = BrowserError::from_js(&js_sys::Error::new("The operation is insecure.").into());
    assert_eq!(refused, BrowserError::Refused("The operation is insecure.".into()));
    assert_eq!(
        refused.message().render(Lang::Zh),
        "The operation is insecure.",
        "the browser's words as it wrote them"
    );
    assert_eq!(BrowserError::from_js(&wasm_bindgen::JsValue::NULL), BrowserError::Unknown);
    assert_eq!(BrowserError::Unknown.message().render(Lang::Zh), "未知错误");
}
