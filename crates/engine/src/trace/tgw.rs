//! Transit gateways in the walk (`docs/scenario-format.md` T5-T9): into a transit gateway
//! from a VPC route (the attachment with a subnet in the sender's Availability Zone), the
//! route table associated with the attachment the packet came in by (every matching route,
//! the winner), and out by the winning route's attachment: into a VPC (routed by the
//! attachment subnet's table, where only what starts inside the VPC may use its edge
//! gateways), over a VPN to on-premises, or over a peering attachment to the other transit
//! gateway's table. Also what on-premises learns over a VPN attachment (T8).
//!
//! A transit gateway has no hop of its own (T5): the attachment and the route table are
//! what a learner looks at. Each route-table lookup counts toward the loop limit (F8), so a
//! packet sent round between transit gateways and VPCs always ends. The reply walks back
//! through the same steps (T9), so asymmetric transit gateway routing shows as
//! `NO_RETURN_ROUTE` on the return hops.
//!
//! AWS: <https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html>.

use super::index::Learned;
use super::walk::{hop, HopExt, Outcome, Packet, Place, Step, Walk, MAX_LOOKUPS};
use crate::docs;
use crate::index::{At, Attached, Direction, Listed, Target, TgwEntry};
use crate::kind::Kind;
use crate::model::{
    AttachmentStatus, TgwAttachment, TgwRouteTable, TransitGateway, Vpc, VpnConnection,
};
use crate::tgw_routing::TgwHop;
use crate::verdict::{Action, Location, Origin, Reason, RouteMatch};
use std::net::Ipv4Addr;

impl<'a> Walk<'a> {
    /// The id of a resource the index handed out.
    fn id_of<T: Listed>(&self, at: At<T>) -> &'a str {
        self.ix.l.get(at).map(|x| x.id()).unwrap_or_default()
    }

    /// T5: a VPC route from subnet `from` of `vpc` names transit gateway `tgw`. The packet
    /// enters by the first VPC attachment of `tgw` in `vpc` with a subnet in `from`'s
    /// Availability Zone (none: T5.1 `BLACKHOLE_ROUTE`; none in that zone: T5.2
    /// `TGW_NO_ATTACHMENT_IN_AZ`), whose subnet's network ACL (inbound) it meets first.
    /// <https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html>
    pub(crate) fn via_tgw(
        &mut self,
        vpc: &str,
        from: &str,
        tgw: At<TransitGateway>,
        pkt: Packet,
    ) -> Step {
        let ix = self.ix.l.index();
        let tgw_id = self.id_of(tgw);
        let az = self
            .ix
            .subnet(from)
            .map(|x| self.s.subnet_az(x))
            .unwrap_or_default();
        let entry = match ix.at::<Vpc>(vpc) {
            Some(v) => ix.tgw_entry(v, tgw, &az),
            None => TgwEntry::NotAttached,
        };
        let (att, subnet) = match entry {
            TgwEntry::Via { attachment, subnet } => (attachment, self.id_of(subnet)),
            TgwEntry::NotAttached => return drop_hop!(self, (Kind::TransitGateway, tgw_id), pkt, Reason::BlackholeRoute,
                format!("{vpc} has no attachment to transit gateway {tgw_id}, so the route to it is a blackhole: a VPC reaches a transit gateway only through an attachment of its own."),
                docs::TGW_VPC_ATTACHMENTS),
            TgwEntry::NoSubnetInAz(first) => {
                let id = self.id_of(first);
                return drop_hop!(self, (Kind::TgwAttachment, id), pkt, Reason::TgwNoAttachmentInAz,
                    format!("{from} is in {az}, but attachment {id} of {vpc} to {tgw_id} has no subnet in {az}: resources in an Availability Zone without an attachment subnet cannot reach the transit gateway."),
                    docs::TGW_VPC_ATTACHMENTS);
            }
        };
        // F11.6: into the transit gateway the attachment subnet's inbound rules are evaluated
        // too, even when it is the sender's own subnet (`follow` met its outbound ones).
        // <https://docs.aws.amazon.com/vpc/latest/tgw/tgw-nacls.html>
        if let Some(stop) = self.acl(subnet, Direction::Ingress, pkt) {
            return stop;
        }
        if ix.tgw_association(att, tgw).is_none() {
            return self.no_table(att, tgw, pkt);
        }
        let att_id = self.id_of(att);
        push_hop!(self, hop((Kind::TgwAttachment, att_id), Action::Forward, Some(pkt.src), Some(pkt.dst),
            format!("Attachment {att_id} takes the packet from {vpc} into transit gateway {tgw_id} through its network interface in {subnet} ({az}, the sender's Availability Zone)."),
            docs::TGW_VPC_ATTACHMENTS));
        self.through_tgw(tgw, att, Some(az), pkt)
    }

    /// T6-T7: the packet came into `tgw` by attachment `att` (in Availability Zone `az`,
    /// `None` from a VPN or another Region): the route table associated with `att` on that
    /// side decides, then the winning attachment takes it out. Over a peering attachment the
    /// other transit gateway's table associated with it decides next, in the same loop.
    pub(crate) fn through_tgw(
        &mut self,
        mut tgw: At<TransitGateway>,
        mut att: At<TgwAttachment>,
        mut az: Option<String>,
        pkt: Packet,
    ) -> Step {
        let ix = self.ix.l.index();
        loop {
            let att_id = self.id_of(att);
            let tgw_id = self.id_of(tgw);
            let Some(table) = ix.tgw_association(att, tgw) else {
                return self.no_table(att, tgw, pkt);
            };
            let exit = match self.tgw_table_hop(table, att_id, tgw_id, pkt) {
                Ok(exit) => exit,
                Err(stop) => return stop,
            };
            let Some(a) = ix.tgw_attachment(exit) else {
                return drop_hop!(self, (Kind::TransitGateway, tgw_id), pkt, Reason::BlackholeRoute, format!("The route names an attachment that is not in this scenario, so {tgw_id} drops the packet."), docs::TGW_ROUTE_TABLES);
            };
            match a.attached {
                Attached::Vpc(vpc) => return self.out_to_vpc(exit, vpc, az.as_deref(), pkt),
                Attached::Vpn { vpn, .. } => return self.out_to_vpn(exit, vpn, a.carries, pkt),
                Attached::Peering(_) => {
                    let peer = a.sides().into_iter().flatten().find(|&t| t != tgw);
                    tgw = match self.over_peering(exit, tgw, peer.filter(|_| a.carries), pkt) {
                        Ok(peer) => peer,
                        Err(stop) => return stop,
                    };
                    att = exit;
                    az = None;
                }
            }
        }
    }

    /// T5.3: an attachment with no route table associated on `tgw`'s side drops what it
    /// takes in: one drop hop at the attachment, `NO_ROUTE`.
    fn no_table(&mut self, att: At<TgwAttachment>, tgw: At<TransitGateway>, pkt: Packet) -> Step {
        let (att_id, tgw_id) = (self.id_of(att), self.id_of(tgw));
        let step = drop_hop!(self, (Kind::TgwAttachment, att_id), pkt, Reason::NoRoute,
            format!("Attachment {att_id} has no route table on {tgw_id}: a transit gateway routes what an attachment brings in only by the route table associated with it, so the packet goes no further."),
            docs::TGW_ROUTE_TABLES);
        if let Some(h) = self.hops.last_mut() {
            h.tgw = Some(Box::new(crate::verdict::TgwTableHop {
                origins: Vec::new(),
                decision: crate::tgw_routing::TgwDecision::NoMatch,
                missing: vec![crate::verdict::TgwMissing::NotAssociated {
                    attachment: att_id.to_string(),
                }],
            }));
        }
        step
    }

    /// T6.4-T6.5: the route table hop, every matching route shown and the winner marked;
    /// the winning attachment, or the drop (no match, a blackhole, F8's loop limit).
    fn tgw_table_hop(
        &mut self,
        table: At<TgwRouteTable>,
        att_id: &str,
        tgw_id: &str,
        pkt: Packet,
    ) -> Result<At<TgwAttachment>, Step> {
        let table_id = self.id_of(table);
        let at = || Location::resource(Kind::TgwRouteTable, table_id);
        self.lookups += 1;
        if self.lookups > MAX_LOOKUPS {
            let n = self.lookups;
            return Err(drop_hop!(self, at(), pkt, Reason::RoutingLoop, format!("This is route lookup number {n}: more than {MAX_LOOKUPS} lookups in one direction means the routes send the packet round in a loop."), docs::TGW_ROUTE_TABLES));
        }
        // The winner decides; every match, why it won and what is missing are for the hop.
        let found = self.record.then(|| self.ix.tgw_lookup(table, pkt.dst));
        let winner = match &found {
            Some(f) => f.winner,
            None => self.ix.tgw_winner(table, pkt.dst),
        };
        let role = || format!("associated with {att_id}, by which the packet came in");
        let reason = match winner {
            Some(TgwHop::Attachment(exit)) => {
                if let Some(found) = found {
                    push_hop!(
                        self,
                        hop(
                            at(),
                            Action::Route,
                            Some(pkt.src),
                            Some(pkt.dst),
                            format!(
                                "Transit gateway route table {table_id} ({}) looks up {}: {}",
                                role(),
                                pkt.dst,
                                found.why
                            ),
                            docs::TGW_ROUTE_TABLES
                        )
                        .with_routes(found.lines)
                        .with_tgw(found.typed),
                    );
                }
                return Ok(exit);
            }
            Some(TgwHop::Blackhole) => Reason::BlackholeRoute,
            None => Reason::NoRoute,
        };
        if let Some(found) = found {
            let note = match reason {
                Reason::BlackholeRoute => format!("Transit gateway route table {table_id} ({}) looks up {}: {} The route is a blackhole, so {tgw_id} drops the packet.", role(), pkt.dst, found.why),
                _ => format!("Transit gateway route table {table_id} ({}) has no route that matches {}, so {tgw_id} drops the packet.", role(), pkt.dst),
            };
            push_hop!(
                self,
                hop(
                    at(),
                    Action::Drop,
                    Some(pkt.src),
                    Some(pkt.dst),
                    note,
                    docs::TGW_ROUTE_TABLES,
                )
                .with_reason(reason)
                .with_routes(found.lines)
                .with_tgw(found.typed),
            );
        }
        Err(Step::Done(Outcome::Dropped(reason)))
    }

    /// T7.1: out by VPC attachment `att` into `vpc`. The packet enters the VPC at the
    /// attachment's subnet in Availability Zone `az` if it has one, else its first subnet,
    /// and that subnet's route table decides (`Place::TgwArrived`).
    fn out_to_vpc(
        &mut self,
        att: At<TgwAttachment>,
        vpc: At<Vpc>,
        az: Option<&str>,
        pkt: Packet,
    ) -> Step {
        let ix = self.ix.l.index();
        let (att_id, vpc_id) = (self.id_of(att), self.id_of(vpc));
        let Some(subnet) = ix.tgw_exit_subnet(att, az) else {
            return drop_hop!(
                self,
                (Kind::TgwAttachment, att_id),
                pkt,
                Reason::NoRoute,
                format!("Attachment {att_id} has no subnet of {vpc_id} to deliver into."),
                docs::TGW_VPC_ATTACHMENTS,
            );
        };
        let subnet = self.id_of(subnet);
        push_hop!(self, {
            let in_az = az.filter(|z| {
                ix.tgw_attachment(att)
                    .and_then(|a| a.subnet_in(z))
                    .is_some()
            });
            let why = match (az, in_az) {
                (_, Some(z)) => format!("its subnet in {z}, the Availability Zone where the packet entered the transit gateway"),
                (Some(z), None) => format!("its first subnet, as it has none in {z}"),
                (None, None) => "its first subnet, as the packet did not come from a VPC of this Region".to_string(),
            };
            hop((Kind::TgwAttachment, att_id), Action::Forward, Some(pkt.src), Some(pkt.dst),
                format!("Attachment {att_id} hands the packet to {vpc_id} at {subnet} ({why}); that subnet's route table decides where it goes in the VPC."),
                docs::TGW_VPC_ATTACHMENTS)
        });
        Step::Go(Place::TgwArrived(subnet.to_string()), pkt)
    }

    /// T7.2: out by VPN attachment `att`: the VPN connection, its customer gateway, then
    /// on-premises, with format 1's tunnel rules. An attachment that does not carry the VPN
    /// (`TGW_VPN_ATTACHMENT`) sends nothing over it.
    fn out_to_vpn(
        &mut self,
        att: At<TgwAttachment>,
        vpn: At<VpnConnection>,
        carries: bool,
        pkt: Packet,
    ) -> Step {
        let (att_id, vpn_id) = (self.id_of(att), self.id_of(vpn));
        push_hop!(
            self,
            hop(
                (Kind::TgwAttachment, att_id),
                Action::Forward,
                Some(pkt.src),
                Some(pkt.dst),
                format!("Attachment {att_id} hands the packet to VPN connection {vpn_id}."),
                docs::TGW_VPN_ATTACHMENTS,
            )
        );
        if !carries {
            return drop_hop!(self, (Kind::VpnConnection, vpn_id), pkt, Reason::NoRoute,
                format!("VPN connection {vpn_id} does not end on this attachment's transit gateway (or another attachment carries it), so {att_id} sends nothing over it."),
                docs::TGW_VPN_ATTACHMENTS);
        }
        self.out_vpn(vpn_id, pkt)
    }

    /// T7.3: out by peering attachment `att` to `peer`, the other transit gateway, which it
    /// returns; the drop when the attachment does not forward (not `available`, or
    /// `peer` is `None`: it peers its transit gateway with itself).
    fn over_peering(
        &mut self,
        att: At<TgwAttachment>,
        tgw: At<TransitGateway>,
        peer: Option<At<TransitGateway>>,
        pkt: Packet,
    ) -> Result<At<TransitGateway>, Step> {
        let l = self.ix.l;
        let att_id = self.id_of(att);
        let status = l
            .get(att)
            .map(|a| a.status())
            .unwrap_or(AttachmentStatus::Available);
        if status != AttachmentStatus::Available {
            return Err(drop_hop!(self, (Kind::TgwAttachment, att_id), pkt, Reason::AttachmentNotAvailable,
                format!("Peering attachment {att_id} is {}: only an available peering attachment forwards traffic (the other side must accept the request first).", status.as_str()),
                docs::TGW_PEERING));
        }
        let Some(peer) = peer else {
            return Err(drop_hop!(self, (Kind::TgwAttachment, att_id), pkt, Reason::NoRoute,
                format!("Peering attachment {att_id} joins its transit gateway with itself, so it carries nothing."),
                docs::TGW_PEERING));
        };
        push_hop!(self, {
            let words = match (l.get(tgw), l.get(peer)) {
                (Some(x), Some(y)) if x.region != y.region => format!(
                    "from {} ({}) to {} ({}), across Regions on the AWS backbone",
                    x.id, x.region, y.id, y.region
                ),
                (Some(x), Some(y)) => format!("from {} to {}", x.id, y.id),
                _ => "to the other transit gateway".to_string(),
            };
            hop(
                (Kind::TgwAttachment, att_id),
                Action::Forward,
                Some(pkt.src),
                Some(pkt.dst),
                format!("Peering attachment {att_id} carries the packet {words}; the route table associated with it there decides next (peering attachments carry static routes only)."),
                docs::TGW_PEERING,
            )
        });
        Ok(peer)
    }

    /// T5 from on-premises: VPN connection `vpn` ends on transit gateway `tgw`; the packet
    /// goes in by the attachment that carries it.
    pub(crate) fn enter_tgw_from_vpn(
        &mut self,
        vpn: &str,
        tgw: At<TransitGateway>,
        pkt: Packet,
    ) -> Step {
        let ix = self.ix.l.index();
        let tgw_id = self.id_of(tgw);
        let att = ix
            .at::<VpnConnection>(vpn)
            .and_then(|v| ix.vpn_tgw_attachment(v));
        let Some(att) = att else {
            return drop_hop!(self, (Kind::VpnConnection, vpn), pkt, Reason::NoRoute,
                format!("VPN connection {vpn} ends on {tgw_id}, but no VPN attachment of {tgw_id} names it, so it carries nothing."),
                docs::TGW_VPN_ATTACHMENTS);
        };
        if ix.tgw_association(att, tgw).is_none() {
            return self.no_table(att, tgw, pkt);
        }
        let att_id = self.id_of(att);
        push_hop!(self, hop(
            (Kind::TgwAttachment, att_id),
            Action::Forward,
            Some(pkt.src),
            Some(pkt.dst),
            format!("Attachment {att_id} takes the packet from VPN connection {vpn} into transit gateway {tgw_id}."),
            docs::TGW_VPN_ATTACHMENTS,
        ));
        self.through_tgw(tgw, att, None, pkt)
    }

    /// T7.1: in a VPC that a transit gateway delivered into, the attachment subnet's route
    /// table may send the packet on to a NAT gateway (centralized egress), back into a
    /// transit gateway, or deliver it locally; not out through the VPC's internet gateway
    /// (the source has no public IP here) nor its peering, gateway endpoint or VPN gateway
    /// (the source is outside the VPC: no edge-to-edge routing). `None`: it may go on.
    pub(crate) fn after_tgw(&mut self, to: Target, target: &str, pkt: Packet) -> Option<Step> {
        let (kind, reason, note, doc) = match to {
            Target::InternetGateway(_) => (Kind::InternetGateway, Reason::NoPublicIp,
                format!("The packet came from a transit gateway with source {}, an address with no public IP in this VPC, and an internet gateway only translates addresses that have one (send it to a NAT gateway instead).", pkt.src),
                docs::TGW_CENTRALIZED_EGRESS),
            Target::Peering(_) => (Kind::Peering, Reason::EdgeToEdge,
                format!("The packet came from a transit gateway with source {}, outside this VPC: a peering connection carries only traffic that starts or ends in the VPC's own range, so there is no edge-to-edge routing.", pkt.src),
                docs::PEERING_INVALID),
            Target::VpnGateway(_) => (Kind::VpnGateway, Reason::EdgeToEdge,
                format!("The packet came from a transit gateway with source {}, outside this VPC: a VPN gateway sends on only traffic from the VPC itself (no edge-to-edge routing; attach the VPN to the transit gateway instead).", pkt.src),
                docs::REACHABILITY_CODES),
            Target::GatewayEndpoint(_) => (Kind::GatewayEndpoint, Reason::EdgeToEdge,
                format!("The packet came from a transit gateway with source {}, outside this VPC: a gateway endpoint serves only the VPC's own resources, not traffic from a transit gateway.", pkt.src),
                docs::GATEWAY_ENDPOINT_S3),
            _ => return None,
        };
        Some(drop_hop!(self, (kind, target), pkt, reason, note, doc))
    }

    /// T8: what on-premises network `network` learned over transit gateway VPN attachments
    /// that holds `dst`: every route of the table associated with the attachment, except
    /// blackholes and routes to that same attachment. In document order of the VPN
    /// connections, each table's routes in its order.
    pub(crate) fn tgw_learned(&self, network: &str, dst: Ipv4Addr) -> Vec<Learned> {
        self.ix
            .tgw_learned(network)
            .into_iter()
            .filter(|x| x.cidr.contains(dst))
            .collect()
    }

    /// T8: the on-prem routing hop for a route learned over a transit gateway VPN, and the
    /// VPN connection it goes over (the longest prefix; the first at equal length).
    pub(crate) fn onprem_tgw_route(
        &mut self,
        network: &str,
        opts: &[Learned],
        pkt: Packet,
    ) -> Option<String> {
        let best = opts
            .iter()
            .enumerate()
            .max_by_key(|(i, o)| (o.cidr.prefix_len(), std::cmp::Reverse(*i)))
            .map(|(i, _)| i)?;
        let chosen = opts.get(best)?.clone();
        let lines = || -> Vec<RouteMatch> {
            opts.iter()
                .enumerate()
                .map(|(i, o)| {
                    Walk::line(&o.cidr.to_string(), &o.vpn, Origin::Propagated, i == best)
                })
                .collect()
        };
        push_hop!(self, hop((Kind::OnpremNetwork, network), Action::Route, Some(pkt.src), Some(pkt.dst),
            format!("{network} learned {} over VPN connection {} from its transit gateway, which advertises every route of the route table associated with the VPN's attachment (not only one VPC's range), and sends the packet over it (the longest prefix wins).", chosen.cidr, chosen.vpn),
            docs::TGW_VPN_ATTACHMENTS).with_routes(lines()));
        Some(chosen.vpn)
    }
}
