//! A small random topology, described by fuzz bytes through `arbitrary` and turned into a
//! scenario document that `vpc_engine::load` accepts.
//!
//! Every choice is a small number taken modulo the size of a pool, so most byte strings
//! describe *something*: a few VPCs whose blocks come from a small pool (overlaps happen),
//! subnets carved from them, instances, route tables with routes to peerings, internet and
//! NAT gateways, gateway endpoints and VPN gateways, peerings in every state, and sometimes an
//! on-prem network with a VPN and Direct Connect. References always name something of the
//! right kind, so what fails to load is rare (and the target skips it). Semantically odd
//! topologies (routes to another VPC's gateway, duplicate addresses, overlapping peers) are
//! kept on purpose: they are findings, not load errors, and the trace must still behave.

use arbitrary::Arbitrary;
use serde_json::{json, Value};

/// VPC blocks: the repeats and nested blocks make overlapping peers and twins likely.
pub const VPC_BLOCKS: [[u8; 4]; 7] = [
    [10, 0, 0, 16],
    [10, 1, 0, 16],
    [10, 0, 0, 16],
    [10, 2, 0, 16],
    [10, 0, 16, 20],
    [172, 16, 0, 16],
    [10, 1, 0, 24],
];

/// Route destinations.
pub const DESTINATIONS: [&str; 12] = [
    "0.0.0.0/0",
    "10.0.0.0/8",
    "10.0.0.0/16",
    "10.1.0.0/16",
    "10.2.0.0/16",
    "10.0.1.0/24",
    "10.0.16.0/20",
    "172.16.0.0/16",
    "192.168.0.0/16",
    "52.216.0.0/15",
    "93.184.216.0/24",
    "10.1.0.0/24",
];

/// On-prem network blocks: one overlaps the VPC pool.
pub const ONPREM_BLOCKS: [&str; 3] = ["192.168.0.0/16", "10.0.0.0/16", "172.16.0.0/12"];

/// Literal destination addresses for probes.
pub const ADDRESSES: [&str; 12] = [
    "8.8.8.8",
    "52.216.100.21",
    "10.0.1.10",
    "10.0.0.10",
    "10.1.0.10",
    "10.2.1.10",
    "10.0.16.10",
    "172.16.1.10",
    "192.168.1.10",
    "54.0.0.1",
    "93.184.216.34",
    "100.64.0.1",
];

/// DNS names for probes.
pub const NAMES: [&str; 8] = [
    "s3.us-east-1.amazonaws.com",
    "bucket-a.s3.us-east-1.amazonaws.com",
    "bucket-b.s3.us-east-1.amazonaws.com",
    "dynamodb.us-east-1.amazonaws.com",
    "kinesis.us-east-1.amazonaws.com",
    "s3.eu-west-1.amazonaws.com",
    "example.com",
    "nothing.invalid",
];

const REGIONS: [&str; 3] = ["us-east-1", "us-east-1", "eu-west-1"];
const STATUSES: [&str; 8] = [
    "active",
    "active",
    "initiating-request",
    "pending-acceptance",
    "rejected",
    "expired",
    "failed",
    "deleted",
];
const INTERFACE_SERVICES: [&str; 3] = ["kinesis-streams", "s3", "sqs"];

pub const MAX_VPCS: usize = 3;
pub const MAX_SUBNETS: usize = 3;
pub const MAX_INSTANCES: usize = 6;
pub const MAX_TABLES: usize = 3;
pub const MAX_ROUTES: usize = 4;
pub const MAX_PEERINGS: usize = 4;
pub const MAX_PROBES: usize = 6;

#[derive(Arbitrary, Debug, Clone)]
pub struct Topo {
    pub vpcs: Vec<VpcDesc>,
    pub peerings: Vec<PeeringDesc>,
    pub onprem: Option<OnpremDesc>,
    pub internet_host: bool,
    pub probes: Vec<Probe>,
    /// Also compute the reachability matrix and compare it with the traces.
    pub reach: bool,
    /// Seed of the list shuffle for the order-independence check.
    pub shuffle: u64,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct VpcDesc {
    pub block: u8,
    pub secondary: Option<u8>,
    pub region: u8,
    pub subnets: Vec<SubnetDesc>,
    pub tables: Vec<TableDesc>,
    /// `Some(true)`: attached internet gateway; `Some(false)`: detached.
    pub igw: Option<bool>,
    pub nat: Option<NatDesc>,
    pub gateway_endpoint: Option<GatewayEndpointDesc>,
    pub interface_endpoint: Option<InterfaceEndpointDesc>,
    /// `Some(true)`: attached VPN gateway; `Some(false)`: detached.
    pub vgw: Option<bool>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct SubnetDesc {
    /// Which /24 of the primary block (repeats overlap).
    pub slot: u8,
    /// AZ letter: a or b.
    pub az_b: bool,
    pub instances: Vec<InstanceDesc>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct InstanceDesc {
    pub host: u8,
    pub public: bool,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct TableDesc {
    /// Bit i: explicitly associate subnet i (first table taking it wins).
    pub associate: u8,
    pub propagate: bool,
    pub routes: Vec<RouteDesc>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct RouteDesc {
    pub destination: u8,
    pub target: TargetDesc,
}

/// A route target: the number picks the VPC (or the peering).
#[derive(Arbitrary, Debug, Clone)]
pub enum TargetDesc {
    InternetGateway(u8),
    NatGateway(u8),
    Peering(u8),
    GatewayEndpoint(u8),
    VpnGateway(u8),
}

#[derive(Arbitrary, Debug, Clone)]
pub struct NatDesc {
    pub subnet: u8,
    pub host: u8,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct GatewayEndpointDesc {
    pub dynamodb: bool,
    /// Bit i: the endpoint adds its prefix-list route to table i.
    pub tables: u8,
    /// An allow-list policy naming bucket-a (else full access).
    pub allow_list: bool,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct InterfaceEndpointDesc {
    pub service: u8,
    /// Bit i: a network interface in subnet i.
    pub subnets: u8,
    pub host: u8,
    pub private_dns: bool,
    pub allow_list: bool,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct PeeringDesc {
    pub requester: u8,
    pub accepter: u8,
    pub status: u8,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct OnpremDesc {
    pub block: u8,
    /// The VPC whose VPN gateway the VPN and the private VIF attach to.
    pub vpc: u8,
    pub vpn: bool,
    pub bgp: bool,
    pub tunnels: (bool, bool),
    pub dx_private: bool,
    pub dx_public: bool,
    /// On-prem static routes: (destination, over DX rather than the VPN).
    pub routes: Vec<(u8, bool)>,
    pub hosts: Vec<u8>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct Probe {
    pub from: u8,
    pub to: ProbeTo,
}

#[derive(Arbitrary, Debug, Clone)]
pub enum ProbeTo {
    Node(u8),
    Address(u8),
    Name(u8),
    InterfaceEndpoint(u8),
}

fn pick<T: Copy>(pool: &[T], n: u8) -> T {
    pool[n as usize % pool.len()]
}

fn block_str(b: [u8; 4]) -> String {
    format!("{}.{}.{}.0/{}", b[0], b[1], b[2], b[3])
}

/// The `slot`-th /24 from the start of a block, and an address `host` in it.
fn subnet_cidr(b: [u8; 4], slot: u8) -> String {
    format!("{}.{}.{}.0/24", b[0], b[1], b[2].wrapping_add(slot % 4))
}
fn host_in(b: [u8; 4], slot: u8, host: u8) -> String {
    format!("{}.{}.{}.{}", b[0], b[1], b[2].wrapping_add(slot % 4), host)
}

/// What a generated document holds besides its JSON: the ids probes are drawn from.
#[derive(Debug, Clone, Default)]
pub struct Built {
    pub doc: Value,
    /// Instances, then on-prem hosts, then internet hosts.
    pub nodes: Vec<String>,
    pub interface_endpoints: Vec<String>,
}

impl Topo {
    /// The scenario document this description stands for.
    pub fn build(&self) -> Built {
        let vpcs: Vec<&VpcDesc> = self.vpcs.iter().take(MAX_VPCS).collect();
        let n = vpcs.len();
        let mut doc_vpcs = vec![];
        let mut subnets = vec![];
        let mut tables = vec![];
        let mut instances = vec![];
        let mut igws = vec![];
        let mut nats = vec![];
        let mut endpoints = vec![];
        let mut vgws = vec![];
        let mut nodes = vec![];
        let mut interface_endpoints = vec![];
        let peerings: Vec<&PeeringDesc> = if n == 0 {
            vec![]
        } else {
            self.peerings.iter().take(MAX_PEERINGS).collect()
        };
        let mut instance_count = 0;
        for (v, d) in vpcs.iter().enumerate() {
            let block = pick(&VPC_BLOCKS, d.block);
            let region = pick(&REGIONS, d.region);
            let mut cidrs = vec![block_str(block)];
            if let Some(s) = d.secondary {
                let b2 = block_str(pick(&VPC_BLOCKS, s));
                if !cidrs.contains(&b2) {
                    cidrs.push(b2);
                }
            }
            doc_vpcs.push(json!({"id": format!("vpc-{v}"), "region": region, "cidrs": cidrs}));
            let subs: Vec<&SubnetDesc> = d.subnets.iter().take(MAX_SUBNETS).collect();
            for (k, sd) in subs.iter().enumerate() {
                let az = format!("{region}{}", if sd.az_b { "b" } else { "a" });
                subnets.push(json!({"id": format!("subnet-{v}-{k}"), "vpc": format!("vpc-{v}"), "az": az, "cidr": subnet_cidr(block, sd.slot)}));
                for (m, idesc) in sd.instances.iter().take(2).enumerate() {
                    if instance_count >= MAX_INSTANCES {
                        break;
                    }
                    instance_count += 1;
                    let id = format!("i-{v}-{k}-{m}");
                    let public = if idesc.public {
                        json!(format!("54.1.{v}.{}", instance_count))
                    } else {
                        Value::Null
                    };
                    instances.push(json!({"id": id, "subnet": format!("subnet-{v}-{k}"), "private_ip": host_in(block, sd.slot, idesc.host), "public_ip": public}));
                    nodes.push(id);
                }
            }
            if let Some(attached) = d.igw {
                let vpc = if attached {
                    json!(format!("vpc-{v}"))
                } else {
                    Value::Null
                };
                igws.push(json!({"id": format!("igw-{v}"), "vpc": vpc}));
            }
            if let (Some(nd), false) = (&d.nat, subs.is_empty()) {
                let k = nd.subnet as usize % subs.len();
                let slot = subs[k].slot;
                nats.push(json!({"id": format!("nat-{v}"), "subnet": format!("subnet-{v}-{k}"), "private_ip": host_in(block, slot, nd.host), "public_ip": format!("54.0.0.{v}")}));
            }
            if let Some(attached) = d.vgw {
                let vpc = if attached {
                    json!(format!("vpc-{v}"))
                } else {
                    Value::Null
                };
                vgws.push(json!({"id": format!("vgw-{v}"), "vpc": vpc}));
            }
            let tds: Vec<&TableDesc> = d.tables.iter().take(MAX_TABLES).collect();
            let mut taken = 0u8;
            for (t, td) in tds.iter().enumerate() {
                let mut assoc = vec![];
                for k in 0..subs.len() {
                    let bit = 1u8 << k;
                    if td.associate & bit != 0 && taken & bit == 0 {
                        taken |= bit;
                        assoc.push(format!("subnet-{v}-{k}"));
                    }
                }
                let mut routes: Vec<Value> = vec![];
                let mut dests: Vec<&str> = vec![];
                for r in td.routes.iter().take(MAX_ROUTES) {
                    let dest = pick(&DESTINATIONS, r.destination);
                    // One route per destination in a table, as AWS allows.
                    if dests.contains(&dest) {
                        continue;
                    }
                    let target = match &r.target {
                        TargetDesc::InternetGateway(x) => {
                            let w = *x as usize % n;
                            vpcs[w].igw.map(|_| format!("igw-{w}"))
                        }
                        TargetDesc::NatGateway(x) => {
                            let w = *x as usize % n;
                            (vpcs[w].nat.is_some() && !vpcs[w].subnets.is_empty())
                                .then(|| format!("nat-{w}"))
                        }
                        TargetDesc::Peering(x) => (!peerings.is_empty())
                            .then(|| format!("pcx-{}", *x as usize % peerings.len())),
                        TargetDesc::GatewayEndpoint(x) => {
                            let w = *x as usize % n;
                            vpcs[w]
                                .gateway_endpoint
                                .as_ref()
                                .map(|_| format!("vpce-gw-{w}"))
                        }
                        TargetDesc::VpnGateway(x) => {
                            let w = *x as usize % n;
                            vpcs[w].vgw.map(|_| format!("vgw-{w}"))
                        }
                    };
                    if let Some(target) = target {
                        dests.push(dest);
                        routes.push(json!({"destination": dest, "target": target}));
                    }
                }
                let prop: Vec<String> = if td.propagate && d.vgw.is_some() {
                    vec![format!("vgw-{v}")]
                } else {
                    vec![]
                };
                tables.push(json!({"id": format!("rtb-{v}-{t}"), "vpc": format!("vpc-{v}"), "main": t == 0, "subnets": assoc, "propagating_gateways": prop, "routes": routes}));
            }
            if let Some(g) = &d.gateway_endpoint {
                let service = if g.dynamodb { "dynamodb" } else { "s3" };
                let rts: Vec<String> = (0..tds.len())
                    .filter(|t| g.tables & (1 << t) != 0)
                    .map(|t| format!("rtb-{v}-{t}"))
                    .collect();
                let policy = if g.allow_list {
                    json!({"allow": ["arn:aws:s3:::bucket-a", "arn:aws:s3:::bucket-a/*"]})
                } else {
                    json!("full")
                };
                endpoints.push(json!({"id": format!("vpce-gw-{v}"), "vpc": format!("vpc-{v}"), "type": "gateway", "service": format!("com.amazonaws.{region}.{service}"), "route_tables": rts, "policy": policy}));
            }
            if let Some(e) = &d.interface_endpoint {
                let ks: Vec<usize> = (0..subs.len())
                    .filter(|k| e.subnets & (1 << k) != 0)
                    .collect();
                let ips: Vec<String> = ks
                    .iter()
                    .map(|k| host_in(block, subs[*k].slot, e.host.wrapping_add(*k as u8)))
                    .collect();
                let policy = if e.allow_list {
                    json!({"allow": ["arn:aws:s3:::bucket-a/*"]})
                } else {
                    json!("full")
                };
                let id = format!("vpce-if-{v}");
                endpoints.push(json!({"id": id, "vpc": format!("vpc-{v}"), "type": "interface", "service": format!("com.amazonaws.{region}.{}", pick(&INTERFACE_SERVICES, e.service)), "subnets": ks.iter().map(|k| format!("subnet-{v}-{k}")).collect::<Vec<_>>(), "private_ips": ips, "private_dns": e.private_dns, "policy": policy}));
                interface_endpoints.push(id);
            }
        }
        let pcx: Vec<Value> = peerings
            .iter()
            .enumerate()
            .map(|(p, d)| {
                json!({"id": format!("pcx-{p}"), "requester": format!("vpc-{}", d.requester as usize % n), "accepter": format!("vpc-{}", d.accepter as usize % n), "status": pick(&STATUSES, d.status)})
            })
            .collect();

        let mut doc = json!({
            "format": "vpc-playground/1",
            "vpcs": doc_vpcs, "subnets": subnets, "route_tables": tables, "instances": instances,
            "internet_gateways": igws, "nat_gateways": nats, "peering_connections": pcx,
            "vpc_endpoints": endpoints, "vpn_gateways": vgws,
        });
        if let (Some(o), true) = (&self.onprem, n > 0) {
            let block = pick(&ONPREM_BLOCKS, o.block);
            let prefix = block.split('.').take(2).collect::<Vec<_>>().join(".");
            let w = o.vpc as usize % n;
            let vgw = vpcs[w].vgw.map(|_| format!("vgw-{w}"));
            // Distinct addresses: two hosts holding one address is not a topology.
            let mut xs: Vec<u8> = o.hosts.iter().take(2).copied().collect();
            xs.dedup();
            let hosts: Vec<Value> = xs
                .iter()
                .enumerate()
                .map(|(h, x)| json!({"id": format!("hq-{h}"), "ip": format!("{prefix}.1.{x}")}))
                .collect();
            for h in 0..hosts.len() {
                nodes.push(format!("hq-{h}"));
            }
            let mut vpn_conns = vec![];
            let mut vifs = vec![];
            let mut via: Vec<(&str, bool)> = vec![];
            if let (Some(g), true) = (&vgw, o.vpn) {
                let tunnel = |up: bool| if up { "up" } else { "down" };
                let statics: Vec<&str> = if o.bgp { vec![] } else { vec![block] };
                vpn_conns.push(json!({"id": "vpn-1", "vpn_gateway": g, "customer_gateway": "cgw-hq", "routing": if o.bgp { "bgp" } else { "static" }, "static_routes": statics, "tunnels": [tunnel(o.tunnels.0), tunnel(o.tunnels.1)]}));
                via.push(("vpn-1", false));
            }
            if let (Some(g), true) = (&vgw, o.dx_private) {
                vifs.push(json!({"id": "dxvif-1", "connection": "dxcon-1", "type": "private", "vlan": 101, "vpn_gateway": g}));
                via.push(("dxvif-1", true));
            }
            if o.dx_public {
                vifs.push(
                    json!({"id": "dxvif-pub", "connection": "dxcon-1", "type": "public", "vlan": 200}),
                );
            }
            let mut routes = vec![];
            let mut dests: Vec<&str> = vec![];
            for (dest, dx) in o.routes.iter().take(3) {
                let dest = pick(&DESTINATIONS, *dest);
                let over = via.iter().find(|(_, is_dx)| is_dx == dx).or(via.first());
                if let (Some((id, _)), false) = (over, dests.contains(&dest)) {
                    dests.push(dest);
                    routes.push(json!({"destination": dest, "via": id}));
                }
            }
            let obj = doc.as_object_mut().expect("built as an object");
            obj.insert(
                "customer_gateways".into(),
                json!([{"id": "cgw-hq", "ip": "203.0.113.12", "asn": 65000, "network": "onprem-hq"}]),
            );
            obj.insert("vpn_connections".into(), json!(vpn_conns));
            obj.insert(
                "dx_connections".into(),
                json!([{"id": "dxcon-1", "network": "onprem-hq"}]),
            );
            obj.insert("dx_virtual_interfaces".into(), json!(vifs));
            obj.insert(
                "onprem_networks".into(),
                json!([{"id": "onprem-hq", "cidrs": [block], "hosts": hosts, "routes": routes}]),
            );
        }
        if self.internet_host {
            nodes.push("example".to_string());
            if let Some(obj) = doc.as_object_mut() {
                obj.insert(
                    "internet_hosts".into(),
                    json!([{"id": "example", "name": "example.com", "ip": "93.184.216.34"}]),
                );
            }
        }
        Built {
            doc,
            nodes,
            interface_endpoints,
        }
    }

    /// The (from, to) pairs to trace.
    pub fn probes(&self, built: &Built) -> Vec<(String, String)> {
        if built.nodes.is_empty() {
            return vec![];
        }
        self.probes
            .iter()
            .take(MAX_PROBES)
            .filter_map(|p| {
                let from = built.nodes[p.from as usize % built.nodes.len()].clone();
                let to = match p.to {
                    ProbeTo::Node(x) => built.nodes[x as usize % built.nodes.len()].clone(),
                    ProbeTo::Address(x) => pick(&ADDRESSES, x).to_string(),
                    ProbeTo::Name(x) => pick(&NAMES, x).to_string(),
                    ProbeTo::InterfaceEndpoint(x) => {
                        if built.interface_endpoints.is_empty() {
                            return None;
                        }
                        built.interface_endpoints[x as usize % built.interface_endpoints.len()]
                            .clone()
                    }
                };
                Some((from, to))
            })
            .collect()
    }
}
