//! What a click on the diagram selects: dots and gateways first, then lines, then the
//! innermost box. Regions, the cloud and the services box select nothing.

use super::Layout;
use crate::canvas::geom::{dist_to_polyline, Point};

/// The resource id under a world point.
pub fn hit_test(l: &Layout, p: Point) -> Option<String> {
    if let Some(n) = l
        .nodes
        .iter()
        .rev()
        .find(|n| n.selectable && !n.kind.is_container() && n.rect.contains(p))
    {
        return Some(n.id.clone());
    }
    if let Some(k) = l
        .links
        .iter()
        .filter(|k| k.selectable)
        .map(|k| (k, dist_to_polyline(p, &k.points)))
        .filter(|(_, d)| *d <= 6.0)
        .min_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal))
    {
        return Some(k.0.id.clone());
    }
    l.nodes
        .iter()
        .rev()
        .find(|n| n.selectable && n.rect.contains(p))
        .map(|n| n.id.clone())
}
