//! The engine benchmarks of `crates/engine/benches/engine.rs` (LPM lookup against the naive
//! scan, one trace in a 1,000-VPC network, the reachability matrix of 500 hosts in format 1,
//! with format 2's filters, and across 50 VPCs on one transit gateway), run as WebAssembly
//! inside headless Chromium so the WASM/native ratio is known.
//!
//! Timing uses `performance.now()`. Each measurement runs the work in batches long enough
//! (>= 20 ms) for the browser's coarse clock, and reports the median per-iteration time over
//! the batches. Results are printed as `BENCH <name> <value> <unit>` lines, which
//! `scripts/bench-engine-wasm.sh` collects. These are benchmarks, not tests: nothing fails.
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;
use std::net::Ipv4Addr;
use vpc_engine::routing::{effective_routes, lookup, lpm_naive, Lpm};
use vpc_engine::synth::synthetic;
use vpc_engine::trace::Tracer;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
    #[wasm_bindgen(js_namespace = console)]
    fn log(s: &str);
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(f: &js_sys::Function, ms: i32);
}

/// Lets the browser run its event loop (chromedriver gives up on a page that does not answer
/// for 30 s, and reach takes seconds per run).
async fn breathe() {
    let p = js_sys::Promise::new(&mut |resolve, _| set_timeout(&resolve, 0));
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

/// Median time per call of `f`, in milliseconds: `batches` batches, each of enough calls to
/// last at least `min_batch_ms`.
async fn measure(mut f: impl FnMut(), batches: usize, min_batch_ms: f64) -> f64 {
    f(); // warm up
    breathe().await;
    let mut n = 1u64;
    loop {
        let t = now();
        for _ in 0..n {
            f();
        }
        if now() - t >= min_batch_ms || n >= 1 << 30 {
            break;
        }
        n *= 2;
    }
    let mut per: Vec<f64> = Vec::with_capacity(batches);
    for _ in 0..batches {
        breathe().await;
        let t = now();
        for _ in 0..n {
            f();
        }
        per.push((now() - t) / n as f64);
    }
    per.sort_by(|a, b| a.total_cmp(b));
    per.get(per.len() / 2).copied().unwrap_or(f64::NAN)
}

fn report(name: &str, ms: f64) {
    let line = if ms < 0.001 {
        format!("BENCH {name} {:.1} ns", ms * 1e6)
    } else if ms < 1.0 {
        format!("BENCH {name} {:.2} us", ms * 1e3)
    } else {
        format!("BENCH {name} {:.1} ms", ms)
    };
    log(&line);
}

/// The destinations of the native LPM bench (`lpm_destinations` in benches/engine.rs).
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

#[wasm_bindgen_test]
async fn engine_benchmarks() {
    let Ok(s) = vpc_engine::Loaded::new(synthetic(1000, 100, 1000)) else {
        return;
    };

    // LPM: per lookup, on rtb-500's table.
    if let Some((table, _)) = s.find::<vpc_engine::model::RouteTable>("rtb-500") {
        let routes = effective_routes(&s, table);
        let dsts = lpm_destinations();
        let per = dsts.len() as f64;
        let t = measure(
            || {
                for d in &dsts {
                    black_box(lookup(black_box(&routes), *d).chosen);
                }
            },
            15,
            20.0,
        )
        .await;
        report(&format!("lpm/{}-routes/lookup", routes.len()), t / per);
        let t = measure(
            || {
                for d in &dsts {
                    black_box(lpm_naive(black_box(&routes), *d));
                }
            },
            15,
            20.0,
        )
        .await;
        report(&format!("lpm/{}-routes/naive", routes.len()), t / per);
        let lpm = Lpm::new(&routes);
        let t = measure(
            || {
                for d in &dsts {
                    black_box(lpm.winner(black_box(*d)));
                }
            },
            15,
            20.0,
        )
        .await;
        report(
            &format!("lpm/{}-routes/precomputed-winner", routes.len()),
            t / per,
        );
        let t = measure(
            || {
                for d in &dsts {
                    black_box(lpm.lookup(black_box(&routes), *d).chosen);
                }
            },
            15,
            20.0,
        )
        .await;
        report(
            &format!("lpm/{}-routes/precomputed-lookup", routes.len()),
            t / per,
        );
    }

    // One trace, as the app runs it (`trace` builds its index every time), and through a
    // Tracer built once.
    let cases = [
        ("neighbour", "i-500", "i-501"),
        ("transitive", "i-500", "i-502"),
        ("on-prem", "i-500", "hq-1"),
        ("s3-endpoint", "i-500", "s3.us-west-2.amazonaws.com"),
    ];
    for (name, from, to) in cases {
        let t = measure(
            || {
                let _ = black_box(vpc_engine::trace::trace(black_box(&s), from, to));
            },
            15,
            20.0,
        )
        .await;
        report(&format!("trace/1000-vpcs-100-routes/{name}"), t);
    }
    let tracer = Tracer::new(&s);
    for (name, from, to) in cases {
        let t = measure(
            || {
                let _ = black_box(tracer.trace(black_box(from), black_box(to)));
            },
            15,
            20.0,
        )
        .await;
        report(&format!("trace-indexed/1000-vpcs-100-routes/{name}"), t);
    }

    // Reachability of 500 instances (plus 4 on-prem hosts), as benches/engine.rs.
    let Ok(s) = vpc_engine::Loaded::new(synthetic(50, 20, 500)) else {
        return;
    };
    let t = measure(
        || {
            black_box(vpc_engine::reach::reach(black_box(&s)));
        },
        5,
        0.0,
    )
    .await;
    report("reach/500-hosts", t);

    // The same in format 2 (`upgrade`: an open default group per VPC, the default ACLs):
    // every packet and its reply checked by a security group and a network ACL both ways.
    let Ok(s2) = vpc_engine::Loaded::new(vpc_engine::upgrade::upgrade(&s)) else {
        return;
    };
    let t = measure(
        || {
            black_box(vpc_engine::reach::reach(black_box(&s2)));
        },
        5,
        0.0,
    )
    .await;
    report("reach/500-hosts-format-2", t);

    // Reachability of 500 instances across 50 VPCs on one transit gateway (`synth::hub_hosts`,
    // format 2: every pair through the hub's route table, security groups and default ACLs
    // both ways).
    let Ok(h) = vpc_engine::Loaded::new(vpc_engine::synth::hub_hosts(50, 500)) else {
        return;
    };
    let t = measure(
        || {
            black_box(vpc_engine::reach::reach(black_box(&h)));
        },
        5,
        0.0,
    )
    .await;
    report("reach/500-hosts-50-vpcs-tgw", t);
}
