//! The pure logic behind the rules tables of format 2's filters (`docs/scenario-format.md`
//! N2 security groups, N3 network ACLs): the four lists of rules (a group's or an ACL's
//! inbound or outbound rules) read as one neutral [`Row`] shape, edited as rows, and written
//! back as the engine's typed rules. The form (`rules_table.rs`) holds no rule logic.
//!
//! An ACL's rules are kept sorted by number: the number decides the order AWS evaluates
//! them in (N3.2), so the table shows them in that order and renumbering is reordering.
//! <https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html>

use super::parse::{cidr, FieldError};
use vpc_engine::model::*;
use vpc_engine::packet::{Port, PortRange, RuleProtocol};

/// Whose rules: a security group's or a network ACL's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    Sg,
    Acl,
}

/// Which way the rules look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dir {
    Ingress,
    Egress,
}

/// One list of rules: a group's or an ACL's, inbound or outbound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Table {
    pub owner: Owner,
    pub dir: Dir,
}

impl Table {
    pub const SG_IN: Table = Table {
        owner: Owner::Sg,
        dir: Dir::Ingress,
    };
    pub const SG_OUT: Table = Table {
        owner: Owner::Sg,
        dir: Dir::Egress,
    };
    pub const ACL_IN: Table = Table {
        owner: Owner::Acl,
        dir: Dir::Ingress,
    };
    pub const ACL_OUT: Table = Table {
        owner: Owner::Acl,
        dir: Dir::Egress,
    };

    /// The list's JSON key (`ingress`), for paths and test ids.
    pub fn key(self) -> &'static str {
        match self.dir {
            Dir::Ingress => "ingress",
            Dir::Egress => "egress",
        }
    }
    /// The table's heading.
    pub fn legend(self) -> &'static str {
        match self.dir {
            Dir::Ingress => "Inbound rules",
            Dir::Egress => "Outbound rules",
        }
    }
    /// The rule's other end as the table names it.
    pub fn peer_word(self) -> &'static str {
        match (self.owner, self.dir) {
            (Owner::Acl, _) => "CIDR",
            (Owner::Sg, Dir::Ingress) => "Source",
            (Owner::Sg, Dir::Egress) => "Destination",
        }
    }
    /// What a rule of this list is called in messages and accessible names.
    pub fn rule_word(self) -> &'static str {
        match self.dir {
            Dir::Ingress => "Inbound rule",
            Dir::Egress => "Outbound rule",
        }
    }
    /// The JSON key of a row's peer (`source`, `destination`, `cidr`).
    pub fn peer_key(self) -> &'static str {
        match (self.owner, self.dir) {
            (Owner::Acl, _) => "cidr",
            (Owner::Sg, Dir::Ingress) => "source",
            (Owner::Sg, Dir::Egress) => "destination",
        }
    }
}

/// One rule as the table shows it, whatever list it is in.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// ACL rules only.
    pub number: Option<RuleNumber>,
    pub protocol: RuleProtocol,
    pub ports: Option<PortRange>,
    /// A CIDR, a group id or a prefix list id (an ACL's is always a CIDR).
    pub peer: String,
    /// ACL rules only.
    pub action: Option<AclAction>,
    /// Security group rules only, kept as written.
    pub description: Option<String>,
}

impl Row {
    fn sg(
        protocol: RuleProtocol,
        ports: Option<PortRange>,
        peer: &SgPeer,
        d: &Option<String>,
    ) -> Row {
        Row {
            number: None,
            protocol,
            ports,
            peer: peer.to_string(),
            action: None,
            description: d.clone(),
        }
    }
    fn acl(r: &AclRule) -> Row {
        Row {
            number: Some(r.rule),
            protocol: r.protocol,
            ports: r.ports,
            peer: r.cidr.to_string(),
            action: Some(r.action),
            description: None,
        }
    }
}

/// The rows of list `t` of the group or ACL `id`, each with its position in the document.
/// An ACL's come sorted by number (the order AWS evaluates them in); a group's as written,
/// and a group without an `egress` key shows AWS's allow-all outbound rule (N2.4).
pub fn rows(s: &Scenario, id: &str, t: Table) -> Vec<(usize, Row)> {
    let list: Vec<Row> = match t.owner {
        Owner::Sg => {
            let Some(g) = s.security_groups.iter().find(|g| g.id == id) else {
                return Vec::new();
            };
            match t.dir {
                Dir::Ingress => g
                    .ingress
                    .iter()
                    .map(|r| Row::sg(r.protocol, r.ports, &r.source, &r.description))
                    .collect(),
                Dir::Egress => g
                    .egress_rules()
                    .iter()
                    .map(|r| Row::sg(r.protocol, r.ports, &r.destination, &r.description))
                    .collect(),
            }
        }
        Owner::Acl => {
            let Some(a) = s.network_acls.iter().find(|a| a.id == id) else {
                return Vec::new();
            };
            let list = match t.dir {
                Dir::Ingress => &a.ingress,
                Dir::Egress => &a.egress,
            };
            list.iter().map(Row::acl).collect()
        }
    };
    let mut indexed: Vec<(usize, Row)> = list.into_iter().enumerate().collect();
    if t.owner == Owner::Acl {
        vpc_engine::stable_sort::sort_by_key(&mut indexed, |(_, r)| r.number);
    }
    indexed
}

/// Applies `f` to the rows of list `t` of `id` (in the order [`rows`] gives) and writes them
/// back as typed rules; an ACL's are written sorted by number.
pub fn update(
    s: &mut Scenario,
    id: &str,
    t: Table,
    f: impl FnOnce(&mut Vec<Row>) -> Result<(), FieldError>,
) -> Result<(), FieldError> {
    // An ACL's come sorted: `f` sees them in the table's order, and they are written so.
    let mut list: Vec<Row> = rows(s, id, t).into_iter().map(|(_, r)| r).collect();
    f(&mut list)?;
    write_back(s, id, t, list)
}

fn write_back(s: &mut Scenario, id: &str, t: Table, list: Vec<Row>) -> Result<(), FieldError> {
    let gone = || FieldError::new(format!("{id} no longer exists."));
    match t.owner {
        Owner::Sg => {
            let g = s
                .security_groups
                .iter_mut()
                .find(|g| g.id == id)
                .ok_or_else(gone)?;
            match t.dir {
                Dir::Ingress => {
                    g.ingress = list
                        .into_iter()
                        .map(|r| {
                            Ok(SgIngressRule {
                                protocol: r.protocol,
                                ports: r.ports,
                                source: sg_peer(&r.peer)?,
                                description: r.description,
                            })
                        })
                        .collect::<Result<_, FieldError>>()?;
                }
                Dir::Egress => {
                    g.egress = Some(
                        list.into_iter()
                            .map(|r| {
                                Ok(SgEgressRule {
                                    protocol: r.protocol,
                                    ports: r.ports,
                                    destination: sg_peer(&r.peer)?,
                                    description: r.description,
                                })
                            })
                            .collect::<Result<_, FieldError>>()?,
                    );
                }
            }
        }
        Owner::Acl => {
            let a = s
                .network_acls
                .iter_mut()
                .find(|a| a.id == id)
                .ok_or_else(gone)?;
            let mut rules = list
                .into_iter()
                .map(|r| {
                    Ok(AclRule {
                        rule: r
                            .number
                            .ok_or_else(|| FieldError::new("A rule needs a number."))?,
                        protocol: r.protocol,
                        ports: r.ports,
                        cidr: cidr(&r.peer)?,
                        action: r.action.unwrap_or(AclAction::Allow),
                    })
                })
                .collect::<Result<Vec<_>, FieldError>>()?;
            vpc_engine::stable_sort::sort_by_key(&mut rules, |r| r.rule);
            match t.dir {
                Dir::Ingress => a.ingress = rules,
                Dir::Egress => a.egress = rules,
            }
        }
    }
    Ok(())
}

fn sg_peer(text: &str) -> Result<SgPeer, FieldError> {
    SgPeer::parse(text).map_err(FieldError::from)
}

fn row_mut(rows: &mut [Row], i: usize) -> Result<&mut Row, FieldError> {
    rows.get_mut(i)
        .ok_or_else(|| FieldError::new("This rule no longer exists."))
}

/// Whether a rule of `p` names ports (`tcp`, `udp`) (N2.2).
pub fn has_ports(p: RuleProtocol) -> bool {
    matches!(p, RuleProtocol::Tcp | RuleProtocol::Udp)
}

/// The protocol of the select's value (`tcp`, `udp`, `icmp`, `all`).
pub fn protocol(text: &str) -> Result<RuleProtocol, FieldError> {
    [
        RuleProtocol::Tcp,
        RuleProtocol::Udp,
        RuleProtocol::Icmp,
        RuleProtocol::All,
    ]
    .into_iter()
    .find(|p| p.as_str() == text.trim())
    .ok_or_else(|| {
        FieldError::new(format!(
            "{text:?} is not a protocol: choose tcp, udp, icmp or all."
        ))
    })
}

/// Sets a rule's protocol: `icmp` and `all` drop its ports, `tcp` and `udp` keep the ports
/// it had, else take 443 (HTTPS, the trace's default port).
pub fn set_protocol(rows: &mut [Row], i: usize, p: RuleProtocol) -> Result<(), FieldError> {
    let r = row_mut(rows, i)?;
    r.protocol = p;
    r.ports = if has_ports(p) {
        r.ports.or(Some(PortRange::single(Port::DEFAULT)))
    } else {
        None
    };
    Ok(())
}

/// A rule's ports as typed: `"443"` or `"1024-65535"` (N2.2), refused with a message that
/// says what is wrong, and the fix when the range is written backwards.
pub fn port_range(text: &str, p: RuleProtocol) -> Result<PortRange, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(FieldError::new(format!(
            "A {} rule needs ports: \"443\", or a range such as \"1024-65535\".",
            p.as_str()
        )));
    }
    if let Ok(r) = t.parse::<PortRange>() {
        return Ok(r);
    }
    let num = |s: &str| s.trim().parse::<i64>().ok();
    let (a, b) = match t.split_once('-') {
        Some((a, b)) => (num(a), num(b)),
        None => (num(t), num(t)),
    };
    match (a, b) {
        (Some(a), Some(b)) if a > b && (1..=65535).contains(&a) && b >= 1 => Err(FieldError {
            message: format!("The range {t} runs backwards: write the lower port first."),
            suggestion: Some((t.to_string(), format!("{b}-{a}"))),
        }),
        (Some(a), Some(b)) => {
            let bad = if (1..=65535).contains(&a) { b } else { a };
            Err(FieldError::new(format!(
                "{bad} is not a port: ports are 1-65535."
            )))
        }
        _ => Err(FieldError::new(format!(
            "{t:?} is not a port range: write one port (\"443\") or a range (\"1024-65535\")."
        ))),
    }
}

/// Sets a rule's ports (only `tcp` and `udp` rules have any).
pub fn set_ports(rows: &mut [Row], i: usize, text: &str) -> Result<(), FieldError> {
    let r = row_mut(rows, i)?;
    if !has_ports(r.protocol) {
        return Err(FieldError::new(format!(
            "An {} rule has no ports: choose tcp or udp to give some.",
            r.protocol.as_str()
        )));
    }
    r.ports = Some(port_range(text, r.protocol)?);
    Ok(())
}

/// Sets a rule's other end: a CIDR (an ACL's always is), a group or a prefix list id.
pub fn set_peer(rows: &mut [Row], i: usize, t: Table, text: &str) -> Result<(), FieldError> {
    let text = text.trim();
    let peer = match t.owner {
        Owner::Acl => cidr(text)?.to_string(),
        Owner::Sg if text.contains('/') => cidr(text)?.to_string(),
        Owner::Sg if text.is_empty() => {
            return Err(FieldError::new(format!(
                "A rule needs a {}.",
                t.peer_word().to_lowercase()
            )))
        }
        Owner::Sg => text.to_string(),
    };
    row_mut(rows, i)?.peer = peer;
    Ok(())
}

/// Sets an ACL rule's number: 1-32766 and unused in its list (N3.2).
pub fn set_number(rows: &mut [Row], i: usize, t: Table, text: &str) -> Result<(), FieldError> {
    let n = text
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(RuleNumber::new)
        .ok_or_else(|| {
            FieldError::new(format!(
                "{:?} is not a rule number: ACL rules are numbered 1-32766.",
                text.trim()
            ))
        })?;
    if rows
        .iter()
        .enumerate()
        .any(|(k, r)| k != i && r.number == Some(n))
    {
        return Err(FieldError::new(format!(
            "Rule {n} is already in the {}s: each number is used once per direction.",
            t.rule_word().to_lowercase()
        )));
    }
    row_mut(rows, i)?.number = Some(n);
    Ok(())
}

/// Sets an ACL rule's action (`allow`, `deny`).
pub fn set_action(rows: &mut [Row], i: usize, text: &str) -> Result<(), FieldError> {
    let a = match text.trim() {
        "allow" => AclAction::Allow,
        "deny" => AclAction::Deny,
        other => {
            return Err(FieldError::new(format!(
                "{other:?} is not an action: choose allow or deny."
            )))
        }
    };
    row_mut(rows, i)?.action = Some(a);
    Ok(())
}

/// The number a new ACL rule takes: the next multiple of 10 after the highest (AWS's advice
/// to leave room between rules), 100 for the first, else the first free number.
pub fn next_number(rows: &[Row]) -> Option<RuleNumber> {
    let used: Vec<u16> = rows
        .iter()
        .filter_map(|r| r.number.map(RuleNumber::get))
        .collect();
    let next = match used.iter().max() {
        None => 100,
        Some(m) => (m / 10 + 1) * 10,
    };
    RuleNumber::new(i64::from(next))
        .filter(|n| !used.contains(&n.get()))
        .or_else(|| {
            (RuleNumber::MIN..=RuleNumber::MAX)
                .find(|n| !used.contains(n))
                .and_then(|n| RuleNumber::new(i64::from(n)))
        })
}

/// Adds a rule: `tcp` 443 from (or to) anywhere; an ACL's allows, numbered after the others.
pub fn add_row(rows: &mut Vec<Row>, t: Table) -> Result<(), FieldError> {
    let (number, action) = match t.owner {
        Owner::Sg => (None, None),
        Owner::Acl => (
            Some(next_number(rows).ok_or_else(|| {
                FieldError::new("Every rule number 1-32766 is taken in this direction.")
            })?),
            Some(AclAction::Allow),
        ),
    };
    rows.push(Row {
        number,
        protocol: RuleProtocol::Tcp,
        ports: Some(PortRange::single(Port::DEFAULT)),
        peer: "0.0.0.0/0".to_string(),
        action,
        description: None,
    });
    Ok(())
}

/// Removes rule `i`.
pub fn remove_row(rows: &mut Vec<Row>, i: usize) -> Result<(), FieldError> {
    if i >= rows.len() {
        return Err(FieldError::new("This rule no longer exists."));
    }
    rows.remove(i);
    Ok(())
}

/// Moves ACL rule `i` (of rows sorted by number) one place earlier (`up`) or later by
/// swapping numbers with its neighbour: the numbers in use stay the same.
pub fn move_row(rows: &mut [Row], i: usize, up: bool) -> Result<(), FieldError> {
    let j = if up { i.checked_sub(1) } else { Some(i + 1) };
    let Some(j) = j.filter(|j| *j < rows.len()) else {
        return Err(FieldError::new(if up {
            "This rule is already evaluated first."
        } else {
            "This rule is already evaluated last."
        }));
    };
    if i >= rows.len() {
        return Err(FieldError::new("This rule no longer exists."));
    }
    let (a, b) = (rows[i].number, rows[j].number);
    rows[i].number = b;
    rows[j].number = a;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACL_IN: Table = Table::ACL_IN;
    const SG_IN: Table = Table::SG_IN;
    const SG_OUT: Table = Table::SG_OUT;

    fn scenario() -> Scenario {
        serde_json::from_str(
            r#"{"format":"vpc-playground/2",
            "vpcs":[{"id":"vpc-a","region":"us-east-1","cidrs":["10.0.0.0/16"]}],
            "subnets":[{"id":"subnet-a1","vpc":"vpc-a","cidr":"10.0.1.0/24"}],
            "security_groups":[{"id":"sg-web","vpc":"vpc-a",
                "ingress":[{"protocol":"tcp","ports":"443","source":"0.0.0.0/0","description":"web"}]}],
            "network_acls":[{"id":"acl-a","vpc":"vpc-a","subnets":["subnet-a1"],
                "ingress":[{"rule":200,"protocol":"all","cidr":"0.0.0.0/0","action":"deny"},
                           {"rule":100,"protocol":"tcp","ports":"443","cidr":"0.0.0.0/0","action":"allow"}]}]}"#,
        )
        .unwrap()
    }

    fn check(s: &Scenario) {
        let json = serde_json::to_string(s).unwrap();
        assert_eq!(vpc_engine::load(&json).err(), None, "{json}");
    }

    fn numbers(s: &Scenario) -> Vec<(u16, String)> {
        rows(s, "acl-a", ACL_IN)
            .into_iter()
            .map(|(_, r)| (r.number.unwrap().get(), r.protocol.as_str().to_string()))
            .collect()
    }

    #[test]
    fn acl_rows_show_in_number_order_and_are_written_sorted() {
        let mut s = scenario();
        assert_eq!(numbers(&s), [(100, "tcp".into()), (200, "all".into())]);
        // The document order was 200, 100: the row for 100 is document item 1.
        assert_eq!(rows(&s, "acl-a", ACL_IN)[0].0, 1);
        update(&mut s, "acl-a", ACL_IN, |r| set_action(r, 0, "deny")).unwrap();
        let written: Vec<u16> = s.network_acls[0]
            .ingress
            .iter()
            .map(|r| r.rule.get())
            .collect();
        assert_eq!(written, [100, 200]);
        check(&s);
    }

    #[test]
    fn renumbering_reorders_and_duplicates_are_refused() {
        let mut s = scenario();
        update(&mut s, "acl-a", ACL_IN, |r| set_number(r, 0, ACL_IN, "300")).unwrap();
        assert_eq!(numbers(&s), [(200, "all".into()), (300, "tcp".into())]);
        let before = s.clone();
        let err = update(&mut s, "acl-a", ACL_IN, |r| set_number(r, 0, ACL_IN, "300")).unwrap_err();
        assert_eq!(
            err.message,
            "Rule 300 is already in the inbound rules: each number is used once per direction."
        );
        assert_eq!(s, before, "a refused edit changes nothing");
        for bad in ["0", "32767", "x", ""] {
            let e = update(&mut s, "acl-a", ACL_IN, |r| set_number(r, 0, ACL_IN, bad)).unwrap_err();
            assert!(
                e.message.contains("numbered 1-32766"),
                "{bad}: {}",
                e.message
            );
        }
    }

    #[test]
    fn moving_swaps_numbers_with_the_neighbour() {
        let mut s = scenario();
        update(&mut s, "acl-a", ACL_IN, |r| move_row(r, 1, true)).unwrap();
        assert_eq!(numbers(&s), [(100, "all".into()), (200, "tcp".into())]);
        update(&mut s, "acl-a", ACL_IN, |r| move_row(r, 0, false)).unwrap();
        assert_eq!(numbers(&s), [(100, "tcp".into()), (200, "all".into())]);
        assert!(update(&mut s, "acl-a", ACL_IN, |r| move_row(r, 0, true)).is_err());
        assert!(update(&mut s, "acl-a", ACL_IN, |r| move_row(r, 1, false)).is_err());
    }

    #[test]
    fn port_ranges_are_checked_with_a_message_for_each_mistake() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("443", Ok("443")),
            (" 1024-65535 ", Ok("1024-65535")),
            ("80-80", Ok("80")),
            ("1024-80", Err("The range 1024-80 runs backwards: write the lower port first.")),
            ("70000", Err("70000 is not a port: ports are 1-65535.")),
            ("0-100", Err("0 is not a port: ports are 1-65535.")),
            ("80-70000", Err("70000 is not a port: ports are 1-65535.")),
            ("http", Err("\"http\" is not a port range: write one port (\"443\") or a range (\"1024-65535\").")),
            ("", Err("A tcp rule needs ports: \"443\", or a range such as \"1024-65535\".")),
        ];
        for (text, want) in cases {
            let got = port_range(text, RuleProtocol::Tcp)
                .map(|r| r.to_string())
                .map_err(|e| e.message);
            assert_eq!(
                got,
                want.map(str::to_string).map_err(str::to_string),
                "{text:?}"
            );
        }
        let fix = port_range("1024-80", RuleProtocol::Tcp)
            .unwrap_err()
            .suggestion;
        assert_eq!(fix, Some(("1024-80".into(), "80-1024".into())));
    }

    #[test]
    fn protocol_decides_whether_a_rule_has_ports() {
        let mut s = scenario();
        update(&mut s, "sg-web", SG_IN, |r| {
            set_protocol(r, 0, RuleProtocol::Icmp)
        })
        .unwrap();
        assert_eq!(s.security_groups[0].ingress[0].ports, None);
        let e = update(&mut s, "sg-web", SG_IN, |r| set_ports(r, 0, "22")).unwrap_err();
        assert_eq!(
            e.message,
            "An icmp rule has no ports: choose tcp or udp to give some."
        );
        update(&mut s, "sg-web", SG_IN, |r| {
            set_protocol(r, 0, RuleProtocol::Udp)
        })
        .unwrap();
        assert_eq!(
            s.security_groups[0].ingress[0].ports.map(|p| p.to_string()),
            Some("443".into())
        );
        // The description is kept through edits.
        assert_eq!(
            s.security_groups[0].ingress[0].description.as_deref(),
            Some("web")
        );
        check(&s);
    }

    #[test]
    fn group_peers_are_cidrs_groups_or_prefix_lists() {
        let mut s = scenario();
        for (text, want) in [
            ("10.0.0.0/16", "10.0.0.0/16"),
            ("sg-web", "sg-web"),
            ("pl-63a5400a", "pl-63a5400a"),
            ("vpc-a:default-sg", "vpc-a:default-sg"),
        ] {
            update(&mut s, "sg-web", SG_IN, |r| set_peer(r, 0, SG_IN, text)).unwrap();
            assert_eq!(s.security_groups[0].ingress[0].source.to_string(), want);
            check(&s);
        }
        let e = update(&mut s, "sg-web", SG_IN, |r| {
            set_peer(r, 0, SG_IN, "10.0.0.1/16")
        })
        .unwrap_err();
        assert_eq!(
            e.suggestion,
            Some(("10.0.0.1/16".into(), "10.0.0.0/16".into()))
        );
    }

    #[test]
    fn egress_starts_from_aws_allow_all_and_new_rules_are_numbered_after_the_last() {
        let mut s = scenario();
        let out = rows(&s, "sg-web", SG_OUT);
        assert_eq!((out.len(), out[0].1.protocol), (1, RuleProtocol::All));
        update(&mut s, "sg-web", SG_OUT, |r| remove_row(r, 0)).unwrap();
        assert_eq!(s.security_groups[0].egress, Some(vec![]));
        update(&mut s, "acl-a", ACL_IN, |r| add_row(r, ACL_IN)).unwrap();
        assert_eq!(numbers(&s).last().map(|n| n.0), Some(210));
        update(&mut s, "sg-web", SG_OUT, |r| add_row(r, SG_OUT)).unwrap();
        assert_eq!(s.security_groups[0].egress.as_ref().map(Vec::len), Some(1));
        check(&s);
        let full: Vec<Row> = (1..=32766)
            .map(|n| Row {
                number: RuleNumber::new(n),
                protocol: RuleProtocol::All,
                ports: None,
                peer: "0.0.0.0/0".into(),
                action: Some(AclAction::Allow),
                description: None,
            })
            .collect();
        assert_eq!(next_number(&full), None);
        assert_eq!(
            next_number(&full[..32765]).map(RuleNumber::get),
            Some(32766)
        );
    }
}
