//! Canvas layout: a pure function from a scenario to boxes, dots and lines in world
//! coordinates (CSS pixels at zoom 1), plus an anchor point per resource id for the packet.
//!
//! Shape of the picture: the internet cloud on top (when anything reaches the internet),
//! Region bands below it (Regions in order of first appearance), VPCs left to right by their
//! order within their Region, on-prem networks at the bottom and the AWS services box on the
//! right. Every box's size depends only on its own content, so appending a VPC never moves
//! another VPC. [`layout_with`] can keep the picture to a width (a phone): VPCs then wrap onto
//! more rows and the services box moves up beside the cloud.
//!
//! The steps, each in its own module and each a function of what the steps before placed:
//! [`vpcs`] (Region bands, VPCs, subnets and their gateways), [`outside`] (on-prem networks,
//! the services box, the internet cloud), [`links`] (routing the lines), [`labels`] (placing
//! every word and each line's pill), then the anchors the packet goes to.

mod detour;
pub mod hit;
pub mod labels;
mod links;
mod model;
mod outside;
pub mod text;
mod tgw;
mod vpcs;

pub use hit::hit_test;
pub use labels::Label;
pub use model::{Layout, Link, LinkKind, Node, NodeKind};

use crate::canvas::geom::{fit_pad, nearest_on_polyline, Point, Rect, View, FIT_MAX};
use std::collections::BTreeMap;
use vpc_engine::kind::Kind;
use vpc_engine::peering::{self, Blocked};
use vpc_engine::Scenario;

/// Font sizes at zoom 1 (CSS px); layout estimates text widths from them.
pub const FONT: f64 = 12.0;
pub const TITLE_FONT: f64 = 13.0;

const MARGIN: f64 = 8.0;
const CLOUD_H: f64 = 44.0;
const CLOUD_GAP: f64 = 24.0;
const BAND_LABEL_H: f64 = 18.0;
/// Space under a band's last row of bottom gateways (room for a lane under the row).
const BAND_PAD: f64 = 16.0;
const BAND_GAP: f64 = 40.0;
/// Space between two rows of VPCs in a band, between their edge gateways.
const ROW_GAP: f64 = 24.0;
/// Height of gateway boxes on VPC and on-prem edges.
pub const GW_H: f64 = 22.0;
/// Width of a gateway box's port (left of its label), where lines and the packet meet it.
pub const GW_PORT: f64 = 14.0;
const VPC_HEADER_H: f64 = 38.0;
const SUBNET_HEADER_H: f64 = 36.0;
const ITEM_H: f64 = 32.0;
/// Items per column in a subnet (one, side by side, when the canvas is wide and short).
const ROWS: usize = 2;
const VPC_PAD: f64 = 8.0;
const VPC_GAP: f64 = 70.0;
/// [`VPC_GAP`] in a scenario with transit gateways, no peerings and [`MANY_SPOKES`] VPCs.
const VPC_GAP_HUB: f64 = 40.0;
const MANY_SPOKES: usize = 3;
const ONPREM_GAP: f64 = 52.0;
/// [`BAND_PAD`] and [`ONPREM_GAP`] in a tight arrangement (a canvas short of height): room
/// for one lane and a pill, not three.
const BAND_PAD_TIGHT: f64 = 10.0;
/// [`BAND_GAP`] between stacked bands in a tight arrangement: a pill's height and a little.
const BAND_GAP_TIGHT: f64 = 30.0;
const ONPREM_GAP_TIGHT: f64 = 40.0;
/// [`VPC_GAP`] in a tight arrangement, between VPCs no peering's pill sits between: room for
/// a lane or two (a docs column gets the width back as text size).
const VPC_GAP_TIGHT: f64 = 40.0;
const ONPREM_HEADER_H: f64 = 36.0;
const SERVICE_ROW_H: f64 = 24.0;
/// Radius of instance and host dots.
pub const DOT_R: f64 = 6.0;

/// How the layout is asked to fit.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Opts {
    /// Keep the picture within this width (world px) where it can: VPCs wrap onto more rows
    /// and the services box moves beside the cloud. `None`: one row per Region.
    pub max_width: Option<f64>,
    /// Region bands side by side rather than one under the other (a wide, short canvas).
    pub regions_across: bool,
    /// A subnet's instances and endpoints side by side in one row rather than in columns
    /// of two (a wide, short canvas).
    pub items_across: bool,
    /// The account key in a column right of the picture rather than under it.
    pub key_right: bool,
    /// A VPC's subnets one under the other rather than side by side (a tall, narrow canvas).
    pub subnets_down: bool,
    /// On-premises networks lower right of the bands rather than under them (wide, short).
    pub onprem_right: bool,
    /// Less room under the bands and above the on-prem row (a canvas short of height).
    pub tight: bool,
}

/// The zoom a layout kept to a width may be read at: 12 px text at 10 px.
const NARROW_SCALE: f64 = 10.0 / 12.0;

/// Scenarios with more VPCs than this are laid out one way only (the default), not tried
/// several ways for the best fit.
const TRY_UP_TO_VPCS: usize = 24;
/// From this many VPCs, [`layout_for_canvas`] also tries rows as wide as Fit shows at 0.6.
const MANY_VPCS: usize = 8;

/// The zoom Fit would show `l` at on a `w`×`h` canvas ([`fit_pad`], at most [`FIT_MAX`]).
pub fn fit_scale(l: &Layout, w: f64, h: f64) -> f64 {
    fit_scale_up_to(l, w, h, FIT_MAX)
}

/// [`fit_scale`] enlarging up to `max` (projector mode).
fn fit_scale_up_to(l: &Layout, w: f64, h: f64, max: f64) -> f64 {
    let (bw, bh) = (l.bounds.w.max(1.0), l.bounds.h.max(1.0));
    let pad = 2.0 * fit_pad(w, h);
    ((w - pad) / bw).min((h - pad) / bh).min(max)
}

/// The screen rectangle at the top right of a `w`×`h` canvas that its controls (`cw`×`ch`)
/// cover.
pub fn controls_corner(w: f64, (cw, ch): (f64, f64)) -> Rect {
    Rect::new(w - cw, 0.0, cw, ch)
}

/// [`fit_scale_up_to`] for the Fit that keeps the picture from under controls of size
/// `corner` at the top right ([`View::fit_clear_of`]).
fn clear_scale(l: &Layout, (w, h): (f64, f64), max: f64, corner: (f64, f64)) -> f64 {
    if corner.0 <= 0.0 || corner.1 <= 0.0 {
        return fit_scale_up_to(l, w, h, max);
    }
    let c = controls_corner(w, corner);
    View::fit_clear_of(l.bounds, None, (w, h), max, c, &l.drawn()).scale
}

/// Lays out the scenario for a canvas of `w`×`h` CSS px: tries the ways the picture can be
/// arranged (one row per Region or rows kept to a width, Regions stacked or side by side)
/// and keeps the first that Fit shows at full size, else the one it shows largest. A canvas of unknown size, or
/// a large scenario, gets the default arrangement.
#[cfg_attr(not(test), allow(dead_code))]
pub fn layout_for_canvas(s: &Scenario, extra: &[String], w: f64, h: f64) -> Layout {
    layout_for_canvas_at(s, extra, (w, h), 1.0, (0.0, 0.0))
}

/// [`layout_for_canvas`] where the text is to be shown `enough` times its size (projector
/// mode: 1.5) before the plainest arrangement that does so wins; Fit may enlarge up to
/// `enough` × [`FIT_MAX`]. `corner`: the size of the controls over the canvas's top right
/// corner, which Fit keeps the picture from under (so an arrangement is judged by that Fit).
pub fn layout_for_canvas_at(
    s: &Scenario,
    extra: &[String],
    size: (f64, f64),
    enough: f64,
    corner: (f64, f64),
) -> Layout {
    let mut search = FitSearch::new(s, size, enough, corner);
    loop {
        if let Some(l) = search.step(s, extra) {
            return l;
        }
    }
}

/// [`layout_for_canvas_at`]'s search, one arrangement at a time, so the page can spread it
/// over several tasks: a scenario that fits nowhere at full size tries every arrangement
/// (180 for a few VPCs across two Regions), far longer than a frame. [`FitSearch::step`]
/// with the same scenario and services until it gives the layout; the layout is the same as
/// [`layout_for_canvas_at`]'s.
pub struct FitSearch {
    tries: Vec<Opts>,
    next: usize,
    size: (f64, f64),
    enough: f64,
    corner: (f64, f64),
    overlapping: Vec<String>,
    /// (whether every pill is clear of box borders, zoom, layout)
    best: Option<(bool, f64, Layout)>,
}

impl FitSearch {
    /// The arrangements to try for `s` on a canvas of `size` (none for a canvas of unknown
    /// size or a large scenario: the default arrangement then).
    pub fn new(s: &Scenario, (w, h): (f64, f64), enough: f64, corner: (f64, f64)) -> FitSearch {
        let mut search = FitSearch {
            tries: Vec::new(),
            next: 0,
            size: (w, h),
            enough,
            corner,
            overlapping: Vec::new(),
            best: None,
        };
        if w <= 32.0 || h <= 32.0 || s.vpcs.len() > TRY_UP_TO_VPCS {
            return search;
        }
        let mut widths: Vec<Option<f64>> = vec![None];
        for scale in [FIT_MAX, 1.0, NARROW_SCALE, 0.7] {
            widths.push(Some(((w - 32.0) / scale).floor()));
        }
        // Many VPCs (a hub of ten) on a narrow canvas: one more column may show them larger.
        if s.vpcs.len() >= MANY_VPCS {
            widths.push(Some(((w - 32.0) / 0.6).floor()));
        }
        let one_region = s.vpcs.iter().all(|v| v.region == s.vpcs[0].region);
        let one_account = s.vpcs.iter().all(|v| v.account == s.vpcs[0].account);
        // Plainest first: the default, then each way of making the picture less tall.
        let onprem = !s.onprem_networks.is_empty();
        let combos = [
            (false, false, false, false),
            (false, true, false, false),
            (true, false, false, false),
            (true, true, false, false),
            (false, false, true, false),
            (false, true, true, false),
            (false, false, false, true),
            (true, false, false, true),
            (false, false, true, true),
        ];
        // Each arrangement plain, then tight.
        let combos = [false, true]
            .into_iter()
            .flat_map(|tight| combos.into_iter().map(move |c| (c, tight)));
        for ((items_across, key_right, subnets_down, onprem_right), tight) in combos {
            if (key_right && one_account) || (onprem_right && !onprem) {
                continue;
            }
            for regions_across in [false, true] {
                if regions_across && one_region {
                    continue;
                }
                for max_width in &widths {
                    search.tries.push(Opts {
                        max_width: *max_width,
                        regions_across,
                        items_across,
                        key_right,
                        subnets_down,
                        onprem_right,
                        tight,
                    });
                }
            }
        }
        search.overlapping = overlapping_peerings(s);
        search
    }

    /// Tries the next arrangement: the layout once the search is decided, else `None`.
    pub fn step(&mut self, s: &Scenario, extra: &[String]) -> Option<Layout> {
        let Some(opts) = self.tries.get(self.next) else {
            return Some(match self.best.take() {
                Some(b) => b.2,
                None => layout(s, extra),
            });
        };
        self.next += 1;
        let l = layout_planned(s, extra, opts, self.overlapping.clone());
        let enough = self.enough;
        let k = clear_scale(&l, self.size, FIT_MAX * enough.max(1.0), self.corner);
        let clean = !l.pill_across_a_border();
        // The plainest arrangement that shows 12 px text at 12 px (× `enough`) wins; one
        // whose pills are all clear before one that reads larger.
        if k >= enough && clean {
            self.tries.clear();
            return Some(l);
        }
        let better = self
            .best
            .as_ref()
            .is_none_or(|(bc, b, _)| (clean && !bc) || (clean == *bc && k > *b + 0.01));
        if better {
            self.best = Some((clean, k, l));
        }
        if self.next == self.tries.len() {
            return self.step(s, extra);
        }
        None
    }
}

/// What the steps share: the scenario's Regions and accounts in order of appearance, the
/// peerings whose VPCs overlap, and the gap to leave after each VPC.
struct Plan<'a> {
    pub regions: Vec<String>,
    pub accounts: Vec<String>,
    pub overlapping: Vec<String>,
    pub gaps: BTreeMap<&'a str, f64>,
    pub regions_across: bool,
    /// Side by side, the gap after each band (wider where a peering's pill crosses it).
    pub band_gaps: Vec<f64>,
    /// Right edge VPCs keep to, if any.
    pub max_right: Option<f64>,
    /// Items per column in a subnet.
    pub item_rows: usize,
    /// Space under a band's last row, and between stacked bands.
    pub band_pad: f64,
    pub band_gap: f64,
    /// The gap after a VPC where [`Plan::gaps`] has none.
    pub vpc_gap: f64,
    pub subnets_down: bool,
    /// Per band, the room for its transit gateway hubs ([`tgw`]): after which row of VPCs,
    /// and how tall.
    pub hub_room: Vec<Option<(usize, f64)>>,
}

/// The peerings whose VPCs' blocks overlap, by the engine's one peering rule: drawn as failed.
fn overlapping_peerings(s: &Scenario) -> Vec<String> {
    s.peering_connections
        .iter()
        .filter(|p| match (s.vpc(&p.requester), s.vpc(&p.accepter)) {
            (Some(a), Some(b)) => matches!(peering::blocked(p, a, b), Some(Blocked::Overlap(..))),
            _ => false,
        })
        .map(|p| p.id.clone())
        .collect()
}

fn plan<'a>(s: &'a Scenario, opts: &Opts, overlapping: Vec<String>) -> Plan<'a> {
    let mut accounts: Vec<String> = Vec::new();
    let mut regions: Vec<String> = Vec::new();
    for v in &s.vpcs {
        if !accounts.contains(&v.account) {
            accounts.push(v.account.clone());
        }
        if !regions.contains(&v.region) {
            regions.push(v.region.clone());
        }
    }
    let gaps = links::gaps_after(s, &regions, &overlapping);
    let band_gaps = links::band_gaps(s, &regions, &overlapping);
    let band_pad = if opts.tight { BAND_PAD_TIGHT } else { BAND_PAD };
    Plan {
        regions,
        accounts,
        overlapping,
        gaps,
        regions_across: opts.regions_across,
        band_gaps,
        max_right: opts.max_width.map(|w| w - MARGIN),
        item_rows: if opts.items_across { 1 } else { ROWS },
        band_pad,
        band_gap: if opts.tight { BAND_GAP_TIGHT } else { BAND_GAP },
        // Without peerings, the gaps between VPCs carry at most a few of a transit
        // gateway's spokes (and no pills): narrower, so a hub's many VPCs show larger.
        vpc_gap: if opts.tight {
            VPC_GAP_TIGHT
        } else if s.peering_connections.is_empty()
            && !s.transit_gateways.is_empty()
            && s.vpcs.len() >= MANY_SPOKES
        {
            VPC_GAP_HUB
        } else {
            VPC_GAP
        },
        subnets_down: opts.subnets_down,
        hub_room: Vec::new(),
    }
}

/// Lays out the scenario in one row per Region. `extra_services`: AWS service names
/// (`com.amazonaws.REGION.SVC`) a trace visits that no endpoint names, so the packet has a
/// box to go to.
pub fn layout(s: &Scenario, extra_services: &[String]) -> Layout {
    layout_with(s, extra_services, &Opts::default())
}

/// Lays out the scenario as [`layout`] does, kept to `opts`.
pub fn layout_with(s: &Scenario, extra_services: &[String], opts: &Opts) -> Layout {
    layout_planned(s, extra_services, opts, overlapping_peerings(s))
}

fn layout_planned(
    s: &Scenario,
    extra_services: &[String],
    opts: &Opts,
    overlapping: Vec<String>,
) -> Layout {
    let mut plan = plan(s, opts, overlapping);
    let services = outside::services(s, extra_services);
    let (svc_w, svc_h) = outside::services_size(&services, plan.regions.len());
    let cloud = outside::needs_cloud(s);

    // First where the bands end on the right, to know where the services box fits.
    let probe = vpcs::place_bands(s, &plan, 0.0);
    let svc_right_x = probe.right + VPC_PAD + 40.0;
    let svc_on_top = !services.is_empty()
        && plan
            .max_right
            .is_some_and(|r| svc_right_x + svc_w > r + MARGIN);
    let top_h = match (cloud, svc_on_top) {
        (_, true) => CLOUD_H.max(svc_h),
        (true, false) => CLOUD_H,
        (false, false) => 0.0,
    };
    let band_top = if top_h > 0.0 {
        MARGIN + top_h + CLOUD_GAP
    } else {
        MARGIN
    };
    let (bands, hubs) = tgw::place(s, &mut plan, band_top);

    // On-prem networks along the bottom, or (`onprem_right`, a wide short canvas) lower right
    // of the bands, their lines along lanes just under the bands with room for the pills
    // at the left: less tall by the gap under the bands.
    let (onprem_x, onprem_top) = if opts.onprem_right && !s.onprem_networks.is_empty() {
        let lanes = s.vpn_connections.len() + s.dx_virtual_interfaces.len();
        let top = bands.bottom + 20.0 + 10.0 * lanes.saturating_sub(1).min(2) as f64;
        (bands.right + VPC_PAD + 40.0, top)
    } else {
        let gap = if opts.tight && s.vpn_connections.len() + s.dx_virtual_interfaces.len() <= 2 {
            ONPREM_GAP_TIGHT
        } else {
            ONPREM_GAP
        };
        (MARGIN + 10.0, bands.bottom + gap)
    };
    let (onprem, onprem_right) = outside::place_onprem(s, onprem_x, onprem_top);

    let mut content_right = (bands.right + VPC_PAD).max(onprem_right);
    let svc_nodes = if services.is_empty() {
        Vec::new()
    } else if svc_on_top {
        let right = plan.max_right.unwrap_or(content_right).max(content_right);
        outside::place_services(
            &services,
            plan.regions.len(),
            (right - svc_w).round(),
            MARGIN,
        )
    } else {
        // Right of the bands and of the on-prem row under them (above the one lower right).
        let beside = if opts.onprem_right {
            0.0
        } else {
            onprem_right + 40.0
        };
        let x = (bands.right + VPC_PAD + 40.0).max(beside);
        let n = outside::place_services(&services, plan.regions.len(), x, band_top + BAND_LABEL_H);
        content_right = (x + svc_w).max(content_right);
        n
    };
    let mut svc_nodes = svc_nodes;
    let cloud_right = if svc_on_top {
        svc_nodes.first().map_or(content_right, |n| n.rect.x - 16.0)
    } else {
        content_right
    };
    let cloud_nodes = if cloud {
        outside::place_cloud(s, cloud_right, CLOUD_H)
    } else {
        Vec::new()
    };
    // A cloud grown for its hosts pushes the services box beside it to the right.
    if let (true, Some(c)) = (svc_on_top, cloud_nodes.first()) {
        let push = (c.rect.right() + 16.0 - svc_nodes.first().map_or(0.0, |n| n.rect.x)).max(0.0);
        for n in &mut svc_nodes {
            n.rect.x += push;
            n.anchor.x += push;
        }
    }

    // Region bands span the width of everything.
    let band_right = svc_nodes
        .iter()
        .chain(cloud_nodes.iter())
        .map(|n| n.rect.right())
        .fold(content_right, f64::max);
    let mut out = Layout {
        accounts: plan.accounts.clone(),
        ..Layout::default()
    };
    out.nodes.extend(bands.bands.into_iter().map(|mut b| {
        if !plan.regions_across {
            b.rect.w = band_right - MARGIN;
        }
        b
    }));
    out.nodes.extend(cloud_nodes);
    out.nodes.extend(svc_nodes);
    out.nodes.extend(bands.vpcs);
    out.nodes.extend(onprem);
    out.nodes.extend(bands.inner);
    out.nodes.extend(hubs);

    links::route(s, &mut out, &bands.spots, &plan);
    tgw::spokes(s, &mut out, &bands.spots);
    labels::fit(&mut out);
    set_anchors(s, &mut out);

    let mut b = out.nodes.first().map(|n| n.rect).unwrap_or_default();
    for n in &out.nodes {
        b = b.union(&n.rect);
    }
    for l in &out.links {
        for p in &l.points {
            b = b.union(&Rect::new(p.x, p.y, 0.0, 0.0));
        }
    }
    // The account key on the first band's label row when it fits there, else underneath.
    let beside = out
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::Region)
        .and_then(|band| {
            let label = band.labels.first()?;
            // Right of the Region's name, moved on past any line going up through it.
            let segs = out
                .links
                .iter()
                .flat_map(|k| k.points.windows(2).map(|w| (w[0], w[1])));
            let mut x = label.rect().right() + 24.0;
            let mut key = labels::legend(&out.accounts, x, band.rect.y + 2.0);
            for _ in 0..4 {
                let shift = key
                    .iter()
                    .map(|(l, _)| labels::clear_x(l, segs.clone()) - l.x)
                    .fold(0.0, f64::max);
                if shift <= 0.0 {
                    break;
                }
                x += shift;
                key = labels::legend(&out.accounts, x, band.rect.y + 2.0);
            }
            let right = key.last().map_or(x, |(l, _)| l.rect().right());
            (right <= band.rect.right() - 8.0).then_some(key)
        });
    out.legend = beside.or_else(|| key_inside(&out)).unwrap_or_else(|| {
        if opts.key_right {
            // At the bottom: the canvas's zoom buttons sit over the top right corner.
            let lines = out.accounts.len() as f64;
            let top = b.bottom() - lines * (FONT * 1.6).round();
            labels::legend_column(&out.accounts, b.right() + 16.0, top)
        } else {
            labels::legend(&out.accounts, 14.0, b.bottom() + 10.0)
        }
    });
    for (l, _) in &out.legend {
        b = b.union(&l.rect());
    }
    for l in &out.links {
        for p in &l.points {
            b = b.union(&Rect::new(p.x, p.y, 0.0, 0.0));
        }
        if let Some(r) = l.pill {
            b = b.union(&r);
        }
    }
    // A pill beside a line near the left or top edge may reach past the margin.
    let (x0, y0) = ((b.x - MARGIN).min(0.0), (b.y - MARGIN).min(0.0));
    out.bounds = Rect::new(x0, y0, b.right() + MARGIN - x0, b.bottom() + MARGIN - y0);
    out
}

/// The account key in a free corner of a Region band (bottom right, then bottom left), as a
/// column or a row, where it covers no box, word or line: a picture short of room keeps the
/// key without growing for it. `None` when no band has such a corner.
fn key_inside(out: &Layout) -> Option<Vec<(Label, usize)>> {
    if out.accounts.len() < 2 {
        return None;
    }
    let taken: Vec<Rect> = out
        .nodes
        .iter()
        .filter(|n| n.kind != NodeKind::Region)
        .map(|n| n.rect)
        .chain(out.words())
        .collect();
    let segs: Vec<(Point, Point)> = out
        .links
        .iter()
        .flat_map(|k| k.points.windows(2).map(|w| (w[0], w[1])))
        .collect();
    let pitch = (FONT * 1.6).round();
    let free = |key: &[(Label, usize)], band: &Rect| {
        key.iter().all(|(l, _)| {
            let r = l.rect();
            let r = Rect::new(r.x - labels::SWATCH, r.y, r.w + labels::SWATCH, r.h).inflate(4.0);
            band.inflate(-4.0).contains_rect(&r)
                && !taken.iter().any(|t| t.overlaps(&r))
                && !segs
                    .iter()
                    .any(|(a, b)| crate::canvas::geom::segment_crosses(*a, *b, &r))
        })
    };
    let n = out.accounts.len() as f64;
    for band in out.nodes.iter().filter(|n| n.kind == NodeKind::Region) {
        let b = band.rect;
        let col_w = out
            .accounts
            .iter()
            .map(|a| text::text_w(&format!("account {a}"), FONT) + labels::SWATCH)
            .fold(0.0, f64::max);
        let row = labels::legend(&out.accounts, 0.0, 0.0);
        let row_w = row.last().map_or(0.0, |(l, _)| l.rect().right());
        let col_top = b.bottom() - 8.0 - n * pitch;
        let row_top = b.bottom() - 8.0 - pitch;
        let tries = [
            labels::legend_column(&out.accounts, b.right() - 10.0 - col_w, col_top),
            labels::legend(&out.accounts, b.right() - 10.0 - row_w, row_top),
            labels::legend_column(&out.accounts, b.x + 10.0, col_top),
            labels::legend(&out.accounts, b.x + 10.0, row_top),
        ];
        if let Some(key) = tries.into_iter().find(|k| free(k, &b)) {
            return Some(key);
        }
    }
    None
}

/// Anchors: every node, every line where it passes its pill, route tables on the top edge of their first subnet, and the internet at the top even when no cloud is drawn.
fn set_anchors(s: &Scenario, out: &mut Layout) {
    let mut anchors = BTreeMap::new();
    for n in &out.nodes {
        anchors.insert(n.id.clone(), n.anchor);
    }
    for l in &out.links {
        if l.selectable {
            // On the line, where it passes its pill.
            let at = l.pill.map_or_else(
                || crate::canvas::geom::label_point(&l.points),
                |r| nearest_on_polyline(r.center(), &l.points),
            );
            anchors.insert(l.id.clone(), at);
        }
    }
    anchors
        .entry("internet".to_string())
        .or_insert(Point::new(MARGIN + 40.0, MARGIN));
    let table_point = |subnet: &str| {
        out.nodes
            .iter()
            .find(|n| n.id == subnet && n.kind == NodeKind::Resource(Kind::Subnet))
            .map(|n| Point::new((n.rect.right() - 12.0).round(), n.rect.y))
    };
    for t in &s.route_tables {
        let at = t
            .subnets
            .iter()
            .find_map(|sb| table_point(sb))
            .or_else(|| {
                s.subnets
                    .iter()
                    .filter(|sb| sb.vpc == t.vpc && t.main)
                    .find(|sb| s.table_for_subnet(&sb.id).is_some_and(|x| x.id == t.id))
                    .and_then(|sb| table_point(&sb.id))
            })
            .or_else(|| anchors.get(&t.vpc).copied());
        if let Some(p) = at {
            anchors.insert(t.id.clone(), p);
        }
    }
    tgw::anchors(s, out, &mut anchors);
    out.anchors = anchors;
}

#[cfg(test)]
mod geometry_tests;
#[cfg(test)]
mod tests;
