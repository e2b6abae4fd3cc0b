//! New resources with sensible defaults: placed in the selected (or first) VPC, subnet or
//! network, with free addresses, so a freshly added resource loads and validates cleanly.

use super::parse::{free_ip, free_public_ip, free_subnet_cidr, free_vpc_cidr};
use super::refs::{fresh_id, Kind};
use vpc_engine::model::*;

/// Where the user is working, used to place a new resource: the selected resource's VPC,
/// subnet or on-prem network when there is one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    pub vpc: Option<String>,
    pub subnet: Option<String>,
    pub network: Option<String>,
    /// The transit gateway of a selected transit gateway, attachment or route table.
    pub tgw: Option<String>,
}

/// The context of a selected id.
pub fn context_of(s: &Scenario, selected: Option<&str>) -> Context {
    let mut c = Context::default();
    let Some(id) = selected else { return c };
    if s.vpc(id).is_some() {
        c.vpc = Some(id.to_string());
    } else if let Some(sn) = s.subnet(id) {
        c.vpc = Some(sn.vpc.clone());
        c.subnet = Some(id.to_string());
    } else if let Some(i) = s.instance(id) {
        c.subnet = Some(i.subnet.clone());
        c.vpc = s.subnet(&i.subnet).map(|x| x.vpc.clone());
    } else if let Some(t) = s.route_table(id) {
        c.vpc = Some(t.vpc.clone());
    } else if let Some(g) = s.security_groups.iter().find(|g| g.id == id) {
        c.vpc = Some(g.vpc.clone());
    } else if let Some(a) = s.network_acls.iter().find(|a| a.id == id) {
        c.vpc = Some(a.vpc.clone());
    } else if s.onprem_network(id).is_some() {
        c.network = Some(id.to_string());
    } else if let Some(g) = super::transit::tgw_of(s, id) {
        c.vpc = super::transit::attachment(s, id).and_then(|a| a.vpc.clone());
        c.tgw = Some(g);
    }
    c
}

fn first_vpc(s: &Scenario, c: &Context) -> Result<String, String> {
    c.vpc
        .clone()
        .or_else(|| s.vpcs.first().map(|v| v.id.clone()))
        .ok_or_else(|| "Add a VPC first.".to_string())
}

fn first_subnet(s: &Scenario, c: &Context) -> Result<String, String> {
    if let Some(sn) = &c.subnet {
        return Ok(sn.clone());
    }
    let vpc = c.vpc.as_deref();
    s.subnets
        .iter()
        .find(|x| vpc.is_none_or(|v| x.vpc == v))
        .or_else(|| s.subnets.first())
        .map(|x| x.id.clone())
        .ok_or_else(|| "Add a subnet first.".to_string())
}

fn first_network(s: &Scenario, c: &Context) -> Result<String, String> {
    c.network
        .clone()
        .or_else(|| s.onprem_networks.first().map(|n| n.id.clone()))
        .ok_or_else(|| "Add an on-premises network first.".to_string())
}

fn first_vgw(s: &Scenario) -> Result<String, String> {
    s.vpn_gateways
        .first()
        .map(|g| g.id.clone())
        .ok_or_else(|| "Add a VPN gateway first.".to_string())
}

/// Adds a new resource of `kind` with defaults; returns the scenario and the new id, or a
/// sentence saying what must exist first.
pub fn add(
    s: &Scenario,
    kind: Kind,
    c: &Context,
    account: &str,
) -> Result<(Scenario, String), String> {
    let id = fresh_id(s, kind.id_prefix());
    match kind {
        Kind::Peering => Err("Request a peering from a VPC's form.".to_string()),
        Kind::Vpc
        | Kind::Subnet
        | Kind::RouteTable
        | Kind::Instance
        | Kind::InternetGateway
        | Kind::NatGateway
        | Kind::GatewayEndpoint
        | Kind::InterfaceEndpoint
        | Kind::VpnGateway => add_in_vpc(s, kind, c, account, id),
        Kind::SecurityGroup | Kind::NetworkAcl => add_filter(s, kind, c, id),
        Kind::TransitGateway | Kind::TgwAttachment | Kind::TgwRouteTable => {
            super::transit::add(s, kind, c, account, id)
        }
        _ => add_at_edge(s, kind, c, id),
    }
}

/// A VPC and what lives in one (or attaches to one), with its defaults.
fn add_in_vpc(
    s: &Scenario,
    kind: Kind,
    c: &Context,
    account: &str,
    id: String,
) -> Result<(Scenario, String), String> {
    let mut out = s.clone();
    match kind {
        Kind::Vpc => {
            let cidr = free_vpc_cidr(s).ok_or("No free 10.x.0.0/16 block is left.")?;
            let region = s
                .vpcs
                .last()
                .map(|v| v.region.clone())
                .unwrap_or_else(|| "us-east-1".to_string());
            out.vpcs.push(Vpc {
                id: id.clone(),
                name: None,
                account: account.to_string(),
                region,
                cidrs: vec![cidr],
            });
            // Every VPC has exactly one main route table, as in AWS.
            let rtb = fresh_id(&out, "rtb");
            out.route_tables.push(RouteTable {
                id: rtb,
                vpc: id.clone(),
                main: true,
                subnets: vec![],
                propagating_gateways: vec![],
                routes: vec![],
                name: None,
            });
        }
        Kind::Subnet => {
            let vpc = first_vpc(s, c)?;
            let cidr = free_subnet_cidr(s, &vpc).ok_or_else(|| {
                format!("{vpc} has no free /24 left: add a secondary CIDR block.")
            })?;
            out.subnets.push(Subnet {
                id: id.clone(),
                vpc,
                az: None,
                cidr,
                name: None,
            });
        }
        Kind::RouteTable => {
            let vpc = first_vpc(s, c)?;
            let main = s.main_table(&vpc).is_none();
            out.route_tables.push(RouteTable {
                id: id.clone(),
                vpc,
                main,
                subnets: vec![],
                propagating_gateways: vec![],
                routes: vec![],
                name: None,
            });
        }
        Kind::Instance => {
            let subnet = first_subnet(s, c)?;
            let ip = free_ip(s, &subnet).ok_or_else(|| format!("{subnet} has no free address."))?;
            out.instances.push(Instance {
                security_groups: Vec::new(),
                id: id.clone(),
                name: None,
                subnet,
                private_ip: ip,
                public_ip: None,
            });
        }
        Kind::InternetGateway => {
            let vpc = first_vpc(s, c).ok();
            out.internet_gateways.push(InternetGateway {
                id: id.clone(),
                vpc,
                name: None,
            });
        }
        Kind::NatGateway => {
            let subnet = first_subnet(s, c)?;
            let ip = free_ip(s, &subnet).ok_or_else(|| format!("{subnet} has no free address."))?;
            out.nat_gateways.push(NatGateway {
                id: id.clone(),
                subnet,
                private_ip: ip,
                public_ip: free_public_ip(s),
                name: None,
            });
        }
        Kind::GatewayEndpoint | Kind::InterfaceEndpoint => {
            let vpc = first_vpc(s, c)?;
            let region = s.vpc(&vpc).map(|v| v.region.clone()).unwrap_or_default();
            out.vpc_endpoints.push(VpcEndpoint {
                security_groups: Vec::new(),
                id: id.clone(),
                vpc,
                kind: EndpointType::Gateway,
                service: format!("com.amazonaws.{region}.s3"),
                route_tables: vec![],
                subnets: vec![],
                private_ips: vec![],
                private_dns: true,
                policy: Policy::Full,
                name: None,
            });
        }
        Kind::VpnGateway => {
            let vpc = first_vpc(s, c).ok();
            out.vpn_gateways.push(VpnGateway {
                id: id.clone(),
                vpc,
                asn: Some(64512),
                name: None,
            });
        }
        _ => return Err(format!("{} is not added with a VPC.", kind.label())),
    }
    Ok((out, id))
}

/// A security group or network ACL (format 2 only) as AWS creates one: a group with no
/// inbound rule and AWS's allow-all outbound rule (N2.4), an ACL with no rule, which denies
/// everything (N5.2), in no subnet yet.
/// <https://docs.aws.amazon.com/vpc/latest/userguide/creating-security-groups.html>
fn add_filter(
    s: &Scenario,
    kind: Kind,
    c: &Context,
    id: String,
) -> Result<(Scenario, String), String> {
    if !s.format.filters() {
        return Err("Upgrade the scenario to format 2 first: format 1 models no filtering.".into());
    }
    let vpc = first_vpc(s, c)?;
    let mut out = s.clone();
    if kind == Kind::SecurityGroup {
        out.security_groups.push(SecurityGroup {
            id: id.clone(),
            vpc,
            name: None,
            default: false,
            ingress: vec![],
            egress: None,
        });
    } else {
        out.network_acls.push(NetworkAcl {
            id: id.clone(),
            vpc,
            name: None,
            default: false,
            subnets: vec![],
            ingress: vec![],
            egress: vec![],
        });
    }
    Ok((out, id))
}

/// What sits outside the VPCs (VPN, Direct Connect, on-premises, the internet), with its
/// defaults.
fn add_at_edge(
    s: &Scenario,
    kind: Kind,
    c: &Context,
    id: String,
) -> Result<(Scenario, String), String> {
    let mut out = s.clone();
    match kind {
        Kind::CustomerGateway => {
            let network = first_network(s, c)?;
            out.customer_gateways.push(CustomerGateway {
                id: id.clone(),
                ip: free_public_ip(s),
                asn: Some(65000),
                network,
                name: None,
            });
        }
        Kind::VpnConnection => {
            let vgw = first_vgw(s)?;
            let cgw = s
                .customer_gateways
                .first()
                .map(|g| g.id.clone())
                .ok_or("Add a customer gateway first.")?;
            out.vpn_connections.push(VpnConnection {
                id: id.clone(),
                vpn_gateway: Some(vgw),
                transit_gateway: None,
                customer_gateway: cgw,
                routing: VpnRouting::Bgp,
                static_routes: vec![],
                tunnels: [TunnelState::Up, TunnelState::Up],
                name: None,
            });
        }
        Kind::DxConnection => {
            let network = first_network(s, c)?;
            out.dx_connections.push(DxConnection {
                id: id.clone(),
                location: None,
                bandwidth: Some("1Gbps".to_string()),
                network,
                name: None,
            });
        }
        Kind::DxVif => {
            let connection = s
                .dx_connections
                .first()
                .map(|d| d.id.clone())
                .ok_or("Add a Direct Connect connection first.")?;
            let used: Vec<i64> = s
                .dx_virtual_interfaces
                .iter()
                .filter(|v| v.connection == connection)
                .map(|v| v.vlan)
                .collect();
            let vlan = (101..4095).find(|v| !used.contains(v)).unwrap_or(101);
            out.dx_virtual_interfaces.push(DxVirtualInterface {
                id: id.clone(),
                connection,
                kind: VifType::Private,
                vlan,
                vpn_gateway: s.vpn_gateways.first().map(|g| g.id.clone()),
                name: None,
            });
        }
        Kind::OnpremNetwork => {
            let n = s.onprem_networks.len() as u8;
            let cidr = format!("192.168.{}.0/24", n.saturating_mul(10))
                .parse()
                .map_err(|_| "No free on-premises block.".to_string())?;
            out.onprem_networks.push(OnpremNetwork {
                id: id.clone(),
                name: None,
                cidrs: vec![cidr],
                hosts: vec![],
                routes: vec![],
            });
        }
        Kind::OnpremHost => {
            let network = first_network(s, c)?;
            let host = fresh_id(s, "host");
            if let Some(n) = out.onprem_networks.iter_mut().find(|n| n.id == network) {
                let base = n.cidrs.first().map(|c| u32::from(c.network())).unwrap_or(0);
                let used: Vec<u32> = n.hosts.iter().map(|h| u32::from(h.ip.addr())).collect();
                let ip = (10..250)
                    .map(|k| base + k)
                    .find(|a| !used.contains(a))
                    .unwrap_or(base + 10);
                n.hosts.push(OnpremHost {
                    id: host.clone(),
                    ip: Ip(ip.into()),
                    name: None,
                });
            }
            return Ok((out, host));
        }
        Kind::InternetHost => {
            out.internet_hosts.push(InternetHost {
                id: id.clone(),
                name: Some(format!("{id}.example.com")),
                ip: "93.184.216.34"
                    .parse()
                    .map_err(|_| "bad default".to_string())?,
            });
        }
        _ => return Err(format!("{} is not added at the edge.", kind.label())),
    }
    Ok((out, id))
}

use vpc_engine::addr::Ip;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn building_from_empty_in_order() {
        let mut s = Scenario::empty();
        let c = Context::default();
        assert_eq!(
            add(&s, Kind::Subnet, &c, "111111111111").unwrap_err(),
            "Add a VPC first."
        );
        let (s1, vpc) = add(&s, Kind::Vpc, &c, "111111111111").unwrap();
        s = s1;
        assert_eq!(vpc, "vpc-1");
        assert_eq!(s.vpcs[0].account, "111111111111");
        assert!(
            s.main_table("vpc-1").is_some(),
            "a VPC comes with its main table"
        );
        let (s1, sn) = add(&s, Kind::Subnet, &c, "111111111111").unwrap();
        s = s1;
        assert_eq!(
            (sn.as_str(), s.subnets[0].cidr.to_string().as_str()),
            ("subnet-1", "10.0.1.0/24")
        );
        let (s1, i) = add(&s, Kind::Instance, &c, "111111111111").unwrap();
        s = s1;
        assert_eq!(s.instance(&i).unwrap().private_ip.to_string(), "10.0.1.10");
        let (s1, _) = add(&s, Kind::Instance, &c, "111111111111").unwrap();
        s = s1;
        assert_eq!(s.instances[1].private_ip.to_string(), "10.0.1.11");
        let (s1, v2) = add(&s, Kind::Vpc, &c, "222222222222").unwrap();
        s = s1;
        assert_eq!(s.vpc(&v2).unwrap().cidrs[0].to_string(), "10.1.0.0/16");
        // A second route table in a VPC that has its main one is not main.
        let (s1, rt) = add(
            &s,
            Kind::RouteTable,
            &context_of(&s, Some("vpc-1")),
            "111111111111",
        )
        .unwrap();
        assert!(!s1.route_table(&rt).unwrap().main);
        // Everything added validates as a document.
        let json = serde_json::to_string(&s1).unwrap();
        assert_eq!(vpc_engine::load(&json).err(), None, "{json}");
    }

    #[test]
    fn every_kind_reports_what_it_needs() {
        let s = Scenario::empty();
        for k in super::super::refs::ADDABLE {
            match add(&s, k, &Context::default(), "111111111111") {
                Ok((s2, id)) => assert!(s2.all_ids().contains(&id.as_str()), "{k:?}"),
                Err(why) => assert!(
                    why.starts_with("Add ") || why.starts_with("Upgrade the scenario to format 2"),
                    "{k:?}: {why}"
                ),
            }
        }
    }

    #[test]
    fn context_follows_selection() {
        let (s, _) = add(
            &Scenario::empty(),
            Kind::Vpc,
            &Context::default(),
            "111111111111",
        )
        .unwrap();
        let (s, sn) = add(&s, Kind::Subnet, &Context::default(), "111111111111").unwrap();
        let (s, i) = add(&s, Kind::Instance, &Context::default(), "111111111111").unwrap();
        let c = context_of(&s, Some(&i));
        assert_eq!(c.subnet.as_deref(), Some(sn.as_str()));
        assert_eq!(c.vpc.as_deref(), Some("vpc-1"));
    }
}
