//! The verdict-only trace (`Tracer::verdict_packet`, what `reach` runs for every pair) gives
//! exactly the full trace's reason (and so its verdict): the same walk, with its hops not
//! built. Held for every source, every destination (every id, every address, names that
//! resolve and ones that do not) and several packets, over the library scenarios, the
//! example documents, each format 1 one upgraded to format 2 (its filters), and generated
//! topologies (synthetic networks in both formats, transit gateway hubs). Random small
//! topologies are held to it in `trace_props.rs`.
mod common;

use std::path::Path;
use vpc_engine::model::Scenario;
use vpc_engine::packet::{Packet, Protocol};
use vpc_engine::trace::Tracer;
use vpc_engine::upgrade::upgrade;
use vpc_engine::Loaded;

/// HTTPS (the default), SSH, DNS over UDP and ICMP: in format 2 each meets other rules.
fn packets() -> Vec<Packet> {
    vec![
        Packet::default(),
        Packet::new(Protocol::Tcp, Some(22), None).expect("ssh"),
        Packet::new(Protocol::Udp, Some(53), Some(1024)).expect("dns"),
        Packet::new(Protocol::Icmp, None, None).expect("icmp"),
    ]
}

fn sources(s: &Scenario) -> Vec<String> {
    let mut out: Vec<String> = s.instances.iter().map(|i| i.id.clone()).collect();
    for n in &s.onprem_networks {
        out.extend(n.hosts.iter().map(|h| h.id.clone()));
    }
    out.extend(s.internet_hosts.iter().map(|h| h.id.clone()));
    out
}

/// Every id of the document (most are not something to send to: those fail to resolve),
/// every address an instance, host or NAT gateway holds, and names.
fn destinations(s: &Scenario) -> Vec<String> {
    let mut out: Vec<String> = s.all_ids().into_iter().map(str::to_string).collect();
    for i in &s.instances {
        out.push(i.private_ip.to_string());
        out.extend(i.public_ip.map(|p| p.to_string()));
    }
    for n in &s.nat_gateways {
        out.extend([n.private_ip.to_string(), n.public_ip.to_string()]);
    }
    for n in &s.onprem_networks {
        out.extend(n.hosts.iter().map(|h| h.ip.to_string()));
    }
    for e in &s.vpc_endpoints {
        out.extend(e.private_ips.iter().map(|ip| ip.to_string()));
    }
    out.extend(
        [
            "s3.us-east-1.amazonaws.com",
            "my-bucket.s3.us-east-1.amazonaws.com",
            "8.8.8.8",
            "10.0.0.1",
            "not-a-name",
        ]
        .map(str::to_string),
    );
    out
}

/// Checks every (source, destination, packet) of `l`; returns how many.
fn holds(name: &str, l: &Loaded) -> usize {
    let s = l.scenario();
    let tracer = Tracer::new(l);
    let (from, to) = (sources(s), destinations(s));
    let mut n = 0;
    for f in &from {
        for t in &to {
            for p in packets() {
                let full = tracer.trace_packet(f, t, p).map(|x| x.reason);
                let fast = tracer.verdict_packet(f, t, p);
                assert_eq!(fast, full, "{name}: {f} -> {t} ({p:?})");
                n += 1;
            }
        }
    }
    n
}

/// `l` as it is and, when it is format 1, upgraded to format 2.
fn holds_both_formats(name: &str, l: &Loaded) -> usize {
    let mut n = holds(name, l);
    if l.index().filters().is_none() {
        let up = Loaded::new(upgrade(l)).unwrap_or_else(|e| panic!("{name} upgraded: {e}"));
        n += holds(&format!("{name} (upgraded)"), &up);
    }
    n
}

#[test]
fn the_library_scenarios_give_the_full_traces_reasons() {
    let mut n = 0;
    for e in vpc_engine::library::LIBRARY {
        let l = vpc_engine::load(e.json()).unwrap_or_else(|x| panic!("{}: {x}", e.slug));
        n += holds_both_formats(e.slug, &l);
    }
    assert!(n > 10_000, "{n} checks");
}

#[test]
fn the_example_documents_give_the_full_traces_reasons() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = 0;
    for dir in ["tests/examples", "../../docs/examples"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .filter_map(Result::ok)
            .map(|f| f.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            let json = std::fs::read_to_string(&f).expect("readable");
            let l = vpc_engine::load(&json).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            holds_both_formats(&f.display().to_string(), &l);
            docs += 1;
        }
    }
    assert!(docs >= 4, "{docs} example documents");
}

#[test]
fn generated_topologies_give_the_full_traces_reasons() {
    use vpc_engine::synth::{hub, hub_hosts, synthetic};
    let generated = [
        ("synthetic(12, 8, 30)", synthetic(12, 8, 30)),
        ("synthetic(30, 3, 12)", synthetic(30, 3, 12)),
        ("hub_hosts(6, 18)", hub_hosts(6, 18)),
        ("hub(8)", hub(8)),
    ];
    for (name, s) in generated {
        let l = Loaded::new(s).unwrap_or_else(|e| panic!("{name}: {e}"));
        holds_both_formats(name, &l);
    }
}
