//! Stage 4 of loading: unique ids and references that resolve to the right kind of resource
//! in the right place (a subnet's route table in the same VPC, a private VIF's VPN gateway,
//! ...). Each check names the JSON path of the first problem in document order.

use super::LoadError;
use crate::kind::Kind;
use crate::model::{EndpointType, Scenario, VifType};
use std::collections::HashMap;

/// Every id with its kind, the JSON path of the object that carries it and its position in
/// its list (hash lookups keep a document at the size limit fast to check).
struct Index<'a> {
    ids: HashMap<&'a str, (Kind, String, usize)>,
}

impl<'a> Index<'a> {
    /// Builds the index in document order, refusing empty and repeated ids.
    fn build(s: &'a Scenario) -> Result<Index<'a>, LoadError> {
        let mut entries: Vec<(&str, Kind, String, usize)> = Vec::new();
        fn add<'b, T>(
            out: &mut Vec<(&'b str, Kind, String, usize)>,
            list: &'b [T],
            name: &str,
            kind: impl Fn(&T) -> Kind,
            id: impl Fn(&'b T) -> &'b str,
        ) {
            for (i, x) in list.iter().enumerate() {
                out.push((id(x), kind(x), format!("{name}[{i}]"), i));
            }
        }
        add(&mut entries, &s.vpcs, "vpcs", |_| Kind::Vpc, |x| &x.id);
        add(
            &mut entries,
            &s.subnets,
            "subnets",
            |_| Kind::Subnet,
            |x| &x.id,
        );
        add(
            &mut entries,
            &s.route_tables,
            "route_tables",
            |_| Kind::RouteTable,
            |x| &x.id,
        );
        add(
            &mut entries,
            &s.instances,
            "instances",
            |_| Kind::Instance,
            |x| &x.id,
        );
        add(
            &mut entries,
            &s.internet_gateways,
            "internet_gateways",
            |_| Kind::InternetGateway,
            |x| &x.id,
        );
        add(
            &mut entries,
            &s.nat_gateways,
            "nat_gateways",
            |_| Kind::NatGateway,
            |x| &x.id,
        );
        add(
            &mut entries,
            &s.peering_connections,
            "peering_connections",
            |_| Kind::Peering,
            |x| &x.id,
        );
        add(
            &mut entries,
            &s.vpc_endpoints,
            "vpc_endpoints",
            |e| match e.kind {
                EndpointType::Gateway => Kind::GatewayEndpoint,
                EndpointType::Interface => Kind::InterfaceEndpoint,
            },
            |x| &x.id,
        );
        add(
            &mut entries,
            &s.vpn_gateways,
            "vpn_gateways",
            |_| Kind::VpnGateway,
            |x| &x.id,
        );
        add(
            &mut entries,
            &s.customer_gateways,
            "customer_gateways",
            |_| Kind::CustomerGateway,
            |x| &x.id,
        );
        add(
            &mut entries,
            &s.vpn_connections,
            "vpn_connections",
            |_| Kind::VpnConnection,
            |x| &x.id,
        );
        add(
            &mut entries,
            &s.dx_connections,
            "dx_connections",
            |_| Kind::DxConnection,
            |x| &x.id,
        );
        add(
            &mut entries,
            &s.dx_virtual_interfaces,
            "dx_virtual_interfaces",
            |_| Kind::DxVif,
            |x| &x.id,
        );
        for (i, n) in s.onprem_networks.iter().enumerate() {
            entries.push((
                &n.id,
                Kind::OnpremNetwork,
                format!("onprem_networks[{i}]"),
                i,
            ));
            for (j, h) in n.hosts.iter().enumerate() {
                entries.push((
                    &h.id,
                    Kind::OnpremHost,
                    format!("onprem_networks[{i}].hosts[{j}]"),
                    j,
                ));
            }
        }
        add(
            &mut entries,
            &s.internet_hosts,
            "internet_hosts",
            |_| Kind::InternetHost,
            |x| &x.id,
        );

        let mut ids: HashMap<&str, (Kind, String, usize)> = HashMap::new();
        for (id, kind, path, pos) in entries {
            if id.trim().is_empty() {
                return Err(LoadError::at(
                    format!("{path}.id"),
                    "an id cannot be empty: every resource needs one, unique in the document",
                ));
            }
            if let Some((_, first, _)) = ids.get(id) {
                return Err(LoadError::at(
                    format!("{path}.id"),
                    format!("{id:?} is already used by {first}"),
                ));
            }
            ids.insert(id, (kind, path, pos));
        }
        Ok(Index { ids })
    }

    fn kind(&self, id: &str) -> Option<Kind> {
        self.ids.get(id).map(|(k, _, _)| *k)
    }

    /// The position in its list of the resource `id`, when it is of kind `kind`.
    fn pos(&self, id: &str, kind: Kind) -> Option<usize> {
        self.ids
            .get(id)
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, _, p)| *p)
    }

    /// Checks that `id` (found at `path`) names one of `kinds`; `expected` says what was
    /// expected in words ("a VPC").
    fn expect(
        &self,
        path: &str,
        id: &str,
        kinds: &[Kind],
        expected: &str,
    ) -> Result<Kind, LoadError> {
        match self.kind(id) {
            Some(k) if kinds.contains(&k) => Ok(k),
            Some(k) => Err(LoadError::at(
                path,
                format!(
                    "{id:?} is {}; expected the id of {expected}",
                    k.article_name()
                ),
            )),
            None => Err(LoadError::at(
                path,
                format!("{id:?} names nothing in this scenario; expected the id of {expected}"),
            )),
        }
    }

    /// The VPC of subnet `id`, when `id` names a subnet.
    fn subnet_vpc<'s>(&self, s: &'s Scenario, id: &str) -> Option<&'s str> {
        self.pos(id, Kind::Subnet)
            .and_then(|p| s.subnets.get(p))
            .map(|x| x.vpc.as_str())
    }

    fn expect_one(&self, path: &str, id: &str, kind: Kind) -> Result<(), LoadError> {
        self.expect(path, id, &[kind], kind.article_name())
            .map(|_| ())
    }
}

/// The reference and consistency checks of stage 4, list by list in document order; the
/// first problem is returned.
pub(super) fn check(s: &Scenario) -> Result<(), LoadError> {
    let index = Index::build(s)?;
    vpcs(s)?;
    subnets(s, &index)?;
    route_tables(s, &index)?;
    instances(s, &index)?;
    gateways_and_peerings(s, &index)?;
    endpoints(s, &index)?;
    vpn_and_direct_connect(s, &index)?;
    onprem_routes(s, &index)?;
    lesson(s, &index)
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
fn subnets(s: &Scenario, index: &Index) -> Result<(), LoadError> {
    for (i, x) in s.subnets.iter().enumerate() {
        index.expect_one(&format!("subnets[{i}].vpc"), &x.vpc, Kind::Vpc)?;
    }
    Ok(())
}

/// Route tables: their VPC, associations in the same VPC and with one table each,
/// propagating VPN gateways, route targets of the right kinds, exactly one main per VPC.
fn route_tables(s: &Scenario, index: &Index) -> Result<(), LoadError> {
    // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html (crate::docs::ROUTE_TABLES)
    let mut associated: HashMap<&str, &str> = HashMap::new();
    let mut main_of: HashMap<&str, &str> = HashMap::new();
    for (i, t) in s.route_tables.iter().enumerate() {
        let here = format!("route_tables[{i}]");
        index.expect_one(&format!("{here}.vpc"), &t.vpc, Kind::Vpc)?;
        if t.main {
            if let Some(first) = main_of.get(t.vpc.as_str()) {
                return Err(LoadError::at(
                    format!("{here}.main"),
                    format!(
                        "{} already has a main route table, {first}: exactly one table per VPC has \"main\": true",
                        t.vpc
                    ),
                ));
            }
            main_of.insert(&t.vpc, &t.id);
        }
        for (j, sub) in t.subnets.iter().enumerate() {
            let path = format!("{here}.subnets[{j}]");
            index.expect_one(&path, sub, Kind::Subnet)?;
            if let Some(other) = index.subnet_vpc(s, sub).filter(|v| *v != t.vpc) {
                return Err(LoadError::at(
                    path,
                    format!(
                        "{sub:?} is a subnet of {other}, and route table {} belongs to {}: a subnet can only use a route table of its own VPC",
                        t.id, t.vpc
                    ),
                ));
            }
            if let Some(first) = associated.get(sub.as_str()) {
                return Err(LoadError::at(
                    path,
                    format!(
                        "{sub:?} is already associated with route table {first}: a subnet is associated with one route table at a time"
                    ),
                ));
            }
            associated.insert(sub, &t.id);
        }
        for (j, g) in t.propagating_gateways.iter().enumerate() {
            index.expect_one(
                &format!("{here}.propagating_gateways[{j}]"),
                g,
                Kind::VpnGateway,
            )?;
        }
        for (j, r) in t.routes.iter().enumerate() {
            let path = format!("{here}.routes[{j}].target");
            let expected = "an internet gateway, NAT gateway, peering connection, VPN gateway or gateway endpoint";
            if r.target == "local" {
                return Err(LoadError::at(
                    path,
                    "the local route is implicit: it exists for every VPC CIDR and is never written",
                ));
            }
            match index.kind(&r.target) {
                Some(Kind::InterfaceEndpoint) => {
                    return Err(LoadError::at(
                        path,
                        format!(
                            "{:?} is an interface endpoint, which is reached by its private IP, not used as a route target; expected the id of {expected}",
                            r.target
                        ),
                    ))
                }
                _ => {
                    index.expect(
                        &path,
                        &r.target,
                        &[
                            Kind::InternetGateway,
                            Kind::NatGateway,
                            Kind::Peering,
                            Kind::VpnGateway,
                            Kind::GatewayEndpoint,
                        ],
                        expected,
                    )?;
                }
            }
        }
    }
    for (i, t) in s.route_tables.iter().enumerate() {
        if !main_of.contains_key(t.vpc.as_str()) {
            return Err(LoadError::at(
                format!("route_tables[{i}].main"),
                format!(
                    "{} has route tables but none is its main table: set \"main\": true on exactly one of them",
                    t.vpc
                ),
            ));
        }
    }
    Ok(())
}

/// Each instance sits in a subnet.
fn instances(s: &Scenario, index: &Index) -> Result<(), LoadError> {
    for (i, x) in s.instances.iter().enumerate() {
        index.expect_one(&format!("instances[{i}].subnet"), &x.subnet, Kind::Subnet)?;
    }
    Ok(())
}

/// Internet gateways (one per VPC), NAT gateways in a subnet, peerings between two VPCs.
fn gateways_and_peerings(s: &Scenario, index: &Index) -> Result<(), LoadError> {
    // One internet gateway per VPC (crate::docs::INTERNET_GATEWAY).
    let mut igw_of: HashMap<&str, &str> = HashMap::new();
    for (i, g) in s.internet_gateways.iter().enumerate() {
        if let Some(vpc) = &g.vpc {
            let path = format!("internet_gateways[{i}].vpc");
            index.expect_one(&path, vpc, Kind::Vpc)?;
            if let Some(first) = igw_of.insert(vpc, &g.id) {
                return Err(LoadError::at(
                    path,
                    format!("{vpc} already has internet gateway {first} attached: a VPC has at most one"),
                ));
            }
        }
    }

    for (i, x) in s.nat_gateways.iter().enumerate() {
        index.expect_one(
            &format!("nat_gateways[{i}].subnet"),
            &x.subnet,
            Kind::Subnet,
        )?;
    }

    for (i, p) in s.peering_connections.iter().enumerate() {
        index.expect_one(
            &format!("peering_connections[{i}].requester"),
            &p.requester,
            Kind::Vpc,
        )?;
        index.expect_one(
            &format!("peering_connections[{i}].accepter"),
            &p.accepter,
            Kind::Vpc,
        )?;
    }
    Ok(())
}

/// Endpoints: their VPC, service name, and route tables and subnets of that same VPC.
fn endpoints(s: &Scenario, index: &Index) -> Result<(), LoadError> {
    for (i, e) in s.vpc_endpoints.iter().enumerate() {
        let here = format!("vpc_endpoints[{i}]");
        index.expect_one(&format!("{here}.vpc"), &e.vpc, Kind::Vpc)?;
        check_service(&format!("{here}.service"), e.kind, &e.service)?;
        for (j, t) in e.route_tables.iter().enumerate() {
            let path = format!("{here}.route_tables[{j}]");
            index.expect_one(&path, t, Kind::RouteTable)?;
            let table = index
                .pos(t, Kind::RouteTable)
                .and_then(|p| s.route_tables.get(p));
            if let Some(table) = table.filter(|t| t.vpc != e.vpc) {
                return Err(LoadError::at(
                    path,
                    format!(
                        "{t:?} is a route table of {}, and endpoint {} is in {}: an endpoint only adds routes to its own VPC's tables",
                        table.vpc, e.id, e.vpc
                    ),
                ));
            }
        }
        for (j, sub) in e.subnets.iter().enumerate() {
            let path = format!("{here}.subnets[{j}]");
            index.expect_one(&path, sub, Kind::Subnet)?;
            if let Some(other) = index.subnet_vpc(s, sub).filter(|v| *v != e.vpc) {
                return Err(LoadError::at(
                    path,
                    format!(
                        "{sub:?} is a subnet of {other}, and endpoint {} is in {}: an endpoint's network interfaces are in its own VPC's subnets",
                        e.id, e.vpc
                    ),
                ));
            }
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
fn vpn_and_direct_connect(s: &Scenario, index: &Index) -> Result<(), LoadError> {
    // One VPN gateway per VPC.
    let mut vgw_of: HashMap<&str, &str> = HashMap::new();
    for (i, g) in s.vpn_gateways.iter().enumerate() {
        if let Some(vpc) = &g.vpc {
            let path = format!("vpn_gateways[{i}].vpc");
            index.expect_one(&path, vpc, Kind::Vpc)?;
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

    for (i, c) in s.customer_gateways.iter().enumerate() {
        index.expect_one(
            &format!("customer_gateways[{i}].network"),
            &c.network,
            Kind::OnpremNetwork,
        )?;
    }
    for (i, c) in s.vpn_connections.iter().enumerate() {
        index.expect_one(
            &format!("vpn_connections[{i}].vpn_gateway"),
            &c.vpn_gateway,
            Kind::VpnGateway,
        )?;
        index.expect_one(
            &format!("vpn_connections[{i}].customer_gateway"),
            &c.customer_gateway,
            Kind::CustomerGateway,
        )?;
    }
    for (i, c) in s.dx_connections.iter().enumerate() {
        index.expect_one(
            &format!("dx_connections[{i}].network"),
            &c.network,
            Kind::OnpremNetwork,
        )?;
    }

    // Private VIFs attach to a virtual private gateway; public VIFs reach AWS public prefixes
    // and attach to none (crate::docs::DX_VIFS).
    for (i, v) in s.dx_virtual_interfaces.iter().enumerate() {
        let here = format!("dx_virtual_interfaces[{i}]");
        index.expect_one(
            &format!("{here}.connection"),
            &v.connection,
            Kind::DxConnection,
        )?;
        match (v.kind, &v.vpn_gateway) {
            (VifType::Private, Some(g)) => {
                index.expect_one(&format!("{here}.vpn_gateway"), g, Kind::VpnGateway)?
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
    Ok(())
}

/// On-prem static routes leave over one of the network's own VPN connections or VIFs.
fn onprem_routes(s: &Scenario, index: &Index) -> Result<(), LoadError> {
    for (i, n) in s.onprem_networks.iter().enumerate() {
        for (j, r) in n.routes.iter().enumerate() {
            let path = format!("onprem_networks[{i}].routes[{j}].via");
            let kind = index.expect(
                &path,
                &r.via,
                &[Kind::VpnConnection, Kind::DxVif],
                "a VPN connection or a Direct Connect virtual interface",
            )?;
            let home = match kind {
                Kind::VpnConnection => index
                    .pos(&r.via, Kind::VpnConnection)
                    .and_then(|p| s.vpn_connections.get(p))
                    .and_then(|c| index.pos(&c.customer_gateway, Kind::CustomerGateway))
                    .and_then(|p| s.customer_gateways.get(p))
                    .map(|g| g.network.as_str()),
                _ => index
                    .pos(&r.via, Kind::DxVif)
                    .and_then(|p| s.dx_virtual_interfaces.get(p))
                    .and_then(|v| index.pos(&v.connection, Kind::DxConnection))
                    .and_then(|p| s.dx_connections.get(p))
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
fn lesson(s: &Scenario, index: &Index) -> Result<(), LoadError> {
    if let Some(t) = s.lesson.as_ref().and_then(|l| l.trace.as_ref()) {
        index.expect(
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
