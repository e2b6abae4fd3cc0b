//! Stage 4 of loading: unique ids and references that resolve to the right kind of resource
//! in the right place (a subnet's route table in the same VPC, a private VIF's VPN gateway,
//! ...). Each check names the JSON path of the first problem in document order, and what it
//! resolves goes into the [`Index`] that `load` hands on, so no consumer resolves it again.

use super::LoadError;
use crate::index::{At, Entry, Index, Link, Listed, Target};
use crate::kind::Kind;
use crate::model::{
    each_list, CustomerGateway, DxConnection, EndpointType, Item, OnpremNetwork, RouteTable,
    Scenario, Subnet, VifType, Vpc, VpcEndpoint, VpnConnection, VpnGateway,
};
use std::collections::HashMap;

/// Every id with its kind and position, in document order, refusing empty and repeated ids.
fn build_ids(s: &Scenario) -> Result<Index, LoadError> {
    let mut ix = Index::default();
    let mut add = |id: &str, e: Entry| -> Result<(), LoadError> {
        if id.trim().is_empty() {
            return Err(LoadError::at(
                format!("{}.id", e.path()),
                "an id cannot be empty: every resource needs one, unique in the document",
            ));
        }
        if let Some(first) = ix.ids.get(id) {
            return Err(LoadError::at(
                format!("{}.id", e.path()),
                format!("{id:?} is already used by {}", first.path()),
            ));
        }
        ix.ids.insert(id.into(), e);
        Ok(())
    };
    macro_rules! list {
        ($list:ident, $kind:expr) => {
            for (i, x) in s.$list.iter().enumerate() {
                #[allow(clippy::redundant_closure_call)]
                add(&x.id, Entry::new(($kind)(x), i, 0))?;
                for (j, h) in x.hosts().iter().enumerate() {
                    add(&h.id, Entry::new(Kind::OnpremHost, i, j))?;
                }
            }
        };
    }
    each_list!(list);
    Ok(ix)
}

/// Checks that `id` (found at `path`) names one of `kinds`; `expected` says what was
/// expected in words ("a VPC").
fn expect(
    ix: &Index,
    path: &str,
    id: &str,
    kinds: &[Kind],
    expected: &str,
) -> Result<Entry, LoadError> {
    match ix.entry(id) {
        Some(e) if kinds.contains(&e.kind) => Ok(e),
        Some(e) => Err(LoadError::at(
            path,
            format!(
                "{id:?} is {}; expected the id of {expected}",
                e.kind.article_name()
            ),
        )),
        None => Err(LoadError::at(
            path,
            format!("{id:?} names nothing in this scenario; expected the id of {expected}"),
        )),
    }
}

/// `id` (found at `path`) as a handle of a `T`, or the error naming what was expected.
pub(super) fn expect_one<T: Listed>(ix: &Index, path: &str, id: &str) -> Result<At<T>, LoadError> {
    let kind = T::KINDS.first().copied().unwrap_or(Kind::Vpc);
    expect(ix, path, id, T::KINDS, kind.article_name()).map(|e| At::new(e.pos()))
}

/// The reference and consistency checks of stage 4, list by list in document order; the
/// first problem is returned, else the index of everything resolved.
pub(super) fn check(s: &Scenario) -> Result<Index, LoadError> {
    let mut ix = build_ids(s)?;
    vpcs(s)?;
    subnets(s, &mut ix)?;
    route_tables(s, &mut ix)?;
    instances(s, &ix)?;
    gateways_and_peerings(s, &ix)?;
    endpoints(s, &mut ix)?;
    vpn_and_direct_connect(s, &mut ix)?;
    onprem_routes(s, &ix)?;
    super::filters::check(s, &mut ix)?;
    super::tgw::check(s, &mut ix)?;
    lesson(s, &ix)?;
    Ok(ix)
}

/// VPCs: at least one block (the first is the primary), and a 12-digit AWS account id.
fn vpcs(s: &Scenario) -> Result<(), LoadError> {
    for (i, v) in s.vpcs.iter().enumerate() {
        if v.cidrs.is_empty() {
            return Err(LoadError::at(
                format!("vpcs[{i}].cidrs"),
                format!(
                    "{} needs at least one CIDR block: the first is its primary block",
                    v.id
                ),
            ));
        }
        if v.account.len() != 12 || !v.account.bytes().all(|b| b.is_ascii_digit()) {
            return Err(LoadError::at(
                format!("vpcs[{i}].account"),
                format!(
                    "{:?} is not an AWS account id: expected 12 digits",
                    v.account
                ),
            ));
        }
    }
    Ok(())
}

/// Each subnet sits in a VPC.
fn subnets(s: &Scenario, ix: &mut Index) -> Result<(), LoadError> {
    for (i, x) in s.subnets.iter().enumerate() {
        let vpc = expect_one::<Vpc>(ix, &format!("subnets[{i}].vpc"), &x.vpc)?;
        ix.subnet_vpc.push(vpc);
    }
    Ok(())
}

/// Route tables: their VPC, associations in the same VPC and with one table each,
/// propagating VPN gateways, route targets of the right kinds, exactly one main per VPC.
/// Resolves each route's target, each subnet's table and each VPC's main table.
fn route_tables(s: &Scenario, ix: &mut Index) -> Result<(), LoadError> {
    // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html (crate::docs::ROUTE_TABLES)
    let mut associated: Vec<Option<At<RouteTable>>> = vec![None; s.subnets.len()];
    let mut main_of: Vec<Option<At<RouteTable>>> = vec![None; s.vpcs.len()];
    for (i, t) in s.route_tables.iter().enumerate() {
        let here = format!("route_tables[{i}]");
        let table = At::<RouteTable>::new(i);
        let vpc = expect_one::<Vpc>(ix, &format!("{here}.vpc"), &t.vpc)?;
        if t.main {
            if let Some(first) = main_of.get(vpc.pos()).copied().flatten() {
                return Err(LoadError::at(
                    format!("{here}.main"),
                    format!(
                        "{} already has a main route table, {}: exactly one table per VPC has \"main\": true",
                        t.vpc, id_of(s, first)
                    ),
                ));
            }
            if let Some(m) = main_of.get_mut(vpc.pos()) {
                *m = Some(table);
            }
        }
        for (j, sub) in t.subnets.iter().enumerate() {
            let path = format!("{here}.subnets[{j}]");
            let subnet = subnet_of(s, ix, &path, sub, vpc, |other| {
                format!(
                    "{sub:?} is a subnet of {other}, and route table {} belongs to {}: a subnet can only use a route table of its own VPC",
                    t.id, t.vpc
                )
            })?;
            let Some(slot) = associated.get_mut(subnet.pos()) else {
                continue;
            };
            if let Some(first) = *slot {
                return Err(LoadError::at(
                    path,
                    format!(
                        "{sub:?} is already associated with route table {}: a subnet is associated with one route table at a time",
                        id_of(s, first)
                    ),
                ));
            }
            *slot = Some(table);
        }
        let mut propagating = Vec::with_capacity(t.propagating_gateways.len());
        for (j, g) in t.propagating_gateways.iter().enumerate() {
            propagating.push(expect_one(
                ix,
                &format!("{here}.propagating_gateways[{j}]"),
                g,
            )?);
        }
        ix.propagating.push(propagating);
        let mut targets = Vec::with_capacity(t.routes.len());
        for (j, r) in t.routes.iter().enumerate() {
            targets.push(route_target(
                ix,
                s.format,
                &format!("{here}.routes[{j}].target"),
                &r.target,
            )?);
        }
        ix.targets.push(targets);
    }
    for (i, t) in s.route_tables.iter().enumerate() {
        let vpc = ix.at::<Vpc>(&t.vpc);
        if vpc
            .and_then(|v| main_of.get(v.pos()).copied().flatten())
            .is_none()
        {
            return Err(LoadError::at(
                format!("route_tables[{i}].main"),
                format!(
                    "{} has route tables but none is its main table: set \"main\": true on exactly one of them",
                    t.vpc
                ),
            ));
        }
    }
    ix.subnet_table = associated
        .iter()
        .zip(&ix.subnet_vpc)
        .map(|(own, vpc)| own.or_else(|| main_of.get(vpc.pos()).copied().flatten()))
        .collect();
    ix.main_table = main_of;
    Ok(())
}

/// `id` (at `path`) as a subnet of `vpc`; `why(other VPC)` says why a subnet of another
/// VPC cannot be used there.
fn subnet_of(
    s: &Scenario,
    ix: &Index,
    path: &str,
    id: &str,
    vpc: At<Vpc>,
    why: impl FnOnce(&str) -> String,
) -> Result<At<Subnet>, LoadError> {
    let subnet = expect_one::<Subnet>(ix, path, id)?;
    let other = ix
        .subnet_vpc(subnet)
        .filter(|v| *v != vpc)
        .and_then(|v| s.vpcs.get(v.pos()));
    match other {
        Some(other) => Err(LoadError::at(path, why(&other.id))),
        None => Ok(subnet),
    }
}

/// A written route's target, resolved: never `local` (implicit) nor an interface endpoint.
fn route_target(
    ix: &Index,
    format: crate::model::Format,
    path: &str,
    target: &str,
) -> Result<Target, LoadError> {
    if target == "local" {
        return Err(LoadError::at(
            path,
            "the local route is implicit: it exists for every VPC CIDR and is never written",
        ));
    }
    if ix.kind_of(target) == Some(Kind::InterfaceEndpoint) {
        return Err(LoadError::at(
            path,
            format!(
                "{target:?} is an interface endpoint, which is reached by its private IP, not used as a route target; expected the id of {}",
                Target::expected(format)
            ),
        ));
    }
    let expected = Target::expected(format);
    let e = expect(ix, path, target, &Target::KINDS, expected)?;
    Target::of(e).ok_or_else(|| LoadError::at(path, expected))
}

pub(super) fn id_of<T: Listed>(s: &Scenario, at: At<T>) -> &str {
    T::list(s).get(at.pos()).map(Listed::id).unwrap_or("")
}

/// Each instance sits in a subnet.
fn instances(s: &Scenario, ix: &Index) -> Result<(), LoadError> {
    for (i, x) in s.instances.iter().enumerate() {
        expect_one::<Subnet>(ix, &format!("instances[{i}].subnet"), &x.subnet)?;
    }
    Ok(())
}

/// Internet gateways (one per VPC), NAT gateways in a subnet, peerings between two VPCs.
fn gateways_and_peerings(s: &Scenario, ix: &Index) -> Result<(), LoadError> {
    // One internet gateway per VPC (crate::docs::INTERNET_GATEWAY).
    let mut igw_of: HashMap<&str, &str> = HashMap::new();
    for (i, g) in s.internet_gateways.iter().enumerate() {
        if let Some(vpc) = &g.vpc {
            let path = format!("internet_gateways[{i}].vpc");
            expect_one::<Vpc>(ix, &path, vpc)?;
            if let Some(first) = igw_of.insert(vpc, &g.id) {
                return Err(LoadError::at(
                    path,
                    format!("{vpc} already has internet gateway {first} attached: a VPC has at most one"),
                ));
            }
        }
    }

    for (i, x) in s.nat_gateways.iter().enumerate() {
        expect_one::<Subnet>(ix, &format!("nat_gateways[{i}].subnet"), &x.subnet)?;
    }

    for (i, p) in s.peering_connections.iter().enumerate() {
        let here = format!("peering_connections[{i}]");
        expect_one::<Vpc>(ix, &format!("{here}.requester"), &p.requester)?;
        expect_one::<Vpc>(ix, &format!("{here}.accepter"), &p.accepter)?;
    }
    Ok(())
}

/// Endpoints: their VPC, service name, and route tables and subnets of that same VPC.
fn endpoints(s: &Scenario, ix: &mut Index) -> Result<(), LoadError> {
    ix.table_endpoints = vec![Vec::new(); s.route_tables.len()];
    for (i, e) in s.vpc_endpoints.iter().enumerate() {
        let here = format!("vpc_endpoints[{i}]");
        let vpc = expect_one::<Vpc>(ix, &format!("{here}.vpc"), &e.vpc)?;
        check_service(&format!("{here}.service"), e.kind, &e.service)?;
        for (j, t) in e.route_tables.iter().enumerate() {
            let path = format!("{here}.route_tables[{j}]");
            let table = expect_one::<RouteTable>(ix, &path, t)?;
            let other = s
                .route_tables
                .get(table.pos())
                .and_then(|t| ix.at::<Vpc>(&t.vpc).filter(|v| *v != vpc).map(|_| &t.vpc));
            if let Some(other) = other {
                return Err(LoadError::at(
                    path,
                    format!(
                        "{t:?} is a route table of {other}, and endpoint {} is in {}: an endpoint only adds routes to its own VPC's tables",
                        e.id, e.vpc
                    ),
                ));
            }
            let named = ix.table_endpoints.get_mut(table.pos());
            if let (EndpointType::Gateway, Some(named)) = (e.kind, named) {
                if named.last() != Some(&At::new(i)) {
                    named.push(At::new(i));
                }
            }
        }
        for (j, sub) in e.subnets.iter().enumerate() {
            let path = format!("{here}.subnets[{j}]");
            subnet_of(s, ix, &path, sub, vpc, |other| {
                format!(
                    "{sub:?} is a subnet of {other}, and endpoint {} is in {}: an endpoint's network interfaces are in its own VPC's subnets",
                    e.id, e.vpc
                )
            })?;
        }
        // One network interface, so one private IP, per chosen subnet.
        // https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html
        if e.kind == EndpointType::Interface && e.private_ips.len() != e.subnets.len() {
            return Err(LoadError::at(
                format!("{here}.private_ips"),
                format!(
                    "an interface endpoint has one private IP per subnet: {} has {} subnet(s) and {} private IP(s)",
                    e.id,
                    e.subnets.len(),
                    e.private_ips.len()
                ),
            ));
        }
    }
    Ok(())
}

/// VPN gateways (one per VPC), customer gateways, VPN connections, DX connections and VIFs.
fn vpn_and_direct_connect(s: &Scenario, ix: &mut Index) -> Result<(), LoadError> {
    // One VPN gateway per VPC.
    let mut vgw_of: HashMap<&str, &str> = HashMap::new();
    for (i, g) in s.vpn_gateways.iter().enumerate() {
        if let Some(vpc) = &g.vpc {
            let path = format!("vpn_gateways[{i}].vpc");
            expect_one::<Vpc>(ix, &path, vpc)?;
            if let Some(first) = vgw_of.insert(vpc, &g.id) {
                return Err(LoadError::at(
                    path,
                    format!(
                        "{vpc} already has VPN gateway {first} attached: a VPC has at most one"
                    ),
                ));
            }
        }
    }

    let mut cgw_network = Vec::with_capacity(s.customer_gateways.len());
    for (i, c) in s.customer_gateways.iter().enumerate() {
        let path = format!("customer_gateways[{i}].network");
        cgw_network.push(expect_one::<OnpremNetwork>(ix, &path, &c.network)?);
    }
    let mut links: Vec<Vec<Link>> = vec![Vec::new(); s.vpn_gateways.len()];
    for (i, c) in s.vpn_connections.iter().enumerate() {
        let here = format!("vpn_connections[{i}]");
        let vgw = vpn_end(s, ix, &here, c)?;
        let path = format!("{here}.customer_gateway");
        let cgw = expect_one::<CustomerGateway>(ix, &path, &c.customer_gateway)?;
        let Some(vgw) = vgw else { continue };
        if let (Some(l), Some(network)) = (links.get_mut(vgw.pos()), cgw_network.get(cgw.pos())) {
            l.push(Link::Vpn {
                vpn: At::new(i),
                network: *network,
            });
        }
    }
    let mut dx_network = Vec::with_capacity(s.dx_connections.len());
    for (i, c) in s.dx_connections.iter().enumerate() {
        let path = format!("dx_connections[{i}].network");
        dx_network.push(expect_one::<OnpremNetwork>(ix, &path, &c.network)?);
    }

    // Private VIFs attach to a virtual private gateway; public VIFs reach AWS public prefixes
    // and attach to none (crate::docs::DX_VIFS).
    for (i, v) in s.dx_virtual_interfaces.iter().enumerate() {
        let here = format!("dx_virtual_interfaces[{i}]");
        let path = format!("{here}.connection");
        let conn = expect_one::<DxConnection>(ix, &path, &v.connection)?;
        match (v.kind, &v.vpn_gateway) {
            (VifType::Private, Some(g)) => {
                let vgw = expect_one::<VpnGateway>(ix, &format!("{here}.vpn_gateway"), g)?;
                if let (Some(l), Some(network)) =
                    (links.get_mut(vgw.pos()), dx_network.get(conn.pos()))
                {
                    l.push(Link::Vif {
                        vif: At::new(i),
                        network: *network,
                    });
                }
            }
            (VifType::Private, None) => {
                return Err(LoadError::at(
                    format!("{here}.vpn_gateway"),
                    format!(
                        "private virtual interface {} needs \"vpn_gateway\": the virtual private gateway it connects to",
                        v.id
                    ),
                ))
            }
            (VifType::Public, Some(_)) => {
                return Err(LoadError::at(
                    format!("{here}.vpn_gateway"),
                    format!(
                        "public virtual interface {} reaches AWS public services and attaches to no VPN gateway: remove \"vpn_gateway\" or make it \"private\"",
                        v.id
                    ),
                ))
            }
            (VifType::Public, None) => {}
        }
    }
    ix.vgw_links = links;
    Ok(())
}

/// A VPN connection's VPN gateway: it names exactly one of `vpn_gateway` and (format 2)
/// `transit_gateway` (N11.1; the transit gateway is resolved by `tgw.rs`).
fn vpn_end(
    s: &Scenario,
    ix: &Index,
    here: &str,
    c: &VpnConnection,
) -> Result<Option<At<VpnGateway>>, LoadError> {
    match (&c.vpn_gateway, &c.transit_gateway) {
        (Some(g), None) => expect_one::<VpnGateway>(ix, &format!("{here}.vpn_gateway"), g).map(Some),
        (None, Some(_)) => Ok(None),
        (Some(_), Some(_)) => Err(LoadError::at(
            format!("{here}.transit_gateway"),
            format!(
                "{} names both a VPN gateway and a transit gateway: a VPN connection ends on exactly one of them",
                c.id
            ),
        )),
        (None, None) if s.format.filters() => Err(LoadError::at(
            here,
            "missing field `vpn_gateway` or `transit_gateway`: the gateway the VPN connection ends on",
        )),
        (None, None) => Err(LoadError::at(here, "missing field `vpn_gateway`")),
    }
}

/// On-prem static routes leave over one of the network's own VPN connections or VIFs.
fn onprem_routes(s: &Scenario, ix: &Index) -> Result<(), LoadError> {
    for (i, n) in s.onprem_networks.iter().enumerate() {
        for (j, r) in n.routes.iter().enumerate() {
            let path = format!("onprem_networks[{i}].routes[{j}].via");
            let e = expect(
                ix,
                &path,
                &r.via,
                &[Kind::VpnConnection, Kind::DxVif],
                "a VPN connection or a Direct Connect virtual interface",
            )?;
            let home = match e.kind {
                Kind::VpnConnection => s
                    .vpn_connections
                    .get(e.pos())
                    .and_then(|c| ix.at::<CustomerGateway>(&c.customer_gateway))
                    .and_then(|p| s.customer_gateways.get(p.pos()))
                    .map(|g| g.network.as_str()),
                _ => s
                    .dx_virtual_interfaces
                    .get(e.pos())
                    .and_then(|v| ix.at::<DxConnection>(&v.connection))
                    .and_then(|p| s.dx_connections.get(p.pos()))
                    .map(|c| c.network.as_str()),
            };
            if let Some(home) = home.filter(|h| *h != n.id) {
                return Err(LoadError::at(
                    path,
                    format!(
                        "{:?} ends in on-premises network {home}, not in {}: a network can only send traffic over its own links",
                        r.via, n.id
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// The lesson's trace starts at an instance or a host.
fn lesson(s: &Scenario, ix: &Index) -> Result<(), LoadError> {
    if let Some(t) = s.lesson.as_ref().and_then(|l| l.trace.as_ref()) {
        expect(
            ix,
            "lesson.trace.from",
            &t.from,
            &[Kind::Instance, Kind::OnpremHost, Kind::InternetHost],
            "an instance, an on-premises host or an internet host",
        )?;
    }
    Ok(())
}

/// Endpoint service names: `com.amazonaws.REGION.SERVICE`; gateway endpoints exist only for
/// S3 and DynamoDB (crate::docs::GATEWAY_ENDPOINT_S3, crate::docs::GATEWAY_ENDPOINT_DDB).
fn check_service(path: &str, kind: EndpointType, service: &str) -> Result<(), LoadError> {
    let parts: Vec<&str> = service.split('.').collect();
    let well_formed = parts.len() >= 4
        && parts.first() == Some(&"com")
        && parts.get(1) == Some(&"amazonaws")
        && parts.iter().all(|p| !p.is_empty());
    if !well_formed {
        return Err(LoadError::at(
            path,
            format!(
                "{service:?} is not an AWS service name: expected com.amazonaws.REGION.SERVICE, e.g. \"com.amazonaws.us-east-1.s3\""
            ),
        ));
    }
    if kind == EndpointType::Gateway && !(parts.len() == 4 && matches!(parts[3], "s3" | "dynamodb"))
    {
        return Err(LoadError::at(
            path,
            format!(
                "{service:?} has no gateway endpoint: gateway endpoints exist only for s3 and dynamodb; use an interface endpoint"
            ),
        ));
    }
    Ok(())
}
