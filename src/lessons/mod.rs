//! The built-in lessons: scenario documents with narration, embedded in the
//! binary (`include_str!`), one JSON file per lesson in this folder.
//!
//! Each file is an ordinary scenario document (see [`crate::scenario`]), so
//! a lesson can be opened, edited, shared and exported like any scenario.
//! `tests/lessons.rs` plays every lesson in the simulation and checks that
//! what its narration says is what happens.

use crate::scenario::{self, Scenario};

mod localized;

pub use localized::{localize, localized, LessonText};

/// A built-in lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// Its name in URLs (`?lesson=work-queues`).
    pub slug: &'static str,
    /// Its title (the scenario's title).
    pub title: String,
    /// The scenario, narration included.
    pub scenario: Scenario,
}

/// Every lesson's slug and document, in the order the picker shows them.
const SOURCES: [(&str, &str); 15] = [
    ("hello-world", include_str!("hello-world.json")),
    ("work-queues", include_str!("work-queues.json")),
    ("fair-dispatch", include_str!("fair-dispatch.json")),
    ("durability", include_str!("durability.json")),
    ("publish-subscribe", include_str!("publish-subscribe.json")),
    ("routing", include_str!("routing.json")),
    ("topics", include_str!("topics.json")),
    ("headers", include_str!("headers.json")),
    ("rpc", include_str!("rpc.json")),
    ("dead-lettering", include_str!("dead-lettering.json")),
    ("alternate-exchange", include_str!("alternate-exchange.json")),
    ("max-length", include_str!("max-length.json")),
    ("priorities", include_str!("priorities.json")),
    ("quorum-poison", include_str!("quorum-poison.json")),
    ("streams", include_str!("streams.json")),
];

/// The slugs of every lesson, in picker order.
pub fn slugs() -> impl Iterator<Item = &'static str> {
    SOURCES.iter().map(|(slug, _)| *slug)
}

fn load(slug: &'static str, text: &str) -> Lesson {
    // The documents are part of the program and tested: a failure here is a
    // bug in this folder, not bad input.
    let scenario = scenario::parse(text).unwrap_or_else(|e| panic!("built-in lesson {slug} is invalid: {e}"));
    Lesson { slug, title: scenario.title.clone(), scenario }
}

/// Every lesson, parsed, in picker order.
pub fn all() -> Vec<Lesson> {
    SOURCES.iter().map(|(slug, text)| load(slug, text)).collect()
}

/// Every lesson, parsed once and kept (the picker reads it at each render).
pub fn cached() -> &'static [Lesson] {
    static ALL: std::sync::OnceLock<Vec<Lesson>> = std::sync::OnceLock::new();
    ALL.get_or_init(all)
}

/// The lesson with this slug, if there is one.
pub fn by_slug(slug: &str) -> Option<Lesson> {
    SOURCES.iter().find(|(s, _)| *s == slug).map(|(s, text)| load(s, text))
}

/// The raw JSON document of a lesson (for "view source" or a download).
pub fn source(slug: &str) -> Option<&'static str> {
    SOURCES.iter().find(|(s, _)| *s == slug).map(|(_, text)| *text)
}
