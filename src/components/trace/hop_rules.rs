//! The hop inspector's part for format 2's filters (`docs/scenario-format.md` F9-F12): a
//! network ACL's or an interface's security groups' rules as a table, the rule that decided
//! highlighted (and announced as the current row), and on a reply an ACL denied, why: the
//! reply goes to the requester's ephemeral port, which the ACL must allow as well.
//!
//! Decided from typed data only (the hop's kind, `rules`, `site`, `packet`, its reason and
//! whether it is on the way back), never from the hop's note. The rows are plain data built
//! by [`rules_table`] and [`ephemeral`], tested natively; [`FilterRules`] only places them.

use crate::components::id_text::IdText;
use leptos::prelude::*;
use vpc_engine::packet::Traffic;
use vpc_engine::verdict::FilterRule;
use vpc_engine::{Action, Hop, Kind, Reason};

/// One row: its cells, what happened to the packet there, and whether it decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// One cell per column but the last; a single cell spans them (no rule matched).
    pub cells: Vec<String>,
    pub result: &'static str,
    pub decided: bool,
    /// It decided to deny the packet.
    pub denies: bool,
}

/// A filter hop's rules as the inspector shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// What the rules are and how they decide.
    pub caption: String,
    pub head: Vec<&'static str>,
    pub rows: Vec<Row>,
}

/// `Source` for the rules met on the way in, `Destination` on the way out.
fn peer_word(inbound: Option<bool>) -> &'static str {
    match inbound {
        Some(true) => "Source",
        Some(false) => "Destination",
        None => "Peer",
    }
}

fn way(inbound: Option<bool>) -> &'static str {
    match inbound {
        Some(true) => "inbound ",
        Some(false) => "outbound ",
        None => "",
    }
}

/// A rule's protocol and ports as one cell: `tcp 443`, `udp 1024-65535`, `icmp`, `all`.
fn traffic_cell(t: Option<Traffic>) -> String {
    t.map_or_else(|| "all".to_string(), |t| t.to_string())
}

/// The rules table of a filter hop: a network ACL's rules in order up to the deciding one,
/// or every rule of an interface's security groups. `None` for other hops, and for a
/// group's hop on a reply let through by connection tracking (no rule is read).
pub fn rules_table(h: &Hop) -> Option<Table> {
    let inbound = h.site.as_ref().map(|s| s.inbound());
    let denied = h.action == Action::Drop;
    match h.at.kind()? {
        Kind::NetworkAcl if !h.rules.is_empty() => {
            let rows = h
                .rules
                .iter()
                .filter_map(|r| {
                    let FilterRule::Acl {
                        number,
                        traffic,
                        cidr,
                        allow,
                        matched,
                    } = r
                    else {
                        return None;
                    };
                    let result = if *matched { "decides" } else { "no match" };
                    Some(Row {
                        cells: vec![
                            number.map_or_else(|| "*".to_string(), |n| n.to_string()),
                            traffic_cell(*traffic),
                            cidr.map_or_else(|| "0.0.0.0/0".to_string(), |c| c.to_string()),
                            (if *allow { "allow" } else { "deny" }).to_string(),
                        ],
                        result,
                        decided: *matched,
                        denies: *matched && !allow,
                    })
                })
                .collect();
            Some(Table {
                caption: format!(
                    "Network ACL {}: {}rules in number order; the first that matches decides",
                    h.at,
                    way(inbound)
                ),
                head: vec!["Rule", "Traffic", peer_word(inbound), "Action", "Result"],
                rows,
            })
        }
        Kind::SecurityGroup if !h.rules.is_empty() || denied => {
            let mut groups: Vec<&str> = Vec::new();
            let mut first = true;
            let mut rows: Vec<Row> = h
                .rules
                .iter()
                .filter_map(|r| {
                    let FilterRule::Sg {
                        group,
                        traffic,
                        source,
                        destination,
                        matched,
                    } = r
                    else {
                        return None;
                    };
                    if !groups.contains(&group.as_str()) {
                        groups.push(group);
                    }
                    let decided = *matched && first;
                    first &= !decided;
                    Some(Row {
                        cells: vec![
                            group.clone(),
                            traffic_cell(Some(*traffic)),
                            source
                                .clone()
                                .or_else(|| destination.clone())
                                .unwrap_or_default(),
                        ],
                        result: match (decided, matched) {
                            (true, _) => "decides",
                            (false, true) => "matches too",
                            (false, false) => "no match",
                        },
                        decided,
                        denies: false,
                    })
                })
                .collect();
            if denied {
                rows.push(Row {
                    cells: vec!["No rule allows the packet, so the groups deny it".into()],
                    result: "decides",
                    decided: true,
                    denies: true,
                });
            }
            let one = groups.len() <= 1;
            let names = if groups.is_empty() {
                h.at.to_string()
            } else {
                groups.join(", ")
            };
            // One group: its name is in the caption, not on every row.
            if one {
                for r in rows.iter_mut().filter(|r| r.cells.len() > 1) {
                    r.cells.remove(0);
                }
            }
            let mut head = vec!["Group", "Traffic", peer_word(inbound), "Result"];
            if one {
                head.remove(0);
            }
            Some(Table {
                caption: format!(
                    "Security group{} {names}: {}rules; any rule that matches allows",
                    if one { "" } else { "s" },
                    way(inbound)
                ),
                head,
                rows,
            })
        }
        _ => None,
    }
}

/// Why a reply was denied by a network ACL: the port it goes to and the rule it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ephemeral {
    /// The reply's destination port: the requester's ephemeral port.
    pub port: u16,
    pub protocol: &'static str,
    /// Whether the ACL's inbound rules denied it (else its outbound ones).
    pub inbound: bool,
    /// The reply's other end, which the missing rule names (its source on the way in).
    pub peer: String,
}

/// On a reply (`back`) that a network ACL denied, with ports: the ephemeral-port reason.
pub fn ephemeral(h: &Hop, back: bool) -> Option<Ephemeral> {
    if !back || h.reason != Some(Reason::NaclDeny) {
        return None;
    }
    let p = h.packet?;
    let inbound = h.site.as_ref().is_none_or(|s| s.inbound());
    let peer = if inbound { h.src } else { h.dst };
    Some(Ephemeral {
        port: p.port()?.get(),
        protocol: p.protocol().as_str(),
        inbound,
        peer: peer.map(|x| x.to_string()).unwrap_or_default(),
    })
}

/// The sentences of the explanation.
pub fn ephemeral_text(e: &Ephemeral) -> String {
    let (way, dir) = if e.inbound {
        ("inbound", "from")
    } else {
        ("outbound", "to")
    };
    format!(
        "This is the reply, and network ACLs are stateless: the reply is checked again, with \
         its ports swapped. Its destination port, {port}, is the ephemeral port the requester \
         chose for this connection (Linux picks from 32768-60999, Windows from 49152-65535, a \
         NAT gateway from 1024-65535). The ACL's {way} rules need one allowing {proto} \
         1024-65535 {dir} {peer}, numbered before any rule that denies it.",
        port = e.port,
        proto = e.protocol,
        peer = e.peer,
    )
}

/// The rules table and, on a reply an ACL denied, the ephemeral-port explanation.
#[component]
pub fn FilterRules(hop: Hop, back: bool) -> impl IntoView {
    let table = rules_table(&hop);
    let eph = ephemeral(&hop, back);
    view! {
        {table.map(|t| {
            let cols = t.head.len();
            view! {
                <div class="rules-wrap">
                    <table class="routes filter-rules" data-testid="filter-rules">
                        <caption>{t.caption}</caption>
                        <thead><tr>{t.head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                        <tbody>
                            {t.rows.into_iter().map(|r| {
                                let span = (cols - 1).to_string();
                                let one = r.cells.len() == 1;
                                view! {
                                    <tr class:chosen=r.decided class:deny=r.denies data-decided=r.decided.to_string()
                                        aria-current=r.decided.then_some("true")>
                                        {if one {
                                            view! { <td class="implicit" colspan=span>{r.cells[0].clone()}</td> }.into_any()
                                        } else {
                                            r.cells.into_iter().map(|c| view! { <td><IdText text=c/></td> }).collect_view().into_any()
                                        }}
                                        <td>{r.result}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        })}
        {eph.map(|e| view! {
            <div class="ephemeral" data-testid="ephemeral-ports">
                <p><strong>"Why the reply is denied: "</strong>{ephemeral_text(&e)}</p>
                <p><a href=vpc_engine::docs::NACL_EPHEMERAL_PORTS target="_blank" rel="noopener">"AWS: ephemeral ports and network ACLs"</a></p>
            </div>
        })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpc_engine::packet::{Packet, Protocol};

    fn lesson_hop(slug: &str, back: bool, pick: impl Fn(&Hop) -> bool) -> Hop {
        let e = vpc_engine::library::LIBRARY
            .iter()
            .find(|e| e.slug == slug)
            .expect("lesson");
        let s = vpc_engine::load(e.json()).expect("loads");
        let spec = s
            .lesson
            .as_ref()
            .and_then(|l| l.trace.clone())
            .expect("trace");
        let t = vpc_engine::trace(&s, &spec.from, &spec.to).expect("traces");
        let hops = if back { &t.return_hops } else { &t.hops };
        hops.iter().find(|h| pick(h)).cloned().expect("hop")
    }

    #[test]
    fn an_acl_rule_order_deny_is_the_highlighted_row() {
        let h = lesson_hop("nacl-rule-order", false, |h| h.action == Action::Drop);
        let t = rules_table(&h).expect("a table");
        assert_eq!(t.head, ["Rule", "Traffic", "Source", "Action", "Result"]);
        let decided: Vec<&Row> = t.rows.iter().filter(|r| r.decided).collect();
        assert_eq!(decided.len(), 1);
        assert_eq!(decided[0].cells[3], "deny");
        assert_eq!(decided[0].result, "decides");
        assert!(decided[0].denies);
        assert_eq!(
            t.rows.last(),
            Some(decided[0]),
            "the first match ends the list"
        );
        assert!(
            t.caption.contains("inbound rules in number order"),
            "{}",
            t.caption
        );
    }

    #[test]
    fn a_denied_group_ends_on_the_implicit_deny() {
        let h = lesson_hop("default-security-group", false, |h| {
            h.action == Action::Drop
        });
        let t = rules_table(&h).expect("a table");
        assert_eq!(
            t.head,
            ["Traffic", "Source", "Result"],
            "one group: no group column"
        );
        let last = t.rows.last().unwrap();
        assert!(last.decided && last.cells.len() == 1, "{last:?}");
        assert!(t.rows[..t.rows.len() - 1].iter().all(|r| !r.decided));
        // A passed group: its first matching rule decided.
        let h = lesson_hop("default-security-group", false, |h| {
            h.action == Action::Filter && h.at.kind() == Some(Kind::SecurityGroup)
        });
        let t = rules_table(&h).expect("a table");
        assert_eq!(t.head[1], "Destination");
        assert_eq!(t.rows.iter().filter(|r| r.decided).count(), 1);
        let d = t.rows.iter().find(|r| r.decided).unwrap();
        assert_eq!((d.result, d.denies), ("decides", false));
    }

    #[test]
    fn a_denied_reply_explains_the_ephemeral_port() {
        let h = lesson_hop("nacl-ephemeral-ports", true, |h| h.action == Action::Drop);
        let e = ephemeral(&h, true).expect("explained");
        let port = h.packet.and_then(|p| p.port()).unwrap().get();
        assert_eq!(e.port, port);
        assert!(e.inbound);
        assert_eq!(Some(e.peer.clone()), h.src.map(|x| x.to_string()));
        let text = ephemeral_text(&e);
        assert!(
            text.contains(&format!("destination port, {port},")),
            "{text}"
        );
        assert!(text.contains("allowing tcp 1024-65535 from"), "{text}");
        // Not on the way out, nor for a group, nor without ports.
        assert_eq!(ephemeral(&h, false), None);
        let mut g = h.clone();
        g.reason = Some(Reason::SecurityGroupDeny);
        assert_eq!(ephemeral(&g, true), None);
        let mut icmp = h.clone();
        icmp.packet = Some(Packet::new(Protocol::Icmp, None, None).unwrap());
        assert_eq!(ephemeral(&icmp, true), None);
    }

    #[test]
    fn other_hops_have_no_table() {
        let h = lesson_hop("nacl-ephemeral-ports", false, |h| h.action == Action::Route);
        assert_eq!(rules_table(&h), None);
        // The reply let through by connection tracking reads no rule.
        let h = lesson_hop("stateful-vs-stateless", true, |h| {
            h.at.kind() == Some(Kind::SecurityGroup)
        });
        assert!(h.rules.is_empty());
        assert_eq!(rules_table(&h), None);
    }
}
