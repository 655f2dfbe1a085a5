//! Share links round-trip every lesson exactly, and stay short. Run with
//! `--nocapture` to see each lesson's link length.

use warren::share;

#[test]
fn every_lesson_round_trips_through_a_share_link() {
    let mut total = 0;
    for l in warren::lessons::all() {
        let fragment = share::fragment(&l.scenario);
        let back = share::decode_link(&format!("https://warren.example/{fragment}"))
            .unwrap_or_else(|e| panic!("{}: {e}", l.slug));
        assert_eq!(back, l.scenario, "{}", l.slug);
        assert_eq!(share::fragment(&back), fragment, "{}: encoding is stable", l.slug);
        let json = serde_json::to_string(&l.scenario).unwrap().len();
        eprintln!("{:<20} #s= link: {:>5} characters (scenario JSON: {:>5} bytes)", l.slug, fragment.len(), json);
        assert!(fragment.len() < 4_000, "{}: link of {} characters", l.slug, fragment.len());
        total += fragment.len();
    }
    eprintln!("average: {} characters", total / warren::lessons::all().len());
}

#[test]
fn an_edited_scenario_round_trips_exactly() {
    let mut s = warren::lessons::by_slug("dead-lettering").unwrap().scenario;
    s.title = "Ünïcödé ☕ \"quotes\" <img src=x onerror=alert(1)>".into();
    s.queues[0].x = 123.456;
    s.speed = 0.3;
    s.read_only = true;
    assert_eq!(share::decode(&share::encode(&s)).unwrap(), s);
}
