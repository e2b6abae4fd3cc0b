//! The fast longest-prefix-match table under both kinds of route table ([`routing::Lpm`]
//! for a subnet's route table, [`tgw_routing::TgwLpm`] for a transit gateway's): the
//! address space cut into spans at every route's first and past-the-last address, each span
//! with its answer precomputed, so a lookup is one binary search over the spans' starts,
//! whatever the number of routes and prefix lengths.
//!
//! Destinations are prefixes, so any two are nested or apart: inside a span the same
//! routes hold every address, and the answer is constant. The spans come from one sweep
//! over the distinct destinations sorted by address (the enclosing one first), with a stack
//! of the destinations still open; no hashing, which WebAssembly pays dearly for (the hash
//! map's probing has no SIMD there, and the lookup used to probe once per prefix length).
//!
//! It knows nothing of AWS's priorities: the caller gives each route's rank (higher wins at
//! equal length, the first in table order on a tie) and up to `N` classes, each a subset of
//! the routes with its own winner per span (a VPC table needs three: every route, every
//! route but the propagated ones, and the `local` routes, whose presence says which of the
//! first two is the answer). Each caller's scan and naive reference stay the readable
//! statement of the rule; their property tests hold this table to both.
//!
//! [`routing::Lpm`]: crate::routing::Lpm
//! [`tgw_routing::TgwLpm`]: crate::tgw_routing::TgwLpm

use crate::addr::Cidr;
use std::net::Ipv4Addr;

/// One span of addresses: the innermost destination holding it and each class's winner.
#[derive(Debug, Clone, Copy)]
struct Span<const N: usize> {
    /// The longest destination holding the span (a position in `prefixes`), if any.
    prefix: Option<usize>,
    /// Per class: the strongest route of the longest prefix of that class holding the span.
    winners: [Option<usize>; N],
}

impl<const N: usize> Span<N> {
    const EMPTY: Span<N> = Span {
        prefix: None,
        winners: [None; N],
    };
}

/// One distinct destination (network and length) and the routes to it.
#[derive(Debug, Clone, Copy)]
struct Prefix {
    /// The next shorter destination holding this one (a position in `prefixes`), if any.
    parent: Option<usize>,
    /// Its routes: `order[from..to]`, in table order.
    from: usize,
    to: usize,
}

/// Routes cut into spans of the address space; route `i` is the caller's `routes[i]`.
#[derive(Debug, Clone)]
pub(crate) struct PrefixTable<const N: usize> {
    /// Where each span begins, ascending; the first is `0.0.0.0`, so every address is in one.
    starts: Vec<u32>,
    /// The spans, at the same positions as `starts`.
    spans: Vec<Span<N>>,
    /// The distinct destinations, by address (an enclosing one before those it holds).
    prefixes: Vec<Prefix>,
    /// Route indices grouped by destination as in `prefixes`, in table order in a group.
    order: Vec<usize>,
}

/// A destination still open during the sweep: where it ends (past its last address, so
/// `/0` ends at 2^32) and what its span answers.
struct Open<const N: usize> {
    end: u64,
    span: Span<N>,
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
        let key = |i: usize| {
            routes.get(i).map(|r| {
                let d = dest(r);
                (u32::from(d.network()), d.prefix_len())
            })
        };
        // By address, then the shorter (enclosing) first; stable, so table order in a group.
        let mut order: Vec<usize> = (0..routes.len()).collect();
        order.sort_by_cached_key(|&i| key(i));
        let mut t = PrefixTable {
            starts: vec![0],
            spans: vec![Span::EMPTY],
            prefixes: Vec::new(),
            order,
        };
        let mut open: Vec<Open<N>> = Vec::new();
        let mut from = 0;
        while let Some((net, len)) = t.order.get(from).and_then(|&i| key(i)) {
            let to = from
                + t.order
                    .get(from..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|&&i| key(i) == Some((net, len)))
                    .count();
            // Each class's strongest route to this destination.
            let mut own: [Option<usize>; N] = [None; N];
            for &i in t.order.get(from..to).unwrap_or_default() {
                let Some(r) = routes.get(i) else { continue };
                for (best, in_class) in own.iter_mut().zip(classes) {
                    let stronger = best
                        .and_then(|b| routes.get(b))
                        .is_none_or(|b| rank(r) > rank(b));
                    if in_class(r) && stronger {
                        *best = Some(i);
                    }
                }
            }
            // Close the destinations that end before this one starts.
            while let Some(done) = open.pop_if(|o| o.end <= u64::from(net)) {
                t.cut(done.end, open.last());
            }
            let outer = open.last().map(|o| o.span);
            let id = t.prefixes.len();
            t.prefixes.push(Prefix {
                parent: outer.and_then(|o| o.prefix),
                from,
                to,
            });
            let span = Span {
                prefix: Some(id),
                winners: std::array::from_fn(|k| {
                    let inherited = outer.and_then(|o| o.winners.get(k).copied().flatten());
                    own.get(k).copied().flatten().or(inherited)
                }),
            };
            open.push(Open {
                end: u64::from(net) + (1u64 << (32 - u32::from(len.min(32)))),
                span,
            });
            t.cut(u64::from(net), open.last());
            from = to;
        }
        while let Some(done) = open.pop() {
            t.cut(done.end, open.last());
        }
        t
    }

    /// From `at` on, the answer is `open`'s (none when no destination is open); a later
    /// cut at the same address replaces an earlier one.
    fn cut(&mut self, at: u64, open: Option<&Open<N>>) {
        let Ok(at) = u32::try_from(at) else {
            return; // past 255.255.255.255
        };
        let span = open.map_or(Span::EMPTY, |o| o.span);
        match (self.starts.last(), self.spans.last_mut()) {
            (Some(&last), Some(s)) if last == at => *s = span,
            _ => {
                self.starts.push(at);
                self.spans.push(span);
            }
        }
    }

    /// The span holding `dst`.
    fn span(&self, dst: Ipv4Addr) -> Option<&Span<N>> {
        let d = u32::from(dst);
        let i = self.starts.partition_point(|&s| s <= d).checked_sub(1)?;
        self.spans.get(i)
    }

    /// Every class's winner for `dst`: the strongest route of the longest prefix of the
    /// class that holds it, or `None` when no route of the class does.
    pub(crate) fn winners(&self, dst: Ipv4Addr) -> [Option<usize>; N] {
        self.span(dst).map_or([None; N], |s| s.winners)
    }

    /// Class `class`'s winner for `dst` (see [`PrefixTable::winners`]).
    pub(crate) fn winner(&self, class: usize, dst: Ipv4Addr) -> Option<usize> {
        self.span(dst)?.winners.get(class).copied().flatten()
    }

    /// Every route whose destination holds `dst`, in table order.
    pub(crate) fn matches(&self, dst: Ipv4Addr) -> Vec<usize> {
        let mut matches = Vec::new();
        let mut next = self.span(dst).and_then(|s| s.prefix);
        while let Some(p) = next.and_then(|p| self.prefixes.get(p)) {
            matches.extend_from_slice(self.order.get(p.from..p.to).unwrap_or_default());
            next = p.parent;
        }
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

#[cfg(test)]
mod tests {
    use super::PrefixTable;
    use crate::addr::Cidr;
    use std::net::Ipv4Addr;

    /// Routes as (destination, rank); one class: every route.
    fn table(routes: &[(&str, u8)]) -> (Vec<(Cidr, u8)>, PrefixTable<1>) {
        let routes: Vec<(Cidr, u8)> = routes
            .iter()
            .map(|(c, rank)| (c.parse().expect("a CIDR"), *rank))
            .collect();
        let t = PrefixTable::new(&routes, |r| r.0, |r| r.1, [|_| true]);
        (routes, t)
    }

    fn ip(s: &str) -> Ipv4Addr {
        s.parse().expect("an address")
    }

    /// No routes: nothing anywhere, from the first address to the last.
    #[test]
    fn an_empty_table_matches_nothing() {
        let (_, t) = table(&[]);
        for a in ["0.0.0.0", "10.0.0.1", "255.255.255.255"] {
            assert_eq!(t.winner(0, ip(a)), None, "{a}");
            assert!(t.matches(ip(a)).is_empty(), "{a}");
        }
    }

    /// `/0` holds the whole space, both ends included, and a `/32` only its address, even
    /// the very first and the very last (whose end is past the space).
    #[test]
    fn the_default_route_and_host_routes_at_both_ends() {
        let (_, t) = table(&[
            ("0.0.0.0/0", 1),
            ("0.0.0.0/32", 1),
            ("255.255.255.255/32", 1),
            ("10.0.0.7/32", 1),
        ]);
        let cases = [
            ("0.0.0.0", Some(1), vec![0, 1]),
            ("0.0.0.1", Some(0), vec![0]),
            ("10.0.0.6", Some(0), vec![0]),
            ("10.0.0.7", Some(3), vec![0, 3]),
            ("10.0.0.8", Some(0), vec![0]),
            ("255.255.255.254", Some(0), vec![0]),
            ("255.255.255.255", Some(2), vec![0, 2]),
        ];
        for (a, winner, matches) in cases {
            assert_eq!(t.winner(0, ip(a)), winner, "{a}");
            assert_eq!(t.matches(ip(a)), matches, "{a}");
        }
    }

    /// After a nested destination ends, its enclosing one answers again; at equal
    /// destination the higher rank wins, the first listed on a tie; and where a
    /// destination ends exactly where another begins, the later one answers.
    #[test]
    fn nested_adjacent_and_equal_destinations() {
        let (_, t) = table(&[
            ("10.0.0.0/8", 1),
            ("10.1.0.0/16", 1),
            ("10.1.2.0/24", 1),
            ("10.1.2.0/24", 3),
            ("10.1.2.0/24", 3),
            ("10.1.3.0/24", 1),
            ("10.1.255.0/24", 1),
        ]);
        let cases = [
            ("9.255.255.255", None, vec![]),
            ("10.0.0.1", Some(0), vec![0]),
            ("10.1.1.255", Some(1), vec![0, 1]),
            ("10.1.2.9", Some(3), vec![0, 1, 2, 3, 4]),
            ("10.1.3.0", Some(5), vec![0, 1, 5]),
            ("10.1.4.0", Some(1), vec![0, 1]),
            ("10.1.255.255", Some(6), vec![0, 1, 6]),
            ("10.2.0.0", Some(0), vec![0]),
            ("11.0.0.0", None, vec![]),
        ];
        for (a, winner, matches) in cases {
            assert_eq!(t.winner(0, ip(a)), winner, "{a}");
            assert_eq!(t.matches(ip(a)), matches, "{a}");
        }
    }
}
