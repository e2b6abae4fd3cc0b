//! Share links: the `#s=DATA&from=ID&to=DST&step=N` URL fragment of the app's URL contract
//! (`docs/scenario-format.md` U2-U3).
//!
//! `DATA` is the scenario JSON, compressed with raw DEFLATE (RFC 1951, no zlib header) and
//! written as base64url without padding. `from` and `to` are percent-encoded; `step` is a
//! decimal number. This module owns both directions and is defensive on the way in: a link is
//! user input from anywhere, so every step has a size limit (link length, inflated size) and
//! every failure is a [`ShareError`] a learner can read, never a panic. A decoded scenario goes
//! through [`crate::load::load`], so a link can carry nothing a file could not.

use crate::load::{load, LoadError};
use crate::model::Scenario;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, Engine, GeneralPurpose, GeneralPurposeConfig};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::fmt;

/// The longest fragment [`parse_fragment`] reads, in characters. Browsers handle far longer
/// URLs, but no library scenario comes near this, and refusing early keeps a pasted monster
/// from costing time.
pub const MAX_LINK_CHARS: usize = 100_000;

/// The most bytes a link's scenario may inflate to. DEFLATE compresses runs of one byte about
/// 1000:1, so a short link could otherwise unpack to gigabytes (a "decompression bomb").
pub const MAX_INFLATED_BYTES: usize = crate::load::MAX_SCENARIO_BYTES;

/// Compression level for new links: the best miniz offers; scenarios are a few kilobytes.
const LEVEL: u8 = 9;

/// base64url (RFC 4648 §5). We write no padding, as the contract says, and read links with
/// or without it, since some tools that rewrite links add it back.
const B64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// What is percent-encoded in `from`/`to` values: everything but letters, digits and the
/// characters that ids, addresses and DNS names use and a fragment allows unescaped.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':')
    .remove(b'/');

/// What a share link (`#s=DATA&from=ID&to=DST&step=N`) carries.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareLink {
    pub scenario: Scenario,
    pub from: Option<String>,
    pub to: Option<String>,
    pub step: Option<usize>,
}

/// Why a share link could not be opened. `Display` is the message the app shows when it
/// refuses the link (the user's current work is kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The fragment has no `s=` part.
    NoScenario,
    /// The fragment is longer than [`MAX_LINK_CHARS`].
    TooLong { chars: usize },
    /// `DATA` is not base64url text.
    NotBase64,
    /// `DATA` decodes to bytes that are not a raw DEFLATE stream (damaged or cut short).
    NotDeflate,
    /// `DATA` inflates to more than [`MAX_INFLATED_BYTES`].
    TooLarge,
    /// The inflated data is not UTF-8 text.
    NotUtf8,
    /// The text is not a scenario this app can load.
    BadScenario(LoadError),
    /// A `from` or `to` value whose percent-escapes are not UTF-8.
    BadValue { key: &'static str },
    /// `step` is not a whole number.
    BadStep(String),
}

/// A count as a learner reads it, with a comma between each group of three digits
/// (`4,194,304 characters`).
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::NoScenario => f.write_str(
                "this link carries no scenario: a share link's part after # starts with \"s=\"",
            ),
            ShareError::TooLong { chars } => write!(
                f,
                "this link is too long ({} characters, at most {}); \
                 export the scenario as a file and share that instead",
                grouped(*chars),
                grouped(MAX_LINK_CHARS)
            ),
            ShareError::NotBase64 => f.write_str(
                "the link is damaged: the scenario data is not base64url text \
                 (was the link cut or changed when it was copied?)",
            ),
            ShareError::NotDeflate => f.write_str(
                "the link is damaged: the scenario data is not complete DEFLATE-compressed data \
                 (was the link cut short when it was copied?)",
            ),
            ShareError::TooLarge => write!(
                f,
                "the scenario in this link unpacks to more than {} MiB, which no real scenario \
                 needs; the link was not opened",
                MAX_INFLATED_BYTES / (1024 * 1024)
            ),
            ShareError::NotUtf8 => {
                f.write_str("the link is damaged: the scenario data is not UTF-8 text")
            }
            ShareError::BadScenario(e) => write!(f, "the scenario in this link does not load: {e}"),
            ShareError::BadValue { key } => write!(
                f,
                "the link's \"{key}\" value is damaged: its %-escapes are not UTF-8 text"
            ),
            ShareError::BadStep(s) => write!(
                f,
                "the link's step {s:?} is not a step number (a whole number like 3)"
            ),
        }
    }
}

impl std::error::Error for ShareError {}

/// The `DATA` part of a share link: the scenario's JSON, raw-deflated, base64url without padding.
pub fn encode_scenario(scenario: &Scenario) -> String {
    // Serializing the model cannot fail: it has only string map keys and no fallible
    // `Serialize` impls. Should that ever change, an empty DATA makes a link that is
    // refused with a message on the way in rather than a panic here.
    let json = serde_json::to_string(scenario).unwrap_or_default();
    let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), LEVEL);
    B64.encode(deflated)
}

/// Reads the `DATA` part of a share link back into a loaded scenario.
pub fn decode_scenario(data: &str) -> Result<Scenario, ShareError> {
    let chars = data.chars().count();
    if chars > MAX_LINK_CHARS {
        return Err(ShareError::TooLong { chars });
    }
    let deflated = B64.decode(data).map_err(|_| ShareError::NotBase64)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, MAX_INFLATED_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            _ => ShareError::NotDeflate,
        })?;
    let json = String::from_utf8(json).map_err(|_| ShareError::NotUtf8)?;
    let scenario = load(&json)
        .map_err(ShareError::BadScenario)?
        .into_scenario();
    Ok(scenario)
}

/// The URL fragment (without `#`) for a link.
pub fn build_fragment(link: &ShareLink) -> String {
    let mut out = format!("s={}", encode_scenario(&link.scenario));
    if let Some(from) = &link.from {
        out.push_str("&from=");
        out.extend(utf8_percent_encode(from, VALUE));
    }
    if let Some(to) = &link.to {
        out.push_str("&to=");
        out.extend(utf8_percent_encode(to, VALUE));
    }
    if let Some(step) = link.step {
        out.push_str(&format!("&step={step}"));
    }
    out
}

/// Parses a URL fragment (with or without the leading `#`).
///
/// Parts are `key=value` separated by `&`. The first of a repeated key counts; keys this
/// version does not know are ignored so newer links still open. An empty `from`, `to` or
/// `step` counts as absent.
pub fn parse_fragment(fragment: &str) -> Result<ShareLink, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let chars = fragment.chars().count();
    if chars > MAX_LINK_CHARS {
        return Err(ShareError::TooLong { chars });
    }
    let mut data: Option<&str> = None;
    let mut from: Option<&str> = None;
    let mut to: Option<&str> = None;
    let mut step: Option<&str> = None;
    for part in fragment.split('&') {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        let slot = match key {
            "s" => &mut data,
            "from" => &mut from,
            "to" => &mut to,
            "step" => &mut step,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(value);
        }
    }
    let data = data.ok_or(ShareError::NoScenario)?;
    let scenario = decode_scenario(data)?;
    let from = decode_value("from", from)?;
    let to = decode_value("to", to)?;
    let step = match step {
        None | Some("") => None,
        Some(s) => Some(
            s.parse::<usize>()
                .map_err(|_| ShareError::BadStep(decode_lossy(s)))?,
        ),
    };
    Ok(ShareLink {
        scenario,
        from,
        to,
        step,
    })
}

fn decode_value(key: &'static str, value: Option<&str>) -> Result<Option<String>, ShareError> {
    match value {
        None | Some("") => Ok(None),
        Some(v) => percent_decode_str(v)
            .decode_utf8()
            .map(|s| Some(s.into_owned()))
            .map_err(|_| ShareError::BadValue { key }),
    }
}

/// A value shown back to the user in an error message: decoded where possible, cut short.
fn decode_lossy(v: &str) -> String {
    let s = percent_decode_str(v).decode_utf8_lossy();
    s.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::LIBRARY;
    use proptest::prelude::*;

    const EXAMPLE: &str = include_str!("../scenarios/01-transitive-peering.json");

    fn example() -> Scenario {
        load(EXAMPLE)
            .expect("the shared example loads")
            .into_scenario()
    }

    /// DATA made from raw bytes, bypassing the scenario serializer.
    fn data_of(bytes: &[u8]) -> String {
        B64.encode(miniz_oxide::deflate::compress_to_vec(bytes, 6))
    }

    #[test]
    fn every_library_scenario_round_trips_with_its_lesson_trace() {
        for (n, entry) in LIBRARY.iter().enumerate() {
            let scenario = load(entry.json())
                .unwrap_or_else(|e| panic!("{}: {e}", entry.slug))
                .into_scenario();
            let trace = scenario.lesson.as_ref().and_then(|l| l.trace.clone());
            let link = ShareLink {
                scenario: scenario.clone(),
                from: trace.as_ref().map(|t| t.from.clone()),
                to: trace.as_ref().map(|t| t.to.clone()),
                step: Some(n),
            };
            let fragment = build_fragment(&link);
            assert!(fragment.starts_with("s="), "{}", entry.slug);
            let back = parse_fragment(&format!("#{fragment}"))
                .unwrap_or_else(|e| panic!("{}: {e}", entry.slug));
            assert_eq!(back, link, "{}", entry.slug);
            assert_eq!(decode_scenario(&encode_scenario(&scenario)), Ok(scenario));
        }
    }

    #[test]
    fn a_link_to_the_shared_example() {
        let link = ShareLink {
            scenario: example(),
            from: Some("i-a".into()),
            to: Some("i-c".into()),
            step: Some(2),
        };
        let fragment = build_fragment(&link);
        let data = encode_scenario(&link.scenario);
        assert_eq!(fragment, format!("s={data}&from=i-a&to=i-c&step=2"));
        // base64url without padding: only the URL-safe alphabet, no `=`.
        assert!(data
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        // Raw DEFLATE, not zlib: the data inflates with the raw inflater.
        let raw = B64.decode(&data).unwrap();
        let json = miniz_oxide::inflate::decompress_to_vec(&raw).unwrap();
        assert_eq!(
            load(std::str::from_utf8(&json).unwrap()).map(crate::Loaded::into_scenario),
            Ok(example())
        );
        assert_eq!(parse_fragment(&fragment), Ok(link));
    }

    #[test]
    fn values_are_percent_encoded_and_optional_parts_may_be_missing() {
        let data = encode_scenario(&example());
        // (fragment tail after s=DATA, from, to, step)
        type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<usize>);
        let cases: &[Case] = &[
            ("", None, None, None),
            ("&from=i-a", Some("i-a"), None, None),
            (
                "&to=kinesis.us-east-1.amazonaws.com",
                None,
                Some("kinesis.us-east-1.amazonaws.com"),
                None,
            ),
            ("&to=a%26b%3Dc%20d%23e", None, Some("a&b=c d#e"), None),
            ("&to=caf%C3%A9", None, Some("café"), None),
            ("&step=0", None, None, Some(0)),
            ("&from=&to=&step=", None, None, None),
            ("&embed=1&from=i-a&from=i-b", Some("i-a"), None, None),
        ];
        for (tail, from, to, step) in cases {
            let got = parse_fragment(&format!("s={data}{tail}")).unwrap();
            assert_eq!(
                (got.from.as_deref(), got.to.as_deref(), got.step),
                (*from, *to, *step),
                "{tail}"
            );
        }
        // Parts may come in any order, and the builder escapes what it must.
        let link = ShareLink {
            scenario: example(),
            from: Some("on prem&host".into()),
            to: Some("10.2.1.10".into()),
            step: None,
        };
        let fragment = build_fragment(&link);
        assert!(
            fragment.ends_with("&from=on%20prem%26host&to=10.2.1.10"),
            "{fragment}"
        );
        assert_eq!(parse_fragment(&fragment), Ok(link.clone()));
        let reordered = format!("to=10.2.1.10&s={data}&from=on%20prem%26host");
        assert_eq!(parse_fragment(&reordered), Ok(link));
    }

    #[test]
    fn padded_data_is_accepted() {
        let data = encode_scenario(&example());
        let padded = format!("{data}{}", "=".repeat((4 - data.len() % 4) % 4));
        assert_eq!(decode_scenario(&padded), Ok(example()));
    }

    #[test]
    fn bad_links_are_refused_with_the_right_error() {
        let good = encode_scenario(&example());
        let truncated = &good[..good.len() / 2];
        let garbage = B64.encode(b"garbage garbage garbage");
        let not_json = data_of(b"<html>this is not a scenario</html>");
        let wrong_version = data_of(
            EXAMPLE
                .replace("vpc-playground/1", "vpc-playground/3")
                .as_bytes(),
        );
        let unknown_key = data_of(EXAMPLE.replacen("\"name\"", "\"nmae\"", 1).as_bytes());
        let latin1 = data_of(b"{\"format\": \"caf\xe9\"}");
        let zlib = B64.encode(miniz_oxide::deflate::compress_to_vec_zlib(
            EXAMPLE.as_bytes(),
            6,
        ));
        type Check = fn(&ShareError) -> bool;
        let cases: Vec<(String, Check)> = vec![
            (String::new(), |e| *e == ShareError::NoScenario),
            ("#".into(), |e| *e == ShareError::NoScenario),
            ("from=i-a&to=i-c".into(), |e| *e == ShareError::NoScenario),
            ("S=abc".into(), |e| *e == ShareError::NoScenario),
            ("s=".into(), |e| *e == ShareError::NotDeflate),
            ("s=not base64!".into(), |e| *e == ShareError::NotBase64),
            ("s=a+b/c".into(), |e| *e == ShareError::NotBase64),
            ("s=garbagegarbagegarbage".into(), |e| {
                *e == ShareError::NotBase64
            }),
            (format!("s={garbage}"), |e| *e == ShareError::NotDeflate),
            (format!("s={truncated}"), |e| *e == ShareError::NotDeflate),
            (format!("s={zlib}"), |e| *e == ShareError::NotDeflate),
            (format!("s={latin1}"), |e| *e == ShareError::NotUtf8),
            (format!("s={not_json}"), |e| {
                matches!(e, ShareError::BadScenario(_))
            }),
            (format!("s={wrong_version}"), |e| {
                matches!(e, ShareError::BadScenario(_))
            }),
            (format!("s={unknown_key}"), |e| {
                matches!(e, ShareError::BadScenario(_))
            }),
            (format!("s={good}&step=three"), |e| {
                *e == ShareError::BadStep("three".into())
            }),
            (format!("s={good}&step=-1"), |e| {
                *e == ShareError::BadStep("-1".into())
            }),
            (format!("s={good}&from=%FF"), |e| {
                *e == ShareError::BadValue { key: "from" }
            }),
            (format!("s={good}&to=%C3"), |e| {
                *e == ShareError::BadValue { key: "to" }
            }),
        ];
        for (fragment, check) in cases {
            let shown: String = fragment.chars().take(60).collect();
            match parse_fragment(&fragment) {
                Ok(_) => panic!("{shown}: accepted"),
                Err(e) => {
                    assert!(check(&e), "{shown}: {e:?}");
                    assert!(!e.to_string().is_empty());
                }
            }
        }
    }

    #[test]
    fn a_damaged_link_says_so() {
        for bad in ["s=garbage!", "s=Z2FyYmFnZSBnYXJiYWdl"] {
            let e = parse_fragment(bad).unwrap_err();
            assert!(e.to_string().starts_with("the link is damaged: "), "{e}");
        }
        let wrong_version = data_of(
            EXAMPLE
                .replace("vpc-playground/1", "vpc-playground/3")
                .as_bytes(),
        );
        let e = decode_scenario(&wrong_version).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("the scenario in this link does not load: "),
            "{e}"
        );
        assert!(e.to_string().contains("vpc-playground/3"), "{e}");
    }

    #[test]
    fn a_deflate_bomb_is_refused() {
        // 50 MB of JSON whitespace inside a valid document: it would parse if inflated.
        let mut bomb = Vec::with_capacity(50_000_100);
        bomb.extend_from_slice(b"{\"format\": \"vpc-playground/1\"");
        bomb.resize(50_000_000, b' ');
        bomb.push(b'}');
        let data = B64.encode(miniz_oxide::deflate::compress_to_vec(&bomb, 9));
        assert!(
            data.len() < MAX_LINK_CHARS,
            "the bomb fits in a link: {}",
            data.len()
        );
        assert_eq!(
            parse_fragment(&format!("s={data}")),
            Err(ShareError::TooLarge)
        );
    }

    #[test]
    fn an_over_long_link_is_refused_before_decoding() {
        let long = format!("s={}", "A".repeat(MAX_LINK_CHARS));
        assert_eq!(
            parse_fragment(&long),
            Err(ShareError::TooLong {
                chars: MAX_LINK_CHARS + 2
            })
        );
        assert!(decode_scenario(&"A".repeat(MAX_LINK_CHARS + 1)).is_err());
        // Exactly at the limit is still read (and here fails later, as non-DEFLATE data).
        let at_limit = format!("s={}", "A".repeat(MAX_LINK_CHARS - 2));
        assert_eq!(parse_fragment(&at_limit), Err(ShareError::NotDeflate));
        assert_eq!(
            ShareError::TooLong { chars: 4_194_306 }.to_string(),
            "this link is too long (4,194,306 characters, at most 100,000); \
             export the scenario as a file and share that instead"
        );
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        for (n, want) in [
            (0, "0"),
            (999, "999"),
            (1_000, "1,000"),
            (65_536, "65,536"),
            (100_000, "100,000"),
            (4_194_306, "4,194,306"),
        ] {
            assert_eq!(grouped(n), want);
        }
    }

    proptest! {
        #[test]
        fn parse_fragment_never_panics(s in "\\PC{0,300}") {
            let _ = parse_fragment(&s);
        }

        #[test]
        fn parse_fragment_never_panics_on_link_like_input(
            data in "[A-Za-z0-9_=-]{0,400}",
            tail in "(&(from|to|step|s|x)=[^&]{0,12}){0,4}",
        ) {
            let _ = parse_fragment(&format!("#s={data}{tail}"));
        }

        #[test]
        fn damaged_data_never_panics(flip in 0usize..4000, byte in any::<u8>()) {
            let mut raw = B64.decode(encode_scenario(&example())).unwrap();
            let n = raw.len();
            raw[flip % n] ^= byte | 1;
            let _ = decode_scenario(&B64.encode(&raw));
        }
    }
}
