//! The fast longest-prefix-match table under both kinds of route table ([`routing::Lpm`]
//! for a subnet's route table, [`tgw_routing::TgwLpm`] for a transit gateway's): routes
//! grouped by prefix length, one hash map per length in use, longest first, so a lookup
//! costs one hash probe per distinct length instead of a pass over every route.
//!
//! It knows nothing of AWS's priorities: the caller gives each route's rank (higher wins at
//! equal length, the first in table order on a tie) and up to `N` classes, each a subset of
//! the routes with its own winner per network (a VPC table needs two: every route, and
//! every route but the propagated ones, the answer when a `local` route holds the
//! destination). Each caller's scan and naive reference stay the readable statement of the
//! rule; their property tests hold this table to both.
//!
//! [`routing::Lpm`]: crate::routing::Lpm
//! [`tgw_routing::TgwLpm`]: crate::tgw_routing::TgwLpm

use crate::addr::Cidr;
use std::net::Ipv4Addr;

type FxMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<crate::fx::Fx>>;

/// One prefix length: the routes of that length by network address.
#[derive(Debug, Clone)]
struct Level<const N: usize> {
    len: u8,
    mask: u32,
    /// Network -> every route of this length on it, in table order.
    all: FxMap<u32, Vec<usize>>,
    /// Per class: network -> the class's strongest route (highest rank, first in table
    /// order on a tie).
    best: [FxMap<u32, usize>; N],
}

/// Routes by prefix length, longest first; route `i` is the caller's `routes[i]`.
#[derive(Debug, Clone)]
pub(crate) struct PrefixTable<const N: usize> {
    levels: Vec<Level<N>>,
}

impl<const N: usize> PrefixTable<N> {
    /// The table of `routes`: `dest` gives a route's destination, `rank` its priority at
    /// equal prefix length, and `classes[k]` whether it takes part in class `k`'s winner.
    pub(crate) fn new<R>(
        routes: &[R],
        dest: impl Fn(&R) -> Cidr,
        rank: impl Fn(&R) -> u8,
        classes: [fn(&R) -> bool; N],
    ) -> Self {
        let mut levels: Vec<Level<N>> = Vec::new();
        for (i, r) in routes.iter().enumerate() {
            let destination = dest(r);
            let len = destination.prefix_len();
            let pos = match levels.iter().position(|l| l.len == len) {
                Some(p) => p,
                None => {
                    levels.push(Level {
                        len,
                        mask: mask(len),
                        all: FxMap::default(),
                        best: std::array::from_fn(|_| FxMap::default()),
                    });
                    levels.len() - 1
                }
            };
            let Some(level) = levels.get_mut(pos) else {
                continue;
            };
            let net = u32::from(destination.network());
            level.all.entry(net).or_default().push(i);
            for (best, in_class) in level.best.iter_mut().zip(classes) {
                let stronger = best
                    .get(&net)
                    .and_then(|&b| routes.get(b))
                    .is_none_or(|b| rank(r) > rank(b));
                if in_class(r) && stronger {
                    best.insert(net, i);
                }
            }
        }
        crate::stable_sort::sort_by_key(&mut levels, |l| std::cmp::Reverse(l.len));
        PrefixTable { levels }
    }

    /// Class `class`'s winner for `dst`: the strongest route of the longest prefix that holds
    /// it, or `None` when no route of the class does.
    pub(crate) fn winner(&self, class: usize, dst: Ipv4Addr) -> Option<usize> {
        let d = u32::from(dst);
        self.levels
            .iter()
            .find_map(|l| l.best.get(class)?.get(&(d & l.mask)).copied())
    }

    /// Every route whose destination holds `dst`, in table order.
    pub(crate) fn matches(&self, dst: Ipv4Addr) -> Vec<usize> {
        let d = u32::from(dst);
        let mut matches: Vec<usize> = self
            .levels
            .iter()
            .filter_map(|l| l.all.get(&(d & l.mask)))
            .flatten()
            .copied()
            .collect();
        matches.sort_unstable();
        matches
    }
}

/// The netmask of a prefix length (`/0` is all zeros).
pub(crate) fn mask(len: u8) -> u32 {
    u32::MAX
        .checked_shl(32 - u32::from(len.min(32)))
        .unwrap_or(0)
}
