//! Words for a trace: the verdict line, the packet's `src → dst` tag, and the text of event
//! rows and route rows. Pure functions, tested natively; the views only place them.

use vpc_engine::tgw_routing::TgwDecision;
use vpc_engine::{Action, Hop, Origin, RouteMatch, TgwMissing, TgwRouteFrom, Trace, Verdict};

/// The verdict line of the URL contract: `Delivered — DELIVERED: …` or
/// `Dropped — TRANSITIVE_PEERING: …` (verdict word, em dash, code, colon, summary).
pub fn verdict_line(t: &Trace) -> String {
    let word = match t.verdict() {
        Verdict::Delivered => "Delivered",
        Verdict::Dropped => "Dropped",
    };
    format!("{word} — {}", t.reason)
}

/// The small tag beside the packet: its addresses at this hop.
pub fn packet_tag(h: &Hop) -> String {
    let ip = |x: Option<vpc_engine::Ip>| x.map(|i| i.to_string()).unwrap_or_else(|| "?".into());
    format!("{} → {}", ip(h.src), ip(h.dst))
}

pub fn action_word(a: Action) -> &'static str {
    match a {
        Action::Resolve => "resolve",
        Action::Route => "route",
        Action::Forward => "forward",
        Action::Translate => "translate",
        Action::Deliver => "deliver",
        Action::Drop => "DROP",
        Action::Filter => "filter",
    }
}

pub fn origin_word(o: Origin) -> &'static str {
    match o {
        Origin::Local => "local",
        Origin::Static => "static",
        Origin::PrefixList => "prefix list",
        Origin::Propagated => "propagated",
    }
}

/// A route row of the inspector: `10.2.0.0/16 → pcx-ab (static)`, with the prefix-list entry.
pub fn route_text(r: &RouteMatch) -> String {
    let dest = match &r.prefix {
        Some(p) => format!("{} ({p})", r.destination),
        None => r.destination.clone(),
    };
    format!("{dest} → {} ({})", r.target, origin_word(r.origin))
}

/// A transit gateway route row: `10.2.0.0/16 → tgw-attach-c` (its origin goes on the line
/// under it, [`tgw_from_text`]).
pub fn tgw_route_text(r: &RouteMatch) -> String {
    format!("{} → {}", r.destination, r.target)
}

/// Where a transit gateway route came from, for the inspector's "From" cell: `static`,
/// `propagated by tgw-attach-b from vpc-b`, `propagated over BGP by tgw-attach-vpn (vpn-1)`.
/// AWS: <https://docs.aws.amazon.com/vpc/latest/tgw/tgw-route-tables.html>.
pub fn tgw_from_text(f: &TgwRouteFrom) -> String {
    match f {
        TgwRouteFrom::Static => "static".into(),
        TgwRouteFrom::Vpc { attachment, vpc } => {
            format!("propagated by {attachment} from {vpc}")
        }
        TgwRouteFrom::Vpn { attachment, vpn } => {
            format!("propagated over BGP by {attachment} ({vpn})")
        }
    }
}

/// Why the chosen transit gateway route won (the engine's typed rule, in the app's words).
/// AWS: <https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html#tgw-route-evaluation-overview>.
pub fn tgw_decision_text(d: TgwDecision) -> &'static str {
    match d {
        TgwDecision::NoMatch => "no route in this table matches the destination",
        TgwDecision::OnlyMatch => "it is the only route that matches",
        TgwDecision::LongestPrefix => "longest prefix: the most specific route wins",
        TgwDecision::StaticOverPropagated => {
            "same prefix length: a static route beats a propagated one"
        }
        TgwDecision::VpcOverVpn => {
            "same prefix length and both propagated: a VPC attachment's route beats a VPN attachment's"
        }
        TgwDecision::FirstListed => "equally good routes: the first listed is used",
    }
}

/// Why an attachment put no route for the destination in the table.
pub fn tgw_missing_text(m: &TgwMissing) -> String {
    match m {
        TgwMissing::NotAssociated { attachment } => format!(
            "{attachment} is not associated with any route table of this transit gateway, so what it brings in is not routed"
        ),
        TgwMissing::NotPropagated { attachment } => format!(
            "{attachment} holds the destination but does not propagate into this table (and no static route covers it)"
        ),
        TgwMissing::Overlapping {
            attachment,
            cidr,
            with,
            existing,
        } => format!(
            "{attachment}'s {cidr} overlaps {existing}, propagated first by {with}: a transit gateway does not propagate an overlapping CIDR"
        ),
        TgwMissing::Peering { attachment } => format!(
            "{attachment} is a peering attachment: it carries static routes only"
        ),
        TgwMissing::StaticVpn { attachment } => format!(
            "{attachment}'s VPN uses static routing: it propagates nothing, a static route is needed"
        ),
        TgwMissing::Carries { attachment } => {
            format!("{attachment} carries nothing for this transit gateway")
        }
    }
}

/// The hop where the packet was dropped, and whether it is on the return path.
pub fn drop_hop(t: &Trace) -> Option<(usize, bool)> {
    if t.verdict() != Verdict::Dropped {
        return None;
    }
    let is_drop = |h: &Hop| h.action == Action::Drop || h.reason.is_some();
    if let Some(i) = t.hops.iter().rposition(is_drop) {
        return Some((i, false));
    }
    if let Some(i) = t.return_hops.iter().rposition(is_drop) {
        return Some((t.hops.len() + i, true));
    }
    // No hop says it dropped: the last hop shown is where it stopped.
    let n = t.hops.len() + t.return_hops.len();
    n.checked_sub(1).map(|i| (i, i >= t.hops.len()))
}

/// `service.region.amazonaws.com` for an endpoint service name `com.amazonaws.REGION.SERVICE`
/// (Kinesis Data Streams answers at `kinesis.…`), for the To field's suggestions.
pub fn service_dns(name: &str) -> Option<String> {
    if let Some(e) = vpc_engine::catalog::by_endpoint_service(name) {
        return Some(e.dns_name());
    }
    let rest = name.strip_prefix("com.amazonaws.")?;
    let (region, svc) = rest.split_once('.')?;
    let svc = match svc {
        "kinesis-streams" => "kinesis",
        s => s,
    };
    Some(format!("{svc}.{region}.amazonaws.com"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpc_engine::{Kind, Location, Reason};

    fn hop(at: &str, action: Action, reason: Option<Reason>) -> Hop {
        let kind = match at.split('-').next() {
            Some("i") => Kind::Instance,
            Some("rtb") => Kind::RouteTable,
            Some("pcx") => Kind::Peering,
            _ => Kind::Vpc,
        };
        Hop {
            at: Location::resource(kind, at),
            action,
            src: "10.0.1.10".parse().ok(),
            dst: "10.2.1.10".parse().ok(),
            note: String::new(),
            routes: vec![],
            doc: None,
            reason,
            packet: None,
            rules: vec![],
            site: None,
            tgw: None,
        }
    }

    fn transitive() -> Trace {
        Trace {
            reason: Reason::TransitivePeering,
            packet: Default::default(),
            hops: vec![
                hop("i-a", Action::Forward, None),
                hop("rtb-a", Action::Route, None),
                hop("pcx-ab", Action::Forward, None),
                hop("vpc-b", Action::Drop, Some(Reason::TransitivePeering)),
            ],
            return_hops: vec![],
        }
    }

    #[test]
    fn verdict_lines_follow_the_url_contract() {
        assert_eq!(
            verdict_line(&transitive()),
            format!(
                "Dropped — TRANSITIVE_PEERING: {}",
                Reason::TransitivePeering.summary()
            )
        );
        let ok = Trace {
            reason: Reason::Delivered,
            packet: Default::default(),
            hops: vec![hop("i-a", Action::Forward, None)],
            return_hops: vec![],
        };
        assert!(verdict_line(&ok).starts_with("Delivered — DELIVERED: "));
    }

    #[test]
    fn drop_hop_is_found_forward_or_return() {
        assert_eq!(drop_hop(&transitive()), Some((3, false)));
        let mut t = transitive();
        t.reason = Reason::NoReturnRoute;
        t.hops[3] = hop("i-c", Action::Deliver, None);
        t.return_hops = vec![
            hop("i-c", Action::Forward, None),
            hop("rtb-c", Action::Drop, Some(Reason::NoReturnRoute)),
        ];
        assert_eq!(drop_hop(&t), Some((5, true)));
        t.reason = Reason::Delivered;
        assert_eq!(drop_hop(&t), None);
    }

    #[test]
    fn transit_gateway_texts_name_the_attachment_and_the_rule() {
        let from = TgwRouteFrom::Vpc {
            attachment: "tgw-attach-b".into(),
            vpc: "vpc-b".into(),
        };
        assert_eq!(
            tgw_from_text(&from),
            "propagated by tgw-attach-b from vpc-b"
        );
        assert_eq!(tgw_from_text(&TgwRouteFrom::Static), "static");
        assert!(tgw_decision_text(TgwDecision::LongestPrefix).starts_with("longest prefix"));
        let m = TgwMissing::Overlapping {
            attachment: "tgw-attach-c".into(),
            cidr: "10.1.0.0/16".into(),
            with: "tgw-attach-b".into(),
            existing: "10.1.0.0/16".into(),
        };
        let t = tgw_missing_text(&m);
        assert!(t.starts_with("tgw-attach-c's 10.1.0.0/16 overlaps"), "{t}");
    }

    #[test]
    fn small_texts() {
        let h = hop("i-a", Action::Forward, None);
        assert_eq!(packet_tag(&h), "10.0.1.10 → 10.2.1.10");
        let r = RouteMatch {
            destination: "pl-63a5400a".into(),
            prefix: Some("52.216.0.0/15".into()),
            target: "vpce-s3".into(),
            origin: Origin::PrefixList,
            chosen: true,
        };
        assert_eq!(
            route_text(&r),
            "pl-63a5400a (52.216.0.0/15) → vpce-s3 (prefix list)"
        );
        assert_eq!(
            service_dns("com.amazonaws.us-east-1.s3").as_deref(),
            Some("s3.us-east-1.amazonaws.com")
        );
        assert_eq!(
            service_dns("com.amazonaws.eu-west-1.kinesis-streams").as_deref(),
            Some("kinesis.eu-west-1.amazonaws.com")
        );
        assert_eq!(service_dns("example.com"), None);
    }
}
