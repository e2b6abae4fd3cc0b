//! What a layout is made of: boxes and dots ([`Node`]), lines ([`Link`]) and the whole picture
//! ([`Layout`]) with an anchor point per id for the packet. Plain data in world coordinates.

use super::labels::Label;
use crate::canvas::geom::{Point, Rect};
use std::collections::BTreeMap;
use vpc_engine::kind::Kind;
use vpc_engine::model::{AttachmentStatus, PeeringStatus};

/// What a box or dot stands for; decides how it is drawn. Resources use the engine's one
/// registry of kinds; the other variants are the boxes that are not scenario resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A scenario resource of this kind.
    Resource(Kind),
    /// A Region band (`region:NAME`).
    Region,
    /// The internet cloud.
    Internet,
    /// The AWS services box.
    Services,
    /// One AWS service inside it (`com.amazonaws.us-east-1.s3`).
    Service,
}

impl NodeKind {
    /// Containers are hit last, so a click on a dot inside a box selects the dot.
    pub fn is_container(&self) -> bool {
        matches!(
            self,
            NodeKind::Region
                | NodeKind::Internet
                | NodeKind::Services
                | NodeKind::Resource(Kind::Vpc)
                | NodeKind::Resource(Kind::Subnet)
                | NodeKind::Resource(Kind::OnpremNetwork)
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The resource id, or for the boxes that are not resources: `region:NAME`, `internet`,
    /// `aws-services`, or a service name (`com.amazonaws.us-east-1.s3`).
    pub id: String,
    pub kind: NodeKind,
    pub rect: Rect,
    /// Where the packet goes when it is here (a dot's centre, a box's header).
    pub anchor: Point,
    /// Text lines shown in the box, the first one the title.
    pub lines: Vec<String>,
    /// More about it, shown when it is selected, hovered or focused (the route table of a
    /// subnet, an instance's public address, a VPC's account).
    pub details: Vec<String>,
    /// VPCs: index into [`Layout::accounts`] for the header tint.
    pub tint: Option<usize>,
    /// Whether clicking it selects a scenario resource.
    pub selectable: bool,
    /// Where its text lines are drawn (filled by [`labels`] once every box is placed).
    pub labels: Vec<Label>,
}

impl Node {
    /// Everything the node draws: its box or dot and its text, which may stand outside the
    /// box (a dot's label), with `margin` around for strokes.
    pub fn extent(&self, margin: f64) -> Rect {
        self.labels
            .iter()
            .fold(self.rect, |r, l| r.union(&l.rect()))
            .inflate(margin)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `overlap`: the VPCs' blocks overlap (finding OVERLAPPING_CIDR): treated as failed.
    Peering {
        status: PeeringStatus,
        overlap: bool,
    },
    /// Each tunnel: true when up.
    Vpn {
        tunnels: [bool; 2],
    },
    Dx {
        public: bool,
    },
    /// A transit gateway attachment's spoke (VPC to hub) or a peering attachment between
    /// two hubs; dashed while not `available`.
    Tgw {
        status: AttachmentStatus,
    },
    /// A gateway or endpoint's attachment (IGW to internet, gateway endpoint to its service).
    Attach,
}

impl LinkKind {
    /// True for a peering that forwards nothing and should look broken (red, crossed).
    pub fn is_broken_peering(&self) -> bool {
        match self {
            LinkKind::Peering { status, overlap } => {
                *overlap
                    || matches!(
                        status,
                        PeeringStatus::Failed
                            | PeeringStatus::Rejected
                            | PeeringStatus::Expired
                            | PeeringStatus::Deleted
                    )
            }
            _ => false,
        }
    }
    pub fn is_pending_peering(&self) -> bool {
        matches!(
            self,
            LinkKind::Peering {
                status: PeeringStatus::InitiatingRequest | PeeringStatus::PendingAcceptance,
                overlap: false
            }
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The resource id (peering, VPN connection, DX virtual interface) or `attach:ID`.
    pub id: String,
    pub kind: LinkKind,
    pub points: Vec<Point>,
    pub label: String,
    pub selectable: bool,
    /// The label's pill (filled by [`labels`] once every line is routed).
    pub pill: Option<Rect>,
}

impl Link {
    /// Everything the line draws: its segments, its pill and the cross before a failed
    /// peering's pill, with `margin` around for strokes.
    pub fn extent(&self, margin: f64) -> Rect {
        let line = Rect::around(&self.points).unwrap_or_default();
        let pill = self
            .pill
            .map(|p| Rect::new(p.x - 16.0, p.y, p.w + 16.0, p.h));
        pill.map_or(line, |p| line.union(&p)).inflate(margin)
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// In drawing order: containers before their contents.
    pub nodes: Vec<Node>,
    pub links: Vec<Link>,
    /// Accounts in order of first appearance (header tint index).
    pub accounts: Vec<String>,
    /// The account key under the picture when VPCs belong to more than one account: each
    /// account's label and its tint index (its swatch is drawn left of the label).
    pub legend: Vec<(Label, usize)>,
    /// Everything drawn, with a margin.
    pub bounds: Rect,
    pub(super) anchors: BTreeMap<String, Point>,
}

impl Layout {
    /// Where the packet is drawn when a hop is `at` this id.
    pub fn anchor(&self, id: &str) -> Option<Point> {
        self.anchors.get(id).copied()
    }
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }
    pub fn link(&self, id: &str) -> Option<&Link> {
        self.links.iter().find(|l| l.id == id)
    }
    /// The smallest text drawn, in CSS px at zoom 1 (times the view's scale on screen).
    /// What the picture draws, as world rectangles, for keeping it out from under the
    /// canvas's controls: every box but a Region band and the internet cloud (wide plain
    /// fills, whose ends may go under them; their names and what is in them may not), every
    /// word, every line's segments and pills, and the account key.
    pub fn drawn(&self) -> Vec<Rect> {
        let boxes = self
            .nodes
            .iter()
            .filter(|n| !matches!(n.kind, NodeKind::Region | NodeKind::Internet))
            .map(|n| n.rect);
        let words = self
            .nodes
            .iter()
            .flat_map(|n| n.labels.iter().map(Label::rect));
        let lines = self.links.iter().flat_map(|k| {
            let segs = k.points.windows(2).filter_map(Rect::around);
            segs.map(|r| r.inflate(2.0)).chain(k.pill)
        });
        // With its swatch, left of the label.
        let key = self.legend.iter().map(|(l, _)| {
            let r = l.rect();
            Rect::new(r.x - 18.0, r.y, r.w + 18.0, r.h)
        });
        boxes.chain(words).chain(lines).chain(key).collect()
    }

    /// Every word of the picture: the boxes' text lines and the lines' pills (the account key
    /// apart, see [`Layout::words_and_key`]).
    pub fn words(&self) -> impl Iterator<Item = Rect> + '_ {
        self.nodes
            .iter()
            .flat_map(|n| n.labels.iter().map(Label::rect))
            .chain(self.links.iter().filter_map(|k| k.pill))
    }

    /// [`Layout::words`] and the account key's labels.
    pub fn words_and_key(&self) -> Vec<Rect> {
        self.words()
            .chain(self.legend.iter().map(|(l, _)| l.rect()))
            .collect()
    }

    /// Whether a line's pill sits across a box's border (its line found no clear place for
    /// it): an arrangement to avoid when another reads as large.
    pub fn pill_across_a_border(&self) -> bool {
        let boxes: Vec<Rect> = self
            .nodes
            .iter()
            .filter(|n| n.kind.is_container())
            .map(|n| n.rect)
            .collect();
        self.links
            .iter()
            .filter_map(|k| k.pill)
            .any(|r| boxes.iter().any(|b| b.overlaps(&r) && !b.contains_rect(&r)))
    }

    pub fn smallest_text(&self) -> f64 {
        let words = self
            .nodes
            .iter()
            .flat_map(|n| n.labels.iter().map(|l| l.px));
        let pills = self
            .links
            .iter()
            .filter(|k| k.pill.is_some())
            .map(|_| super::FONT);
        let key = self.legend.iter().map(|(l, _)| l.px);
        words.chain(pills).chain(key).fold(f64::INFINITY, f64::min)
    }
}
