//! Rule 1, names: what address a trace's `to` means, seen from its source.
//!
//! An IPv4 address is itself; an instance id is its private IP (its public IP from an
//! internet host); a host id is its IP; an interface endpoint id is its private IP (the one in
//! the source's Availability Zone if it has one); an AWS service name resolves to an interface
//! endpoint's address inside a VPC that has one with private DNS, else to the service's public
//! address; an internet host's name to its `ip`. Anything else is `UNRESOLVABLE_NAME`.

use super::index::Index;
use super::walk::{hop, HopExt};
use super::Source;
use crate::catalog;
use crate::docs;
use crate::kind::Kind;
use crate::model::{EndpointType, Scenario, VpcEndpoint};
use crate::verdict::{Action, Hop, Reason};
use std::net::Ipv4Addr;

pub(crate) enum Resolved {
    /// `to` was an address or an id that needs no lookup.
    Address(Ipv4Addr),
    /// A name or endpoint id, resolved: the `resolve` hop to show first.
    Name {
        ip: Ipv4Addr,
        hop: Hop,
        bucket: Option<String>,
    },
    /// Nothing to send to: the hops to show and the reason.
    Failed { hops: Vec<Hop>, reason: Reason },
}

pub(crate) fn resolve(ix: &Index, source: &Source, to: &str) -> Resolved {
    let s = ix.s;
    let to = to.trim();
    if let Ok(ip) = to.parse::<Ipv4Addr>() {
        return Resolved::Address(ip);
    }
    if let Some(i) = ix.instance(to) {
        if let Source::Internet { .. } = source {
            return match i.public_ip {
                Some(p) => Resolved::Address(p.0),
                None => Resolved::Failed {
                    hops: vec![
                        super::walk::source_hop(source, None, to),
                        hop(
                            &i.id,
                            Action::Drop,
                            Some(source.ip()),
                            None,
                            format!(
                                "{} has no public IP, so from the internet there is no address to send to (its private IP {} is not routable there).",
                                i.id, i.private_ip
                            ),
                            docs::INTERNET_GATEWAY,
                        )
                        .with_reason(Reason::NoPublicIp),
                    ],
                    reason: Reason::NoPublicIp,
                },
            };
        }
        return Resolved::Address(i.private_ip.0);
    }
    if let Some(e) = ix.l.index().entry(to) {
        let host = match e.kind {
            Kind::OnpremHost => s
                .onprem_networks
                .get(e.pos())
                .and_then(|n| n.hosts.get(e.host()))
                .map(|h| h.ip),
            Kind::InternetHost => s.internet_hosts.get(e.pos()).map(|h| h.ip),
            _ => None,
        };
        if let Some(ip) = host {
            return Resolved::Address(ip.0);
        }
    }
    if let Some(e) = s.endpoint(to) {
        if e.kind == EndpointType::Interface {
            if let Some(ip) = endpoint_address(s, source, e) {
                let note = format!(
                    "Endpoint id {} names its network interface: {} answers with {ip}.",
                    e.id,
                    if e.private_ips.len() > 1 {
                        "of its addresses (one per subnet), the one in the source's Availability Zone or else the first"
                    } else {
                        "it"
                    }
                );
                return Resolved::Name {
                    ip,
                    hop: hop(
                        source.id(),
                        Action::Resolve,
                        Some(source.ip()),
                        Some(ip),
                        note,
                        docs::INTERFACE_ENDPOINT,
                    ),
                    bucket: None,
                };
            }
        }
        return unresolvable(source, to, "a gateway endpoint or an interface endpoint without an address is not something a packet can be sent to");
    }
    let lower = to.trim_end_matches('.').to_ascii_lowercase();
    if let Some(m) = catalog::by_dns_name(&lower) {
        let service = m.entry.endpoint_service();
        // Private DNS of an interface endpoint in the source's VPC wins.
        if let Source::Instance { subnet, .. } = source {
            let vpc = s.subnet(subnet).map(|x| x.vpc.as_str()).unwrap_or("");
            let ep = s.vpc_endpoints.iter().find(|e| {
                e.kind == EndpointType::Interface
                    && e.vpc == vpc
                    && e.private_dns
                    && e.service == service
                    && !e.private_ips.is_empty()
            });
            if let Some(e) = ep {
                if let Some(ip) = endpoint_address(s, source, e) {
                    return Resolved::Name {
                        ip,
                        hop: hop(
                            source.id(),
                            Action::Resolve,
                            Some(source.ip()),
                            Some(ip),
                            format!(
                                "{lower} resolves to {ip}, the private address of interface endpoint {}, because private DNS is on for it in this VPC.",
                                e.id
                            ),
                            docs::INTERFACE_ENDPOINT,
                        ),
                        bucket: m.bucket,
                    };
                }
            }
        }
        let Some(ip) = m.entry.public_ip() else {
            return unresolvable(source, to, "the catalog has no address for it");
        };
        let why = match source {
            Source::Instance { .. } => {
                "no interface endpoint with private DNS for this service is in the source's VPC"
            }
            _ => "only a VPC's own resolver answers with interface endpoint addresses",
        };
        return Resolved::Name {
            ip,
            hop: hop(
                source.id(),
                Action::Resolve,
                Some(source.ip()),
                Some(ip),
                format!("{lower} resolves to {ip}, {service}'s public address, because {why}."),
                docs::AWS_IP_RANGES,
            ),
            bucket: m.bucket,
        };
    }
    if let Some(h) = s.internet_hosts.iter().find(|h| {
        h.name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case(&lower))
    }) {
        return Resolved::Name {
            ip: h.ip.0,
            hop: hop(
                source.id(),
                Action::Resolve,
                Some(source.ip()),
                Some(h.ip.0),
                format!("{lower} resolves to {}, the address of {}.", h.ip, h.id),
                docs::INTERNET_GATEWAY,
            ),
            bucket: None,
        };
    }
    unresolvable(
        source,
        to,
        "it is not an address, a known id, an AWS service name of the catalog or an internet host's name",
    )
}

fn unresolvable(source: &Source, to: &str, why: &str) -> Resolved {
    Resolved::Failed {
        hops: vec![hop(
            source.id(),
            Action::Drop,
            Some(source.ip()),
            None,
            format!("{to:?} does not resolve: {why}."),
            docs::INTERFACE_ENDPOINT,
        )
        .with_reason(Reason::UnresolvableName)],
        reason: Reason::UnresolvableName,
    }
}

/// The interface endpoint address a source gets: the one in the source's Availability Zone
/// if the endpoint has one there, else its first.
fn endpoint_address(s: &Scenario, source: &Source, e: &VpcEndpoint) -> Option<Ipv4Addr> {
    if let Source::Instance { subnet, .. } = source {
        if let Some(az) = s.subnet(subnet).map(|x| s.subnet_az(x)) {
            for (i, sub) in e.subnets.iter().enumerate() {
                let same_az = s.subnet(sub).is_some_and(|x| s.subnet_az(x) == az);
                if same_az {
                    if let Some(ip) = e.private_ips.get(i) {
                        return Some(ip.0);
                    }
                }
            }
        }
    }
    e.private_ips.first().map(|ip| ip.0)
}
