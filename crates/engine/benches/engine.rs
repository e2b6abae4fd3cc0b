//! Engine benchmarks on synthetic topologies (`vpc_engine::synth`) and library scenarios:
//! packet traces in a 1,000-VPC network with 100 routes per table (longest-prefix match over
//! big tables, peering, endpoints, VPN), the reachability matrix of 500 hosts, and the share
//! link codec. Run with `cargo bench -p vpc-engine --bench engine`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use vpc_engine::library::LIBRARY;
use vpc_engine::share::{decode_scenario, encode_scenario};
use vpc_engine::synth::synthetic;

/// Traces across the 1,000-VPC network: to a peered neighbour (delivered, with the reply),
/// to a VPC two peerings away (transitive: dropped at the middle VPC), to on-premises over
/// the VPN, and to S3 by name through a gateway endpoint.
fn trace(c: &mut Criterion) {
    let s = synthetic(1000, 100, 1000);
    // Instance k lives in VPC k % 1000 (see synth's layout); VPC 500 is hybrid and has an
    // S3 gateway endpoint.
    let cases = [
        ("neighbour", "i-500", "i-501"),
        ("transitive", "i-500", "i-502"),
        ("on-prem", "i-500", "hq-1"),
        ("s3-endpoint", "i-500", "s3.us-west-2.amazonaws.com"),
    ];
    let mut g = c.benchmark_group("trace/1000-vpcs-100-routes");
    for (name, from, to) in cases {
        g.bench_with_input(
            BenchmarkId::from_parameter(name),
            &(from, to),
            |b, (f, t)| b.iter(|| vpc_engine::trace::trace(black_box(&s), f, t)),
        );
    }
    g.finish();
    // TODO(lead): once `routing` exposes its longest-prefix-match lookup, add a bench of the
    // bare lookup on `s.route_tables[500]` here, to separate LPM cost from the rest of a trace.
}

/// The reachability matrix of 500 instances (plus 4 on-prem hosts): ~254,000 traces.
fn reach(c: &mut Criterion) {
    let s = synthetic(50, 20, 500);
    let mut g = c.benchmark_group("reach");
    g.sample_size(10);
    g.bench_function("500-hosts", |b| {
        b.iter(|| vpc_engine::reach::reach(black_box(&s)))
    });
    g.finish();
}

/// Share links: encode and decode the biggest library scenario and a mid-size synthetic one.
fn share(c: &mut Criterion) {
    let biggest = LIBRARY
        .iter()
        .max_by_key(|e| e.json.len())
        .and_then(|e| vpc_engine::load(e.json).ok())
        .unwrap_or_else(vpc_engine::Scenario::empty);
    let inputs = [
        ("library", biggest),
        ("synthetic-20-vpcs", synthetic(20, 10, 40)),
    ];
    let mut g = c.benchmark_group("share");
    for (name, s) in &inputs {
        g.bench_with_input(BenchmarkId::new("encode", name), s, |b, s| {
            b.iter(|| encode_scenario(black_box(s)))
        });
        let data = encode_scenario(s);
        g.bench_with_input(BenchmarkId::new("decode", name), &data, |b, d| {
            b.iter(|| decode_scenario(black_box(d)))
        });
    }
    g.finish();
}

criterion_group!(benches, trace, reach, share);
criterion_main!(benches);
