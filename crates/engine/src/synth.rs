//! Synthetic topologies for benchmarks and load tests: big, valid, deterministic scenarios.
//! (Generator arguments are not user data: the `expect`s below are on constant prefixes.)
//!
//! [`synthetic`] builds a scenario of a requested size that exercises every part of the
//! forwarding path a benchmark should pay for: many VPCs in several Regions, route tables full
//! of static routes to peering connections (longest-prefix match has work to do), a chain of
//! active peerings so traces cross VPC boundaries (and meet the transitive-peering rule), S3
//! gateway endpoints (prefix-list routes) and Site-to-Site VPNs to one on-premises network
//! (propagated routes). The same arguments always give the same scenario, so timings compare
//! across runs; there is no randomness beyond a fixed-seed LCG.
//!
//! Layout (documented so a benchmark can pick sources and destinations):
//! - VPC `i` is `vpc-{i}` with the `/20` block `10.(i / 16).((i % 16) * 16).0/20` (4,096 fit in
//!   10.0.0.0/8; a /16 each would only fit 256). Regions cycle through [`REGIONS`].
//! - Each VPC has subnets `subnet-{i}-a` and `subnet-{i}-b` (the first two `/24`s of its block,
//!   Availability Zones `a` and `b`) and one main route table `rtb-{i}`.
//! - Instances `i-{k}` go round-robin over VPCs, then subnets: instance `k` is in VPC `k % vpcs`
//!   at host address `.10 + n` of its subnet (at most 240 per subnet).
//! - Peerings `pcx-{i}` join VPC `i` and VPC `i + 1` (all `active`); each table has a route to
//!   each neighbour, then to the VPCs two peerings away, then up to `routes_per_table` static
//!   routes in all (more when a VPC has two
//!   neighbours to reach), to other VPCs' blocks, /22s and /24s, each through the peering
//!   that leads towards that VPC along the chain.
//! - Every 4th VPC has an S3 gateway endpoint `vpce-s3-{i}` on its table; every 10th VPC has a
//!   VPN gateway `vgw-{i}` with a BGP VPN `vpn-{i}` to `cgw-hq`, propagated into its table.
//!   The on-premises network `onprem-hq` is 192.168.0.0/16 with hosts `hq-1` .. `hq-4`.

use crate::addr::{Cidr, Ip};
use crate::model::{
    CustomerGateway, EndpointType, Instance, OnpremHost, OnpremNetwork, PeeringConnection,
    PeeringStatus, Policy, Route, RouteTable, Scenario, Subnet, Vpc, VpcEndpoint, VpnConnection,
    VpnGateway, VpnRouting,
};
use std::collections::BTreeSet;
use std::net::Ipv4Addr;

/// The Regions synthetic VPCs are spread over (all in the engine's catalog).
pub const REGIONS: [&str; 3] = ["us-east-1", "us-west-2", "eu-west-1"];

/// The most VPCs [`synthetic`] makes (`/20` blocks in 10.0.0.0/8); larger requests are capped.
pub const MAX_VPCS: usize = 4096;

/// Instances per subnet at most (host addresses .10 to .249).
const HOSTS_PER_SUBNET: usize = 240;

/// A tiny linear congruential generator (Knuth's MMIX constants): deterministic, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn vpc_block(i: usize) -> Cidr {
    let a = (i / 16) as u8;
    let b = ((i % 16) * 16) as u8;
    Cidr::new_truncated(Ipv4Addr::new(10, a, b, 0), 20).expect("a /20 is a valid prefix")
}

/// `/24` number `n` (0..16) of VPC `i`'s block.
fn vpc_slash24(i: usize, n: usize) -> Cidr {
    let a = (i / 16) as u8;
    let b = ((i % 16) * 16 + n % 16) as u8;
    Cidr::new_truncated(Ipv4Addr::new(10, a, b, 0), 24).expect("a /24 is a valid prefix")
}

/// `/22` number `n` (0..4) of VPC `i`'s block.
fn vpc_slash22(i: usize, n: usize) -> Cidr {
    let a = (i / 16) as u8;
    let b = ((i % 16) * 16 + (n % 4) * 4) as u8;
    Cidr::new_truncated(Ipv4Addr::new(10, a, b, 0), 22).expect("a /22 is a valid prefix")
}

/// A deterministic scenario with `vpcs` VPCs (at most [`MAX_VPCS`]), about
/// `routes_per_table` static routes in each route table and `hosts` instances (at most
/// 480 per VPC), laid out as the module documentation describes. Zero VPCs give a scenario
/// with only the on-premises network.
pub fn synthetic(vpcs: usize, routes_per_table: usize, hosts: usize) -> Scenario {
    let vpcs = vpcs.min(MAX_VPCS);
    let hosts = if vpcs == 0 {
        0
    } else {
        hosts.min(vpcs * 2 * HOSTS_PER_SUBNET)
    };
    let mut rng = Lcg(0x05ee_d0f5_ca1e);
    let mut s = Scenario::empty();
    s.name = Some(format!(
        "Synthetic: {vpcs} VPCs, {routes_per_table} routes per table, {hosts} hosts"
    ));
    s.description = Some(
        "Generated for benchmarks by vpc_engine::synth::synthetic: a chain of peered VPCs \
         with S3 gateway endpoints and VPNs to one on-premises network."
            .to_string(),
    );

    for i in 0..vpcs {
        let region = REGIONS[i % REGIONS.len()];
        s.vpcs.push(Vpc {
            id: format!("vpc-{i}"),
            name: None,
            account: if i.is_multiple_of(2) {
                "111111111111"
            } else {
                "222222222222"
            }
            .to_string(),
            region: region.to_string(),
            cidrs: vec![vpc_block(i)],
        });
        for (n, az) in ["a", "b"].iter().enumerate() {
            s.subnets.push(Subnet {
                id: format!("subnet-{i}-{az}"),
                vpc: format!("vpc-{i}"),
                az: Some(format!("{region}{az}")),
                cidr: vpc_slash24(i, n),
                name: None,
            });
        }
    }

    for i in 0..vpcs.saturating_sub(1) {
        s.peering_connections.push(PeeringConnection {
            id: format!("pcx-{i}"),
            requester: format!("vpc-{i}"),
            accepter: format!("vpc-{}", i + 1),
            status: PeeringStatus::Active,
            name: None,
        });
    }

    for i in 0..vpcs {
        // The peerings this VPC is part of, with the neighbour each reaches.
        let mut neighbours: Vec<(usize, String)> = Vec::new();
        if i > 0 {
            neighbours.push((i - 1, format!("pcx-{}", i - 1)));
        }
        if i + 1 < vpcs {
            neighbours.push((i + 1, format!("pcx-{i}")));
        }
        let mut routes: Vec<Route> = Vec::new();
        let mut seen: BTreeSet<Cidr> = BTreeSet::new();
        for (n, pcx) in &neighbours {
            seen.insert(vpc_block(*n));
            routes.push(Route {
                destination: vpc_block(*n),
                target: pcx.clone(),
            });
        }
        // The VPCs two peerings away, through the neighbour between: the transitive case.
        for (n, pcx) in &neighbours {
            let beyond = if *n > i { n + 1 } else { n.wrapping_sub(1) };
            if beyond < vpcs && routes.len() < routes_per_table {
                seen.insert(vpc_block(beyond));
                routes.push(Route {
                    destination: vpc_block(beyond),
                    target: pcx.clone(),
                });
            }
        }
        if !neighbours.is_empty() && vpcs > 1 {
            // Other VPCs' blocks, /22s and /24s, through a neighbouring peering. Bounded
            // attempts, so a small scenario with few distinct destinations still ends.
            let mut attempts = 0;
            while routes.len() < routes_per_table && attempts < routes_per_table * 8 {
                attempts += 1;
                let j = rng.below(vpcs);
                if j == i {
                    continue;
                }
                let dest = match rng.below(3) {
                    0 => vpc_block(j),
                    1 => vpc_slash22(j, rng.below(4)),
                    _ => vpc_slash24(j, rng.below(16)),
                };
                if !seen.insert(dest) {
                    continue;
                }
                // Towards the destination along the chain: its neighbour's own peering for a
                // neighbour, else the first hop in its direction (where the packet then meets
                // the no-transitive-peering rule).
                let pcx = if j > i {
                    format!("pcx-{i}")
                } else {
                    format!("pcx-{}", i - 1)
                };
                routes.push(Route {
                    destination: dest,
                    target: pcx,
                });
            }
        }
        let hybrid = i.is_multiple_of(10);
        s.route_tables.push(RouteTable {
            id: format!("rtb-{i}"),
            vpc: format!("vpc-{i}"),
            main: true,
            subnets: Vec::new(),
            propagating_gateways: if hybrid {
                vec![format!("vgw-{i}")]
            } else {
                Vec::new()
            },
            routes,
            name: None,
        });
        if i.is_multiple_of(4) {
            s.vpc_endpoints.push(VpcEndpoint {
                security_groups: Vec::new(),
                id: format!("vpce-s3-{i}"),
                vpc: format!("vpc-{i}"),
                kind: EndpointType::Gateway,
                service: format!("com.amazonaws.{}.s3", REGIONS[i % REGIONS.len()]),
                route_tables: vec![format!("rtb-{i}")],
                subnets: Vec::new(),
                private_ips: Vec::new(),
                private_dns: true,
                policy: Policy::Full,
                name: None,
            });
        }
        if hybrid {
            s.vpn_gateways.push(VpnGateway {
                id: format!("vgw-{i}"),
                vpc: Some(format!("vpc-{i}")),
                asn: Some(64512),
                name: None,
            });
            s.vpn_connections.push(VpnConnection {
                id: format!("vpn-{i}"),
                vpn_gateway: Some(format!("vgw-{i}")),
                transit_gateway: None,
                customer_gateway: "cgw-hq".to_string(),
                routing: VpnRouting::Bgp,
                static_routes: Vec::new(),
                tunnels: [crate::model::TunnelState::Up; 2],
                name: None,
            });
        }
    }

    for k in 0..hosts {
        let v = k % vpcs.max(1);
        let n = k / vpcs.max(1); // how many instances VPC v already has
        let (az, slot) = if n.is_multiple_of(2) {
            ("a", 0)
        } else {
            ("b", 1)
        };
        let host = 10 + (n / 2) as u8;
        let net = vpc_slash24(v, slot).network().octets();
        s.instances.push(Instance {
            security_groups: Vec::new(),
            id: format!("i-{k}"),
            name: None,
            subnet: format!("subnet-{v}-{az}"),
            private_ip: Ip(Ipv4Addr::new(net[0], net[1], net[2], host)),
            public_ip: None,
        });
    }

    if !s.vpn_gateways.is_empty() {
        s.customer_gateways.push(CustomerGateway {
            id: "cgw-hq".to_string(),
            ip: Ip(Ipv4Addr::new(203, 0, 113, 12)),
            asn: Some(65000),
            network: "onprem-hq".to_string(),
            name: None,
        });
    }
    s.onprem_networks.push(OnpremNetwork {
        id: "onprem-hq".to_string(),
        name: Some("HQ".to_string()),
        cidrs: vec![Cidr::new_truncated(Ipv4Addr::new(192, 168, 0, 0), 16)
            .expect("a /16 is a valid prefix")],
        hosts: (1..=4)
            .map(|n| OnpremHost {
                id: format!("hq-{n}"),
                ip: Ip(Ipv4Addr::new(192, 168, n as u8, 10)),
                name: None,
            })
            .collect(),
        routes: Vec::new(),
    });
    s
}

/// A format 2 hub and spoke for the transit gateway benchmarks (`docs/scenario-format.md`
/// T5-T9): `attachments` VPCs (at most [`MAX_VPCS`]) in us-east-1a, each `vpc-{i}` with the
/// block [`synthetic`] gives VPC `i`, an instance `i-{i}` at `.10` of its first `/24`
/// (`subnet-{i}-a`), a small attachment subnet `subnet-{i}-tgw` (its second `/24`), a main
/// table sending 10.0.0.0/8 to `tgw-hub`, and a default security group admitting
/// 10.0.0.0/8. Every attachment `tgw-attach-{i}` is associated with and propagates into one
/// route table, `tgw-rtb-hub`, so any instance reaches any other through the hub.
pub fn hub(attachments: usize) -> Scenario {
    use serde_json::{json, Value};
    let n = attachments.min(MAX_VPCS);
    let (mut vpcs, mut subnets, mut tables, mut groups, mut instances, mut atts, mut ids) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for i in 0..n {
        let (vpc, app, tgw) = (format!("vpc-{i}"), vpc_slash24(i, 0), vpc_slash24(i, 1));
        let ip = Ipv4Addr::from(u32::from(app.network()) + 10);
        vpcs.push(json!({"id": vpc, "region": "us-east-1", "cidrs": [vpc_block(i).to_string()]}));
        subnets.push(json!({"id": format!("subnet-{i}-a"), "vpc": vpc, "az": "us-east-1a", "cidr": app.to_string()}));
        subnets.push(json!({"id": format!("subnet-{i}-tgw"), "vpc": vpc, "az": "us-east-1a", "cidr": tgw.to_string()}));
        tables.push(json!({"id": format!("rtb-{i}"), "vpc": vpc, "main": true,
            "routes": [{"destination": "10.0.0.0/8", "target": "tgw-hub"}]}));
        groups.push(json!({"id": format!("sg-{i}"), "vpc": vpc, "default": true,
            "ingress": [{"protocol": "all", "source": "10.0.0.0/8"}]}));
        instances.push(json!({"id": format!("i-{i}"), "subnet": format!("subnet-{i}-a"), "private_ip": ip.to_string()}));
        atts.push(
            json!({"id": format!("tgw-attach-{i}"), "transit_gateway": "tgw-hub", "type": "vpc",
            "vpc": vpc, "subnets": [format!("subnet-{i}-tgw")]}),
        );
        ids.push(Value::String(format!("tgw-attach-{i}")));
    }
    let doc = json!({
        "format": "vpc-playground/2",
        "name": format!("Synthetic: {n} VPCs on one transit gateway"),
        "description": "Generated for benchmarks by vpc_engine::synth::hub: every VPC attached to one transit gateway whose one route table every attachment is associated with and propagates into.",
        "vpcs": vpcs, "subnets": subnets, "route_tables": tables, "security_groups": groups,
        "instances": instances,
        "transit_gateways": [{"id": "tgw-hub", "region": "us-east-1"}],
        "transit_gateway_attachments": atts,
        "transit_gateway_route_tables": [{"id": "tgw-rtb-hub", "transit_gateway": "tgw-hub",
            "associations": ids.clone(), "propagations": ids}],
    });
    serde_json::from_value(doc).expect("the hub is a valid scenario")
}

/// [`hub`] with `hosts` instances spread evenly over its VPCs (at most 240 per VPC): VPC
/// `i`'s first is `i-{i}`, the next `i-{i}-1`, `i-{i}-2`, ... at `.11`, `.12`, ... of the same
/// subnet. `hub_hosts(50, 500)` is the transit gateway matrix benchmark: 500 hosts across 50
/// VPCs, every pair through the hub, each packet and reply through the security groups and
/// the default network ACLs.
pub fn hub_hosts(attachments: usize, hosts: usize) -> Scenario {
    let mut s = hub(attachments);
    let vpcs = s.vpcs.len();
    if vpcs == 0 {
        return s;
    }
    let hosts = hosts.min(vpcs * HOSTS_PER_SUBNET);
    let mut extra = Vec::new();
    for (i, first) in s.instances.iter().enumerate() {
        let here = hosts / vpcs + usize::from(i < hosts % vpcs);
        for j in 1..here {
            let mut host = first.clone();
            host.id = format!("i-{i}-{j}");
            host.private_ip = Ip(Ipv4Addr::from(u32::from(first.private_ip.0) + j as u32));
            extra.push(host);
        }
    }
    s.instances.truncate(hosts);
    s.instances.extend(extra);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    #[test]
    fn sizes_are_as_requested() {
        // (vpcs, routes_per_table, hosts) -> (vpcs, hosts, min routes in a middle table)
        let cases = [
            (1, 10, 3, 1, 3),
            (2, 1, 4, 2, 4),
            (10, 20, 50, 10, 50),
            (120, 100, 500, 120, 500),
            (1000, 100, 500, 1000, 500),
            (5000, 1, 1, MAX_VPCS, 1),
        ];
        for (vpcs, rpt, hosts, want_vpcs, want_hosts) in cases {
            let s = synthetic(vpcs, rpt, hosts);
            assert_eq!(s.vpcs.len(), want_vpcs, "{vpcs}");
            assert_eq!(s.instances.len(), want_hosts, "{vpcs}");
            assert_eq!(s.route_tables.len(), want_vpcs);
            assert_eq!(s.subnets.len(), 2 * want_vpcs);
            assert_eq!(s.peering_connections.len(), want_vpcs - 1);
            if want_vpcs >= 3 && rpt >= 2 {
                let middle = &s.route_tables[want_vpcs / 2];
                let distinct_dests = (want_vpcs - 1) * 21; // blocks, /22s and /24s of others
                assert_eq!(
                    middle.routes.len(),
                    rpt.min(distinct_dests),
                    "{vpcs} routes"
                );
            }
        }
        assert_eq!(synthetic(0, 5, 5).instances.len(), 0);
    }

    #[test]
    fn hub_hosts_spreads_hosts_that_all_reach_each_other() {
        // (attachments, hosts) -> hosts
        for (vpcs, hosts, want) in [(3, 7, 7), (3, 2, 2), (2, 1000, 480), (0, 5, 0)] {
            let s = crate::Loaded::new(hub_hosts(vpcs, hosts)).expect("loads");
            assert_eq!(s.instances.len(), want, "{vpcs} {hosts}");
        }
        let s = crate::Loaded::new(hub_hosts(3, 7)).expect("loads");
        let ids: Vec<&str> = s.instances.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(
            ids,
            ["i-0", "i-1", "i-2", "i-0-1", "i-0-2", "i-1-1", "i-2-1"]
        );
        let r = crate::reach::reach(&s);
        for (from, row) in &r.matrix {
            for (to, cell) in row {
                assert_eq!(cell.reason, crate::Reason::Delivered, "{from} -> {to}");
            }
        }
        assert_eq!(r.matrix.values().map(|row| row.len()).sum::<usize>(), 7 * 6);
    }

    #[test]
    fn same_arguments_same_scenario() {
        assert_eq!(synthetic(50, 30, 100), synthetic(50, 30, 100));
    }

    #[test]
    fn round_trips_through_json_and_loads() {
        for (v, r, h) in [(1, 5, 2), (30, 25, 100), (300, 100, 500)] {
            let s = synthetic(v, r, h);
            let json = serde_json::to_string(&s).expect("serializes");
            let back: Scenario = serde_json::from_str(&json).expect("deserializes");
            assert_eq!(back, s);
            assert_eq!(
                crate::load::load(&json).map(crate::Loaded::into_scenario),
                Ok(s)
            );
        }
    }

    #[test]
    fn validates_without_errors_and_routes_stay_inside_the_rules() {
        let s = crate::Loaded::new(synthetic(60, 40, 300)).expect("loads");
        let errors: Vec<_> = crate::validate::validate(&s)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        for t in &s.route_tables {
            let own = s.vpc(&t.vpc).map(|v| v.cidrs[0]).expect("table's VPC");
            let mut dests = BTreeSet::new();
            for r in &t.routes {
                assert!(
                    dests.insert(r.destination),
                    "{}: duplicate {}",
                    t.id,
                    r.destination
                );
                assert!(!own.overlaps(&r.destination), "{}: route into itself", t.id);
                let p = s.peering(&r.target).expect("targets a peering");
                assert!(p.requester == t.vpc || p.accepter == t.vpc, "{}", t.id);
            }
        }
        for inst in &s.instances {
            let sub = s.subnet(&inst.subnet).expect("subnet");
            let ip = inst.private_ip.addr();
            assert!(sub.cidr.contains(ip), "{}", inst.id);
            let last = u32::from(sub.cidr.broadcast());
            let first = u32::from(sub.cidr.network());
            assert!(
                u32::from(ip) >= first + 4 && u32::from(ip) < last,
                "{}",
                inst.id
            );
        }
    }
}
