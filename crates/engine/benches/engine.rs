//! Engine benchmarks on synthetic topologies (`vpc_engine::synth`) and library scenarios:
//! packet traces in a 1,000-VPC network with 100 routes per table (longest-prefix match over
//! big tables, peering, endpoints, VPN), in format 1 and upgraded to format 2 (filters), one trace through a transit gateway with 1,000
//! attachments, the reachability matrix of 500 hosts, and the share link codec, and the bare
//! longest-prefix-match lookup against the naive reference scan.
//! Run with `cargo bench -p vpc-engine --bench engine`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::net::Ipv4Addr;
use vpc_engine::library::LIBRARY;
use vpc_engine::routing::{effective_routes, lookup, lpm_naive, Lpm};
use vpc_engine::share::{decode_scenario, encode_scenario};
use vpc_engine::synth::synthetic;
use vpc_engine::trace::Tracer;
use vpc_engine::upgrade::upgrade;
use vpc_engine::Loaded;

/// Traces across the 1,000-VPC network: to a peered neighbour (delivered, with the reply),
/// to a VPC two peerings away (transitive: dropped at the middle VPC), to on-premises over
/// the VPN, and to S3 by name through a gateway endpoint.
fn trace(c: &mut Criterion) {
    let Ok(s) = Loaded::new(synthetic(1000, 100, 1000)) else {
        return;
    };
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

    // Building the index alone: what `trace` pays on every call on top of the walk.
    c.bench_function("tracer-new/1000-vpcs-100-routes", |b| {
        b.iter(|| Tracer::new(black_box(&s)))
    });

    // The same traces through a `Tracer` built once (what `reach` does for every pair).
    let tracer = Tracer::new(&s);
    let mut g = c.benchmark_group("trace-indexed/1000-vpcs-100-routes");
    for (name, from, to) in cases {
        g.bench_with_input(
            BenchmarkId::from_parameter(name),
            &(from, to),
            |b, (f, t)| b.iter(|| tracer.trace(black_box(f), black_box(t))),
        );
    }
    g.finish();

    // The same traces in format 2 (issue 15: one trace on 1,000 VPCs with filters): the
    // network upgraded, so every VPC has its default network ACL and a security group on
    // every instance, evaluated on the way and again on the reply.
    let Ok(f2) = Loaded::new(upgrade(&s)) else {
        return;
    };
    let mut g = c.benchmark_group("trace-format-2/1000-vpcs-100-routes");
    for (name, from, to) in cases {
        g.bench_with_input(
            BenchmarkId::from_parameter(name),
            &(from, to),
            |b, (f, t)| b.iter(|| vpc_engine::trace::trace(black_box(&f2), f, t)),
        );
    }
    g.finish();
}

/// One trace through a transit gateway with 1,000 VPC attachments, all associated with and
/// propagating into one route table (`synth::hub`): from the first VPC to the last, with the
/// reply; one-off (the table's routes computed in the call) and through a `Tracer`.
fn trace_tgw(c: &mut Criterion) {
    let Ok(s) = Loaded::new(vpc_engine::synth::hub(1000)) else {
        return;
    };
    c.bench_function("trace/tgw-1000-attachments", |b| {
        b.iter(|| vpc_engine::trace::trace(black_box(&s), "i-0", "i-999"))
    });
    let tracer = Tracer::new(&s);
    c.bench_function("trace-indexed/tgw-1000-attachments", |b| {
        b.iter(|| tracer.trace(black_box("i-0"), black_box("i-999")))
    });
}

/// Destinations for the LPM benches: one address in each of 64 VPC blocks spread over the
/// 1,000 (hitting /20, /22 and /24 routes and the local route), plus on-prem, S3 and nothing.
fn lpm_destinations() -> Vec<Ipv4Addr> {
    let mut out: Vec<Ipv4Addr> = (0..64u32)
        .map(|k| {
            let i = (k * 997 + 500) % 1000;
            Ipv4Addr::new(10, (i / 16) as u8, ((i % 16) * 16 + k % 16) as u8, 10)
        })
        .collect();
    out.extend(
        ["192.168.1.10", "52.218.0.1", "8.8.8.8", "10.31.64.10"]
            .map(|a| a.parse::<Ipv4Addr>().unwrap_or(Ipv4Addr::UNSPECIFIED)),
    );
    out
}

/// Longest-prefix match on VPC 500's table in the 1,000-VPC x 100-route network (about 100
/// static routes, a local route, S3 prefix-list routes and propagated VPN routes): the real
/// lookup against the naive reference scan, in the same run, so the ratio is printed. Each
/// iteration looks up every destination of [`lpm_destinations`]; the per-lookup time is the
/// iteration time divided by their number (criterion's throughput line shows it as elements).
fn lpm(c: &mut Criterion) {
    let Ok(s) = Loaded::new(synthetic(1000, 100, 1000)) else {
        return;
    };
    let Some((table, _)) = s.find::<vpc_engine::model::RouteTable>("rtb-500") else {
        return;
    };
    let routes = effective_routes(&s, table);
    let dsts = lpm_destinations();
    let mut g = c.benchmark_group(format!("lpm/{}-routes", routes.len()));
    g.throughput(Throughput::Elements(dsts.len() as u64));
    g.bench_function("lookup", |b| {
        b.iter(|| {
            for d in &dsts {
                black_box(lookup(black_box(&routes), *d).chosen);
            }
        })
    });
    g.bench_function("naive", |b| {
        b.iter(|| {
            for d in &dsts {
                black_box(lpm_naive(black_box(&routes), *d));
            }
        })
    });
    // The precomputed table the trace index keeps per route table: the winner alone, and
    // the full lookup (every match and the rule) that a trace hop shows.
    let table = Lpm::new(&routes);
    g.bench_function("precomputed-winner", |b| {
        b.iter(|| {
            for d in &dsts {
                black_box(table.winner(black_box(*d)));
            }
        })
    });
    g.bench_function("precomputed-lookup", |b| {
        b.iter(|| {
            for d in &dsts {
                black_box(table.lookup(black_box(&routes), *d).chosen);
            }
        })
    });
    g.finish();
}

/// The reachability matrix of 500 instances (plus 4 on-prem hosts): ~254,000 traces, in
/// format 1, with format 2's filters, and across 50 VPCs on one transit gateway (the same
/// three matrices as the WASM benchmarks).
fn reach(c: &mut Criterion) {
    let Ok(s) = Loaded::new(synthetic(50, 20, 500)) else {
        return;
    };
    let mut g = c.benchmark_group("reach");
    g.sample_size(10);
    g.bench_function("500-hosts", |b| {
        b.iter(|| vpc_engine::reach::reach(black_box(&s)))
    });
    // The same in format 2 (`upgrade`: an open default group per VPC, the default ACLs):
    // every packet and its reply checked by a security group and a network ACL both ways.
    if let Ok(s2) = Loaded::new(upgrade(&s)) {
        g.bench_function("500-hosts-format-2", |b| {
            b.iter(|| vpc_engine::reach::reach(black_box(&s2)))
        });
    }
    // 500 instances across 50 VPCs on one transit gateway (format 2, `synth::hub_hosts`).
    if let Ok(h) = Loaded::new(vpc_engine::synth::hub_hosts(50, 500)) {
        g.bench_function("500-hosts-50-vpcs-tgw", |b| {
            b.iter(|| vpc_engine::reach::reach(black_box(&h)))
        });
    }
    g.finish();
}

/// Share links: encode and decode the biggest library scenario and a mid-size synthetic one.
fn share(c: &mut Criterion) {
    let biggest = LIBRARY
        .iter()
        .max_by_key(|e| e.json().len())
        .and_then(|e| vpc_engine::load(e.json()).ok())
        .map(Loaded::into_scenario)
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

criterion_group!(benches, lpm, trace, trace_tgw, reach, share);
criterion_main!(benches);
