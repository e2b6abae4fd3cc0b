//! The edges of the VPC: the VPN gateway (`docs/scenario-format.md` F3.7), on-prem networks
//! (F6), Site-to-Site VPN, Direct Connect virtual interfaces, and the public internet.

use super::walk::{
    hop, is_private, HopExt, Outcome, Packet, Place, Reached, Step, Via, Walk, MAX_LOOKUPS,
};
use crate::addr::Cidr;
use crate::docs;
use crate::index::At;
use crate::kind::Kind;
use crate::model::{
    CustomerGateway, DxConnection, DxVirtualInterface, InternetGateway, OnpremNetwork, Scenario,
    VifType, Vpc, VpnConnection, VpnGateway,
};
use crate::verdict::{Action, Location, Origin, Reason};
use crate::vgw::{self, Candidate};
use std::net::Ipv4Addr;

/// A path of a VPN gateway that covers a destination, with the matching prefix and the
/// gateway's id (the choice among them is [`vgw::pick`]).
type PathOpt<'s> = Candidate<'s>;

fn describe(o: &PathOpt) -> String {
    format!(
        "{} {} for {}{}",
        o.path.label(),
        o.path.via,
        o.cidr,
        if o.path.up { "" } else { ", down" }
    )
}

fn alternatives(opts: &[PathOpt], chosen: &PathOpt) -> String {
    let others: Vec<String> = opts
        .iter()
        .filter(|o| o.path.via != chosen.path.via)
        .map(describe)
        .collect();
    if others.is_empty() {
        String::new()
    } else {
        format!(" (it also considered {}: a path that is up wins over one that is down, then the longest prefix, then Direct Connect over VPN static over VPN BGP)", others.join("; "))
    }
}

impl<'a> Walk<'a> {
    /// VPN gateway outbound (`docs/scenario-format.md` F3.7): choose the on-prem path for the
    /// destination.
    pub(crate) fn via_vgw(&mut self, vpc: &str, vgw: &str, pkt: Packet) -> Step {
        let attached = self.ix.vpn_gateway(vgw).and_then(|g| g.vpc.clone());
        match attached {
            Some(v) if v == vpc => {}
            Some(v) => return drop_hop!(self, (Kind::VpnGateway, vgw), pkt, Reason::BlackholeRoute, format!("VPN gateway {vgw} is attached to {v}, not {vpc}, so this route is a blackhole."), docs::ROUTE_API),
            None => return drop_hop!(self, (Kind::VpnGateway, vgw), pkt, Reason::BlackholeRoute, format!("VPN gateway {vgw} is detached from any VPC, so AWS shows the route to it as a blackhole and drops the packet."), docs::ROUTE_API),
        }
        let Some(at) = self.ix.l.index().at::<VpnGateway>(vgw) else {
            return drop_hop!(
                self,
                (Kind::VpnGateway, vgw),
                pkt,
                Reason::BlackholeRoute,
                format!("VPN gateway {vgw} does not exist, so the route is a blackhole."),
                docs::ROUTE_API,
            );
        };
        let opts: Vec<PathOpt> = vgw::paths(self.ix.l, at)
            .into_iter()
            .flat_map(|path| {
                path.cidrs
                    .iter()
                    .filter(|c| c.contains(pkt.dst))
                    .map(move |c| Candidate {
                        path: path.clone(),
                        cidr: *c,
                    })
            })
            .collect();
        let Some(chosen) = vgw::pick(&opts).cloned() else {
            return drop_hop!(self, (Kind::VpnGateway, vgw), pkt, Reason::NoRoute, format!("VPN gateway {vgw} knows no on-premises route for {}: no VPN static route, and no network behind its BGP VPN connections or private VIFs, covers it.", pkt.dst), docs::VPN_ROUTE_PRIORITY);
        };
        push_hop!(
            self,
            hop(
                (Kind::VpnGateway, vgw),
                Action::Forward,
                Some(pkt.src),
                Some(pkt.dst),
                format!(
                    "VPN gateway {vgw} sends the packet over {}{}.",
                    describe(&chosen),
                    alternatives(&opts, &chosen)
                ),
                docs::VPN_ROUTE_PRIORITY,
            )
        );
        if chosen.path.is_dx() {
            self.out_private_vif(chosen.path.via, pkt)
        } else {
            self.out_vpn(chosen.path.via, pkt)
        }
    }

    /// From AWS over a Site-to-Site VPN connection to its customer gateway.
    pub(crate) fn out_vpn(&mut self, vpn: &str, pkt: Packet) -> Step {
        let l = self.ix.l;
        let Some(v) = l.lookup::<VpnConnection>(vpn) else {
            return drop_hop!(
                self,
                (Kind::VpnConnection, vpn),
                pkt,
                Reason::BlackholeRoute,
                format!("VPN connection {vpn} does not exist."),
                docs::VPN_TUNNELS,
            );
        };
        if !v.is_up() {
            return drop_hop!(self, (Kind::VpnConnection, vpn), pkt, Reason::VpnDown, format!("Both IPsec tunnels of VPN connection {vpn} are down, so the packet cannot be sent (propagated routes stay in the route tables whatever the tunnel state)."), docs::VPN_TUNNELS);
        }
        let Some(cgw) = l.lookup::<CustomerGateway>(&v.customer_gateway) else {
            return drop_hop!(
                self,
                (Kind::VpnConnection, vpn),
                pkt,
                Reason::BlackholeRoute,
                format!("VPN connection {vpn} names no known customer gateway."),
                docs::VPN_TUNNELS,
            );
        };
        let tunnel = if v.tunnels[0] == crate::model::TunnelState::Up {
            1
        } else {
            2
        };
        push_hop!(self, hop((Kind::VpnConnection, vpn), Action::Forward, Some(pkt.src), Some(pkt.dst),
            format!("VPN connection {vpn} carries the packet IPsec-encrypted over the internet, from the AWS endpoint of tunnel {tunnel} to customer gateway {} at {}.", cgw.id, cgw.ip),
            docs::VPN_TUNNELS));
        push_hop!(
            self,
            hop(
                (Kind::CustomerGateway, &cgw.id),
                Action::Forward,
                Some(pkt.src),
                Some(pkt.dst),
                format!(
                    "Customer gateway {} decrypts the packet into on-premises network {}.",
                    cgw.id, cgw.network
                ),
                docs::VPN_TUNNELS,
            )
        );
        Step::Go(
            Place::OnpremArrived {
                network: cgw.network.clone(),
                via_dx: false,
            },
            pkt,
        )
    }

    /// From AWS over a Direct Connect private virtual interface.
    fn out_private_vif(&mut self, id: &str, pkt: Packet) -> Step {
        let l = self.ix.l;
        let Some(vif) = l.lookup::<DxVirtualInterface>(id) else {
            return drop_hop!(
                self,
                (Kind::DxVif, id),
                pkt,
                Reason::BlackholeRoute,
                format!("Virtual interface {id} does not exist."),
                docs::DX_VIFS,
            );
        };
        let Some(conn) = l.lookup::<DxConnection>(&vif.connection) else {
            return drop_hop!(
                self,
                (Kind::DxVif, id),
                pkt,
                Reason::BlackholeRoute,
                format!("Virtual interface {id} is on no known Direct Connect connection."),
                docs::DX_VIFS,
            );
        };
        push_hop!(
            self,
            hop(
                (Kind::DxVif, id),
                Action::Forward,
                Some(pkt.src),
                Some(pkt.dst),
                vif_note(id, vif.vlan, &conn.id, conn.location.as_deref()),
                docs::DX_VIFS,
            )
        );
        Step::Go(
            Place::OnpremArrived {
                network: conn.network.clone(),
                via_dx: true,
            },
            pkt,
        )
    }

    /// A packet from AWS reaches an on-prem network.
    pub(crate) fn onprem_arrived(&mut self, network: &str, via_dx: bool, pkt: Packet) -> Step {
        let s = self.s;
        let Some(n) = s.onprem_network(network) else {
            return drop_hop!(
                self,
                (Kind::OnpremNetwork, network),
                pkt,
                Reason::NoRoute,
                format!("On-premises network {network} is not in this scenario."),
                docs::VPN_ROUTING,
            );
        };
        if !n.cidrs.iter().any(|c| c.contains(pkt.dst)) {
            return Step::Go(Place::Onprem(network.to_string()), pkt);
        }
        if via_dx {
            push_hop!(self, hop((Kind::OnpremNetwork, network), Action::Forward, Some(pkt.src), Some(pkt.dst),
                format!("The customer router of {network} receives the packet from Direct Connect; {} is in the network's own range.", pkt.dst),
                docs::DX_ROUTING));
        }
        self.deliver_onprem_host(network, pkt)
    }

    fn deliver_onprem_host(&mut self, network: &str, pkt: Packet) -> Step {
        let host = self
            .s
            .onprem_network(network)
            .and_then(|n| n.hosts.iter().find(|h| h.ip.0 == pkt.dst));
        match host {
            Some(h) => {
                let id = h.id.clone();
                deliver_hop!(
                    self,
                    Reached::OnpremHost(id.clone()),
                    pkt,
                    format!(
                        "On-premises host {id} holds {} and receives the packet from {}.",
                        pkt.dst, pkt.src
                    ),
                    docs::VPN_ROUTING,
                )
            }
            None => drop_hop!(
                self,
                (Kind::OnpremNetwork, network),
                pkt,
                Reason::NoSuchHost,
                format!(
                    "{} is in {network}'s own range, but no listed host has that address.",
                    pkt.dst
                ),
                docs::VPN_ROUTING,
            ),
        }
    }

    /// Routing at an on-prem network (`docs/scenario-format.md` F6).
    pub(crate) fn onprem_route(&mut self, network: &str, pkt: Packet) -> Step {
        let s = self.s;
        let Some(n) = s.onprem_network(network) else {
            return drop_hop!(
                self,
                (Kind::OnpremNetwork, network),
                pkt,
                Reason::NoRoute,
                format!("On-premises network {network} is not in this scenario."),
                docs::VPN_ROUTING,
            );
        };
        self.lookups += 1;
        if self.lookups > MAX_LOOKUPS {
            return drop_hop!(self, (Kind::OnpremNetwork, network), pkt, Reason::RoutingLoop, format!("More than {MAX_LOOKUPS} route lookups in one direction: the routes send the packet round in a loop."), docs::ROUTE_TABLES);
        }
        // Local: the network's own ranges.
        if let Some(c) = n.cidrs.iter().find(|c| c.contains(pkt.dst)) {
            let line = || Walk::line(&c.to_string(), "local", Origin::Local, true);
            let has_host = n.hosts.iter().any(|h| h.ip.0 == pkt.dst);
            if !has_host {
                push_hop!(self, hop((Kind::OnpremNetwork, network), Action::Drop, Some(pkt.src), Some(pkt.dst), format!("{} is in {network}'s own range {c}, but no listed host has that address.", pkt.dst), docs::VPN_ROUTING).with_reason(Reason::NoSuchHost).with_routes(vec![line()]));
                return Step::Done(Outcome::Dropped(Reason::NoSuchHost));
            }
            push_hop!(self, hop((Kind::OnpremNetwork, network), Action::Route, Some(pkt.src), Some(pkt.dst), format!("{} is in {network}'s own range {c}, so it is delivered on the local network.", pkt.dst), docs::VPN_ROUTING).with_routes(vec![line()]));
            return self.deliver_onprem_host(network, pkt);
        }
        // The network's own static routes decide first, whatever BGP learned.
        let own: Vec<_> = n
            .routes
            .iter()
            .filter(|r| r.destination.contains(pkt.dst))
            .collect();
        let mut best: Option<&crate::model::OnpremRoute> = None;
        for r in &own {
            if best.is_none_or(|b| r.destination.prefix_len() > b.destination.prefix_len()) {
                best = Some(r);
            }
        }
        if let Some(b) = best {
            let lines = || {
                own.iter()
                    .map(|r| {
                        Walk::line(
                            &r.destination.to_string(),
                            &r.via,
                            Origin::Static,
                            std::ptr::eq(*r, b),
                        )
                    })
                    .collect()
            };
            push_hop!(self, hop((Kind::OnpremNetwork, network), Action::Route, Some(pkt.src), Some(pkt.dst),
                format!("{network}'s own static route {} via {} decides (the longest of its routes that match), whatever is learned over BGP.", b.destination, b.via),
                docs::VPN_ROUTING).with_routes(lines()));
            let via = b.via.clone();
            return self.onprem_out(network, &via, pkt);
        }
        // Learned: each VPN gateway advertises its own VPC's CIDRs over every VPN and private
        // VIF; a transit gateway, its VPN attachment's route table (T8). The longer prefix
        // wins; at equal length the VPN gateway's.
        let opts = self.onprem_learned(network, pkt.dst);
        let tgw_opts = self.tgw_learned(network, pkt.dst);
        let vgw_best = vgw::pick(&opts).map(|c| c.cidr.prefix_len());
        let tgw_best = tgw_opts.iter().map(|o| o.cidr.prefix_len()).max();
        if tgw_best.is_some_and(|t| vgw_best.is_none_or(|g| t > g)) {
            if let Some(vpn) = self.onprem_tgw_route(network, &tgw_opts, pkt) {
                return self.onprem_out(network, &vpn, pkt);
            }
        }
        if let Some(chosen) = vgw::pick(&opts).cloned() {
            let l = self.ix.l;
            let lines = || {
                opts.iter()
                    .map(|o| {
                        Walk::line(
                            &o.cidr.to_string(),
                            o.path.via,
                            Origin::Propagated,
                            o.path.via == chosen.path.via,
                        )
                    })
                    .collect()
            };
            push_hop!(
                self,
                hop(
                    (Kind::OnpremNetwork, network),
                    Action::Route,
                    Some(pkt.src),
                    Some(pkt.dst),
                    format!(
                        "{network} learned {} from VPN gateway {} and sends the packet over {}{}.",
                        chosen.cidr,
                        l.get(chosen.path.vgw).map(|g| g.id.as_str()).unwrap_or(""),
                        describe(&chosen),
                        alternatives(&opts, &chosen)
                    ),
                    if chosen.path.is_dx() {
                        docs::DX_ROUTING
                    } else {
                        docs::VPN_ROUTE_PRIORITY
                    },
                )
                .with_routes(lines()),
            );
            let via = chosen.path.via;
            return self.onprem_out(network, via, pkt);
        }
        // AWS public ranges: over a Direct Connect public VIF if there is one.
        if let Some(service) = Walk::service_at(pkt.dst) {
            let public_vif = s.dx_virtual_interfaces.iter().find(|v| {
                v.kind == VifType::Public
                    && s.dx_connections
                        .iter()
                        .any(|c| c.id == v.connection && c.network == network)
            });
            if let Some(vif) = public_vif {
                let id = vif.id.clone();
                push_hop!(self, hop((Kind::OnpremNetwork, network), Action::Route, Some(pkt.src), Some(pkt.dst),
                    format!("{} is in {service}'s public range, which {network} learns over Direct Connect public virtual interface {id}.", pkt.dst),
                    docs::DX_VIFS).with_routes(vec![Walk::line(&pkt.dst.to_string(), &id, Origin::Propagated, true)]));
                return self.onprem_out(network, &id, pkt);
            }
        }
        if is_private(pkt.dst) {
            return drop_hop!(self, (Kind::OnpremNetwork, network), pkt, Reason::NoRoute,
                format!("{network} has no route for private address {}: a VPN gateway advertises only its own VPC's CIDRs, never a peered VPC's, so there is no transitive path.", pkt.dst),
                docs::VPN_ROUTE_PRIORITY);
        }
        // Public addresses: the internet, through the customer gateway.
        let Some(cgw) = s.customer_gateways.iter().find(|c| c.network == network) else {
            return drop_hop!(
                self,
                (Kind::OnpremNetwork, network),
                pkt,
                Reason::NoRoute,
                format!(
                    "{network} has no customer gateway, so it has no way to the internet for {}.",
                    pkt.dst
                ),
                docs::VPN_ROUTING,
            );
        };
        let cgw_id = cgw.id.clone();
        let cgw_ip = cgw.ip.0;
        push_hop!(self, hop((Kind::OnpremNetwork, network), Action::Route, Some(pkt.src), Some(pkt.dst),
            format!("{} is a public address, so {network} sends it to the internet through its edge device {cgw_id}.", pkt.dst),
            docs::VPN_ROUTING).with_routes(vec![Walk::line("0.0.0.0/0", &cgw_id, Origin::Static, true)]));
        let out = Packet {
            src: cgw_ip,
            dst: pkt.dst,
        };
        if pkt.src != cgw_ip {
            self.conntrack.push(super::walk::Xlate {
                at: cgw_id.clone(),
                inside: pkt.src,
                outside: cgw_ip,
                inside_port: None,
            });
        }
        push_hop!(self, hop((Kind::CustomerGateway, &cgw_id), Action::Translate, Some(out.src), Some(out.dst),
            format!("Customer gateway {cgw_id} translates the source {} to its public IP {cgw_ip} and sends the packet onto the internet.", pkt.src),
            docs::INTERNET_GATEWAY));
        Step::Go(Place::Internet, out)
    }

    /// On-prem paths to VPCs: every VPN connection and private VIF of this network whose
    /// VPN gateway's VPC range holds `dst`, VPN connections first, each in document order.
    fn onprem_learned(&self, network: &str, dst: Ipv4Addr) -> Vec<PathOpt<'a>> {
        let (s, l) = (self.s, self.ix.l);
        let Some(here) = l.index().at::<OnpremNetwork>(network) else {
            return Vec::new();
        };
        let mut opts = Vec::new();
        for (i, g) in s.vpn_gateways.iter().enumerate() {
            // The VPC blocks holding `dst`: what this gateway advertises that matches.
            let Some(vpc) = g.vpc.as_deref().and_then(|v| l.lookup::<Vpc>(v)) else {
                continue;
            };
            let holders: Vec<Cidr> = vpc
                .cidrs
                .iter()
                .filter(|c| c.contains(dst))
                .copied()
                .collect();
            if holders.is_empty() {
                continue;
            }
            for path in vgw::paths(l, At::new(i)) {
                if path.network() != here {
                    continue;
                }
                for c in &holders {
                    opts.push(Candidate {
                        path: path.clone(),
                        cidr: *c,
                    });
                }
            }
        }
        crate::stable_sort::sort_by_key(&mut opts, |o| o.path.document_order());
        opts
    }

    /// From an on-prem network into AWS over VPN connection or DX virtual interface `via`.
    fn onprem_out(&mut self, network: &str, via: &str, pkt: Packet) -> Step {
        let l = self.ix.l;
        if let Some(v) = l.lookup::<VpnConnection>(via) {
            let cgw = l.lookup::<CustomerGateway>(&v.customer_gateway);
            if let Some(c) = cgw {
                push_hop!(self, hop((Kind::CustomerGateway, &c.id), Action::Forward, Some(pkt.src), Some(pkt.dst),
                    format!("Customer gateway {} ({}) encrypts the packet into an IPsec tunnel of {via}.", c.id, c.ip),
                    docs::VPN_TUNNELS));
            }
            if !v.is_up() {
                return drop_hop!(self, (Kind::VpnConnection, via), pkt, Reason::VpnDown, format!("Both IPsec tunnels of VPN connection {via} are down, so the packet cannot cross it."), docs::VPN_TUNNELS);
            }
            let from = || {
                cgw.map(|c| format!("customer gateway {} at {}", c.id, c.ip))
                    .unwrap_or_else(|| "the customer gateway".into())
            };
            let ix = l.index();
            let on_tgw = ix.at::<VpnConnection>(via).and_then(|at| ix.vpn_tgw(at));
            let (ends, tgw) = match (&v.vpn_gateway, on_tgw) {
                (_, Some(t)) => (
                    self.ix.l.get(t).map(|x| x.id.clone()).unwrap_or_default(),
                    Some(t),
                ),
                (Some(g), None) => (g.clone(), None),
                (None, None) => (String::new(), None),
            };
            push_hop!(self, hop((Kind::VpnConnection, via), Action::Forward, Some(pkt.src), Some(pkt.dst),
                format!("VPN connection {via} carries the packet IPsec-encrypted over the internet, from {} to the AWS endpoint of an up tunnel on {ends}.", from()),
                docs::VPN_TUNNELS));
            // T5: a VPN connection that ends on a transit gateway goes in by its attachment.
            if let Some(t) = tgw {
                return self.enter_tgw_from_vpn(via, t, pkt);
            }
            return self.enter_vpc_from(&ends, pkt);
        }
        if let Some(vif) = l.lookup::<DxVirtualInterface>(via) {
            let conn = l.lookup::<DxConnection>(&vif.connection);
            push_hop!(
                self,
                hop(
                    (Kind::DxVif, via),
                    Action::Forward,
                    Some(pkt.src),
                    Some(pkt.dst),
                    vif_note(
                        via,
                        vif.vlan,
                        &vif.connection,
                        conn.and_then(|c| c.location.as_deref()),
                    ),
                    docs::DX_VIFS,
                )
            );
            return match vif.kind {
                VifType::Private => match vif.vpn_gateway.clone() {
                    Some(g) => self.enter_vpc_from(&g, pkt),
                    None => drop_hop!(self, (Kind::DxVif, via), pkt, Reason::BlackholeRoute, format!("Private virtual interface {via} is attached to no VPN gateway."), docs::DX_VIFS),
                },
                VifType::Public => match Walk::service_at(pkt.dst) {
                    Some(service) => {
                        self.reply_at = Some(super::walk::ReplyAt::PublicVif {
                            id: via.to_string(),
                            network: network.to_string(),
                        });
                        self.deliver_service(&service, pkt, docs::DX_VIFS)
                    }
                    None => drop_hop!(self, (Kind::DxVif, via), pkt, Reason::NoRoute, format!("A public virtual interface reaches only AWS public prefixes, and {} is not one.", pkt.dst), docs::DX_VIFS),
                },
            };
        }
        drop_hop!(self, (Kind::OnpremNetwork, network), pkt, Reason::BlackholeRoute, format!("{network}'s route names {via}, which is not a VPN connection or Direct Connect virtual interface of this scenario."), docs::VPN_ROUTING)
    }

    /// A VPN gateway hands a packet from on-prem to its VPC (`docs/scenario-format.md` F5.1
    /// applies there).
    fn enter_vpc_from(&mut self, vgw: &str, pkt: Packet) -> Step {
        let attached = self.ix.vpn_gateway(vgw).and_then(|g| g.vpc.clone());
        let Some(vpc) = attached else {
            return drop_hop!(self, (Kind::VpnGateway, vgw), pkt, Reason::BlackholeRoute, format!("VPN gateway {vgw} is detached from any VPC, so nothing it receives goes further."), docs::ROUTE_API);
        };
        push_hop!(
            self,
            hop(
                (Kind::VpnGateway, vgw),
                Action::Forward,
                Some(pkt.src),
                Some(pkt.dst),
                format!("VPN gateway {vgw} hands the packet to {vpc}."),
                docs::VPN_ROUTING,
            )
        );
        Step::Go(
            Place::Arrived {
                vpc,
                via: Via::Vgw(vgw.to_string()),
            },
            pkt,
        )
    }

    /// On the public internet.
    pub(crate) fn internet(&mut self, pkt: Packet) -> Step {
        let s = self.s;
        self.reply_at = Some(super::walk::ReplyAt::Internet);
        if is_private(pkt.dst) {
            return drop_hop!(self, Location::Internet, pkt, Reason::NoRoute, format!("{} is a private address (RFC 1918 or 100.64.0.0/10): the internet does not route it.", pkt.dst), docs::INTERNET_GATEWAY);
        }
        if self.reverse {
            let back = self
                .conntrack
                .iter()
                .rev()
                .find(|x| x.outside == pkt.dst && s.customer_gateways.iter().any(|c| c.id == x.at))
                .cloned();
            if let Some(x) = back {
                let network = s
                    .customer_gateways
                    .iter()
                    .find(|c| c.id == x.at)
                    .map(|c| c.network.clone())
                    .unwrap_or_default();
                let back_pkt = Packet {
                    src: pkt.src,
                    dst: x.inside,
                };
                push_hop!(self, hop((Kind::CustomerGateway, &x.at), Action::Translate, Some(back_pkt.src), Some(back_pkt.dst),
                    format!("Customer gateway {} recognises the reply and translates the destination back to {}.", x.at, x.inside),
                    docs::INTERNET_GATEWAY));
                return Step::Go(
                    Place::OnpremArrived {
                        network,
                        via_dx: false,
                    },
                    back_pkt,
                );
            }
        }
        if let Some(h) = s.internet_hosts.iter().find(|h| h.ip.0 == pkt.dst) {
            let id = h.id.clone();
            return deliver_hop!(
                self,
                Reached::Other(Location::resource(Kind::InternetHost, &id)),
                pkt,
                format!(
                    "Internet host {id} ({}) receives the packet from {}.",
                    pkt.dst, pkt.src
                ),
                docs::INTERNET_GATEWAY,
            );
        }
        if let Some(i) = s
            .instances
            .iter()
            .find(|i| i.public_ip.map(|p| p.0) == Some(pkt.dst))
        {
            let vpc = self.subnet_vpc(&i.subnet).unwrap_or("").to_string();
            let Some(igw) = attached_igw(s, &vpc) else {
                return drop_hop!(self, Location::Internet, pkt, Reason::NoRoute, format!("{} is {}'s public IP, but {vpc} has no attached internet gateway to receive it.", pkt.dst, i.id), docs::INTERNET_GATEWAY);
            };
            let inside = Packet {
                src: pkt.src,
                dst: i.private_ip.0,
            };
            push_hop!(self, hop((Kind::InternetGateway, &igw.id), Action::Translate, Some(inside.src), Some(inside.dst),
                format!("Internet gateway {} translates the destination from {}'s public IP {} to its private address {}.", igw.id, i.id, pkt.dst, i.private_ip),
                docs::INTERNET_GATEWAY));
            let eni = self.instance_eni(&i.id);
            if let Some(stop) = self.enter(None, &i.subnet, eni, inside) {
                return stop;
            }
            let id = i.id.clone();
            return deliver_hop!(
                self,
                Reached::Instance(id.clone()),
                inside,
                format!("Instance {id} receives the packet from {}.", inside.src),
                docs::INTERNET_GATEWAY,
            );
        }
        if let Some(n) = s.nat_gateways.iter().find(|n| n.public_ip.0 == pkt.dst) {
            let vpc = self.subnet_vpc(&n.subnet).unwrap_or("").to_string();
            let Some(igw) = attached_igw(s, &vpc) else {
                return drop_hop!(self, Location::Internet, pkt, Reason::NoRoute, format!("{} is NAT gateway {}'s public IP, but {vpc} has no attached internet gateway.", pkt.dst, n.id), docs::NAT_GATEWAY);
            };
            let inside = Packet {
                src: pkt.src,
                dst: n.private_ip.0,
            };
            push_hop!(self, hop((Kind::InternetGateway, &igw.id), Action::Translate, Some(inside.src), Some(inside.dst),
                format!("Internet gateway {} translates the destination from NAT gateway {}'s public IP {} to its private address {}.", igw.id, n.id, pkt.dst, n.private_ip),
                docs::INTERNET_GATEWAY));
            return self.deliver_in_vpc(&vpc, None, inside);
        }
        if let Some(c) = s.customer_gateways.iter().find(|c| c.ip.0 == pkt.dst) {
            let id = c.id.clone();
            return deliver_hop!(
                self,
                Reached::Other(Location::resource(Kind::CustomerGateway, &id)),
                pkt,
                format!("Customer gateway {id} ({}) receives the packet.", pkt.dst),
                docs::VPN_TUNNELS,
            );
        }
        if let Some(service) = Walk::service_at(pkt.dst) {
            return self.deliver_service(&service, pkt, docs::AWS_IP_RANGES);
        }
        deliver_hop!(self, Reached::Other(Location::Internet), pkt,
            format!("{} is a public address outside this scenario: the packet is delivered to the internet.", pkt.dst),
            docs::INTERNET_GATEWAY)
    }
}

fn vif_note(id: &str, vlan: i64, conn: &str, location: Option<&str>) -> String {
    let at = location.map(|l| format!(" at {l}")).unwrap_or_default();
    format!("Direct Connect virtual interface {id} carries the packet on 802.1Q VLAN {vlan} of connection {conn}{at}, a private line rather than the internet.")
}

/// The internet gateway attached to `vpc`, which receives traffic for the VPC's public IPs.
fn attached_igw<'s>(s: &'s Scenario, vpc: &str) -> Option<&'s InternetGateway> {
    s.internet_gateways
        .iter()
        .find(|g| g.vpc.as_deref() == Some(vpc))
}
