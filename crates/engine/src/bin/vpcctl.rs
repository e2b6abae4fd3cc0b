//! `vpcctl`: the engine on the command line, for trainers who check their scenarios in CI.
//!
//! ```text
//! vpcctl validate FILE
//! vpcctl trace FILE --from SRC --to DST [--proto tcp|udp|icmp] [--port N] [--src-port N]
//! vpcctl reach FILE [--proto tcp|udp|icmp] [--port N]
//! vpcctl import FILE...
//! vpcctl upgrade FILE
//! ```
//! `FILE` may be `-` for standard input. JSON goes to stdout; exit codes as in
//! `docs/scenario-format.md` (C1-C5): validate 0 (no error findings) / 1 (errors) / 2 (cannot
//! load); trace and reach 0 when computed, 2 when the input cannot be loaded or `--from`
//! names nothing. `import` reads `aws ec2 describe-*` outputs and prints the scenario; what it
//! left out or assumed goes to stderr; exit 0, or 2 when nothing could be imported.
//! `upgrade` prints the format 2 document with format 1's verdicts (N7) and warns on stderr
//! of every reach-matrix cell whose verdict it changes; exit 0, or 2 when it cannot load.

use std::io::{Read, Write};
use std::process::ExitCode;
use vpc_engine::finding::Severity;
use vpc_engine::import::{import, Source};
use vpc_engine::packet::{Packet, Port, Protocol};
use vpc_engine::reach::reach_packet;
use vpc_engine::trace::trace_packet;
use vpc_engine::upgrade::{reach_changes, upgrade};
use vpc_engine::{load, reach, validate, Loaded};

const USAGE: &str = "usage: vpcctl validate FILE | vpcctl trace FILE --from SRC --to DST [--proto tcp|udp|icmp] [--port N] [--src-port N] | vpcctl reach FILE [--proto tcp|udp|icmp] [--port N] | vpcctl import FILE... | vpcctl upgrade FILE   (FILE may be -)";

/// A failure that ends the command with exit code 2 and `vpcctl: MESSAGE` on stderr.
struct Fail(String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok((out, code)) => {
            // A closed pipe (`vpcctl … | head`) is not an error worth a panic.
            let _ = writeln!(std::io::stdout().lock(), "{out}");
            ExitCode::from(code)
        }
        Err(Fail(msg)) => {
            eprintln!("vpcctl: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(String, u8), Fail> {
    let (cmd, rest) = args.split_first().ok_or_else(|| Fail(USAGE.to_string()))?;
    match cmd.as_str() {
        "validate" => {
            let [file] = rest else {
                return Err(Fail(USAGE.to_string()));
            };
            let s = read_scenario(file)?;
            let findings = validate(&s);
            let code = u8::from(findings.iter().any(|f| f.severity == Severity::Error));
            // A struct, not `json!`, so each finding keeps its keys in the contract's order
            // (severity, code, resource, path, message).
            #[derive(serde::Serialize)]
            struct Out<'a> {
                findings: &'a [vpc_engine::Finding],
            }
            Ok((
                to_json(&Out {
                    findings: &findings,
                })?,
                code,
            ))
        }
        "trace" => {
            let a = flag_args(rest, &["--from", "--to", "--proto", "--port", "--src-port"])?;
            let (Some(from), Some(to)) = (a.get("--from"), a.get("--to")) else {
                return Err(Fail(USAGE.to_string()));
            };
            let packet = packet_args(&a)?;
            let s = read_scenario(&a.file)?;
            let t = trace_packet(&s, from, to, packet).map_err(|e| Fail(e.to_string()))?;
            Ok((to_json(&t)?, 0))
        }
        "reach" => {
            let a = flag_args(rest, &["--proto", "--port"])?;
            let packet = packet_args(&a)?;
            let s = read_scenario(&a.file)?;
            Ok((to_json(&reach_packet(&s, packet))?, 0))
        }
        "import" => {
            if rest.is_empty() {
                return Err(Fail(USAGE.to_string()));
            }
            let texts = rest
                .iter()
                .map(|f| read_text(f).map(|t| (f.as_str(), t)))
                .collect::<Result<Vec<_>, _>>()?;
            let sources: Vec<Source> = texts
                .iter()
                .map(|(name, text)| Source { name, text })
                .collect();
            let imported = import(&sources).map_err(|e| Fail(e.to_string()))?;
            let mut err = std::io::stderr().lock();
            for n in &imported.left_out {
                let _ = writeln!(err, "vpcctl: left out: {n}");
            }
            for n in &imported.assumed {
                let _ = writeln!(err, "vpcctl: assumed: {n}");
            }
            let _ = writeln!(err, "vpcctl: imported {}", imported.summary());
            Ok((to_json(&imported.scenario)?, 0))
        }
        "upgrade" => {
            let [file] = rest else {
                return Err(Fail(USAGE.to_string()));
            };
            upgrade_command(file)
        }
        "-h" | "--help" | "help" => Ok((USAGE.to_string(), 0)),
        other => Err(Fail(format!("unknown command {other:?}; {USAGE}"))),
    }
}

/// `FILE` and `--flag VALUE` pairs in any order after it (`--flag=VALUE` too), each flag
/// one of `allowed`.
struct Args {
    file: String,
    flags: Vec<(&'static str, String)>,
}

impl Args {
    fn get(&self, flag: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(f, _)| *f == flag)
            .map(|(_, v)| v.as_str())
    }
}

fn flag_args(rest: &[String], allowed: &[&'static str]) -> Result<Args, Fail> {
    let (mut file, mut flags) = (None, Vec::new());
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let Some(known) = allowed.iter().find(|f| **f == flag) else {
            if file.is_none() && inline.is_none() && !a.starts_with("--") {
                file = Some(a.clone());
                continue;
            }
            return Err(Fail(format!("unexpected argument {a:?}; {USAGE}")));
        };
        let value = match inline {
            Some(v) => v,
            None => it
                .next()
                .cloned()
                .ok_or_else(|| Fail(format!("{flag} needs a value; {USAGE}")))?,
        };
        flags.push((*known, value));
    }
    let file = file.ok_or_else(|| Fail(USAGE.to_string()))?;
    Ok(Args { file, flags })
}

/// The packet of `--proto`, `--port` and `--src-port` (`docs/scenario-format.md` P1):
/// defaults where not given; a port outside 1-65535, or a port with `icmp`, is a usage
/// error.
fn packet_args(a: &Args) -> Result<Packet, Fail> {
    let fail = |e: vpc_engine::packet::PacketError| Fail(format!("{e}; {USAGE}"));
    let proto = match a.get("--proto") {
        Some(p) => p.parse::<Protocol>().map_err(fail)?,
        None => Protocol::Tcp,
    };
    let port = |flag: &str, which: &'static str| -> Result<Option<i64>, Fail> {
        a.get(flag)
            .map(|t| {
                Port::parse(which, t)
                    .map(|p| i64::from(p.get()))
                    .map_err(fail)
            })
            .transpose()
    };
    let (dst, src) = (port("--port", "port")?, port("--src-port", "src_port")?);
    Packet::new(proto, dst, src).map_err(fail)
}

/// `upgrade FILE`: a format 2 input as it was read; a format 1 input as format 2, with one
/// warning on stderr per reach-matrix cell whose verdict changes (N7: a reply format 1
/// never checked may find no way back).
fn upgrade_command(file: &str) -> Result<(String, u8), Fail> {
    let text = read_text(file)?;
    let before = load(&text).map_err(|e| Fail(e.to_string()))?;
    if before.format().filters() {
        return Ok((text.trim_end().to_string(), 0));
    }
    let after = Loaded::new(upgrade(&before))
        .map_err(|e| Fail(format!("the upgraded document does not load: {e}")))?;
    let mut err = std::io::stderr().lock();
    for change in reach_changes(&reach(&before), &reach(&after)) {
        let _ = writeln!(err, "vpcctl: warning: {change}");
    }
    Ok((to_json(&after)?, 0))
}

fn read_scenario(file: &str) -> Result<Loaded, Fail> {
    load(&read_text(file)?).map_err(|e| Fail(e.to_string()))
}

/// The text of `file`, or of standard input for `-`.
fn read_text(file: &str) -> Result<String, Fail> {
    if file == "-" {
        let mut buf = String::new();
        std::io::stdin()
            .read_to_string(&mut buf)
            .map_err(|e| Fail(format!("standard input: {e}")))?;
        Ok(buf)
    } else {
        std::fs::read_to_string(file).map_err(|e| Fail(format!("{file}: {e}")))
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, Fail> {
    serde_json::to_string_pretty(v).map_err(|e| Fail(format!("cannot write JSON: {e}")))
}
