//! Test fixtures: scenarios from JSON, and a table runner for trace cases.
#![allow(dead_code)]

use vpc_engine::model::Scenario;
use vpc_engine::{Loaded, Reason, Verdict};

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
        let dump = serde_json::to_string_pretty(&t).unwrap_or_default();
        assert_eq!(t.verdict, c.verdict, "{}: verdict\n{dump}", c.name);
        assert_eq!(t.reason, c.reason, "{}: reason\n{dump}", c.name);
        assert_eq!(t.path(), c.path.to_vec(), "{}: path\n{dump}", c.name);
        if let Some(rp) = c.return_path {
            assert_eq!(
                t.return_path(),
                rp.to_vec(),
                "{}: return path\n{dump}",
                c.name
            );
        }
        // Every hop has a sentence and a doc link; a drop hop carries its reason.
        for h in t.hops.iter().chain(&t.return_hops) {
            assert!(!h.note.is_empty(), "{}: empty note at {}", c.name, h.at);
            assert!(h.doc.is_some(), "{}: no doc at {}", c.name, h.at);
            if h.action == vpc_engine::Action::Drop {
                assert!(
                    h.reason.is_some(),
                    "{}: drop without reason at {}",
                    c.name,
                    h.at
                );
            }
        }
        if t.verdict == Verdict::Dropped && t.reason != Reason::NoReturnRoute {
            let last = t.hops.last().expect("a dropped trace has hops");
            assert_eq!(
                last.reason,
                Some(t.reason),
                "{}: last hop carries the reason",
                c.name
            );
        }
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
