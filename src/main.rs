//! The `warren` binary: in the browser (wasm32) it renders the Yew app into
//! the page's `<body>`; natively it only says how to serve the app.

/// Renders the app into the page (Trunk loads this through `index.html`),
/// once the page's language is ready (Chinese is fetched first).
#[cfg(target_arch = "wasm32")]
fn main() {
    wasm_bindgen_futures::spawn_local(start());
}

#[cfg(target_arch = "wasm32")]
async fn start() {
    let mode = warren::web::page::mode();
    let wanted = warren::web::page::start_lang(mode.embed);
    // Without its catalogue the page starts in English and says why.
    let (lang, unavailable) = match warren::web::catalogue::load(wanted).await {
        Ok(()) => (wanted, None),
        Err(why) => (warren::i18n::Lang::En, Some(why)),
    };
    let props = if mode.embed {
        // An embed opens its link or lesson and never the autosaved workspace.
        let (scenario, refused) = warren::web::page::embed_start();
        warren::app::AppProps {
            scenario: scenario.map(std::rc::Rc::new),
            mode,
            notice: refused.or(unavailable),
            lang,
            ..Default::default()
        }
    } else {
        // The full page: a link, a lesson or the autosave; autosaved.
        warren::app::AppProps { mode, persist: true, lang, notice: unavailable, ..Default::default() }
    };
    yew::Renderer::<warren::app::App>::with_props(props).render();
}

/// Natively there is nothing to run: print how to build and serve the page.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!(
        "Warren is a web app: it runs in the browser as WebAssembly.\n\
         \n\
         \x20 make serve              install the tools, build and serve on http://127.0.0.1:8080\n\
         \x20 trunk serve             the same, if trunk, wasm-bindgen and wasm-opt are installed\n\
         \x20 trunk build --release   build the static site into dist/\n\
         \n\
         The conformance runner is native:\n\
         \x20 cargo run --release --bin conformance -- tests/conformance/*.json"
    );
}
