//! The packet walk inside AWS: route tables, local delivery, internet and NAT gateways and
//! peering connections (`docs/scenario-format.md` F2-F4, F8).
//!
//! A walk is a small state machine: the packet is at a [`Place`], one step moves it (adding
//! hops) to the next place or ends it with an [`Outcome`]. On-prem networks, the VPN gateway
//! and the internet live in `edges`, gateway and interface endpoints in `endpoints`, format
//! 2's security groups and network ACLs in `filters`.

use super::index::Index;
use super::Source;
use crate::catalog;
use crate::docs;
use crate::index::Target;
use crate::kind::Kind;
use crate::model::{EndpointType, Scenario};
use crate::packet::{Packet as Flow, Port};
use crate::peering::Blocked;
use crate::verdict::{Action, Hop, Location, Origin, Reason, RouteMatch};
use std::net::Ipv4Addr;

/// F8 (`docs/scenario-format.md`): more route lookups than this in one direction is a routing loop.
pub(crate) const MAX_LOOKUPS: u32 = 64;
/// A backstop on steps of any kind, so a walk always ends.
const MAX_STEPS: u32 = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Packet {
    pub src: Ipv4Addr,
    pub dst: Ipv4Addr,
}

/// How a packet entered a VPC from outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Via {
    Peering(String),
    Vgw(String),
}

/// Where the packet is between steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// Sent by an interface in this subnet: its route table decides.
    Subnet(String),
    /// Handed into this subnet by a transit gateway attachment (T7): its route table
    /// decides, and the VPC's edge gateways are closed to the packet.
    TgwArrived(String),
    /// Entered this VPC over a peering or from its VPN gateway (F4.3, F5.1).
    Arrived { vpc: String, via: Via },
    /// A reply handed into this VPC by a gateway endpoint (F11): delivered in the VPC.
    Returned { vpc: String },
    /// Came into this on-prem network from AWS (VPN or Direct Connect).
    OnpremArrived { network: String, via_dx: bool },
    /// At this on-prem network's router, to be routed (F6).
    Onprem(String),
    /// On the public internet.
    Internet,
}

/// What a delivered packet reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reached {
    Instance(String),
    OnpremHost(String),
    /// Anything that does not reply in a trace: a service, an internet host, `internet`, ...
    Other(Location),
}

impl Reached {
    pub(crate) fn id(&self) -> &str {
        match self {
            Reached::Instance(id) | Reached::OnpremHost(id) => id,
            Reached::Other(at) => at.as_str(),
        }
    }
    pub(crate) fn location(&self) -> Location {
        match self {
            Reached::Instance(id) => Location::resource(Kind::Instance, id),
            Reached::OnpremHost(id) => Location::resource(Kind::OnpremHost, id),
            Reached::Other(at) => at.clone(),
        }
    }
}

/// How a delivered packet that does not answer by itself (a service, an internet host,
/// `internet`, a customer gateway) was reached, so format 2 can trace its reply (F11).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ReplyAt {
    /// From the internet (an internet gateway, a customer gateway or a NAT gateway's
    /// public address on the way).
    Internet,
    /// Back through this gateway endpoint into its VPC.
    GatewayEndpoint { id: String, vpc: String },
    /// Back from this interface endpoint's network interface.
    InterfaceEndpoint { id: String, ip: Ipv4Addr },
    /// Back over this Direct Connect public virtual interface to its on-prem network.
    PublicVif { id: String, network: String },
}

pub(crate) enum Outcome {
    Delivered(Reached, Packet),
    Dropped(Reason),
}

pub(crate) enum Step {
    Go(Place, Packet),
    Done(Outcome),
}

/// An address translation made on the way out, so the reply can be translated back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Xlate {
    /// The NAT gateway or customer gateway that translated.
    pub at: String,
    pub inside: Ipv4Addr,
    pub outside: Ipv4Addr,
    /// The source port before a NAT gateway translated it (format 2's packet), so the
    /// reply's destination port is translated back too.
    pub inside_port: Option<Port>,
}

/// One direction of a trace.
pub(crate) struct Walk<'a> {
    pub s: &'a Scenario,
    /// Id look-ups and cached route tables, shared by every walk over the scenario.
    pub ix: &'a Index<'a>,
    pub hops: Vec<Hop>,
    pub lookups: u32,
    steps: u32,
    nats_seen: Vec<String>,
    pub conntrack: Vec<Xlate>,
    /// The S3 bucket the request names, for endpoint policies.
    pub bucket: Option<String>,
    /// True for the reply: translations recorded on the way out are undone.
    pub reverse: bool,
    /// Format 2: hops carry ports and filters apply (`docs/scenario-format.md` F9-F12).
    pub f2: bool,
    /// The packet's protocol and ports at this point (a NAT gateway changes the source
    /// port): stamped on every hop in format 2.
    pub flow: Flow,
    /// The packet this walk sent (the trace's `packet` for the request).
    pub sent: Flow,
    /// Format 2: the network interfaces whose security groups allowed the request (F9.3).
    pub tracked: Vec<super::filters::Tracked>,
    /// How a delivered service or internet destination was reached, for its reply.
    pub reply_at: Option<ReplyAt>,
    /// False for a verdict-only walk: no hop is built (see [`push_hop!`]), `hops` stays
    /// empty, and the outcome is the same as when hops are recorded.
    pub record: bool,
}

/// Builds a hop.
pub(crate) fn hop(
    at: impl Into<Location>,
    action: Action,
    src: Option<Ipv4Addr>,
    dst: Option<Ipv4Addr>,
    note: String,
    doc: &str,
) -> Hop {
    Hop {
        at: at.into(),
        action,
        src: src.map(Into::into),
        dst: dst.map(Into::into),
        note,
        routes: Vec::new(),
        doc: Some(doc.to_string()),
        reason: None,
        packet: None,
        rules: Vec::new(),
        site: None,
        tgw: None,
    }
}

pub(crate) trait HopExt {
    fn with_reason(self, r: Reason) -> Hop;
    fn with_routes(self, routes: Vec<RouteMatch>) -> Hop;
    fn with_rules(self, rules: Vec<crate::verdict::FilterRule>) -> Hop;
    fn with_site(self, site: Option<crate::verdict::FilterSite>) -> Hop;
    fn with_tgw(self, t: crate::verdict::TgwTableHop) -> Hop;
}

impl HopExt for Hop {
    fn with_reason(mut self, r: Reason) -> Hop {
        self.reason = Some(r);
        self
    }
    fn with_routes(mut self, routes: Vec<RouteMatch>) -> Hop {
        self.routes = routes;
        self
    }
    fn with_rules(mut self, rules: Vec<crate::verdict::FilterRule>) -> Hop {
        self.rules = rules;
        self
    }
    fn with_tgw(mut self, t: crate::verdict::TgwTableHop) -> Hop {
        self.tgw = Some(Box::new(t));
        self
    }
    fn with_site(mut self, site: Option<crate::verdict::FilterSite>) -> Hop {
        self.site = site.map(Box::new);
        self
    }
}

/// The hop at the source that sends the packet.
pub(crate) fn source_hop(source: &Source, dst: Option<Ipv4Addr>, to: &str) -> Hop {
    let named = match dst {
        Some(d) if d.to_string() != to => format!("{d} ({to})"),
        Some(d) => d.to_string(),
        None => to.to_string(),
    };
    let doc = match source {
        Source::Instance { .. } => docs::ROUTE_TABLES,
        Source::Onprem { .. } => docs::VPN_ROUTING,
        Source::Internet { .. } => docs::INTERNET_GATEWAY,
    };
    hop(
        source.location(),
        Action::Forward,
        Some(source.ip()),
        dst,
        format!(
            "The {} {} ({}) sends a packet to {named}.",
            source.kind(),
            source.id(),
            source.ip()
        ),
        doc,
    )
}

/// The first hop of a reply and where it starts: the instance or on-prem host answers.
pub(crate) fn reply_start(ix: &Index, id: &str, w: &mut Walk, reply: Packet) -> Option<Place> {
    let source = super::Source::find(ix, id)?;
    let at = source.location();
    push_hop!(
        w,
        hop(
            at,
            Action::Forward,
            Some(reply.src),
            Some(reply.dst),
            format!(
            "{id} answers: the reply goes from {} back to {}, the address the request came from.",
            reply.src, reply.dst
        ),
            docs::ROUTE_TABLES,
        )
    );
    match source {
        Source::Instance { subnet, id, .. } => {
            // F9.3: the reply leaves through the groups that admitted the request.
            let eni = w.instance_eni(&id)?;
            if let Some(Step::Done(_)) =
                w.security_groups(eni, crate::index::Direction::Egress, reply)
            {
                return None;
            }
            Some(Place::Subnet(subnet))
        }
        Source::Onprem { network, .. } => Some(Place::Onprem(network)),
        Source::Internet { .. } => Some(Place::Internet),
    }
}

/// True for RFC 1918 and shared (100.64.0.0/10) addresses, which the internet does not route.
pub(crate) fn is_private(ip: Ipv4Addr) -> bool {
    let o = ip.octets();
    o[0] == 10
        || (o[0] == 172 && (16..=31).contains(&o[1]))
        || (o[0] == 192 && o[1] == 168)
        || (o[0] == 100 && (64..=127).contains(&o[1]))
}

impl<'a> Walk<'a> {
    pub(crate) fn new(ix: &'a Index<'a>, reverse: bool, flow: Flow, record: bool) -> Walk<'a> {
        Walk {
            s: ix.s,
            ix,
            hops: Vec::new(),
            lookups: 0,
            steps: 0,
            nats_seen: Vec::new(),
            conntrack: Vec::new(),
            bucket: None,
            reverse,
            f2: ix.filters().is_some(),
            flow,
            sent: flow,
            tracked: Vec::new(),
            reply_at: None,
            record,
        }
    }

    /// Moves the packet until it is delivered or dropped.
    pub(crate) fn run(&mut self, mut place: Place, mut pkt: Packet) -> Outcome {
        loop {
            self.steps += 1;
            if self.steps > MAX_STEPS {
                let at = match &place {
                    Place::Subnet(id) | Place::TgwArrived(id) => {
                        Location::resource(Kind::Subnet, id)
                    }
                    Place::Onprem(id) | Place::OnpremArrived { network: id, .. } => {
                        Location::resource(Kind::OnpremNetwork, id)
                    }
                    Place::Arrived { vpc, .. } | Place::Returned { vpc } => {
                        Location::resource(Kind::Vpc, vpc)
                    }
                    Place::Internet => Location::Internet,
                };
                return match drop_hop!(self, at, pkt, Reason::RoutingLoop, "The packet keeps going round without arriving anywhere, so it is treated as a routing loop.".to_string(), docs::ROUTE_TABLES) {
                    Step::Done(o) => o,
                    Step::Go(..) => Outcome::Dropped(Reason::RoutingLoop),
                };
            }
            let step = match place {
                Place::Subnet(id) => self.in_subnet(&id, pkt, false),
                Place::TgwArrived(id) => self.in_subnet(&id, pkt, true),
                Place::Arrived { vpc, via } => self.arrived(&vpc, &via, pkt),
                Place::Returned { vpc } => self.deliver_in_vpc(&vpc, None, pkt),
                Place::OnpremArrived { network, via_dx } => {
                    self.onprem_arrived(&network, via_dx, pkt)
                }
                Place::Onprem(n) => self.onprem_route(&n, pkt),
                Place::Internet => self.internet(pkt),
            };
            match step {
                Step::Go(p, k) => {
                    place = p;
                    pkt = k;
                }
                Step::Done(o) => return o,
            }
        }
    }

    /// Adds a hop when the walk records them (see [`push_hop!`]); in format 2 it carries
    /// the packet's ports at this point.
    pub(crate) fn push(&mut self, mut h: Hop) {
        if !self.record {
            return;
        }
        if self.f2 {
            h.packet = Some(self.flow);
        }
        self.hops.push(h);
    }

    pub(crate) fn subnet_vpc(&self, subnet: &str) -> Option<&'a str> {
        self.ix.subnet(subnet).map(|x| x.vpc.as_str())
    }

    /// F2: the subnet's route table decides (`from_tgw`: a transit gateway handed the
    /// packet in, T7).
    fn in_subnet(&mut self, subnet_id: &str, pkt: Packet, from_tgw: bool) -> Step {
        let Some(vpc) = self.subnet_vpc(subnet_id) else {
            return drop_hop!(
                self,
                (Kind::Subnet, subnet_id),
                pkt,
                Reason::NoRoute,
                format!("Subnet {subnet_id} is not in this scenario, so no route table applies."),
                docs::ROUTE_TABLES,
            );
        };
        let Some((table_pos, table)) = self.ix.table_for_subnet(subnet_id) else {
            return drop_hop!(self, (Kind::Subnet, subnet_id), pkt, Reason::NoRoute, format!("Subnet {subnet_id} has no route table: it has no explicit association and {vpc} has no main table."), docs::ROUTE_TABLES);
        };
        self.lookups += 1;
        if self.lookups > MAX_LOOKUPS {
            return drop_hop!(self, (Kind::RouteTable, &table.id), pkt, Reason::RoutingLoop, format!("This is route lookup number {}: more than {MAX_LOOKUPS} lookups in one direction means the routes send the packet round in a loop.", self.lookups), docs::ROUTE_TABLES);
        }
        // The winning route decides; every match and why it won are only for the hop.
        let (routes, lookup) = if self.record {
            let (routes, l) = self.ix.lookup(table_pos, pkt.dst);
            (routes, Some(l))
        } else {
            (self.ix.routes(table_pos), None)
        };
        let chosen = match &lookup {
            Some(l) => l.chosen,
            None => self.ix.winner(table_pos, pkt.dst),
        };
        let role = || {
            if table.subnets.iter().any(|x| x == subnet_id) {
                format!("the table associated with {subnet_id}")
            } else {
                format!(
                    "{vpc}'s main table, which {subnet_id} uses as it has no explicit association"
                )
            }
        };
        let Some(route) = chosen.and_then(|i| routes.get(i)) else {
            push_hop!(self,
                hop((Kind::RouteTable, &table.id), Action::Drop, Some(pkt.src), Some(pkt.dst),
                    format!("Route table {} ({}) has no route that matches {}, so the packet is dropped here.", table.id, role(), pkt.dst),
                    docs::ROUTE_TABLES)
                .with_reason(Reason::NoRoute),
            );
            return Step::Done(Outcome::Dropped(Reason::NoRoute));
        };
        if let Some(l) = lookup {
            push_hop!(
                self,
                hop(
                    (Kind::RouteTable, &table.id),
                    Action::Route,
                    Some(pkt.src),
                    Some(pkt.dst),
                    format!(
                        "Route table {} ({}) looks up {}: {}",
                        table.id,
                        role(),
                        pkt.dst,
                        l.explain(routes)
                    ),
                    l.decision.doc(),
                )
                .with_routes(l.route_matches(routes)),
            );
        }
        self.follow(vpc, subnet_id, route.to, route.target(), pkt, from_tgw)
    }

    /// What the chosen route's target does with the packet (F3). Format 2 (F12): the
    /// subnet's egress ACL comes first when the target is outside the subnet (for a local
    /// route, once the address is known to be held, in `deliver_in_vpc`). A packet a
    /// transit gateway handed in (`from_tgw`) may not leave by the VPC's edge (T7).
    fn follow(
        &mut self,
        vpc: &str,
        subnet: &str,
        to: Target,
        target: &str,
        pkt: Packet,
        from_tgw: bool,
    ) -> Step {
        let here = match to {
            Target::Local => true,
            Target::NatGateway(_) => self
                .ix
                .nat_gateway(target)
                .is_some_and(|n| n.subnet == subnet),
            _ => false,
        };
        if !here {
            if let Some(stop) = self.cross(Some(subnet), None, pkt) {
                return stop;
            }
        }
        if from_tgw {
            if let Some(stop) = self.after_tgw(to, target, pkt) {
                return stop;
            }
        }
        match to {
            Target::Local => self.deliver_in_vpc(vpc, Some(subnet), pkt),
            Target::InternetGateway(_) => self.via_igw(vpc, target, pkt),
            Target::NatGateway(_) => self.via_nat(vpc, subnet, target, pkt),
            Target::Peering(_) => self.via_peering(vpc, target, pkt),
            Target::VpnGateway(_) => self.via_vgw(vpc, target, pkt),
            Target::GatewayEndpoint(_) => self.via_gateway_endpoint(vpc, target, pkt),
            Target::TransitGateway(at) => self.via_tgw(vpc, subnet, at, pkt),
        }
    }

    /// `local`: the interface that holds the address (instance, NAT gateway, interface
    /// endpoint). `from` is the subnet the packet leaves (`None`: it enters the VPC from
    /// outside); in format 2 it crosses the ACLs and the interface's security groups first.
    pub(crate) fn deliver_in_vpc(&mut self, vpc: &str, from: Option<&str>, pkt: Packet) -> Step {
        let s = self.s;
        for i in self.ix.instances_at(pkt.dst) {
            if self.subnet_vpc(&i.subnet) == Some(vpc) {
                let eni = self.instance_eni(&i.id);
                if let Some(stop) = self.enter(from, &i.subnet, eni, pkt) {
                    return stop;
                }
                return deliver_hop!(
                    self,
                    Reached::Instance(i.id.clone()),
                    pkt,
                    format!(
                        "Instance {} holds {} in {vpc} and receives the packet from {}.",
                        i.id, pkt.dst, pkt.src
                    ),
                    docs::ROUTE_TABLES,
                );
            }
        }
        for n in &s.nat_gateways {
            if n.private_ip.0 != pkt.dst || self.subnet_vpc(&n.subnet) != Some(vpc) {
                continue;
            }
            if let Some(stop) = self.cross(from, Some(&n.subnet), pkt) {
                return stop;
            }
            let back = self
                .conntrack
                .iter()
                .rev()
                .find(|x| self.reverse && x.at == n.id && x.outside == pkt.dst)
                .cloned();
            return match back {
                Some(x) => {
                    let pkt = Packet { src: pkt.src, dst: x.inside };
                    let port = x.inside_port.filter(|_| self.f2);
                    if let Some(p) = port {
                        self.flow = self.flow.with_dst_port(p);
                    }
                    push_hop!(self, {
                        let port_note = match port {
                            Some(p) => format!(" It also rewrites the destination port back to {p}."),
                            None => String::new(),
                        };
                        hop((Kind::NatGateway, &n.id), Action::Translate, Some(pkt.src), Some(pkt.dst),
                            format!("NAT gateway {} recognises the reply to a connection it translated and rewrites the destination back to {}.{port_note}", n.id, x.inside),
                            docs::NAT_GATEWAY)
                    });
                    Step::Go(Place::Subnet(n.subnet.clone()), pkt)
                }
                None => drop_hop!(self, (Kind::NatGateway, &n.id), pkt, Reason::NoRoute,
                    format!("NAT gateway {} only lets in replies to connections its own VPC started; this packet is not one, so it goes no further.", n.id),
                    docs::NAT_GATEWAY),
            };
        }
        for e in &s.vpc_endpoints {
            if e.kind == EndpointType::Interface
                && e.vpc == vpc
                && e.private_ips.iter().any(|ip| ip.0 == pkt.dst)
            {
                let e = e.clone();
                if let Some((eni, subnet)) = self.endpoint_eni(&e, pkt.dst) {
                    if let Some(stop) = self.enter(from, &subnet, Some(eni), pkt) {
                        return stop;
                    }
                }
                return self.interface_endpoint(&e, pkt);
            }
        }
        let at = s
            .subnets
            .iter()
            .find(|x| x.vpc == vpc && x.cidr.contains(pkt.dst))
            .map(|x| Location::resource(Kind::Subnet, &x.id))
            .unwrap_or_else(|| Location::resource(Kind::Vpc, vpc));
        drop_hop!(self, at, pkt, Reason::NoSuchHost,
            format!("{} is inside {vpc}, but no instance, NAT gateway or interface endpoint there holds that address.", pkt.dst),
            docs::ROUTE_TABLES)
    }

    /// F3.2, internet gateway outbound: the source needs a public IP, which it gets here.
    fn via_igw(&mut self, vpc: &str, igw: &str, pkt: Packet) -> Step {
        let attached = self.ix.internet_gateway(igw).and_then(|g| g.vpc.clone());
        match attached {
            Some(v) if v == vpc => {}
            Some(v) => return drop_hop!(self, (Kind::InternetGateway, igw), pkt, Reason::BlackholeRoute, format!("Internet gateway {igw} is attached to {v}, not {vpc}, so this route is a blackhole."), docs::ROUTE_API),
            None => return drop_hop!(self, (Kind::InternetGateway, igw), pkt, Reason::BlackholeRoute, format!("Internet gateway {igw} is detached from any VPC, so AWS shows the route to it as a blackhole and drops the packet."), docs::ROUTE_API),
        }
        let Some((public, owner)) = self.public_ip_of(vpc, pkt.src) else {
            return drop_hop!(self, (Kind::InternetGateway, igw), pkt, Reason::NoPublicIp, format!("The source {} has no public IP, and an internet gateway only translates addresses that have one, so the packet cannot go out.", pkt.src), docs::INTERNET_GATEWAY);
        };
        let out = Packet {
            src: public,
            dst: pkt.dst,
        };
        push_hop!(self, hop((Kind::InternetGateway, igw), Action::Translate, Some(out.src), Some(out.dst),
            format!("Internet gateway {igw} translates the source from {owner}'s private address {} to its public IP {public} and sends the packet onto the internet.", pkt.src),
            docs::INTERNET_GATEWAY));
        Step::Go(Place::Internet, out)
    }

    /// The public IP that belongs to private address `ip` in `vpc` (instance or NAT gateway).
    fn public_ip_of(&self, vpc: &str, ip: Ipv4Addr) -> Option<(Ipv4Addr, String)> {
        let s = self.s;
        if let Some(i) = self
            .ix
            .instances_at(ip)
            .find(|i| self.subnet_vpc(&i.subnet) == Some(vpc))
        {
            return i.public_ip.map(|p| (p.0, i.id.clone()));
        }
        s.nat_gateways
            .iter()
            .find(|n| n.private_ip.0 == ip && self.subnet_vpc(&n.subnet) == Some(vpc))
            .map(|n| (n.public_ip.0, n.id.clone()))
    }

    /// F3.4, NAT gateway: the source becomes its private address, then its own subnet's
    /// table decides (where its internet gateway gives it the NAT's public IP).
    fn via_nat(&mut self, vpc: &str, from: &str, nat: &str, pkt: Packet) -> Step {
        let Some(n) = self.ix.nat_gateway(nat) else {
            return drop_hop!(
                self,
                (Kind::NatGateway, nat),
                pkt,
                Reason::BlackholeRoute,
                format!("NAT gateway {nat} does not exist, so the route is a blackhole."),
                docs::ROUTE_API,
            );
        };
        if self.subnet_vpc(&n.subnet) != Some(vpc) {
            return drop_hop!(
                self,
                (Kind::NatGateway, nat),
                pkt,
                Reason::BlackholeRoute,
                format!("NAT gateway {nat} is not in {vpc}, so this route is a blackhole."),
                docs::ROUTE_API,
            );
        }
        if self.nats_seen.iter().any(|x| x == nat) {
            return drop_hop!(self, (Kind::NatGateway, nat), pkt, Reason::RoutingLoop, format!("The packet comes back to NAT gateway {nat}: its subnet's routes lead back to itself, a routing loop."), docs::NAT_GATEWAY);
        }
        self.nats_seen.push(nat.to_string());
        // F11: the NAT gateway's subnet is entered (its ingress ACL) unless it is the
        // sender's own subnet, whose egress ACL `follow` checked already.
        if n.subnet != from {
            if let Some(stop) = self.acl(&n.subnet, crate::index::Direction::Ingress, pkt) {
                return stop;
            }
        }
        let out = Packet {
            src: n.private_ip.0,
            dst: pkt.dst,
        };
        let inside_port = self.flow.src_port();
        self.conntrack.push(Xlate {
            at: n.id.clone(),
            inside: pkt.src,
            outside: out.src,
            inside_port,
        });
        // Format 2's packet: the source port is translated too; AWS picks any port in
        // 1024-65535 and the engine shows the lowest (docs/scenario-format.md P4).
        let port = inside_port.filter(|_| self.f2);
        if port.is_some() {
            self.flow = self.flow.with_src_port(Port::NAT_LOWEST);
        }
        push_hop!(self, {
            let port_note = match port {
                Some(p) => format!(" It also replaces the source port {p} with one of its own: AWS picks any port in 1024-65535, shown here as the lowest, {}, so only a network ACL that allows that whole range lets every reply back.", Port::NAT_LOWEST),
                None => String::new(),
            };
            hop((Kind::NatGateway, nat), Action::Translate, Some(out.src), Some(out.dst),
                format!("NAT gateway {nat} replaces the source {} with its own private address {} and forwards by the route table of its subnet {}.{port_note}", pkt.src, out.src, n.subnet),
                docs::NAT_GATEWAY)
        });
        Step::Go(Place::Subnet(n.subnet.clone()), out)
    }

    /// F4: a route to a peering connection.
    fn via_peering(&mut self, vpc: &str, pcx: &str, pkt: Packet) -> Step {
        let s = self.ix;
        let Some(p) = s.peering(pcx) else {
            return drop_hop!(
                self,
                (Kind::Peering, pcx),
                pkt,
                Reason::BlackholeRoute,
                format!("Peering connection {pcx} does not exist, so the route is a blackhole."),
                docs::ROUTE_API,
            );
        };
        let peer = if p.requester == vpc {
            p.accepter.clone()
        } else if p.accepter == vpc {
            p.requester.clone()
        } else {
            return drop_hop!(self, (Kind::Peering, pcx), pkt, Reason::BlackholeRoute, format!("Peering connection {pcx} connects {} and {}, not {vpc}, so this route is a blackhole.", p.requester, p.accepter), docs::ROUTE_API);
        };
        // One rule decides whether a peering carries traffic (crate::peering::blocked).
        let blocked = match (s.vpc(&p.requester), s.vpc(&p.accepter)) {
            (Some(a), Some(b)) => crate::peering::blocked(p, a, b),
            _ => (p.status != crate::model::PeeringStatus::Active)
                .then_some(Blocked::Status(p.status)),
        };
        match blocked {
            Some(Blocked::SelfPeering) => return drop_hop!(self, (Kind::Peering, pcx), pkt, Reason::PeeringNotActive,
                format!("Peering connection {pcx} is failed whatever its stated status: it peers {} with itself, and a peering connection joins two different VPCs, so AWS shows routes to it as blackholes.", p.requester),
                docs::PEERING_INVALID),
            Some(Blocked::Overlap(x, y)) => return drop_hop!(self, (Kind::Peering, pcx), pkt, Reason::PeeringNotActive,
                format!("Peering connection {pcx} is failed whatever its stated status: {} and {} have overlapping CIDR blocks ({x} in {}, {y} in {}), so AWS never activates it and shows routes to it as blackholes.", p.requester, p.accepter, p.requester, p.accepter),
                docs::PEERING_INVALID),
            Some(Blocked::Status(status)) => return drop_hop!(self, (Kind::Peering, pcx), pkt, Reason::PeeringNotActive,
                format!("Peering connection {pcx} is {}: only an active peering forwards traffic, and AWS shows routes to it as blackholes.", status.as_str()),
                docs::PEERING_LIFECYCLE),
            None => {}
        }
        let (Some(a), Some(b)) = (s.vpc(vpc), s.vpc(&peer)) else {
            return drop_hop!(
                self,
                (Kind::Peering, pcx),
                pkt,
                Reason::BlackholeRoute,
                format!("The other side of {pcx} ({peer}) is not in this scenario."),
                docs::ROUTE_API,
            );
        };
        push_hop!(self, {
            let mut extra = String::new();
            if a.region != b.region {
                extra.push_str(&format!(", across Regions ({} to {}: inter-Region peering works, traffic stays on the AWS backbone)", a.region, b.region));
            }
            if a.account != b.account {
                extra.push_str(&format!(
                    ", between accounts {} and {}",
                    a.account, b.account
                ));
            }
            hop(
                (Kind::Peering, pcx),
                Action::Forward,
                Some(pkt.src),
                Some(pkt.dst),
                format!(
                    "Active peering connection {pcx} carries the packet from {vpc} to {peer}{extra}."
                ),
                docs::PEERING_LIFECYCLE,
            )
        });
        Step::Go(
            Place::Arrived {
                vpc: peer,
                via: Via::Peering(pcx.to_string()),
            },
            pkt,
        )
    }

    /// F4.3 and F5.1: a packet that entered a VPC over a peering, VPN or Direct Connect
    /// reaches only the VPC's own CIDRs.
    fn arrived(&mut self, vpc: &str, via: &Via, pkt: Packet) -> Step {
        let s = self.ix;
        let Some(v) = s.vpc(vpc) else {
            return drop_hop!(
                self,
                (Kind::Vpc, vpc),
                pkt,
                Reason::NoRoute,
                format!("{vpc} is not in this scenario."),
                docs::ROUTE_TABLES,
            );
        };
        if v.cidrs.iter().any(|c| c.contains(pkt.dst)) {
            return self.deliver_in_vpc(vpc, None, pkt);
        }
        // What the main table would do, to name why (only considered, never followed).
        let main = s.main_table(vpc);
        let route =
            main.and_then(|(pos, _)| s.winner(pos, pkt.dst).and_then(|i| s.routes(pos).get(i)));
        // No edge-to-edge routing: the one rule is Target::is_edge.
        let edge = route.filter(|r| r.to.is_edge());
        let (reason, doc) = match via {
            Via::Peering(_) if edge.is_some() => (Reason::EdgeToEdge, docs::PEERING_INVALID),
            Via::Peering(_) => (Reason::TransitivePeering, docs::PEERING_INVALID),
            Via::Vgw(_) => (Reason::EdgeToEdge, docs::REACHABILITY_CODES),
        };
        push_hop!(self, {
            let own: Vec<String> = v.cidrs.iter().map(|c| c.to_string()).collect();
            let own = own.join(", ");
            let table_id = match main {
                Some((_, t)) => t.id.clone(),
                None => format!("{vpc}'s main table"),
            };
            let would = match route {
                Some(r) => format!("{table_id} would send it to {}", r.target()),
                None => format!("{table_id} has no route for it anyway"),
            };
            let note = match (via, edge) {
                (Via::Peering(pcx), Some(e)) => format!("{vpc} accepts traffic from peering {pcx} only for its own range ({own}); {} is outside it and {would}, but a peer may not use another VPC's internet gateway, NAT gateway, VPN or gateway endpoint ({}): no edge-to-edge routing.", pkt.dst, e.target()),
                (Via::Peering(pcx), None) => format!("{vpc} accepts traffic from peering {pcx} only for its own range ({own}); {} is outside it ({would}), and VPC peering is not transitive, so the packet is dropped.", pkt.dst),
                (Via::Vgw(g), _) => format!("Traffic that enters {vpc} through {g} (VPN or Direct Connect) reaches only the VPC's own range ({own}); {} is outside it ({would}), and a VPC does not pass such traffic on through another gateway or peering: no edge-to-edge routing.", pkt.dst),
            };
            let matches = main
                .map(|(pos, _)| {
                    let (routes, l) = s.lookup(pos, pkt.dst);
                    l.route_matches(routes)
                })
                .unwrap_or_default();
            hop(
                (Kind::Vpc, vpc),
                Action::Drop,
                Some(pkt.src),
                Some(pkt.dst),
                note,
                doc,
            )
            .with_reason(reason)
            .with_routes(matches)
        });
        Step::Done(Outcome::Dropped(reason))
    }

    /// The catalog entry whose public range holds `ip`, as an endpoint service name.
    pub(crate) fn service_at(ip: Ipv4Addr) -> Option<String> {
        catalog::by_ip(ip).map(|e| e.endpoint_service())
    }

    /// A synthetic route line for notes and hops outside route tables.
    pub(crate) fn line(dest: &str, target: &str, origin: Origin, chosen: bool) -> RouteMatch {
        RouteMatch {
            destination: dest.to_string(),
            prefix: None,
            target: target.to_string(),
            origin,
            chosen,
        }
    }
}
