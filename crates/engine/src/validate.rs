//! Validation: what is wrong with a scenario that loaded, as [`Finding`]s a learner reads.
//!
//! `load` refuses documents it cannot read; this module owns the rules of
//! `docs/scenario-format.md` (V1-V3) about documents it can: CIDR
//! sizes and overlaps, addresses outside or reserved in their subnets, duplicates, peering
//! rules, route targets of other VPCs, endpoint Regions and Direct Connect VLANs. Findings
//! come in document order (the order of the resource they name); a finding about a pair names
//! the later one. It also owns [`effective_peering_status`]: a peering whose VPCs overlap is
//! treated as `failed` whatever its stated status.
//!
//! Choices the contract leaves open, made here (each marked Choice in V3):
//! - `CIDR_SIZE` also covers subnets (AWS allows /16 to /28 for both).
//! - `DUPLICATE_IP`: private addresses are compared within one VPC (instances, NAT gateways,
//!   interface endpoint addresses) and within one on-premises network (its hosts); public
//!   addresses across the document (instance and NAT gateway public IPs, customer gateway
//!   IPs, internet host IPs).
//! - `OVERLAPPING_CIDR` is reported whatever the peering's stated status (even `failed` or
//!   `deleted`), as F4.2 treats such a peering as failed whatever it says;
//!   `DUPLICATE_PEERING` and `INTER_REGION_PEERING` go by the stated status.
//! - `PEERING_LIMIT` names the VPC, counting peerings whose effective status is `active`.
//! - `ROUTE_TARGET_OTHER_VPC` names the route table (routes have no id) and says which route;
//!   a route to a detached gateway is not another VPC's (it is a blackhole at trace time).
//! - A self-peering is also treated as `failed` by [`effective_peering_status`].
//!
//! Every lookup tolerates dangling references (validation may run on a scenario the editor
//! built without `load`): what cannot be resolved is skipped, never a panic.

use crate::addr::{Cidr, Ip};
use crate::finding::{Finding, FindingCode as Code};
use crate::index::Target;
use crate::load::Loaded;
use crate::model::{EndpointType, PeeringConnection, PeeringStatus, Scenario, Subnet, Vpc};
use crate::peering::is_live;
use std::collections::HashMap;
use std::net::Ipv4Addr;

mod filters;
mod tgw;

/// Most active peering connections one VPC can have (quota: 50 by default, adjustable to 125).
/// <https://docs.aws.amazon.com/general/latest/gr/vpc-service.html> ([`crate::docs::VPC_QUOTAS`])
pub const MAX_ACTIVE_PEERINGS: usize = 125;

/// Every finding of docs/scenario-format.md section 7 (V3) for this scenario, in document order.
pub fn validate(loaded: &Loaded) -> Vec<Finding> {
    let s = loaded.scenario();
    let l = Lookup { s, l: loaded };
    let mut out = Vec::new();
    overlapping_cidrs(&l, &mut out);
    duplicate_peerings(s, &mut out);
    self_peerings(s, &mut out);
    cidr_sizes(s, &mut out);
    subnets_outside_vpc(&l, &mut out);
    subnet_overlaps(s, &mut out);
    addresses_in_subnets(&l, &mut out);
    duplicate_ips(&l, &mut out);
    route_targets(&l, &mut out);
    gateway_endpoint_regions(&l, &mut out);
    peering_limits(&l, &mut out);
    vlans(s, &mut out);
    inter_region_peerings(&l, &mut out);
    filters::findings(loaded, &mut out);
    tgw::findings(loaded, &mut out);
    in_document_order(s, &mut out);
    out
}

/// The scenario and its load index, which answers every look-up by id.
struct Lookup<'a> {
    s: &'a Scenario,
    l: &'a Loaded,
}

impl<'a> Lookup<'a> {
    fn vpc(&self, id: &str) -> Option<&'a Vpc> {
        self.l.lookup(id)
    }
    fn subnet(&self, id: &str) -> Option<&'a Subnet> {
        self.l.lookup(id)
    }
    fn effective_status(&self, p: &PeeringConnection) -> PeeringStatus {
        crate::peering::effective_status(self.l, p)
    }
}

/// Stable sort by the position of each finding's resource in the document.
fn in_document_order(s: &Scenario, findings: &mut [Finding]) {
    let mut position: HashMap<&str, usize> = HashMap::new();
    for (i, id) in s.all_ids().into_iter().enumerate() {
        position.entry(id).or_insert(i);
    }
    crate::stable_sort::sort_by_key(findings, |f| {
        position
            .get(f.resource.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    });
}

/// How a message names a VPC block: `vpc-a's 10.0.0.0/16` or `vpc-a's secondary block 10.1.0.0/16`.
fn block_name(v: &Vpc, c: &Cidr) -> String {
    if v.cidrs.first() == Some(c) {
        format!("{}'s {c}", v.id)
    } else {
        format!("{}'s secondary block {c}", v.id)
    }
}

// OVERLAPPING_CIDR: docs::PEERING_INVALID.
fn overlapping_cidrs(l: &Lookup, out: &mut Vec<Finding>) {
    let s = l.s;
    for (i, p) in s.peering_connections.iter().enumerate() {
        if p.requester == p.accepter {
            continue; // SELF_PEERING says it better.
        }
        let (Some(a), Some(b)) = (l.vpc(&p.requester), l.vpc(&p.accepter)) else {
            continue;
        };
        if let Some((x, y)) = crate::peering::overlap(a, b) {
            out.push(Finding::new(
                Code::OverlappingCidr,
                &p.id,
                format!("peering_connections[{i}]"),
                format!(
                    "{} overlaps {}: AWS cannot peer VPCs whose CIDR blocks overlap, so {} is treated as failed.",
                    block_name(a, &x),
                    block_name(b, &y),
                    p.id
                ),
            ));
        }
    }
}

// DUPLICATE_PEERING: one peering per pair of VPCs (docs::PEERING_INVALID).
fn duplicate_peerings(s: &Scenario, out: &mut Vec<Finding>) {
    let mut first: HashMap<(&str, &str), &PeeringConnection> = HashMap::new();
    let live = s.peering_connections.iter().enumerate();
    for (i, q) in live.filter(|(_, q)| is_live(q.status)) {
        let pair = crate::peering::pair(q);
        match first.get(&pair) {
            Some(p) => out.push(Finding::new(
                Code::DuplicatePeering,
                &q.id,
                format!("peering_connections[{i}]"),
                format!(
                    "{} and {} both connect {} and {}: two VPCs can have only one peering connection between them.",
                    p.id, q.id, q.requester, q.accepter
                ),
            )),
            None => {
                first.insert(pair, q);
            }
        }
    }
}

// SELF_PEERING: docs::PEERING_INVALID.
fn self_peerings(s: &Scenario, out: &mut Vec<Finding>) {
    let all = s.peering_connections.iter().enumerate();
    for (i, p) in all.filter(|(_, p)| p.requester == p.accepter) {
        out.push(Finding::new(
            Code::SelfPeering,
            &p.id,
            format!("peering_connections[{i}]"),
            format!(
                "{} peers {} with itself: a peering connection joins two different VPCs.",
                p.id, p.requester
            ),
        ));
    }
}

fn size_ok(c: &Cidr) -> bool {
    (16..=28).contains(&c.prefix_len())
}

// CIDR_SIZE: VPC blocks (docs::VPC_CIDR_BLOCKS) and subnets (docs::SUBNET_SIZING) are /16 to /28.
fn cidr_sizes(s: &Scenario, out: &mut Vec<Finding>) {
    for (i, v) in s.vpcs.iter().enumerate() {
        for (k, c) in v.cidrs.iter().enumerate().filter(|(_, c)| !size_ok(c)) {
            out.push(Finding::new(
                Code::CidrSize,
                &v.id,
                format!("vpcs[{i}].cidrs[{k}]"),
                format!(
                    "{} is a /{}: a VPC CIDR block must be between /16 and /28.",
                    block_name(v, c),
                    c.prefix_len()
                ),
            ));
        }
    }
    for (i, x) in s
        .subnets
        .iter()
        .enumerate()
        .filter(|(_, x)| !size_ok(&x.cidr))
    {
        out.push(Finding::new(
            Code::CidrSize,
            &x.id,
            format!("subnets[{i}].cidr"),
            format!(
                "Subnet {}'s {} is a /{}: a subnet must be between /16 and /28.",
                x.id,
                x.cidr,
                x.cidr.prefix_len()
            ),
        ));
    }
}

fn list(cidrs: &[Cidr]) -> String {
    cidrs
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

// SUBNET_OUTSIDE_VPC: docs::SUBNET_SIZING.
fn subnets_outside_vpc(l: &Lookup, out: &mut Vec<Finding>) {
    let s = l.s;
    for (i, x) in s.subnets.iter().enumerate() {
        let Some(v) = l.vpc(&x.vpc) else { continue };
        if !v.cidrs.iter().any(|c| c.contains_cidr(&x.cidr)) {
            out.push(Finding::new(
                Code::SubnetOutsideVpc,
                &x.id,
                format!("subnets[{i}].cidr"),
                format!(
                    "Subnet {}'s {} is not inside any block of {} ({}): a subnet's range must lie within one of its VPC's CIDR blocks.",
                    x.id,
                    x.cidr,
                    v.id,
                    list(&v.cidrs)
                ),
            ));
        }
    }
}

/// A CIDR block as a key: its network address and prefix length.
fn key_of(c: &Cidr) -> (u32, u8) {
    (u32::from(c.network()), c.prefix_len())
}

/// The block of length `len` containing `net` (`len` no longer than the block's own).
fn truncate(net: u32, len: u8) -> u32 {
    if len == 0 {
        0
    } else {
        net & (u32::MAX << (32 - u32::from(len)))
    }
}

// SUBNET_OVERLAP: docs::SUBNET_SIZING. Two blocks overlap when one contains the other, so each
// subnet is compared with the subnets at its 33 possible enclosing blocks and with those
// inside it, through hash maps: linear time, where comparing all pairs would freeze the
// browser on a large document.
fn subnet_overlaps(s: &Scenario, out: &mut Vec<Finding>) {
    type Key<'a> = (&'a str, u32, u8);
    // First subnet (document position) with exactly this block.
    let mut first: HashMap<Key, usize> = HashMap::new();
    for (i, x) in s.subnets.iter().enumerate() {
        let (net, len) = key_of(&x.cidr);
        first.entry((x.vpc.as_str(), net, len)).or_insert(i);
    }
    // For each block in use, the first subnet strictly inside it.
    let mut first_inside: HashMap<Key, usize> = HashMap::new();
    for (i, x) in s.subnets.iter().enumerate() {
        let (net, len) = key_of(&x.cidr);
        for l in 0..len {
            let outer = (x.vpc.as_str(), truncate(net, l), l);
            if first.contains_key(&outer) {
                first_inside.entry(outer).or_insert(i);
            }
        }
    }
    for (j, y) in s.subnets.iter().enumerate() {
        let (net, len) = key_of(&y.cidr);
        let vpc = y.vpc.as_str();
        let containing = (0..=len).filter_map(|l| first.get(&(vpc, truncate(net, l), l)));
        let inside = first_inside.get(&(vpc, net, len));
        let earliest = containing.chain(inside).copied().filter(|i| *i < j).min();
        if let Some(x) = earliest.and_then(|i| s.subnets.get(i)) {
            out.push(Finding::new(
                Code::SubnetOverlap,
                &y.id,
                format!("subnets[{j}].cidr"),
                format!(
                    "Subnet {}'s {} overlaps subnet {}'s {} in {}: the subnets of one VPC cannot share addresses.",
                    y.id, y.cidr, x.id, x.cidr, y.vpc
                ),
            ));
        }
    }
}

/// A private address placed in a subnet.
struct Placed<'a> {
    holder: &'a str,
    /// What the holder is, for messages (`NAT gateway`).
    what: &'static str,
    ip: Ip,
    subnet: &'a str,
    /// The address's JSON path (`vpc_endpoints[1].private_ips[0]`).
    path: String,
}

/// Every private address placed in a subnet, in document order.
fn placed_addresses(s: &Scenario) -> Vec<Placed<'_>> {
    let mut v = Vec::new();
    for (i, x) in s.instances.iter().enumerate() {
        v.push(Placed {
            holder: &x.id,
            what: "instance",
            ip: x.private_ip,
            subnet: &x.subnet,
            path: format!("instances[{i}].private_ip"),
        });
    }
    for (i, n) in s.nat_gateways.iter().enumerate() {
        v.push(Placed {
            holder: &n.id,
            what: "NAT gateway",
            ip: n.private_ip,
            subnet: &n.subnet,
            path: format!("nat_gateways[{i}].private_ip"),
        });
    }
    let endpoints = s.vpc_endpoints.iter().enumerate();
    for (i, e) in endpoints.filter(|(_, e)| e.kind == EndpointType::Interface) {
        // The k-th private IP is the endpoint's network interface in its k-th subnet.
        for (k, (ip, sub)) in e.private_ips.iter().zip(&e.subnets).enumerate() {
            v.push(Placed {
                holder: &e.id,
                what: "interface endpoint",
                ip: *ip,
                subnet: sub,
                path: format!("vpc_endpoints[{i}].private_ips[{k}]"),
            });
        }
    }
    v
}

/// Which of the five reserved addresses `ip` is in `c`, if any.
/// <https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html> ([`crate::docs::SUBNET_SIZING`])
fn reserved_role(c: &Cidr, ip: Ipv4Addr) -> Option<&'static str> {
    let offset = u32::from(ip).wrapping_sub(u32::from(c.network()));
    if ip == c.broadcast() {
        return Some("the last address");
    }
    match offset {
        0 => Some("the network address"),
        1 => Some("the VPC router's address"),
        2 => Some("the Amazon DNS server's address"),
        3 => Some("reserved by AWS for future use"),
        _ => None,
    }
}

// IP_OUTSIDE_SUBNET and IP_RESERVED: docs::SUBNET_SIZING.
fn addresses_in_subnets(l: &Lookup, out: &mut Vec<Finding>) {
    let placed = placed_addresses(l.s);
    let in_subnet = |p: &Placed| {
        l.subnet(p.subnet)
            .map(|x| (x.cidr.contains(p.ip.addr()), x))
    };
    for p in &placed {
        let Some((false, subnet)) = in_subnet(p) else {
            continue;
        };
        let Placed {
            holder, what, ip, ..
        } = p;
        out.push(Finding::new(
            Code::IpOutsideSubnet,
            *holder,
            &p.path,
            format!(
                "The {what} {holder} has private IP {ip}, which is outside its subnet {} ({}).",
                subnet.id, subnet.cidr
            ),
        ));
    }
    for p in &placed {
        let Some((true, subnet)) = in_subnet(p) else {
            continue;
        };
        let Placed {
            holder, what, ip, ..
        } = p;
        if let Some(role) = reserved_role(&subnet.cidr, ip.addr()) {
            out.push(Finding::new(
                Code::IpReserved,
                *holder,
                &p.path,
                format!(
                    "The {what} {holder} has private IP {ip}, {role} of subnet {} ({}): AWS reserves the first four and the last address of every subnet.",
                    subnet.id, subnet.cidr
                ),
            ));
        }
    }
}

/// Records `(space, ip)` for `holder`; pushes a `DUPLICATE_IP` when an earlier holder has it.
struct Seen<'a> {
    first: HashMap<(&'a str, Ip), &'a str>,
}

impl<'a> Seen<'a> {
    /// `path` is the address's own JSON path: the later of two holders is the one to change.
    fn check(
        &mut self,
        out: &mut Vec<Finding>,
        space: &'a str,
        ip: Ip,
        holder: &'a str,
        path: String,
        where_: &str,
    ) {
        let message = match self.first.get(&(space, ip)) {
            Some(first) if *first == holder => {
                format!("{holder} lists {ip} twice: each network interface has its own address.")
            }
            Some(first) => {
                format!("{ip} is already used by {first} {where_}: two interfaces cannot share an address.")
            }
            None => {
                self.first.insert((space, ip), holder);
                return;
            }
        };
        out.push(Finding::new(Code::DuplicateIp, holder, path, message));
    }
}

// DUPLICATE_IP: private addresses within one VPC (or on-prem network), public ones across
// the document.
fn duplicate_ips(l: &Lookup, out: &mut Vec<Finding>) {
    let s = l.s;
    let mut seen = Seen {
        first: HashMap::new(),
    };
    for p in placed_addresses(s) {
        let Some(subnet) = l.subnet(p.subnet) else {
            continue;
        };
        let where_ = format!("in {}", subnet.vpc);
        seen.check(out, &subnet.vpc, p.ip, p.holder, p.path, &where_);
    }
    for (i, n) in s.onprem_networks.iter().enumerate() {
        for (j, h) in n.hosts.iter().enumerate() {
            let path = format!("onprem_networks[{i}].hosts[{j}].ip");
            seen.check(out, &n.id, h.ip, &h.id, path, &format!("in {}", n.id));
        }
    }
    // Public addresses share one space; "" is no VPC or network id (ids are non-empty).
    const PUBLIC: &str = "";
    let public = "as a public address";
    for (i, x) in s.instances.iter().enumerate() {
        if let Some(ip) = x.public_ip {
            let path = format!("instances[{i}].public_ip");
            seen.check(out, PUBLIC, ip, &x.id, path, public);
        }
    }
    for (i, n) in s.nat_gateways.iter().enumerate() {
        let path = format!("nat_gateways[{i}].public_ip");
        seen.check(out, PUBLIC, n.public_ip, &n.id, path, public);
    }
    for (i, c) in s.customer_gateways.iter().enumerate() {
        let path = format!("customer_gateways[{i}].ip");
        seen.check(out, PUBLIC, c.ip, &c.id, path, public);
    }
    for (i, h) in s.internet_hosts.iter().enumerate() {
        let path = format!("internet_hosts[{i}].ip");
        seen.check(out, PUBLIC, h.ip, &h.id, path, public);
    }
}

// ROUTE_TARGET_OTHER_VPC: a route uses gateways, endpoints and peerings of its own VPC
// (docs::ROUTE_TABLES).
fn route_targets(l: &Lookup, out: &mut Vec<Finding>) {
    let (s, ix) = (l.s, l.l.index());
    for (i, t) in s.route_tables.iter().enumerate() {
        let table = crate::index::At::new(i);
        for (j, r) in t.routes.iter().enumerate() {
            let path = || format!("route_tables[{i}].routes[{j}].target");
            let owner: Option<&String> = match ix.target(table, j) {
                Some(Target::InternetGateway(g)) => l.l.get(g).and_then(|g| g.vpc.as_ref()),
                Some(Target::NatGateway(n)) => {
                    l.l.get(n).and_then(|n| l.subnet(&n.subnet)).map(|x| &x.vpc)
                }
                Some(Target::VpnGateway(g)) => l.l.get(g).and_then(|g| g.vpc.as_ref()),
                Some(Target::GatewayEndpoint(e)) => l.l.get(e).map(|e| &e.vpc),
                Some(Target::Peering(p)) => {
                    if let Some(p) =
                        l.l.get(p)
                            .filter(|p| p.requester != t.vpc && p.accepter != t.vpc)
                    {
                        out.push(Finding::new(
                            Code::RouteTargetOtherVpc,
                            &t.id,
                            path(),
                            format!(
                                "Route table {} sends {} to {}, a peering between {} and {} that does not involve its VPC {}.",
                                t.id, r.destination, p.id, p.requester, p.accepter, t.vpc
                            ),
                        ));
                    }
                    None
                }
                // A transit gateway is regional, not a VPC's: TGW_ROUTE_TARGET says when the
                // VPC is not attached to it (validate/tgw.rs).
                Some(Target::Local) | Some(Target::TransitGateway(_)) | None => None,
            };
            if let Some(other) = owner.filter(|v| **v != t.vpc) {
                out.push(Finding::new(
                    Code::RouteTargetOtherVpc,
                    &t.id,
                    path(),
                    format!(
                        "Route table {} sends {} to {}, which belongs to {}, not to the table's VPC {}.",
                        t.id, r.destination, r.target, other, t.vpc
                    ),
                ));
            }
        }
    }
}

// GATEWAY_ENDPOINT_OTHER_REGION: gateway endpoints reach the service in their own Region only
// (docs::GATEWAY_ENDPOINT_S3, docs::GATEWAY_ENDPOINT_DDB).
fn gateway_endpoint_regions(l: &Lookup, out: &mut Vec<Finding>) {
    let s = l.s;
    let all = s.vpc_endpoints.iter().enumerate();
    for (i, e) in all.filter(|(_, e)| e.kind == EndpointType::Gateway) {
        let Some(v) = l.vpc(&e.vpc) else { continue };
        let Some(region) = e.service.split('.').nth(2) else {
            continue;
        };
        if region != v.region {
            out.push(Finding::new(
                Code::GatewayEndpointOtherRegion,
                &e.id,
                format!("vpc_endpoints[{i}].service"),
                format!(
                    "Gateway endpoint {} is for {} in {region}, but {} is in {}: a gateway endpoint only reaches the service in its own VPC's Region.",
                    e.id, e.service, v.id, v.region
                ),
            ));
        }
    }
}

// PEERING_LIMIT: docs::VPC_QUOTAS.
fn peering_limits(l: &Lookup, out: &mut Vec<Finding>) {
    // Per VPC: its active peerings, and the first one over the limit (the one to remove).
    let mut active: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, p) in l.s.peering_connections.iter().enumerate() {
        if l.effective_status(p) == PeeringStatus::Active {
            for v in [&p.requester, &p.accepter] {
                let (n, over) = active.entry(v.as_str()).or_default();
                *n += 1;
                if *n == MAX_ACTIVE_PEERINGS + 1 {
                    *over = i;
                }
            }
        }
    }
    for v in &l.s.vpcs {
        let (n, over) = active.get(v.id.as_str()).copied().unwrap_or_default();
        if n > MAX_ACTIVE_PEERINGS {
            out.push(Finding::new(
                Code::PeeringLimit,
                &v.id,
                format!("peering_connections[{over}]"),
                format!(
                    "{} has {n} active peering connections: a VPC can have at most {MAX_ACTIVE_PEERINGS} (50 by default).",
                    v.id
                ),
            ));
        }
    }
}

// DUPLICATE_VLAN and VLAN_RANGE: each VIF has its own 802.1Q VLAN, 1-4094, unique on its
// connection (docs::DX_VIFS).
fn vlans(s: &Scenario, out: &mut Vec<Finding>) {
    let vifs = &s.dx_virtual_interfaces;
    let mut first: HashMap<(&str, i64), &str> = HashMap::new();
    for (j, y) in vifs.iter().enumerate() {
        match first.get(&(y.connection.as_str(), y.vlan)) {
            Some(x) => out.push(Finding::new(
                Code::DuplicateVlan,
                &y.id,
                format!("dx_virtual_interfaces[{j}].vlan"),
                format!(
                    "{x} and {} both use VLAN {} on {}: each virtual interface on a connection needs its own VLAN.",
                    y.id, y.vlan, y.connection
                ),
            )),
            None => {
                first.insert((&y.connection, y.vlan), &y.id);
            }
        }
    }
    for (i, v) in vifs.iter().enumerate() {
        if (1..=4094).contains(&v.vlan) {
            continue;
        }
        out.push(Finding::new(
            Code::VlanRange,
            &v.id,
            format!("dx_virtual_interfaces[{i}].vlan"),
            format!(
                "{} uses VLAN {}: an 802.1Q VLAN tag is between 1 and 4094.",
                v.id, v.vlan
            ),
        ));
    }
}

// INTER_REGION_PEERING (info): allowed since late 2017 (docs::PEERING_SECURITY_GROUPS).
fn inter_region_peerings(l: &Lookup, out: &mut Vec<Finding>) {
    let s = l.s;
    for (i, p) in s.peering_connections.iter().enumerate() {
        let (Some(a), Some(b)) = (l.vpc(&p.requester), l.vpc(&p.accepter)) else {
            continue;
        };
        if a.region != b.region {
            out.push(Finding::new(
                Code::InterRegionPeering,
                &p.id,
                format!("peering_connections[{i}]"),
                format!(
                    "{} joins {} in {} and {} in {}: inter-Region peering has been allowed since late 2017, though older study material says peering is same-Region only.",
                    p.id, a.id, a.region, b.id, b.region
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::fixtures::{apply_all, Op, FULL};
    use crate::load::load;
    use Op::*;

    fn findings(ops: &[Op]) -> Vec<Finding> {
        let doc = apply_all(ops);
        let s = load(&doc).unwrap_or_else(|e| panic!("test scenario loads: {e}"));
        validate(&s)
    }

    /// A finding's path (`route_tables[2].routes[1].target`) as a JSON pointer
    /// (`/route_tables/2/routes/1/target`).
    fn pointer(path: &str) -> String {
        let mut out = String::new();
        for part in path.split(['.', '[']) {
            out.push('/');
            out.push_str(part.trim_end_matches(']'));
        }
        out
    }

    #[test]
    fn valid_documents_have_no_findings() {
        assert_eq!(validate(&load(FULL).unwrap()), vec![]);
        let example = include_str!("../scenarios/01-transitive-peering.json");
        assert_eq!(validate(&load(example).unwrap()), vec![]);
    }

    #[test]
    fn each_code_is_found_with_its_message() {
        let vpc_c = r#"{"id": "vpc-c", "account": "333333333333", "region": "eu-west-1", "cidrs": ["10.2.0.0/16"]}"#;
        // (edits of the fixture, expected findings as (code, resource, path, message)).
        type Row<'a> = (&'a str, &'a str, &'a str, &'a str);
        type Case<'a> = (&'a [Op], &'a [Row<'a>]);
        let cases: &[Case] = &[
            (
                &[Set("/vpcs/1/cidrs", r#"["10.1.0.0/16", "10.50.128.0/17"]"#)],
                &[("OVERLAPPING_CIDR", "pcx-ab", "peering_connections[0]", "vpc-a's secondary block 10.50.0.0/16 overlaps vpc-b's secondary block 10.50.128.0/17: AWS cannot peer VPCs whose CIDR blocks overlap, so pcx-ab is treated as failed.")],
            ),
            (
                &[Set("/vpcs/1/cidrs", r#"["10.0.0.0/16"]"#), Set("/subnets/2/cidr", r#""10.0.1.0/24""#), Set("/instances/2/private_ip", r#""10.0.1.11""#)],
                &[("OVERLAPPING_CIDR", "pcx-ab", "peering_connections[0]", "vpc-a's 10.0.0.0/16 overlaps vpc-b's 10.0.0.0/16: AWS cannot peer VPCs whose CIDR blocks overlap, so pcx-ab is treated as failed.")],
            ),
            (
                // Reverse direction, pending: still a duplicate of the active one.
                &[Push("/peering_connections", r#"{"id": "pcx-ba", "requester": "vpc-b", "accepter": "vpc-a", "status": "pending-acceptance"}"#)],
                &[("DUPLICATE_PEERING", "pcx-ba", "peering_connections[1]", "pcx-ab and pcx-ba both connect vpc-b and vpc-a: two VPCs can have only one peering connection between them.")],
            ),
            (
                // A deleted or rejected one does not count.
                &[Push("/peering_connections", r#"{"id": "pcx-old", "requester": "vpc-a", "accepter": "vpc-b", "status": "deleted"}"#),
                  Push("/peering_connections", r#"{"id": "pcx-no", "requester": "vpc-b", "accepter": "vpc-a", "status": "rejected"}"#)],
                &[],
            ),
            (
                &[Push("/peering_connections", r#"{"id": "pcx-aa", "requester": "vpc-a", "accepter": "vpc-a", "status": "active"}"#)],
                &[("SELF_PEERING", "pcx-aa", "peering_connections[1]", "pcx-aa peers vpc-a with itself: a peering connection joins two different VPCs.")],
            ),
            (
                &[Set("/vpcs/1/cidrs", r#"["10.1.0.0/16", "10.9.0.0/29"]"#)],
                &[("CIDR_SIZE", "vpc-b", "vpcs[1].cidrs[1]", "vpc-b's secondary block 10.9.0.0/29 is a /29: a VPC CIDR block must be between /16 and /28.")],
            ),
            (
                &[Set("/vpcs/0/cidrs", r#"["10.0.0.0/16", "10.48.0.0/12"]"#),
                  Push("/subnets", r#"{"id": "subnet-a3", "vpc": "vpc-a", "cidr": "10.0.3.0/29"}"#)],
                &[("CIDR_SIZE", "vpc-a", "vpcs[0].cidrs[1]", "vpc-a's secondary block 10.48.0.0/12 is a /12: a VPC CIDR block must be between /16 and /28."),
                  ("CIDR_SIZE", "subnet-a3", "subnets[3].cidr", "Subnet subnet-a3's 10.0.3.0/29 is a /29: a subnet must be between /16 and /28.")],
            ),
            (
                &[Set("/subnets/1/cidr", r#""10.9.2.0/24""#), Set("/instances/1/private_ip", r#""10.9.2.10""#), Set("/vpc_endpoints/1/private_ips/1", r#""10.9.2.20""#)],
                &[("SUBNET_OUTSIDE_VPC", "subnet-a2", "subnets[1].cidr", "Subnet subnet-a2's 10.9.2.0/24 is not inside any block of vpc-a (10.0.0.0/16, 10.50.0.0/16): a subnet's range must lie within one of its VPC's CIDR blocks.")],
            ),
            (
                &[Set("/subnets/1/cidr", r#""10.0.0.0/23""#), Set("/instances/1/private_ip", r#""10.0.0.10""#), Set("/vpc_endpoints/1/private_ips/1", r#""10.0.0.20""#)],
                &[("SUBNET_OVERLAP", "subnet-a2", "subnets[1].cidr", "Subnet subnet-a2's 10.0.0.0/23 overlaps subnet subnet-a1's 10.0.1.0/24 in vpc-a: the subnets of one VPC cannot share addresses.")],
            ),
            (
                &[Set("/instances/0/private_ip", r#""10.0.2.10""#)],
                &[("IP_OUTSIDE_SUBNET", "i-a", "instances[0].private_ip", "The instance i-a has private IP 10.0.2.10, which is outside its subnet subnet-a1 (10.0.1.0/24)."),
                  ("DUPLICATE_IP", "i-a2", "instances[1].private_ip", "10.0.2.10 is already used by i-a in vpc-a: two interfaces cannot share an address.")],
            ),
            (
                // The endpoint's second address belongs to its second subnet.
                &[Set("/vpc_endpoints/1/private_ips", r#"["10.0.2.20", "10.0.1.20"]"#)],
                &[("IP_OUTSIDE_SUBNET", "vpce-kds", "vpc_endpoints[1].private_ips[0]", "The interface endpoint vpce-kds has private IP 10.0.2.20, which is outside its subnet subnet-a1 (10.0.1.0/24)."),
                  ("IP_OUTSIDE_SUBNET", "vpce-kds", "vpc_endpoints[1].private_ips[1]", "The interface endpoint vpce-kds has private IP 10.0.1.20, which is outside its subnet subnet-a2 (10.0.2.0/24).")],
            ),
            (
                &[Set("/instances/1/private_ip", r#""10.0.2.3""#), Set("/nat_gateways/0/private_ip", r#""10.0.1.255""#), Set("/vpc_endpoints/1/private_ips/0", r#""10.0.1.0""#)],
                &[("IP_RESERVED", "i-a2", "instances[1].private_ip", "The instance i-a2 has private IP 10.0.2.3, reserved by AWS for future use of subnet subnet-a2 (10.0.2.0/24): AWS reserves the first four and the last address of every subnet."),
                  ("IP_RESERVED", "nat-a", "nat_gateways[0].private_ip", "The NAT gateway nat-a has private IP 10.0.1.255, the last address of subnet subnet-a1 (10.0.1.0/24): AWS reserves the first four and the last address of every subnet."),
                  ("IP_RESERVED", "vpce-kds", "vpc_endpoints[1].private_ips[0]", "The interface endpoint vpce-kds has private IP 10.0.1.0, the network address of subnet subnet-a1 (10.0.1.0/24): AWS reserves the first four and the last address of every subnet.")],
            ),
            (
                &[Set("/instances/1/private_ip", r#""10.0.2.4""#)],
                &[],
            ),
            (
                // Private duplicates count within a VPC only; public ones across the document.
                &[Set("/nat_gateways/0/private_ip", r#""10.0.1.20""#), Set("/customer_gateways/0/ip", r#""54.0.0.20""#),
                  Set("/internet_hosts/0/ip", r#""54.0.0.10""#)],
                &[("DUPLICATE_IP", "vpce-kds", "vpc_endpoints[1].private_ips[0]", "10.0.1.20 is already used by nat-a in vpc-a: two interfaces cannot share an address."),
                  ("DUPLICATE_IP", "cgw-hq", "customer_gateways[0].ip", "54.0.0.20 is already used by i-a as a public address: two interfaces cannot share an address."),
                  ("DUPLICATE_IP", "example", "internet_hosts[0].ip", "54.0.0.10 is already used by nat-a as a public address: two interfaces cannot share an address.")],
            ),
            (
                &[Push("/onprem_networks", r#"{"id": "onprem-b", "cidrs": ["10.0.0.0/16"], "hosts": [{"id": "b-pc", "ip": "10.0.1.10"}, {"id": "b-pc2", "ip": "10.0.1.10"}]}"#)],
                &[("DUPLICATE_IP", "b-pc2", "onprem_networks[1].hosts[1].ip", "10.0.1.10 is already used by b-pc in onprem-b: two interfaces cannot share an address.")],
            ),
            (
                &[Push("/vpcs", vpc_c), Push("/internet_gateways", r#"{"id": "igw-c", "vpc": "vpc-c"}"#),
                  Push("/route_tables/2/routes", r#"{"destination": "0.0.0.0/0", "target": "igw-c"}"#),
                  Push("/route_tables/2/routes", r#"{"destination": "10.9.0.0/16", "target": "nat-a"}"#),
                  Push("/route_tables/2/routes", r#"{"destination": "10.8.0.0/16", "target": "vgw-a"}"#),
                  Push("/route_tables/2/routes", r#"{"destination": "10.7.0.0/16", "target": "vpce-s3"}"#),
                  Push("/peering_connections", r#"{"id": "pcx-ac", "requester": "vpc-a", "accepter": "vpc-c", "status": "active"}"#),
                  Push("/route_tables/2/routes", r#"{"destination": "10.2.0.0/16", "target": "pcx-ac"}"#),
                  Push("/route_tables/0/routes", r#"{"destination": "10.2.0.0/16", "target": "pcx-ac"}"#)],
                &[("ROUTE_TARGET_OTHER_VPC", "rtb-b", "route_tables[2].routes[1].target", "Route table rtb-b sends 0.0.0.0/0 to igw-c, which belongs to vpc-c, not to the table's VPC vpc-b."),
                  ("ROUTE_TARGET_OTHER_VPC", "rtb-b", "route_tables[2].routes[2].target", "Route table rtb-b sends 10.9.0.0/16 to nat-a, which belongs to vpc-a, not to the table's VPC vpc-b."),
                  ("ROUTE_TARGET_OTHER_VPC", "rtb-b", "route_tables[2].routes[3].target", "Route table rtb-b sends 10.8.0.0/16 to vgw-a, which belongs to vpc-a, not to the table's VPC vpc-b."),
                  ("ROUTE_TARGET_OTHER_VPC", "rtb-b", "route_tables[2].routes[4].target", "Route table rtb-b sends 10.7.0.0/16 to vpce-s3, which belongs to vpc-a, not to the table's VPC vpc-b."),
                  ("ROUTE_TARGET_OTHER_VPC", "rtb-b", "route_tables[2].routes[5].target", "Route table rtb-b sends 10.2.0.0/16 to pcx-ac, a peering between vpc-a and vpc-c that does not involve its VPC vpc-b."),
                  ("INTER_REGION_PEERING", "pcx-ac", "peering_connections[1]", "pcx-ac joins vpc-a in us-east-1 and vpc-c in eu-west-1: inter-Region peering has been allowed since late 2017, though older study material says peering is same-Region only.")],
            ),
            (
                // A detached gateway is a blackhole at trace time, not another VPC's.
                &[Set("/route_tables/2/routes/0/target", r#""igw-spare""#)],
                &[],
            ),
            (
                &[Set("/vpc_endpoints/0/service", r#""com.amazonaws.us-west-2.s3""#)],
                &[("GATEWAY_ENDPOINT_OTHER_REGION", "vpce-s3", "vpc_endpoints[0].service", "Gateway endpoint vpce-s3 is for com.amazonaws.us-west-2.s3 in us-west-2, but vpc-a is in us-east-1: a gateway endpoint only reaches the service in its own VPC's Region.")],
            ),
            (
                &[Push("/dx_virtual_interfaces", r#"{"id": "dxvif-2", "connection": "dxcon-1", "type": "private", "vlan": 101, "vpn_gateway": "vgw-a"}"#),
                  Push("/dx_virtual_interfaces", r#"{"id": "dxvif-3", "connection": "dxcon-1", "type": "public", "vlan": 4095}"#),
                  Push("/dx_virtual_interfaces", r#"{"id": "dxvif-4", "connection": "dxcon-1", "type": "public", "vlan": 0}"#)],
                &[("DUPLICATE_VLAN", "dxvif-2", "dx_virtual_interfaces[2].vlan", "dxvif-1 and dxvif-2 both use VLAN 101 on dxcon-1: each virtual interface on a connection needs its own VLAN."),
                  ("VLAN_RANGE", "dxvif-3", "dx_virtual_interfaces[3].vlan", "dxvif-3 uses VLAN 4095: an 802.1Q VLAN tag is between 1 and 4094."),
                  ("VLAN_RANGE", "dxvif-4", "dx_virtual_interfaces[4].vlan", "dxvif-4 uses VLAN 0: an 802.1Q VLAN tag is between 1 and 4094.")],
            ),
            (
                // The same VLAN on another connection is fine.
                &[Push("/dx_connections", r#"{"id": "dxcon-2", "network": "onprem-hq"}"#),
                  Push("/dx_virtual_interfaces", r#"{"id": "dxvif-2", "connection": "dxcon-2", "type": "public", "vlan": 101}"#)],
                &[],
            ),
        ];
        for (ops, want) in cases {
            let doc: serde_json::Value = serde_json::from_str(&apply_all(ops)).unwrap();
            let got: Vec<Finding> = findings(ops);
            for f in &got {
                // The path names a value of the document the learner can go and change.
                assert!(
                    doc.pointer(&pointer(&f.path)).is_some(),
                    "{} at {}",
                    f.code.as_str(),
                    f.path
                );
            }
            let got: Vec<(String, String, String, String)> = got
                .into_iter()
                .map(|f| (f.code.as_str().to_string(), f.resource, f.path, f.message))
                .collect();
            let want: Vec<(String, String, String, String)> = want
                .iter()
                .map(|(c, r, p, m)| (c.to_string(), r.to_string(), p.to_string(), m.to_string()))
                .collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn severities_follow_the_spec() {
        let s = load(&apply_all(&[
            Push("/vpcs", r#"{"id": "vpc-c", "region": "eu-west-1", "cidrs": ["10.2.0.0/16"]}"#),
            Push("/peering_connections", r#"{"id": "pcx-ac", "requester": "vpc-a", "accepter": "vpc-c", "status": "active"}"#),
            Push("/peering_connections", r#"{"id": "pcx-cc", "requester": "vpc-c", "accepter": "vpc-c", "status": "active"}"#),
        ]))
        .unwrap();
        let got: Vec<(&str, Severity)> = validate(&s)
            .iter()
            .map(|f| (f.code.as_str(), f.severity))
            .collect();
        use crate::finding::Severity;
        assert_eq!(
            got,
            vec![
                ("INTER_REGION_PEERING", Severity::Info),
                ("SELF_PEERING", Severity::Error)
            ]
        );
    }

    #[test]
    fn findings_come_in_document_order() {
        // Generated in code order, these must still come out by resource position: the VPC
        // (CIDR_SIZE) before the subnet before the instance before the peering before the VIF.
        let got: Vec<(String, String)> = findings(&[
            Push("/dx_virtual_interfaces", r#"{"id": "dxvif-9", "connection": "dxcon-1", "type": "public", "vlan": 5000}"#),
            Push("/peering_connections", r#"{"id": "pcx-ab2", "requester": "vpc-b", "accepter": "vpc-a", "status": "active"}"#),
            Set("/instances/2/private_ip", r#""10.1.1.1""#),
            Push("/subnets", r#"{"id": "subnet-b2", "vpc": "vpc-b", "cidr": "10.1.1.0/25"}"#),
            Push("/vpcs/1/cidrs", r#""10.16.0.0/12""#),
        ])
        .into_iter()
        .map(|f| (f.code.as_str().to_string(), f.resource))
        .collect();
        let want = [
            ("CIDR_SIZE", "vpc-b"),
            ("SUBNET_OVERLAP", "subnet-b2"),
            ("IP_RESERVED", "i-b"),
            ("DUPLICATE_PEERING", "pcx-ab2"),
            ("VLAN_RANGE", "dxvif-9"),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(c, r)| (c.to_string(), r.to_string()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn overlap_and_self_peering_make_a_peering_failed_whatever_its_status() {
        use crate::peering::effective_status;
        let l = load(FULL).unwrap();
        let p = l.peering_connections[0].clone();
        assert_eq!(effective_status(&l, &p), PeeringStatus::Active);
        for status in PeeringStatus::ALL {
            let q = PeeringConnection {
                status,
                ..p.clone()
            };
            assert_eq!(effective_status(&l, &q), status);
        }
        let mut s = l.into_scenario();
        s.vpcs[1].cidrs.push("10.50.4.0/24".parse().unwrap());
        let l = Loaded::new(s).unwrap();
        for status in PeeringStatus::ALL {
            let q = PeeringConnection {
                status,
                ..p.clone()
            };
            assert_eq!(effective_status(&l, &q), PeeringStatus::Failed);
        }
        let own = PeeringConnection {
            accepter: "vpc-a".into(),
            ..p
        };
        assert_eq!(effective_status(&l, &own), PeeringStatus::Failed);
    }

    #[test]
    fn peering_limit_counts_active_peerings_of_a_vpc() {
        for (n, want) in [(125usize, 0usize), (126, 1)] {
            let mut s = load(FULL).unwrap().into_scenario();
            s.peering_connections.clear();
            for t in &mut s.route_tables {
                t.routes.retain(|r| r.target != "pcx-ab");
            }
            for i in 0..n {
                let id = format!("vpc-p{i}");
                s.vpcs.push(Vpc {
                    id: id.clone(),
                    name: None,
                    account: "111111111111".into(),
                    region: "us-east-1".into(),
                    cidrs: vec![Cidr::new_truncated(
                        Ipv4Addr::new(172, 16 + (i / 256) as u8, (i % 256) as u8, 0),
                        24,
                    )
                    .unwrap()],
                });
                s.peering_connections.push(PeeringConnection {
                    id: format!("pcx-{i}"),
                    requester: "vpc-a".into(),
                    accepter: id,
                    status: PeeringStatus::Active,
                    name: None,
                });
            }
            let limit: Vec<Finding> = validate(&Loaded::new(s).unwrap())
                .into_iter()
                .filter(|f| f.code == Code::PeeringLimit)
                .collect();
            assert_eq!(limit.len(), want, "{n} peerings");
            if let Some(f) = limit.first() {
                assert_eq!(f.resource, "vpc-a");
                // The 126th peering is the one over the limit.
                assert_eq!(f.path, "peering_connections[125]");
                assert_eq!(f.message, "vpc-a has 126 active peering connections: a VPC can have at most 125 (50 by default).");
            }
        }
    }

    /// The pairwise definition SUBNET_OVERLAP's hash-map search must agree with.
    fn naive_subnet_overlaps(s: &Scenario) -> Vec<(String, String)> {
        let mut v = Vec::new();
        for (j, y) in s.subnets.iter().enumerate() {
            if let Some(x) = s.subnets[..j]
                .iter()
                .find(|x| x.vpc == y.vpc && x.cidr.overlaps(&y.cidr))
            {
                v.push((y.id.clone(), x.id.clone()));
            }
        }
        v
    }

    proptest::proptest! {
        #[test]
        fn subnet_overlap_search_agrees_with_pairwise_comparison(
            blocks in proptest::collection::vec((0u8..2, 0u32..64, 16u8..=26), 0..14)
        ) {
            let mut s = Scenario::empty();
            for (i, (vpc, bits, len)) in blocks.iter().enumerate() {
                // Few distinct networks so that nesting and repeats are common.
                let net = Ipv4Addr::from(0x0a00_0000 | (bits << 10));
                s.subnets.push(crate::model::Subnet {
                    id: format!("s{i}"),
                    vpc: format!("vpc-{vpc}"),
                    az: None,
                    cidr: Cidr::new_truncated(net, *len).unwrap(),
                    name: None,
                });
            }
            let mut fast = Vec::new();
            subnet_overlaps(&s, &mut fast);
            let fast: Vec<(String, String)> = fast
                .into_iter()
                .map(|f| {
                    let earlier = f.message.split("overlaps subnet ").nth(1).unwrap().split('\'').next().unwrap().to_string();
                    (f.resource, earlier)
                })
                .collect();
            proptest::prop_assert_eq!(fast, naive_subnet_overlaps(&s));
        }
    }
}
