//! Format 2's transit gateways, resolved once by `load/tgw.rs` (`docs/scenario-format.md`
//! N8-N11, T5-T9): what each attachment joins and its subnets per Availability Zone, the
//! route table associated with each attachment on each side, each table's associations,
//! propagations and static route targets, each VPC's attachments and each VPN
//! connection's transit gateway and attachment. The trace, the route table computation
//! (`tgw_routing.rs`) and validation read these handles and never work out again what an
//! id names.

use super::{At, Index};
use crate::model::{
    OnpremNetwork, Subnet, TgwAttachment, TgwRouteTable, TransitGateway, Vpc, VpnConnection,
};

/// What an attachment joins to its transit gateway, resolved (N9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attached {
    /// A VPC, through the attachment's subnets ([`AttachmentIx::subnets`]).
    Vpc(At<Vpc>),
    /// A Site-to-Site VPN connection, with the on-premises network behind its customer
    /// gateway.
    Vpn {
        vpn: At<VpnConnection>,
        network: At<OnpremNetwork>,
    },
    /// Another transit gateway (T7: static routes only).
    Peering(At<TransitGateway>),
}

/// One attachment resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentIx {
    /// The transit gateway it belongs to (a peering attachment: the one it was created on).
    pub tgw: At<TransitGateway>,
    pub attached: Attached,
    /// A VPC attachment's subnets of its own VPC, in written order, each with its
    /// Availability Zone (a subnet of another VPC is left out: `SUBNET_OTHER_VPC`, N12).
    pub subnets: Vec<(At<Subnet>, Box<str>)>,
    /// Whether it carries traffic at all: a VPN attachment only when it is the one
    /// attachment of the VPN's own transit gateway that names the VPN (`TGW_VPN_ATTACHMENT`),
    /// a peering attachment only when its peer is another transit gateway
    /// (`TGW_PEERING_SELF`). Its state (`available`) is the trace's to check (T7).
    pub carries: bool,
}

impl AttachmentIx {
    /// The transit gateways it joins: its own, and a peering attachment's peer.
    pub fn sides(&self) -> [Option<At<TransitGateway>>; 2] {
        match self.attached {
            Attached::Peering(peer) => [Some(self.tgw), Some(peer)],
            _ => [Some(self.tgw), None],
        }
    }
    /// Whether it is an attachment of `tgw` (either side of a peering attachment).
    pub fn touches(&self, tgw: At<TransitGateway>) -> bool {
        self.sides().contains(&Some(tgw))
    }
    /// Its subnet in `az`, if it has one.
    pub fn subnet_in(&self, az: &str) -> Option<At<Subnet>> {
        self.subnets
            .iter()
            .find(|(_, a)| &**a == az)
            .map(|(s, _)| *s)
    }
}

/// A transit gateway static route's target, resolved (N10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TgwTarget {
    /// `"blackhole"`: matching packets are dropped.
    Blackhole,
    /// An attachment (of this table's transit gateway, or of another one: a
    /// `TGW_ATTACHMENT_OTHER_TGW` finding, and such a route is a blackhole).
    Attachment(At<TgwAttachment>),
}

/// How a packet a VPC route sends to a transit gateway enters it (T5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TgwEntry {
    /// The VPC has no VPC attachment of that transit gateway (`BLACKHOLE_ROUTE`).
    NotAttached,
    /// The VPC is attached (this is its first attachment, in document order), but with no
    /// subnet in the sending subnet's Availability Zone (`TGW_NO_ATTACHMENT_IN_AZ`).
    NoSubnetInAz(At<TgwAttachment>),
    /// Through this attachment, whose network interface sits in this subnet.
    Via {
        attachment: At<TgwAttachment>,
        subnet: At<Subnet>,
    },
}

/// Everything about transit gateways that `load` resolved; empty in format 1.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tgws {
    /// Per attachment.
    pub(crate) attachments: Vec<AttachmentIx>,
    /// Per attachment: the table associated with it on each side (`[own, peer]`): the
    /// first table of that side's transit gateway that lists it (T5).
    pub(crate) association: Vec<[Option<At<TgwRouteTable>>; 2]>,
    /// Per route table: its transit gateway.
    pub(crate) table_tgw: Vec<At<TransitGateway>>,
    /// Per route table: its associations, as written, resolved.
    pub(crate) associations: Vec<Vec<At<TgwAttachment>>>,
    /// Per route table: its propagations, as written, resolved.
    pub(crate) propagations: Vec<Vec<At<TgwAttachment>>>,
    /// Per route table, per static route: its target.
    pub(crate) targets: Vec<Vec<TgwTarget>>,
    /// Per transit gateway: its attachments, peering attachments of both sides included,
    /// in document order.
    pub(crate) tgw_attachments: Vec<Vec<At<TgwAttachment>>>,
    /// Per transit gateway: its route tables, in document order.
    pub(crate) tgw_tables: Vec<Vec<At<TgwRouteTable>>>,
    /// Per VPC: its VPC attachments, in document order.
    pub(crate) vpc_attachments: Vec<Vec<At<TgwAttachment>>>,
    /// Per VPN connection: the transit gateway it ends on (N11.1).
    pub(crate) vpn_tgw: Vec<Option<At<TransitGateway>>>,
    /// Per VPN connection: the attachment that carries it (N11.1).
    pub(crate) vpn_attachment: Vec<Option<At<TgwAttachment>>>,
}

fn slice<T>(v: &[Vec<T>], i: usize) -> &[T] {
    v.get(i).map(Vec::as_slice).unwrap_or_default()
}

impl Index {
    /// An attachment resolved.
    pub fn tgw_attachment(&self, at: At<TgwAttachment>) -> Option<&AttachmentIx> {
        self.tgw.attachments.get(at.pos())
    }
    /// The route table associated with `attachment` on `tgw`'s side (a peering attachment
    /// has one on each side): the first of that transit gateway's tables listing it.
    pub fn tgw_association(
        &self,
        attachment: At<TgwAttachment>,
        tgw: At<TransitGateway>,
    ) -> Option<At<TgwRouteTable>> {
        let a = self.tgw_attachment(attachment)?;
        let [own, peer] = self.tgw.association.get(attachment.pos())?;
        match a.sides() {
            [Some(t), _] if t == tgw => *own,
            [_, Some(t)] if t == tgw => *peer,
            _ => None,
        }
    }
    /// The transit gateway of a transit gateway route table.
    pub fn tgw_table_tgw(&self, table: At<TgwRouteTable>) -> Option<At<TransitGateway>> {
        self.tgw.table_tgw.get(table.pos()).copied()
    }
    /// A table's associations, as written (an attachment of another transit gateway
    /// included, though it is associated elsewhere).
    pub fn tgw_associations(&self, table: At<TgwRouteTable>) -> &[At<TgwAttachment>] {
        slice(&self.tgw.associations, table.pos())
    }
    /// A table's propagations, as written.
    pub fn tgw_propagations(&self, table: At<TgwRouteTable>) -> &[At<TgwAttachment>] {
        slice(&self.tgw.propagations, table.pos())
    }
    /// The target of static route `route` of `table`.
    pub fn tgw_target(&self, table: At<TgwRouteTable>, route: usize) -> Option<TgwTarget> {
        self.tgw.targets.get(table.pos())?.get(route).copied()
    }
    /// A transit gateway's attachments (both sides of peering attachments), in document
    /// order.
    pub fn tgw_attachments(&self, tgw: At<TransitGateway>) -> &[At<TgwAttachment>] {
        slice(&self.tgw.tgw_attachments, tgw.pos())
    }
    /// A transit gateway's route tables, in document order.
    pub fn tgw_tables(&self, tgw: At<TransitGateway>) -> &[At<TgwRouteTable>] {
        slice(&self.tgw.tgw_tables, tgw.pos())
    }
    /// A VPC's VPC attachments (of every transit gateway), in document order.
    pub fn vpc_tgw_attachments(&self, vpc: At<Vpc>) -> &[At<TgwAttachment>] {
        slice(&self.tgw.vpc_attachments, vpc.pos())
    }
    /// How a packet from a subnet of `vpc` in `az` enters `tgw` (T5): the first of the
    /// VPC's attachments of `tgw`, in document order, with a subnet in that zone.
    pub fn tgw_entry(&self, vpc: At<Vpc>, tgw: At<TransitGateway>, az: &str) -> TgwEntry {
        let mut first = None;
        for &at in self.vpc_tgw_attachments(vpc) {
            let Some(a) = self.tgw_attachment(at).filter(|a| a.tgw == tgw) else {
                continue;
            };
            if let Some(subnet) = a.subnet_in(az) {
                return TgwEntry::Via {
                    attachment: at,
                    subnet,
                };
            }
            first.get_or_insert(at);
        }
        match first {
            Some(at) => TgwEntry::NoSubnetInAz(at),
            None => TgwEntry::NotAttached,
        }
    }
    /// Where a packet leaving a transit gateway by a VPC attachment enters the VPC (T7): the
    /// attachment's subnet in `az` (the zone where it entered the transit gateway) if it has
    /// one, else its first subnet.
    pub fn tgw_exit_subnet(
        &self,
        attachment: At<TgwAttachment>,
        az: Option<&str>,
    ) -> Option<At<Subnet>> {
        let a = self.tgw_attachment(attachment)?;
        az.and_then(|z| a.subnet_in(z))
            .or_else(|| a.subnets.first().map(|(s, _)| *s))
    }
    /// The transit gateway a VPN connection ends on (`None`: it ends on a VPN gateway).
    pub fn vpn_tgw(&self, vpn: At<VpnConnection>) -> Option<At<TransitGateway>> {
        self.tgw.vpn_tgw.get(vpn.pos()).copied().flatten()
    }
    /// The attachment carrying a VPN connection that ends on a transit gateway: the first
    /// `vpn` attachment of that transit gateway naming it. `None` for a VPN on a transit
    /// gateway means it carries nothing (`TGW_VPN_ATTACHMENT`, N11.1).
    pub fn vpn_tgw_attachment(&self, vpn: At<VpnConnection>) -> Option<At<TgwAttachment>> {
        self.tgw.vpn_attachment.get(vpn.pos()).copied().flatten()
    }
}
