//! Format 2's transit gateways as pure edits (`docs/scenario-format.md` N8-N11): new
//! transit gateways, attachments and route tables with defaults that load cleanly, an
//! attachment's type switched (the keys of the old type dropped, N9.1), its subnets chosen
//! one per Availability Zone, a route table's associations (one table per transit gateway
//! and attachment) and static routes (no two for one prefix), a peering attachment
//! accepted by the peer's account, and a VPN connection moved between a VPN gateway and a
//! transit gateway with its `vpn` attachment. The forms (`tgw.rs`, `tgw_table.rs`) only
//! call these.
//!
//! AWS: <https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html>.

use super::create::Context;
use super::parse::FieldError;
use super::refs::{fresh_id, remove_ids};
use vpc_engine::addr::Cidr;
use vpc_engine::model::*;

/// Why a transit gateway resource cannot be added.
fn format2(s: &Scenario) -> Result<(), String> {
    if s.format.filters() {
        Ok(())
    } else {
        Err("Upgrade the scenario to format 2 first: format 1 has no transit gateways.".into())
    }
}

pub fn tgw<'a>(s: &'a Scenario, id: &str) -> Option<&'a TransitGateway> {
    s.transit_gateways.iter().find(|g| g.id == id)
}

pub fn attachment<'a>(s: &'a Scenario, id: &str) -> Option<&'a TgwAttachment> {
    s.transit_gateway_attachments.iter().find(|a| a.id == id)
}

pub fn table<'a>(s: &'a Scenario, id: &str) -> Option<&'a TgwRouteTable> {
    s.transit_gateway_route_tables.iter().find(|t| t.id == id)
}

/// The transit gateway a selected id is about: itself, an attachment's or a table's.
pub fn tgw_of(s: &Scenario, id: &str) -> Option<String> {
    if tgw(s, id).is_some() {
        return Some(id.to_string());
    }
    attachment(s, id)
        .map(|a| a.transit_gateway.clone())
        .or_else(|| table(s, id).map(|t| t.transit_gateway.clone()))
}

fn context_tgw(s: &Scenario, c: &Context) -> Result<String, String> {
    c.tgw
        .clone()
        .or_else(|| s.transit_gateways.first().map(|g| g.id.clone()))
        .ok_or_else(|| "Add a transit gateway first.".to_string())
}

/// A VPC's subnets grouped by Availability Zone, zones in the order their first subnet
/// comes: (zone, [(subnet, "subnet (cidr)")]).
pub fn subnets_by_az(s: &Scenario, vpc: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for x in s.subnets.iter().filter(|x| x.vpc == vpc) {
        let az = s.subnet_az(x);
        let entry = (x.id.clone(), format!("{} ({})", x.id, x.cidr));
        match out.iter_mut().find(|(z, _)| *z == az) {
            Some((_, list)) => list.push(entry),
            None => out.push((az, vec![entry])),
        }
    }
    out
}

/// The first subnet of each of the VPC's zones: a new VPC attachment's subnets.
fn one_per_az(s: &Scenario, vpc: &str) -> Vec<String> {
    subnets_by_az(s, vpc)
        .into_iter()
        .filter_map(|(_, list)| list.into_iter().next().map(|(id, _)| id))
        .collect()
}

/// Adds a transit gateway, a transit gateway attachment or a transit gateway route table
/// with its defaults, or says what must exist first.
pub fn add(
    s: &Scenario,
    kind: vpc_engine::Kind,
    c: &Context,
    account: &str,
    id: String,
) -> Result<(Scenario, String), String> {
    use vpc_engine::Kind;
    format2(s)?;
    let mut out = s.clone();
    match kind {
        Kind::TransitGateway => {
            // In the Region of the VPC being worked on, else of the last VPC.
            let region = c
                .vpc
                .as_deref()
                .and_then(|v| s.vpc(v))
                .or(s.vpcs.last())
                .map(|v| v.region.clone())
                .unwrap_or_else(|| "us-east-1".to_string());
            out.transit_gateways.push(TransitGateway {
                id: id.clone(),
                name: None,
                region,
                account: account.to_string(),
                asn: DEFAULT_TGW_ASN,
            });
        }
        Kind::TgwAttachment => {
            let g = context_tgw(s, c)?;
            out.transit_gateway_attachments
                .push(vpc_attachment(s, c, &g, id.clone())?);
        }
        Kind::TgwRouteTable => {
            let g = context_tgw(s, c)?;
            out.transit_gateway_route_tables.push(TgwRouteTable {
                id: id.clone(),
                transit_gateway: g,
                associations: vec![],
                propagations: vec![],
                routes: vec![],
                name: None,
            });
        }
        _ => {
            return Err(format!(
                "{} is not a transit gateway resource.",
                kind.label()
            ))
        }
    }
    Ok((out, id))
}

/// A new VPC attachment of `g`: the VPC being worked on, else the first VPC with a subnet
/// not attached to `g` yet, with the first subnet of each of its zones.
fn vpc_attachment(s: &Scenario, c: &Context, g: &str, id: String) -> Result<TgwAttachment, String> {
    let attached = |v: &str| {
        s.transit_gateway_attachments
            .iter()
            .any(|a| a.transit_gateway == g && a.vpc.as_deref() == Some(v))
    };
    let has_subnet = |v: &str| s.subnets.iter().any(|x| x.vpc == v);
    let vpc = c
        .vpc
        .clone()
        .filter(|v| has_subnet(v))
        .or_else(|| {
            s.vpcs
                .iter()
                .find(|v| has_subnet(&v.id) && !attached(&v.id))
                .or_else(|| s.vpcs.iter().find(|v| has_subnet(&v.id)))
                .map(|v| v.id.clone())
        })
        .ok_or("Add a VPC with a subnet first.")?;
    Ok(TgwAttachment {
        id,
        transit_gateway: g.to_string(),
        kind: AttachmentType::Vpc,
        subnets: one_per_az(s, &vpc),
        vpc: Some(vpc),
        vpn_connection: None,
        peer_transit_gateway: None,
        status: None,
        name: None,
    })
}

fn attachment_mut<'a>(s: &'a mut Scenario, id: &str) -> Result<&'a mut TgwAttachment, FieldError> {
    s.transit_gateway_attachments
        .iter_mut()
        .find(|a| a.id == id)
        .ok_or_else(|| FieldError::new(format!("{id} no longer exists.")))
}

fn table_mut<'a>(s: &'a mut Scenario, id: &str) -> Result<&'a mut TgwRouteTable, FieldError> {
    s.transit_gateway_route_tables
        .iter_mut()
        .find(|t| t.id == id)
        .ok_or_else(|| FieldError::new(format!("{id} no longer exists.")))
}

/// Switches attachment `id` to type `to`: the keys of its old type go (N9.1), the new
/// type's get defaults (a VPC with its subnets, the first VPN connection, another transit
/// gateway pending acceptance), or the switch is refused saying what to add first.
pub fn set_type(s: &mut Scenario, id: &str, to: AttachmentType) -> Result<(), FieldError> {
    let a = attachment(s, id)
        .cloned()
        .ok_or_else(|| FieldError::new(format!("{id} no longer exists.")))?;
    if a.kind == to {
        return Ok(());
    }
    let mut next = TgwAttachment {
        id: a.id.clone(),
        transit_gateway: a.transit_gateway.clone(),
        kind: to,
        vpc: None,
        subnets: vec![],
        vpn_connection: None,
        peer_transit_gateway: None,
        status: None,
        name: a.name.clone(),
    };
    match to {
        AttachmentType::Vpc => {
            let c = Context::default();
            let made =
                vpc_attachment(s, &c, &a.transit_gateway, a.id.clone()).map_err(FieldError::new)?;
            next.vpc = made.vpc;
            next.subnets = made.subnets;
        }
        AttachmentType::Vpn => {
            // A VPN connection on this transit gateway not attached yet, else any.
            let free = |v: &&VpnConnection| {
                !s.transit_gateway_attachments
                    .iter()
                    .any(|x| x.vpn_connection.as_deref() == Some(v.id.as_str()))
            };
            let on_this = |v: &&VpnConnection| {
                v.transit_gateway.as_deref() == Some(a.transit_gateway.as_str())
            };
            let vpn = s
                .vpn_connections
                .iter()
                .find(|v| on_this(v) && free(v))
                .or_else(|| s.vpn_connections.iter().find(free))
                .or_else(|| s.vpn_connections.first())
                .ok_or_else(|| FieldError::new("Add a VPN connection first."))?;
            next.vpn_connection = Some(vpn.id.clone());
        }
        AttachmentType::Peering => {
            let peer = s
                .transit_gateways
                .iter()
                .find(|g| g.id != a.transit_gateway)
                .ok_or_else(|| {
                    FieldError::new("Add a second transit gateway to peer with first.")
                })?;
            next.peer_transit_gateway = Some(peer.id.clone());
            next.status = Some(AttachmentStatus::PendingAcceptance);
        }
    }
    *attachment_mut(s, id)? = next;
    // A VPN attachment names its VPN connection, which ends at this transit gateway (N11.1).
    if let Some(vpn) = s
        .transit_gateway_attachments
        .iter()
        .find(|x| x.id == id)
        .and_then(|x| x.vpn_connection.clone())
    {
        end_vpn_at(s, &vpn, &a.transit_gateway);
    }
    Ok(())
}

/// The VPN connection `vpn` ends at transit gateway `g` (its VPN gateway dropped).
fn end_vpn_at(s: &mut Scenario, vpn: &str, g: &str) {
    if let Some(v) = s.vpn_connections.iter_mut().find(|v| v.id == vpn) {
        v.vpn_gateway = None;
        v.transit_gateway = Some(g.to_string());
    }
}

/// A VPN attachment names VPN connection `vpn` instead, which then ends at the attachment's
/// transit gateway.
pub fn set_vpn_connection(s: &mut Scenario, id: &str, vpn: &str) -> Result<(), FieldError> {
    if !s.vpn_connections.iter().any(|v| v.id == vpn) {
        return Err(FieldError::new("Choose a VPN connection."));
    }
    let a = attachment_mut(s, id)?;
    a.vpn_connection = Some(vpn.to_string());
    let g = a.transit_gateway.clone();
    end_vpn_at(s, vpn, &g);
    Ok(())
}

/// Moves attachment `id` to transit gateway `g`: the old gateway's tables no longer
/// associate, propagate or route to it (they would name another gateway's attachment).
pub fn set_attachment_tgw(s: &mut Scenario, id: &str, g: &str) -> Result<(), FieldError> {
    if tgw(s, g).is_none() {
        return Err(FieldError::new("Choose a transit gateway."));
    }
    let a = attachment_mut(s, id)?;
    let old = std::mem::replace(&mut a.transit_gateway, g.to_string());
    if old == g {
        return Ok(());
    }
    // A VPN connection follows its attachment.
    if let Some(vpn) = a.vpn_connection.clone() {
        end_vpn_at(s, &vpn, g);
    }
    let peer_of = attachment(s, id).and_then(|a| a.peer_transit_gateway.clone());
    for t in s
        .transit_gateway_route_tables
        .iter_mut()
        .filter(|t| t.transit_gateway == old && peer_of.as_deref() != Some(old.as_str()))
    {
        t.associations.retain(|x| x != id);
        t.propagations.retain(|x| x != id);
        t.routes.retain(|r| r.target != id);
    }
    Ok(())
}

/// Sets the VPC of a VPC attachment, with the first subnet of each of its zones.
pub fn set_vpc(s: &mut Scenario, id: &str, vpc: &str) -> Result<(), FieldError> {
    let subnets = one_per_az(s, vpc);
    if subnets.is_empty() {
        return Err(FieldError::new(format!(
            "{vpc} has no subnet: an attachment needs one subnet in each Availability Zone it serves."
        )));
    }
    let a = attachment_mut(s, id)?;
    a.vpc = Some(vpc.to_string());
    a.subnets = subnets;
    Ok(())
}

/// Sets (or clears, `subnet` empty) the attachment's subnet in zone `az`: at most one per
/// zone, at least one in all (AWS: one subnet per Availability Zone).
/// <https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html>
pub fn set_subnet_in_az(
    s: &mut Scenario,
    id: &str,
    az: &str,
    subnet: &str,
) -> Result<(), FieldError> {
    let in_az: Vec<String> = s
        .subnets
        .iter()
        .filter(|x| s.subnet_az(x) == az)
        .map(|x| x.id.clone())
        .collect();
    if !subnet.is_empty() && !in_az.iter().any(|x| x == subnet) {
        return Err(FieldError::new(format!("{subnet} is not in {az}.")));
    }
    let a = attachment_mut(s, id)?;
    let mut next: Vec<String> = Vec::new();
    let mut placed = false;
    for x in &a.subnets {
        if in_az.contains(x) {
            if !subnet.is_empty() && !placed {
                next.push(subnet.to_string());
                placed = true;
            }
        } else {
            next.push(x.clone());
        }
    }
    if !subnet.is_empty() && !placed {
        next.push(subnet.to_string());
    }
    if next.is_empty() {
        return Err(FieldError::new(
            "A VPC attachment needs a subnet in at least one Availability Zone.",
        ));
    }
    a.subnets = next;
    Ok(())
}

/// The peering attachment `id` accepted (or rejected) by `account`: only the peer transit
/// gateway's owner answers a pending request (AWS: the accepter accepts).
/// <https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering.html>
pub fn answer_peering(
    s: &mut Scenario,
    id: &str,
    account: &str,
    accept: bool,
) -> Result<(), FieldError> {
    let a = attachment(s, id).ok_or_else(|| FieldError::new(format!("{id} no longer exists.")))?;
    if a.status() != AttachmentStatus::PendingAcceptance {
        return Err(FieldError::new(format!(
            "{id} is {}: only a pending-acceptance request can be answered.",
            a.status().as_str()
        )));
    }
    let peer = a.peer_transit_gateway.clone().unwrap_or_default();
    let owner = tgw(s, &peer).map(|g| g.account.clone()).unwrap_or_default();
    if owner != account {
        return Err(FieldError::new(format!(
            "Only account {owner}, which owns {peer}, can answer this request: switch “Acting as account” in the header."
        )));
    }
    attachment_mut(s, id)?.status = Some(if accept {
        AttachmentStatus::Available
    } else {
        AttachmentStatus::Rejected
    });
    Ok(())
}

/// The attachments a route table of `g` can associate, propagate or route to: those of
/// `g`, and peering attachments whose peer is `g` (one object joins both sides, N9),
/// as (id, "id — what it joins").
pub fn table_choices(s: &Scenario, g: &str) -> Vec<(String, String)> {
    s.transit_gateway_attachments
        .iter()
        .filter(|a| a.transit_gateway == g || a.peer_transit_gateway.as_deref() == Some(g))
        .map(|a| (a.id.clone(), format!("{} — {}", a.id, joins(a))))
        .collect()
}

/// What an attachment joins, in a few words (`VPC vpc-a`, `VPN vpn-1`, `peering tgw-2`).
pub fn joins(a: &TgwAttachment) -> String {
    match a.kind {
        AttachmentType::Vpc => format!("VPC {}", a.vpc.as_deref().unwrap_or("?")),
        AttachmentType::Vpn => format!("VPN {}", a.vpn_connection.as_deref().unwrap_or("?")),
        AttachmentType::Peering => {
            let peer = a.peer_transit_gateway.as_deref().unwrap_or("?");
            format!("peering {} ↔ {peer}", a.transit_gateway)
        }
    }
}

/// Associates (or not) `att` with table `t`. An attachment has one table per transit
/// gateway: associating it here removes it from the gateway's other tables.
/// <https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html>
pub fn set_association(s: &mut Scenario, t: &str, att: &str, on: bool) -> Result<(), FieldError> {
    let g = table(s, t)
        .map(|x| x.transit_gateway.clone())
        .ok_or_else(|| FieldError::new(format!("{t} no longer exists.")))?;
    for x in s
        .transit_gateway_route_tables
        .iter_mut()
        .filter(|x| x.transit_gateway == g)
    {
        x.associations.retain(|a| a != att);
        if on && x.id == t {
            x.associations.push(att.to_string());
        }
    }
    Ok(())
}

/// Propagates (or not) `att`'s routes into table `t`.
pub fn set_propagation(s: &mut Scenario, t: &str, att: &str, on: bool) -> Result<(), FieldError> {
    let x = table_mut(s, t)?;
    x.propagations.retain(|a| a != att);
    if on {
        x.propagations.push(att.to_string());
    }
    Ok(())
}

/// Refuses a second static route for one prefix (AWS keeps one per destination).
fn no_duplicate(x: &TgwRouteTable, d: Cidr, except: Option<usize>) -> Result<(), FieldError> {
    match x
        .routes
        .iter()
        .enumerate()
        .find(|(i, r)| r.destination == d && Some(*i) != except)
    {
        Some((i, _)) => Err(FieldError::new(format!(
            "Route {} of this table already goes to {d}: a table has one static route per destination.",
            i + 1
        ))),
        None => Ok(()),
    }
}

/// Adds a static route (`target` an attachment id or `blackhole`).
pub fn add_route(s: &mut Scenario, t: &str, d: Cidr, target: &str) -> Result<(), FieldError> {
    if target.is_empty() {
        return Err(FieldError::new(
            "Choose an attachment, or blackhole to drop what matches.",
        ));
    }
    let x = table_mut(s, t)?;
    no_duplicate(x, d, None)?;
    x.routes.push(TgwRoute {
        destination: d,
        target: target.to_string(),
    });
    Ok(())
}

/// Changes the destination of route `i`.
pub fn set_route_destination(
    s: &mut Scenario,
    t: &str,
    i: usize,
    d: Cidr,
) -> Result<(), FieldError> {
    let x = table_mut(s, t)?;
    no_duplicate(x, d, Some(i))?;
    let r = x
        .routes
        .get_mut(i)
        .ok_or_else(|| FieldError::new("This route no longer exists."))?;
    r.destination = d;
    Ok(())
}

/// A transit gateway's Amazon-side ASN: empty for AWS's default (64512), else a private
/// ASN, 64512-65534 or 4200000000-4294967294.
/// <https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html>
pub fn tgw_asn(text: &str) -> Result<u32, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(DEFAULT_TGW_ASN);
    }
    match t.parse::<u32>() {
        Ok(n) if (64512..=65534).contains(&n) || (4_200_000_000..=4_294_967_294).contains(&n) => {
            Ok(n)
        }
        _ => Err(FieldError::new(format!(
            "{t:?} is not a transit gateway ASN: a private ASN, 64512 to 65534 or 4200000000 to 4294967294."
        ))),
    }
}

/// Where a VPN connection ends, as its form chooses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VpnEnd {
    VpnGateway(String),
    TransitGateway(String),
}

/// Moves VPN connection `vpn` to end at `end`. On a transit gateway it carries traffic
/// through that gateway's `vpn` attachment naming it (N11.1): one is added when there is
/// none, and its attachments on other transit gateways (which would carry nothing) go, as
/// they do when it moves to a VPN gateway. Returns the attachment added, if any.
/// <https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpn-attachments.html>
pub fn set_vpn_end(s: &mut Scenario, vpn: &str, end: VpnEnd) -> Result<Option<String>, FieldError> {
    let keep_on = match &end {
        VpnEnd::TransitGateway(g) => Some(g.clone()),
        VpnEnd::VpnGateway(_) => None,
    };
    let stale: Vec<String> = s
        .transit_gateway_attachments
        .iter()
        .filter(|a| a.vpn_connection.as_deref() == Some(vpn))
        .filter(|a| keep_on.as_deref() != Some(a.transit_gateway.as_str()))
        .map(|a| a.id.clone())
        .collect();
    if !stale.is_empty() {
        *s = remove_ids(s, &stale);
    }
    let v = s
        .vpn_connections
        .iter_mut()
        .find(|v| v.id == vpn)
        .ok_or_else(|| FieldError::new(format!("{vpn} no longer exists.")))?;
    match end {
        VpnEnd::VpnGateway(g) => {
            v.vpn_gateway = Some(g);
            v.transit_gateway = None;
            Ok(None)
        }
        VpnEnd::TransitGateway(g) => {
            v.vpn_gateway = None;
            v.transit_gateway = Some(g.clone());
            let has = s
                .transit_gateway_attachments
                .iter()
                .any(|a| a.transit_gateway == g && a.vpn_connection.as_deref() == Some(vpn));
            if has {
                return Ok(None);
            }
            let id = fresh_id(s, "tgw-attach");
            s.transit_gateway_attachments.push(TgwAttachment {
                id: id.clone(),
                transit_gateway: g,
                kind: AttachmentType::Vpn,
                vpc: None,
                subnets: vec![],
                vpn_connection: Some(vpn.to_string()),
                peer_transit_gateway: None,
                status: None,
                name: None,
            });
            Ok(Some(id))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::refs::{delete, delete_cascade, dependents, refs};
    use super::*;
    use vpc_engine::Kind;

    /// Three VPCs (A with subnets in two zones), a customer gateway and a VPN on a VPN
    /// gateway, format 2.
    fn three() -> Scenario {
        serde_json::from_str(
            r#"{"format":"vpc-playground/2",
            "vpcs":[{"id":"vpc-a","account":"111111111111","region":"us-east-1","cidrs":["10.0.0.0/16"]},
                    {"id":"vpc-b","account":"111111111111","region":"us-east-1","cidrs":["10.1.0.0/16"]},
                    {"id":"vpc-c","account":"222222222222","region":"us-east-1","cidrs":["10.2.0.0/16"]}],
            "subnets":[{"id":"subnet-a1","vpc":"vpc-a","az":"us-east-1a","cidr":"10.0.1.0/24"},
                       {"id":"subnet-a2","vpc":"vpc-a","az":"us-east-1a","cidr":"10.0.2.0/24"},
                       {"id":"subnet-a3","vpc":"vpc-a","az":"us-east-1b","cidr":"10.0.3.0/24"},
                       {"id":"subnet-b1","vpc":"vpc-b","cidr":"10.1.1.0/24"},
                       {"id":"subnet-c1","vpc":"vpc-c","cidr":"10.2.1.0/24"}],
            "route_tables":[{"id":"rtb-a","vpc":"vpc-a","main":true}],
            "vpn_gateways":[{"id":"vgw-1","vpc":"vpc-a"}],
            "onprem_networks":[{"id":"hq","cidrs":["192.168.0.0/16"]}],
            "customer_gateways":[{"id":"cgw-1","ip":"203.0.113.1","network":"hq"}],
            "vpn_connections":[{"id":"vpn-1","vpn_gateway":"vgw-1","customer_gateway":"cgw-1","routing":"bgp"}]}"#,
        )
        .unwrap()
    }

    fn loads(s: &Scenario) {
        let json = serde_json::to_string(s).unwrap();
        assert_eq!(vpc_engine::load(&json).err(), None, "{json}");
    }

    fn added(s: &Scenario, kind: Kind, c: &Context) -> (Scenario, String) {
        let id = fresh_id(s, kind.id_prefix());
        add(s, kind, c, "111111111111", id).unwrap()
    }

    /// [`hub`] with a static route in tgw-rtb-1 to tgw-attach-2 (10.9.0.0/16).
    fn hub_routing_to_attach_2() -> Scenario {
        let mut s = hub();
        add_route(
            &mut s,
            "tgw-rtb-1",
            "10.9.0.0/16".parse().unwrap(),
            "tgw-attach-2",
        )
        .unwrap();
        s
    }

    /// A hub: tgw-1 with an attachment per VPC and one table associating and propagating all.
    fn hub() -> Scenario {
        let mut s = three();
        let c = Context::default();
        (s, _) = added(&s, Kind::TransitGateway, &c);
        for v in ["vpc-a", "vpc-b", "vpc-c"] {
            let c = Context {
                vpc: Some(v.into()),
                ..Context::default()
            };
            (s, _) = added(&s, Kind::TgwAttachment, &c);
        }
        (s, _) = added(&s, Kind::TgwRouteTable, &c);
        for a in ["tgw-attach-1", "tgw-attach-2", "tgw-attach-3"] {
            set_association(&mut s, "tgw-rtb-1", a, true).unwrap();
            set_propagation(&mut s, "tgw-rtb-1", a, true).unwrap();
        }
        s
    }

    #[test]
    fn an_attachment_moved_to_another_gateway_leaves_the_old_tables() {
        let mut s = hub_routing_to_attach_2();
        (s, _) = added(&s, Kind::TransitGateway, &Context::default());
        set_attachment_tgw(&mut s, "tgw-attach-2", "tgw-2").unwrap();
        let t = table(&s, "tgw-rtb-1").unwrap();
        assert_eq!(t.associations, ["tgw-attach-1", "tgw-attach-3"]);
        assert_eq!(t.propagations, ["tgw-attach-1", "tgw-attach-3"]);
        assert!(t.routes.is_empty());
        assert!(set_attachment_tgw(&mut s, "tgw-attach-2", "nope").is_err());
        loads(&s);
    }

    #[test]
    fn deleting_an_attachment_s_last_subnet_takes_the_attachment() {
        let s = hub();
        // subnet-a1 goes, subnet-a3 stays: the attachment keeps one.
        assert_eq!(dependents(&s, "subnet-a1"), Vec::<String>::new());
        let after = delete(&s, "subnet-a1").unwrap();
        assert_eq!(
            attachment(&after, "tgw-attach-1").unwrap().subnets,
            ["subnet-a3"]
        );
        loads(&after);
        // subnet-b1 is tgw-attach-2's only subnet.
        assert_eq!(dependents(&s, "subnet-b1"), ["tgw-attach-2"]);
        let after = delete_cascade(&s, "subnet-b1");
        assert!(attachment(&after, "tgw-attach-2").is_none());
        loads(&after);
    }

    #[test]
    fn asns() {
        assert_eq!(tgw_asn(" ").unwrap(), 64512);
        assert_eq!(tgw_asn("65000").unwrap(), 65000);
        assert_eq!(tgw_asn("4200000001").unwrap(), 4_200_000_001);
        for bad in ["7224", "65535", "x", "-1"] {
            assert!(
                tgw_asn(bad).unwrap_err().message.contains("private ASN"),
                "{bad}"
            );
        }
    }

    #[test]
    fn format_1_offers_the_upgrade() {
        let mut s = three();
        s.format = Format::V1;
        s.vpn_connections.clear();
        let err = add(
            &s,
            Kind::TransitGateway,
            &Context::default(),
            "1",
            "tgw-1".into(),
        );
        assert!(err
            .unwrap_err()
            .starts_with("Upgrade the scenario to format 2"));
    }

    #[test]
    fn a_hub_built_from_defaults_loads() {
        let s = three();
        assert_eq!(
            add(
                &s,
                Kind::TgwAttachment,
                &Context::default(),
                "1",
                "x".into()
            )
            .unwrap_err(),
            "Add a transit gateway first."
        );
        let s = hub();
        loads(&s);
        assert_eq!(s.transit_gateways[0].region, "us-east-1");
        let vpcs: Vec<_> = s
            .transit_gateway_attachments
            .iter()
            .map(|a| a.vpc.clone().unwrap())
            .collect();
        assert_eq!(vpcs, ["vpc-a", "vpc-b", "vpc-c"]);
        // One subnet per zone: A's first subnet of 1a and its subnet of 1b.
        assert_eq!(
            s.transit_gateway_attachments[0].subnets,
            ["subnet-a1", "subnet-a3"]
        );
        // With no VPC chosen, the next VPC not attached yet.
        let (s2, _) = added(&s, Kind::TgwAttachment, &Context::default());
        assert_eq!(
            s2.transit_gateway_attachments[3].vpc.as_deref(),
            Some("vpc-a")
        );
        let mut fresh = three();
        (fresh, _) = added(&fresh, Kind::TransitGateway, &Context::default());
        (fresh, _) = added(&fresh, Kind::TgwAttachment, &Context::default());
        (fresh, _) = added(&fresh, Kind::TgwAttachment, &Context::default());
        assert_eq!(
            fresh.transit_gateway_attachments[1].vpc.as_deref(),
            Some("vpc-b")
        );
    }

    #[test]
    fn subnets_one_per_zone_at_least_one() {
        let mut s = hub();
        let a = "tgw-attach-1";
        set_subnet_in_az(&mut s, a, "us-east-1a", "subnet-a2").unwrap();
        assert_eq!(
            attachment(&s, a).unwrap().subnets,
            ["subnet-a2", "subnet-a3"]
        );
        set_subnet_in_az(&mut s, a, "us-east-1b", "").unwrap();
        assert_eq!(attachment(&s, a).unwrap().subnets, ["subnet-a2"]);
        let e = set_subnet_in_az(&mut s, a, "us-east-1a", "").unwrap_err();
        assert!(e.message.contains("at least one"), "{}", e.message);
        let e = set_subnet_in_az(&mut s, a, "us-east-1b", "subnet-a1").unwrap_err();
        assert_eq!(e.message, "subnet-a1 is not in us-east-1b.");
        set_subnet_in_az(&mut s, a, "us-east-1b", "subnet-a3").unwrap();
        assert_eq!(
            attachment(&s, a).unwrap().subnets,
            ["subnet-a2", "subnet-a3"]
        );
        set_vpc(&mut s, a, "vpc-b").unwrap();
        assert_eq!(attachment(&s, a).unwrap().subnets, ["subnet-b1"]);
        loads(&s);
    }

    #[test]
    fn associations_move_between_tables_of_one_gateway() {
        let mut s = hub();
        (s, _) = added(&s, Kind::TgwRouteTable, &Context::default());
        set_association(&mut s, "tgw-rtb-2", "tgw-attach-2", true).unwrap();
        assert_eq!(
            table(&s, "tgw-rtb-1").unwrap().associations,
            ["tgw-attach-1", "tgw-attach-3"]
        );
        assert_eq!(
            table(&s, "tgw-rtb-2").unwrap().associations,
            ["tgw-attach-2"]
        );
        set_association(&mut s, "tgw-rtb-2", "tgw-attach-2", false).unwrap();
        assert!(table(&s, "tgw-rtb-2").unwrap().associations.is_empty());
        set_propagation(&mut s, "tgw-rtb-1", "tgw-attach-2", false).unwrap();
        assert_eq!(
            table(&s, "tgw-rtb-1").unwrap().propagations,
            ["tgw-attach-1", "tgw-attach-3"]
        );
        loads(&s);
    }

    #[test]
    fn routes_refuse_a_second_one_for_a_prefix() {
        let mut s = hub();
        let d: Cidr = "10.9.0.0/16".parse().unwrap();
        add_route(&mut s, "tgw-rtb-1", d, BLACKHOLE).unwrap();
        add_route(
            &mut s,
            "tgw-rtb-1",
            "10.8.0.0/16".parse().unwrap(),
            "tgw-attach-2",
        )
        .unwrap();
        let e = add_route(&mut s, "tgw-rtb-1", d, "tgw-attach-1").unwrap_err();
        assert!(e
            .message
            .starts_with("Route 1 of this table already goes to 10.9.0.0/16"));
        let e = set_route_destination(&mut s, "tgw-rtb-1", 1, d).unwrap_err();
        assert!(e.message.starts_with("Route 1 "), "{}", e.message);
        // A route keeps its own destination.
        set_route_destination(&mut s, "tgw-rtb-1", 0, d).unwrap();
        assert!(add_route(&mut s, "tgw-rtb-1", "10.7.0.0/16".parse().unwrap(), "").is_err());
        loads(&s);
    }

    #[test]
    fn switching_type_drops_the_old_keys() {
        let mut s = hub();
        let a = "tgw-attach-3";
        let e = set_type(&mut s, a, AttachmentType::Peering).unwrap_err();
        assert!(e.message.starts_with("Add a second transit gateway"));
        set_type(&mut s, a, AttachmentType::Vpn).unwrap();
        let x = attachment(&s, a).unwrap();
        assert_eq!((x.vpc.as_ref(), x.subnets.len()), (None, 0));
        assert_eq!(x.vpn_connection.as_deref(), Some("vpn-1"));
        // The VPN connection now ends at the transit gateway.
        assert_eq!(
            s.vpn_connections[0].transit_gateway.as_deref(),
            Some("tgw-1")
        );
        assert_eq!(s.vpn_connections[0].vpn_gateway, None);
        loads(&s);
        (s, _) = added(&s, Kind::TransitGateway, &Context::default());
        set_type(&mut s, a, AttachmentType::Peering).unwrap();
        let x = attachment(&s, a).unwrap();
        assert_eq!(x.peer_transit_gateway.as_deref(), Some("tgw-2"));
        assert_eq!(x.status(), AttachmentStatus::PendingAcceptance);
        assert_eq!(x.vpn_connection, None);
        set_type(&mut s, a, AttachmentType::Vpc).unwrap();
        assert_eq!(attachment(&s, a).unwrap().status, None);
        // The VPN connection keeps its end; it simply has no attachment now (a finding).
        s.vpn_connections.clear();
        loads(&s);
    }

    #[test]
    fn the_peer_s_account_accepts() {
        let mut s = hub();
        let (s2, g2) = add(
            &s,
            Kind::TransitGateway,
            &Context::default(),
            "222222222222",
            "tgw-2".into(),
        )
        .unwrap();
        s = s2;
        set_type(&mut s, "tgw-attach-3", AttachmentType::Peering).unwrap();
        assert_eq!(g2, "tgw-2");
        let e = answer_peering(&mut s, "tgw-attach-3", "111111111111", true).unwrap_err();
        assert!(e
            .message
            .starts_with("Only account 222222222222, which owns tgw-2"));
        answer_peering(&mut s, "tgw-attach-3", "222222222222", true).unwrap();
        assert_eq!(
            attachment(&s, "tgw-attach-3").unwrap().status(),
            AttachmentStatus::Available
        );
        let e = answer_peering(&mut s, "tgw-attach-3", "222222222222", false).unwrap_err();
        assert!(e.message.contains("is available"));
        // The peering shows in the other side's tables' choices too.
        let (s3, _) = added(
            &s,
            Kind::TgwRouteTable,
            &Context {
                tgw: Some("tgw-2".into()),
                ..Context::default()
            },
        );
        assert_eq!(
            table_choices(&s3, "tgw-2"),
            [(
                "tgw-attach-3".to_string(),
                "tgw-attach-3 — peering tgw-1 ↔ tgw-2".to_string()
            )]
        );
        loads(&s3);
    }

    #[test]
    fn a_vpn_moves_to_a_transit_gateway_with_its_attachment_and_back() {
        let mut s = hub();
        let added = set_vpn_end(&mut s, "vpn-1", VpnEnd::TransitGateway("tgw-1".into())).unwrap();
        assert_eq!(added.as_deref(), Some("tgw-attach-4"));
        assert_eq!(joins(attachment(&s, "tgw-attach-4").unwrap()), "VPN vpn-1");
        loads(&s);
        // Again: the attachment is there already.
        assert_eq!(
            set_vpn_end(&mut s, "vpn-1", VpnEnd::TransitGateway("tgw-1".into())).unwrap(),
            None
        );
        set_association(&mut s, "tgw-rtb-1", "tgw-attach-4", true).unwrap();
        set_vpn_end(&mut s, "vpn-1", VpnEnd::VpnGateway("vgw-1".into())).unwrap();
        assert!(attachment(&s, "tgw-attach-4").is_none());
        assert!(!table(&s, "tgw-rtb-1")
            .unwrap()
            .associations
            .contains(&"tgw-attach-4".to_string()));
        loads(&s);
    }

    #[test]
    fn deleting_a_transit_gateway_takes_its_attachments_and_tables() {
        let mut s = hub();
        set_vpn_end(&mut s, "vpn-1", VpnEnd::TransitGateway("tgw-1".into())).unwrap();
        add_route(
            &mut s,
            "tgw-rtb-1",
            "10.9.0.0/16".parse().unwrap(),
            BLACKHOLE,
        )
        .unwrap();
        // A VPC route to the transit gateway is a list entry: it goes with it.
        s.route_tables[0].routes.push(Route {
            destination: "10.1.0.0/16".parse().unwrap(),
            target: "tgw-1".into(),
        });
        loads(&s);
        assert!(delete(&s, "tgw-1").is_err());
        assert_eq!(
            dependents(&s, "tgw-1"),
            [
                "vpn-1",
                "tgw-attach-1",
                "tgw-attach-2",
                "tgw-attach-3",
                "tgw-attach-4",
                "tgw-rtb-1"
            ]
        );
        let after = delete_cascade(&s, "tgw-1");
        assert!(after.transit_gateways.is_empty());
        assert!(after.transit_gateway_attachments.is_empty());
        assert!(after.transit_gateway_route_tables.is_empty());
        assert!(after.route_tables[0].routes.is_empty());
        loads(&after);
        let ids: Vec<&str> = after.all_ids();
        for r in refs(&after) {
            assert!(ids.contains(&r.target.as_str()), "dangling {r:?}");
        }
        // Deleting an attachment removes it from the table's lists and routes.
        let s = hub_routing_to_attach_2();
        let after = delete(&s, "tgw-attach-2").unwrap();
        let t = table(&after, "tgw-rtb-1").unwrap();
        assert_eq!(t.associations, ["tgw-attach-1", "tgw-attach-3"]);
        assert!(t.routes.is_empty());
        loads(&after);
    }
}
