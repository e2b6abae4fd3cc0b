//! Property test: the scan-style LPM and the precomputed `Lpm` agree with the naive
//! reference on random tables, down to every match and the stated rule.
use proptest::prelude::*;
use std::net::Ipv4Addr;
use vpc_engine::routing::{lookup, lpm_naive, EffectiveRoute, Lpm, Propagation};
use vpc_engine::{Cidr, Origin};

fn route() -> impl Strategy<Value = EffectiveRoute> {
    // Small address space (10.0.0.0/14-ish) so random routes and addresses overlap often.
    (0u32..4, 0u32..256, 0u8..=32, 0usize..6, 0usize..4).prop_map(|(b, c, len, kind, t)| {
        let addr = Ipv4Addr::new(10, b as u8, c as u8, (c * 7 % 256) as u8);
        let (origin, propagation) = match kind {
            0 => (Origin::Local, None),
            1 => (Origin::Static, None),
            2 => (Origin::PrefixList, None),
            3 => (Origin::Propagated, Some(Propagation::DirectConnect)),
            4 => (Origin::Propagated, Some(Propagation::VpnStatic)),
            _ => (Origin::Propagated, Some(Propagation::VpnBgp)),
        };
        EffectiveRoute {
            destination: Cidr::new_truncated(addr, len).expect("len <= 32"),
            prefix_list: (origin == Origin::PrefixList).then(|| "pl-test".to_string()),
            target: format!("t{t}"),
            to: vpc_engine::index::Target::Local,
            origin,
            propagation,
        }
    })
}

proptest! {
    #[test]
    fn lookup_agrees_with_naive(routes in proptest::collection::vec(route(), 0..24),
                                b in 0u8..4, c in 0u8..=255, d in 0u8..=255) {
        let dst = Ipv4Addr::new(10, b, c, d);
        let l = lookup(&routes, dst);
        prop_assert_eq!(l.chosen, lpm_naive(&routes, dst));
        // Every reported match really matches, and the winner is among them.
        for &i in &l.matches {
            prop_assert!(routes[i].destination.contains(dst));
        }
        if let Some(w) = l.chosen {
            prop_assert!(l.matches.contains(&w));
        }
        prop_assert_eq!(l.matches.len(), routes.iter().filter(|r| r.destination.contains(dst)).count());
        // The precomputed table answers the same, explanation included.
        let lpm = Lpm::new(&routes);
        prop_assert_eq!(lpm.winner(dst), l.chosen);
        prop_assert_eq!(lpm.lookup(&routes, dst), l);
    }
}
