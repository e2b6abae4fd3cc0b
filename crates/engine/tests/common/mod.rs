//! Test fixtures: scenarios from JSON, and a table runner for trace cases.
#![allow(dead_code)]

use vpc_engine::model::Scenario;
use vpc_engine::packet::Packet;
use vpc_engine::{Loaded, Reason, Trace, Verdict};

/// Loads a scenario from JSON (the `format` key is added when missing).
pub fn scenario(json: &str) -> Loaded {
    let mut v: serde_json::Value = serde_json::from_str(json).expect("fixture is JSON");
    if let Some(o) = v.as_object_mut() {
        o.entry("format").or_insert("vpc-playground/1".into());
    }
    let s: Scenario = serde_json::from_value(v).expect("fixture is a scenario");
    Loaded::new(s).unwrap_or_else(|e| panic!("fixture loads: {e}"))
}

/// Replaces `from` by `to` in a JSON fixture (and checks it was there), for variants.
pub fn variant(json: &str, from: &str, to: &str) -> String {
    assert!(json.contains(from), "fixture does not contain {from:?}");
    json.replace(from, to)
}

/// One trace case: scenario, packet, expected verdict, reason, path and (optionally) return path.
pub struct Case<'a> {
    pub name: &'a str,
    pub json: String,
    pub from: &'a str,
    pub to: &'a str,
    pub verdict: Verdict,
    pub reason: Reason,
    pub path: &'a [&'a str],
    pub return_path: Option<&'a [&'a str]>,
}

pub fn run(cases: &[Case]) {
    for c in cases {
        let s = scenario(&c.json);
        let t = vpc_engine::trace(&s, c.from, c.to)
            .unwrap_or_else(|e| panic!("{}: trace failed: {e}", c.name));
        check(c.name, &t, c.verdict, c.reason, c.path, c.return_path);
    }
}

/// One trace case with its packet: scenario, packet, expected verdict, reason, path and
/// (optionally) return path.
pub struct PacketCase<'a> {
    pub name: &'a str,
    pub json: String,
    pub from: &'a str,
    pub to: &'a str,
    pub packet: Packet,
    pub verdict: Verdict,
    pub reason: Reason,
    pub path: &'a [&'a str],
    pub return_path: Option<&'a [&'a str]>,
}

pub fn run_packets(cases: &[PacketCase]) {
    for c in cases {
        let s = scenario(&c.json);
        let t = vpc_engine::trace::trace_packet(&s, c.from, c.to, c.packet)
            .unwrap_or_else(|e| panic!("{}: trace failed: {e}", c.name));
        assert_eq!(
            t.packet, c.packet,
            "{}: the trace carries its packet",
            c.name
        );
        check(c.name, &t, c.verdict, c.reason, c.path, c.return_path);
    }
}

/// The checks every case gets: verdict, reason, path, return path; every hop has a
/// sentence and a doc link; a drop hop carries its reason, and the last hop of a dropped
/// trace (the reply's, when the reply was dropped) carries the trace's reason.
pub fn check(
    name: &str,
    t: &Trace,
    verdict: Verdict,
    reason: Reason,
    path: &[&str],
    return_path: Option<&[&str]>,
) {
    let dump = serde_json::to_string_pretty(t).unwrap_or_default();
    assert_eq!(t.verdict(), verdict, "{name}: verdict\n{dump}");
    assert_eq!(t.reason, reason, "{name}: reason\n{dump}");
    assert_eq!(t.path(), path.to_vec(), "{name}: path\n{dump}");
    if let Some(rp) = return_path {
        assert_eq!(t.return_path(), rp.to_vec(), "{name}: return path\n{dump}");
    }
    for h in t.hops.iter().chain(&t.return_hops) {
        assert!(!h.note.is_empty(), "{name}: empty note at {}", h.at);
        assert!(h.doc.is_some(), "{name}: no doc at {}", h.at);
        if h.action == vpc_engine::Action::Drop {
            assert!(
                h.reason.is_some(),
                "{name}: drop without reason at {}",
                h.at
            );
        }
    }
    if t.verdict() == Verdict::Dropped && t.reason != Reason::NoReturnRoute {
        let last = t
            .return_hops
            .last()
            .or(t.hops.last())
            .expect("a dropped trace has hops");
        assert_eq!(
            last.reason,
            Some(t.reason),
            "{name}: last hop carries the reason"
        );
    }
}

/// A tiny deterministic generator (xorshift), so one `u64` seed describes a whole case.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn coin(&mut self) -> bool {
        self.next().is_multiple_of(2)
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs.get(self.below(xs.len())).copied().unwrap_or_default()
    }
    /// Shuffles `xs` in place (Fisher-Yates).
    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            xs.swap(i, j);
        }
    }
}
