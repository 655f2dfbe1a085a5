//! The host-page API answers every request with a JSON object, and bad
//! requests with a message that names the field.

use serde_json::json;

use super::*;
use crate::scenario::{QueueNode, DEFAULT_EXCHANGE_ID};

fn sim() -> Simulation {
    let s = Scenario {
        queues: vec![QueueNode { id: "q".into(), name: "orders".into(), ..Default::default() }],
        ..Default::default()
    };
    Simulation::new(s)
}

#[test]
fn publish_routes_and_snapshot_shows_it() {
    let mut sim = sim();
    let r = publish(
        &mut sim,
        &json!({"exchange": "", "routing_key": "orders", "body": "o1", "properties": {"persistent": true}}),
    );
    assert_eq!(r, json!({"ok": true, "routed": ["orders"], "returned": false, "nacked": false}));
    let r = publish(&mut sim, &json!({"routing_key": "nowhere", "body": "x", "mandatory": true}));
    assert_eq!(r["returned"], json!(true));
    let snap = snapshot(&sim);
    assert_eq!(snap["queues"]["orders"]["ready"], json!(["o1"]));
    assert_eq!(snap["queues"]["orders"]["unacked"], json!(0));
    assert!(snap["exchanges"].as_array().unwrap().iter().any(|x| x["name"] == "amq.topic"));
    let _ = DEFAULT_EXCHANGE_ID;
}

#[test]
fn broker_refusals_come_back_as_errors() {
    let mut sim = sim();
    let r = publish(&mut sim, &json!({"exchange": "missing", "routing_key": "k", "body": "x"}));
    assert_eq!(r["ok"], json!(false));
    assert_eq!(r["code"], json!(404));
    assert!(r["error"].as_str().unwrap().contains("no exchange 'missing'"));
    // The API channel reopens after the error.
    let r = publish(&mut sim, &json!({"routing_key": "orders", "body": "ok"}));
    assert_eq!(r["ok"], json!(true));
}

#[test]
fn bad_publish_requests_name_the_field_and_change_nothing() {
    let cases = [
        (json!(5), "expects an object"),
        (json!({"exchange": 5}), "exchange must be a string"),
        (json!({"routing_key": "x".repeat(256)}), "at most 255"),
        (json!({"body": {"a": 1}}), "body must be a string"),
        (json!({"mandatory": "yes"}), "mandatory must be true or false"),
        (json!({"headers": [1]}), "headers must be an object"),
        (json!({"headers": {"a": null}}), "null is not an AMQP value"),
        (json!({"properties": {"priority": 300}}), "properties.priority"),
        (json!({"properties": {"priority": -1}}), "properties.priority"),
        (json!({"properties": {"delivery_mode": 3}}), "properties.delivery_mode"),
        (json!({"properties": {"expiration": "-5"}}), "properties.expiration"),
        (json!({"properties": {"expiration": "soon"}}), "properties.expiration"),
        (json!({"properties": {"colour": "red"}}), "unknown property 'colour'"),
        (json!({"properties": "fast"}), "properties must be an object"),
        (json!({"exchnage": "typo"}), "unknown field 'exchnage'"),
    ];
    let mut sim = sim();
    for (req, text) in cases {
        let r = publish(&mut sim, &req);
        assert_eq!(r["ok"], json!(false), "{req}");
        assert!(r["error"].as_str().unwrap().contains(text), "{req}: {r}");
    }
    assert_eq!(snapshot(&sim)["queues"]["orders"]["ready"], json!([]));
}

#[test]
fn load_accepts_text_or_object_and_explains_refusals() {
    assert!(load(&json!({"warren": 1})).is_ok());
    assert!(load(&json!("{\"warren\": 1}")).is_ok());
    assert!(load(&json!(42)).unwrap_err().contains("expects a scenario"));
    assert!(load(&json!({"warren": 9})).unwrap_err().contains("unknown format version 9"));
    assert!(load(&json!("{not json")).unwrap_err().contains("not valid JSON"));
}
