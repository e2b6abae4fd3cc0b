//! The VPN gateway's ways on premises and the one rule that chooses among them.
//!
//! A VPN (virtual private) gateway reaches on-premises networks over Site-to-Site VPN
//! connections (static routes, or the network's prefixes learned over BGP) and over Direct
//! Connect private virtual interfaces (learned over BGP). The same list gives the routes the
//! gateway propagates into route tables (`routing`), the way a packet leaves AWS and the way
//! an on-premises network comes back in (`trace`).
//!
//! The choice: a path that is up wins over one that is down, then the longest prefix, then
//! Direct Connect over VPN static over VPN BGP; the first listed on a tie.
//! <https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-route-priority.html>
//! ([`crate::docs::VPN_ROUTE_PRIORITY`])

use crate::addr::Cidr;
use crate::index::{At, Link};
use crate::load::Loaded;
use crate::model::{OnpremNetwork, VpnGateway, VpnRouting};
use crate::routing::Propagation;

/// One way between a VPN gateway and an on-premises network, with the prefixes it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path<'a> {
    /// The VPN connection or Direct Connect virtual interface id.
    pub via: &'a str,
    /// How its routes are known: Direct Connect BGP, VPN static or VPN BGP (ordered, a
    /// later variant preferred).
    pub how: Propagation,
    /// At least one tunnel up (a virtual interface always is).
    pub up: bool,
    /// The VPN gateway at the AWS end.
    pub vgw: At<VpnGateway>,
    /// The VPN connection or virtual interface, with the network it ends in.
    pub link: Link,
    /// The prefixes it carries towards on premises.
    pub cidrs: &'a [Cidr],
}

impl Path<'_> {
    /// How a hop names this kind of path.
    pub fn label(&self) -> &'static str {
        match self.how {
            Propagation::DirectConnect => "Direct Connect private VIF",
            Propagation::VpnStatic => "VPN (static route)",
            Propagation::VpnBgp => "VPN (BGP)",
        }
    }
    pub fn is_dx(&self) -> bool {
        self.how == Propagation::DirectConnect
    }
    /// The on-premises network it ends in.
    pub fn network(&self) -> At<OnpremNetwork> {
        match self.link {
            Link::Vpn { network, .. } | Link::Vif { network, .. } => network,
        }
    }
    /// Document order across gateways: VPN connections first, then virtual interfaces.
    pub fn document_order(&self) -> (bool, usize) {
        match self.link {
            Link::Vpn { vpn, .. } => (false, vpn.pos()),
            Link::Vif { vif, .. } => (true, vif.pos()),
        }
    }
}

/// Every path of VPN gateway `vgw`: its VPN connections, then its private virtual
/// interfaces, each in document order. Tunnel state is kept, not filtered.
pub fn paths(l: &Loaded, vgw: At<VpnGateway>) -> Vec<Path<'_>> {
    let network_cidrs = |n: At<OnpremNetwork>| l.get(n).map(|n| n.cidrs.as_slice());
    l.index()
        .vgw_links(vgw)
        .iter()
        .filter_map(|link| match *link {
            Link::Vpn { vpn, network } => {
                let v = l.get(vpn)?;
                let (how, cidrs) = match v.routing {
                    VpnRouting::Static => (Propagation::VpnStatic, v.static_routes.as_slice()),
                    VpnRouting::Bgp => (Propagation::VpnBgp, network_cidrs(network)?),
                };
                Some(Path {
                    via: &v.id,
                    how,
                    up: v.is_up(),
                    vgw,
                    link: *link,
                    cidrs,
                })
            }
            Link::Vif { vif, network } => Some(Path {
                via: &l.get(vif)?.id,
                how: Propagation::DirectConnect,
                up: true,
                vgw,
                link: *link,
                cidrs: network_cidrs(network)?,
            }),
        })
        .collect()
}

/// One candidate of a choice: a path and the prefix of it that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate<'a> {
    pub path: Path<'a>,
    pub cidr: Cidr,
}

/// The rule: up over down, then the longest prefix, then Direct Connect over VPN static over
/// VPN BGP; the first listed on a tie.
pub fn pick<'c, 'a>(candidates: &'c [Candidate<'a>]) -> Option<&'c Candidate<'a>> {
    let key = |c: &Candidate| (c.path.up, c.cidr.prefix_len(), c.path.how);
    let mut best: Option<&Candidate> = None;
    for c in candidates {
        if best.is_none_or(|b| key(c) > key(b)) {
            best = Some(c);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(how: Propagation, up: bool, cidr: &str) -> Candidate<'static> {
        Candidate {
            path: Path {
                via: "x",
                how,
                up,
                vgw: At::new(0),
                link: Link::Vif {
                    vif: At::new(0),
                    network: At::new(0),
                },
                cidrs: &[],
            },
            cidr: cidr.parse().unwrap(),
        }
    }

    #[test]
    fn up_then_longest_prefix_then_dx_over_static_over_bgp() {
        use Propagation::*;
        let cases: &[(&[Candidate], usize)] = &[
            (
                &[
                    cand(VpnBgp, true, "10.0.0.0/16"),
                    cand(DirectConnect, false, "10.0.0.0/24"),
                ],
                0,
            ),
            (
                &[
                    cand(DirectConnect, true, "10.0.0.0/16"),
                    cand(VpnBgp, true, "10.0.0.0/24"),
                ],
                1,
            ),
            (
                &[
                    cand(VpnBgp, true, "10.0.0.0/16"),
                    cand(VpnStatic, true, "10.0.0.0/16"),
                ],
                1,
            ),
            (
                &[
                    cand(VpnStatic, true, "10.0.0.0/16"),
                    cand(DirectConnect, true, "10.0.0.0/16"),
                ],
                1,
            ),
            // A tie: the first listed.
            (
                &[
                    cand(VpnBgp, true, "10.0.0.0/16"),
                    cand(VpnBgp, true, "10.0.0.0/16"),
                ],
                0,
            ),
        ];
        for (cands, want) in cases {
            let got = pick(cands).map(|c| std::ptr::eq(c, &cands[*want]));
            assert_eq!(got, Some(true), "{cands:?}");
        }
        assert_eq!(pick(&[]), None);
    }
}
