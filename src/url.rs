//! The app's URL options (`docs/scenario-format.md` U1-U10), read from
//! the page address, and the addresses the app hands out (share link, embed `src`).
//!
//! Pure string code with no browser types, so every combination is tested natively. The
//! options may sit in the query (`?scenario=x.json&embed=1`) or after the fragment
//! (`#s=DATA&from=i-a&to=i-c&step=3&embed=1`); both are read, the fragment winning when a
//! key is in both (a share link carries its own trace and step).

use vpc_engine::packet::{Packet, Protocol};

/// What the page address asks the app to do at start-up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlOptions {
    /// The fragment to hand to `vpc_engine::share::parse_fragment` (without `#`), when the
    /// fragment carries a share link (an `s=` part, even an empty one).
    pub share: Option<String>,
    /// `?scenario=URL`: a scenario file to fetch, relative to the page.
    pub scenario_url: Option<String>,
    /// `from=ID`: the trace's source.
    pub from: Option<String>,
    /// `to=DST`: the trace's destination.
    pub to: Option<String>,
    /// `step=N`: the animation step to show; `None` when absent or not a whole number.
    pub step: Option<usize>,
    /// `embed=1`: canvas, trace controls and lesson only.
    pub embed: bool,
    /// `autoplay=1`: start the animation.
    pub autoplay: bool,
    /// `controls=1`: in embed mode, show the From/To form as well.
    pub controls: bool,
    /// `theme=dark|light`: the colour theme; `None` follows the reader's
    /// `prefers-color-scheme` (as does any other value).
    pub theme: Option<Theme>,
    /// `present=1`: projector mode (larger text and packet, editor hidden).
    pub present: bool,
    /// `proto=tcp|udp|icmp&port=N`: the trace's packet (U10); `None` when neither is given
    /// or they do not make a packet (a port outside 1-65535 counts as absent, a port with
    /// `icmp` is dropped).
    pub packet: Option<Packet>,
}

/// A colour theme asked for by `&theme=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Dark,
    Light,
}

impl Theme {
    /// `dark` or `light` (any case, spaces ignored); anything else is no theme.
    pub fn parse(v: &str) -> Option<Theme> {
        match v.trim().to_ascii_lowercase().as_str() {
            "dark" => Some(Theme::Dark),
            "light" => Some(Theme::Light),
            _ => None,
        }
    }

    /// The value of `data-theme` on `<html>`, which the style sheets key on.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Dark => "dark",
            Theme::Light => "light",
        }
    }
}

impl UrlOptions {
    /// The trace the address asks for, when it names both ends.
    pub fn trace(&self) -> Option<(String, String)> {
        match (&self.from, &self.to) {
            (Some(f), Some(t)) => Some((f.clone(), t.clone())),
            _ => None,
        }
    }
}

/// Reads the options from `location.search` and `location.hash` (each with or without its
/// leading `?` / `#`). Unknown keys are ignored and garbage never fails: a value that does
/// not parse counts as absent.
pub fn parse(search: &str, hash: &str) -> UrlOptions {
    let search = search.strip_prefix('?').unwrap_or(search);
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let query = pairs(search);
    let fragment = pairs(hash);
    // The fragment wins: look there first, then in the query.
    let get = |key: &str| -> Option<String> {
        fragment
            .iter()
            .chain(query.iter())
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let non_empty = |key: &str| get(key).filter(|v| !v.trim().is_empty());
    UrlOptions {
        share: fragment
            .iter()
            .any(|(k, _)| k == "s")
            .then(|| hash.to_string()),
        scenario_url: non_empty("scenario"),
        from: non_empty("from"),
        to: non_empty("to"),
        step: get("step").and_then(|v| v.trim().parse::<usize>().ok()),
        embed: get("embed").is_some_and(|v| flag(&v)),
        autoplay: get("autoplay").is_some_and(|v| flag(&v)),
        controls: get("controls").is_some_and(|v| flag(&v)),
        theme: get("theme").and_then(|v| Theme::parse(&v)),
        present: get("present").is_some_and(|v| flag(&v)),
        packet: packet_of(
            get("proto").and_then(|v| v.trim().to_ascii_lowercase().parse().ok()),
            get("port")
                .and_then(|v| v.trim().parse::<i64>().ok())
                .filter(|p| (1..=65535).contains(p)),
        ),
    }
}

/// The packet `&proto=&port=` ask for (U10): `tcp` when only a port is given, the default
/// port when only a protocol is; `icmp` takes no port.
fn packet_of(proto: Option<Protocol>, port: Option<i64>) -> Option<Packet> {
    if proto.is_none() && port.is_none() {
        return None;
    }
    let proto = proto.unwrap_or(Protocol::Tcp);
    let port = if proto == Protocol::Icmp { None } else { port };
    Packet::new(proto, port, None).ok()
}

/// The options a link carries for packet `p` (`&proto=tcp&port=22`, U10); none for the
/// default packet, so a link without a chosen packet stays as it was.
pub fn packet_options(p: Packet) -> String {
    if p == Packet::default() {
        return String::new();
    }
    match p.port() {
        Some(port) => format!("&proto={}&port={port}", p.protocol()),
        None => format!("&proto={}", p.protocol()),
    }
}

/// `1`, `true`, `yes` or a bare key (`&embed`) turn an option on; `0`, `false`... do not.
fn flag(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "" | "1" | "true" | "yes" | "on"
    )
}

/// `key=value` pairs split on `&`, each side percent-decoded (`+` is a space, as in forms).
/// Empty parts are skipped; the first of a repeated key wins in [`parse`].
fn pairs(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Percent-decodes `s`; a `%` not followed by two hex digits stays as it is, and bytes that
/// are not UTF-8 become U+FFFD, so no input fails.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => match (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            ) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-encodes a query value: everything but unreserved characters and `/` (so a
/// relative path like `scenarios/x.json` stays readable).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The page's address without its query and fragment: what a share link is built on.
pub fn page_base(href: &str) -> &str {
    let end = href.find(['?', '#']).unwrap_or(href.len());
    &href[..end]
}

/// A share link: the page address (query and fragment dropped) + `#` + the fragment that
/// `vpc_engine::share::build_fragment` made.
pub fn share_link(href: &str, fragment: &str) -> String {
    format!("{}#{}", page_base(href), fragment.trim_start_matches('#'))
}

/// The viewer, the page an embedding iframe loads: beside the app's page, in the same
/// directory, so a relative `?scenario=` address opens the same file from both.
pub const VIEWER_PAGE: &str = "embed.html";

/// The `src` of an embedding iframe: the share link on the viewer page (`embed.html` in the
/// app page's directory) with `&embed=1` (so the same options open the full app in embed
/// mode too), and `&autoplay=1` when asked.
pub fn embed_src(share_link: &str, autoplay: bool) -> String {
    let base = page_base(share_link);
    let dir = &base[..base.rfind('/').map_or(0, |i| i + 1)];
    let options = &share_link[base.len()..];
    let mut out = format!("{dir}{VIEWER_PAGE}{options}&embed=1");
    if autoplay {
        out.push_str("&autoplay=1");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> UrlOptions {
        UrlOptions::default()
    }

    #[test]
    fn options_from_query_fragment_or_both() {
        let s = |v: &str| Some(v.to_string());
        let cases: Vec<(&str, &str, &str, UrlOptions)> = vec![
            ("nothing", "", "", opts()),
            ("bare marks", "?", "#", opts()),
            (
                "scenario file in the query",
                "?scenario=scenarios/01-transitive-peering.json",
                "",
                UrlOptions {
                    scenario_url: s("scenarios/01-transitive-peering.json"),
                    ..opts()
                },
            ),
            (
                "every query option",
                "?scenario=x.json&from=i-a&to=i-c&step=3&embed=1&autoplay=1",
                "",
                UrlOptions {
                    scenario_url: s("x.json"),
                    from: s("i-a"),
                    to: s("i-c"),
                    step: Some(3),
                    embed: true,
                    autoplay: true,
                    ..opts()
                },
            ),
            (
                "share link with its trace and step",
                "",
                "#s=AbC-_9&from=i-a&to=10.2.1.10&step=2",
                UrlOptions {
                    share: s("s=AbC-_9&from=i-a&to=10.2.1.10&step=2"),
                    from: s("i-a"),
                    to: s("10.2.1.10"),
                    step: Some(2),
                    ..opts()
                },
            ),
            (
                "embed options after the share link",
                "",
                "#s=DATA&embed=1&autoplay=1",
                UrlOptions {
                    share: s("s=DATA&embed=1&autoplay=1"),
                    embed: true,
                    autoplay: true,
                    ..opts()
                },
            ),
            (
                "options split between query and fragment",
                "?embed=1",
                "#s=DATA&step=4",
                UrlOptions {
                    share: s("s=DATA&step=4"),
                    step: Some(4),
                    embed: true,
                    ..opts()
                },
            ),
            (
                "fragment wins over query",
                "?from=i-x&to=i-y&step=9",
                "#from=i-a&to=i-c",
                UrlOptions {
                    from: s("i-a"),
                    to: s("i-c"),
                    step: Some(9),
                    ..opts()
                },
            ),
            (
                "first of a repeated key wins",
                "?from=i-a&from=i-b",
                "",
                UrlOptions {
                    from: s("i-a"),
                    ..opts()
                },
            ),
            (
                "an empty s= is still a (broken) share link",
                "",
                "#s=",
                UrlOptions {
                    share: s("s="),
                    ..opts()
                },
            ),
            (
                "a fragment without s= is no share link",
                "",
                "#section-2",
                opts(),
            ),
            (
                "flags off and bare flags on",
                "?embed=0&autoplay",
                "",
                UrlOptions {
                    autoplay: true,
                    ..opts()
                },
            ),
            (
                "flag spellings",
                "?embed=true&autoplay=YES",
                "",
                UrlOptions {
                    embed: true,
                    autoplay: true,
                    ..opts()
                },
            ),
            (
                "garbage step and empty values count as absent",
                "?step=-1&from=&to=%20&scenario=",
                "",
                opts(),
            ),
            (
                "step too big for usize",
                "?step=99999999999999999999999",
                "",
                opts(),
            ),
            ("garbage everywhere", "?&&=&==&%&%zz=1", "#&=x&", opts()),
            (
                "unknown keys are ignored",
                "?lang=fr&from=i-a",
                "",
                UrlOptions {
                    from: s("i-a"),
                    ..opts()
                },
            ),
            (
                "embed with the From/To form, dark, on a projector",
                "",
                "#s=DATA&embed=1&controls=1&theme=dark&present=1",
                UrlOptions {
                    share: s("s=DATA&embed=1&controls=1&theme=dark&present=1"),
                    embed: true,
                    controls: true,
                    theme: Some(Theme::Dark),
                    present: true,
                    ..opts()
                },
            ),
            (
                "a theme in any case and with spaces",
                "?theme=%20LIGHT",
                "",
                UrlOptions {
                    theme: Some(Theme::Light),
                    ..opts()
                },
            ),
            (
                "an unknown theme follows the reader, even over a query one",
                "?theme=dark",
                "#theme=blue",
                opts(),
            ),
            (
                "projector and controls flags off",
                "?theme=Dark&present=0&controls=no",
                "",
                UrlOptions {
                    theme: Some(Theme::Dark),
                    ..opts()
                },
            ),
        ];
        for (name, search, hash, want) in cases {
            assert_eq!(parse(search, hash), want, "{name}");
        }
    }

    #[test]
    fn percent_encoding_is_decoded() {
        let o = parse(
            "?scenario=https%3A%2F%2Fexample.org%2Fa%20b.json&to=api.example.com&from=i%2Da",
            "",
        );
        assert_eq!(
            o.scenario_url.as_deref(),
            Some("https://example.org/a b.json")
        );
        assert_eq!(o.from.as_deref(), Some("i-a"));
        assert_eq!(o.to.as_deref(), Some("api.example.com"));
        // Keys may be encoded too.
        assert!(parse("?%65mbed=1", "").embed);
    }

    #[test]
    fn decode_never_fails() {
        let cases = [
            ("plain", "plain"),
            ("a+b", "a b"),
            ("%41%42", "AB"),
            ("%4", "%4"),
            ("%", "%"),
            ("%zz", "%zz"),
            ("100%", "100%"),
            ("%C3%A9t%C3%A9", "été"),
            ("%FF", "\u{fffd}"),
            ("%E2%82", "\u{fffd}"),
        ];
        for (input, want) in cases {
            assert_eq!(decode(input), want, "{input}");
        }
    }

    #[test]
    fn the_packet_round_trips_through_its_options() {
        let p = |proto, port| Packet::new(proto, port, None).unwrap();
        let cases: &[(&str, Option<Packet>)] = &[
            ("", None),
            ("#proto=tcp&port=22", Some(p(Protocol::Tcp, Some(22)))),
            ("#proto=UDP&port=53", Some(p(Protocol::Udp, Some(53)))),
            ("#proto=icmp", Some(Packet::Icmp)),
            ("#proto=icmp&port=22", Some(Packet::Icmp)),
            ("#port=5432", Some(p(Protocol::Tcp, Some(5432)))),
            ("#proto=udp", Some(p(Protocol::Udp, None))),
            ("#proto=sctp&port=70000", None),
            ("#port=0", None),
        ];
        for (hash, want) in cases {
            assert_eq!(parse("", hash).packet, *want, "{hash}");
        }
        for packet in [
            p(Protocol::Tcp, Some(22)),
            p(Protocol::Udp, Some(53)),
            Packet::Icmp,
        ] {
            let link = format!("#from=i-a{}", packet_options(packet));
            assert_eq!(parse("", &link).packet, Some(packet), "{link}");
        }
        assert_eq!(packet_options(Packet::default()), "");
    }

    #[test]
    fn encode_round_trips_through_parse() {
        for v in [
            "scenarios/01-transitive-peering.json",
            "https://example.org/x.json?a=1&b=2#frag",
            "a b+c%d",
            "été",
        ] {
            let o = parse(&format!("?scenario={}", encode(v)), "");
            assert_eq!(o.scenario_url.as_deref(), Some(v), "{v}");
        }
        assert_eq!(encode("scenarios/a.json"), "scenarios/a.json");
        assert_eq!(encode("a&b"), "a%26b");
    }

    #[test]
    fn links_are_built_on_the_page_address() {
        let cases = [
            (
                "https://u.github.io/vpc-playground/",
                "https://u.github.io/vpc-playground/",
            ),
            (
                "https://u.github.io/vpc-playground/?scenario=x.json&embed=1",
                "https://u.github.io/vpc-playground/",
            ),
            (
                "https://u.github.io/vpc-playground/index.html#s=OLD&step=2",
                "https://u.github.io/vpc-playground/index.html",
            ),
            ("http://127.0.0.1:8080/#?x", "http://127.0.0.1:8080/"),
        ];
        for (href, base) in cases {
            assert_eq!(page_base(href), base, "{href}");
        }
        assert_eq!(
            share_link("https://h/app/?q=1#old", "s=NEW&step=1"),
            "https://h/app/#s=NEW&step=1"
        );
        assert_eq!(share_link("https://h/app/", "#s=X"), "https://h/app/#s=X");
    }

    #[test]
    fn embed_src_adds_its_options_and_parses_back() {
        let link = share_link("https://h/app/", "s=DATA&from=i-a&to=i-c");
        let plain = embed_src(&link, false);
        assert_eq!(
            plain,
            "https://h/app/embed.html#s=DATA&from=i-a&to=i-c&embed=1"
        );
        let auto = embed_src(&link, true);
        assert_eq!(
            auto,
            "https://h/app/embed.html#s=DATA&from=i-a&to=i-c&embed=1&autoplay=1"
        );
        // From the app opened as index.html, or on a server's root: the page beside it.
        let cases = [
            (
                "https://h/app/index.html#s=X",
                "https://h/app/embed.html#s=X&embed=1",
            ),
            (
                "http://127.0.0.1:8080/#s=X",
                "http://127.0.0.1:8080/embed.html#s=X&embed=1",
            ),
        ];
        for (link, want) in cases {
            assert_eq!(embed_src(link, false), want, "{link}");
        }
        let hash = &auto[auto.find('#').unwrap_or(0)..];
        let o = parse("", hash);
        assert!(o.embed && o.autoplay);
        assert_eq!(o.trace(), Some(("i-a".to_string(), "i-c".to_string())));
        assert!(o.share.is_some_and(|s| s.starts_with("s=DATA")));
    }
}
