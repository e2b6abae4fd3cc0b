//! One rules table for the four lists of format 2's filters: a security group's or a
//! network ACL's inbound or outbound rules (`docs/scenario-format.md` N2, N3). A row per
//! rule (an ACL's number, protocol, ports, the other end, an ACL's action), a button to add
//! one; an ACL's rows sorted by number with buttons that move a rule up or down. Every cell
//! is a field of `field.rs` (its label read by screen readers, the column heading shown),
//! so a refused value stays in the cell with its message; the rule logic is in
//! `filter_rules.rs`.

use super::field::{SelectField, TextField};
use super::filter_rules::{self as fr, Owner, Row, Table};
use super::parse::FieldError;
use super::{edit, paths_of, write_doc};
use crate::state::{AppState, NoticeKind};
use leptos::prelude::*;
use vpc_engine::model::{implicit_sg_id, AclAction, Scenario};

/// An edit of a table's rows by a button (move, remove).
type RowsEdit = Box<dyn FnOnce(&mut Vec<Row>) -> Result<(), FieldError>>;

/// The rules table `table` of the group or ACL `id`.
#[component]
pub fn RulesTable(id: String, table: Table) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id_count = id.clone();
    let count = Memo::new(move |_| state.scenario.with(|s| fr::rows(s, &id_count, table).len()));
    let id_peers = id.clone();
    let peers = Signal::derive(move || state.scenario.with(|s| sg_peer_options(s, &id_peers)));
    let id_add = id.clone();
    let add = move |_| {
        let r = edit(state, |s| {
            fr::update(s, &id_add, table, |rows| fr::add_row(rows, table))
        });
        if let Err(e) = r {
            state.show_notice(NoticeKind::Error, e.message);
        }
    };
    let owner = match table.owner {
        Owner::Sg => "sg",
        Owner::Acl => "acl",
    };
    let hint = match (table.owner, table.dir) {
        (Owner::Sg, _) => "Allow rules only: what no rule allows is denied. Replies to allowed traffic are allowed (stateful).",
        (Owner::Acl, _) => "Evaluated in number order, the first match decides; what none matches is denied (*). Replies are checked too (stateless).",
    };
    let empty = match (table.owner, table.dir) {
        (Owner::Sg, fr::Dir::Ingress) => "No inbound rule: nothing may come in.",
        (Owner::Sg, fr::Dir::Egress) => "No outbound rule: nothing may go out.",
        (Owner::Acl, _) => "No rule: everything is denied.",
    };
    let add_label = format!("Add {}", table.rule_word().to_lowercase());
    let id_rows = id.clone();
    view! {
        <fieldset class="rules" class:acl={table.owner == Owner::Acl}
            data-testid=format!("{owner}-{}", table.key())>
            <legend>{table.legend()}</legend>
            <p class="muted small">{hint}</p>
            <Show when=move || { count.get() > 0 }
                fallback=move || view! { <p class="muted small" data-testid="rules-empty">{empty}</p> }>
                <div class="rule-head" aria-hidden="true">
                    {(table.owner == Owner::Acl).then_some(view! { <span class="c-no">"No."</span> })}
                    <span class="c-proto">"Protocol"</span>
                    <span class="c-ports">"Ports"</span>
                    // The second line (an ACL rule's CIDR and action, a group rule's other end)
                    // says what it is in its own cells.
                </div>
            </Show>
            // Keyed by position, like the routes: a row reads its rule by position, so a
            // renumbered rule moves and the rows show the new order.
            <For each=move || 0..count.get() key=|i| *i children=move |pos| {
                view! { <RuleRow id=id_rows.clone() table pos count peers/> }
            }/>
            <button type="button" class="add-rule" data-testid="add-rule" on:click=add>{add_label}</button>
        </fieldset>
    }
}

/// The JSON path of `field` of the rule shown at `pos` (its place in the document may
/// differ while an ACL's rules are not yet written in order).
fn rule_path(
    state: AppState,
    id: &str,
    table: Table,
    pos: usize,
    field: &'static str,
) -> Signal<Vec<String>> {
    let owner = id.to_string();
    paths_of(state, id, move |s, here| {
        fr::rows(s, &owner, table)
            .get(pos)
            .map(|(i, _)| format!("{here}.{}[{i}].{field}", table.key()))
            .into_iter()
            .collect()
    })
}

/// The text of one cell of the rule at `pos`.
fn cell(
    state: AppState,
    id: &str,
    table: Table,
    pos: usize,
    get: fn(&Row) -> String,
) -> Signal<String> {
    let id = id.to_string();
    Signal::derive(move || {
        state.scenario.with(|s| {
            fr::rows(s, &id, table)
                .get(pos)
                .map(|(_, r)| get(r))
                .unwrap_or_default()
        })
    })
}

/// A cell's apply: `set` on the rows, then the load check.
fn apply(
    state: AppState,
    id: &str,
    table: Table,
    set: impl Fn(&mut Vec<Row>, &str) -> Result<(), FieldError> + Send + Sync + 'static,
) -> super::field::Apply {
    let id = id.to_string();
    write_doc(state, move |s, t| {
        fr::update(s, &id, table, |rows| set(rows, t))
    })
}

fn protocol_options() -> Vec<(String, String)> {
    [
        ("tcp", "TCP"),
        ("udp", "UDP"),
        ("icmp", "ICMP"),
        ("all", "All"),
    ]
    .into_iter()
    .map(|(v, t)| (v.to_string(), t.to_string()))
    .collect()
}

#[component]
fn RuleRow(
    id: String,
    table: Table,
    pos: usize,
    count: Memo<usize>,
    peers: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = format!("{} {}", table.rule_word(), pos + 1);
    let acl = table.owner == Owner::Acl;
    let protocol = cell(state, &id, table, pos, |r| r.protocol.as_str().to_string());
    let no_ports = Signal::derive(move || protocol.with(|p| p == "icmp" || p == "all"));
    let number = acl.then(|| {
        view! {
            <TextField label=format!("{name} number") hide_label=true
                value=cell(state, &id, table, pos, |r| r.number.map(|n| n.to_string()).unwrap_or_default())
                apply=apply(state, &id, table, move |rows, t| fr::set_number(rows, pos, table, t))
                at=rule_path(state, &id, table, pos, "rule") testid="rule-number"/>
        }
    });
    let action = acl.then(|| {
        let options = vec![("allow".to_string(), "Allow".to_string()), ("deny".to_string(), "Deny".to_string())];
        view! {
            <SelectField label=format!("{name} action") hide_label=true options
                value=cell(state, &id, table, pos, |r| match r.action { Some(AclAction::Deny) => "deny".into(), _ => "allow".into() })
                apply=apply(state, &id, table, move |rows, t| fr::set_action(rows, pos, t)) testid="rule-action"/>
        }
    });
    let peer = if acl {
        view! {
            <TextField label=format!("{name} {}", table.peer_word()) hide_label=true
                value=cell(state, &id, table, pos, |r| r.peer.clone()) placeholder="0.0.0.0/0"
                apply=apply(state, &id, table, move |rows, t| fr::set_peer(rows, pos, table, t))
                at=rule_path(state, &id, table, pos, table.peer_key()) testid="rule-peer"/>
        }
        .into_any()
    } else {
        view! { <SgPeerCell id=id.clone() table pos peers name=name.clone()/> }.into_any()
    };
    let id_mv = id.clone();
    let act = move |f: RowsEdit| {
        if let Err(e) = edit(state, |s| fr::update(s, &id_mv, table, f)) {
            state.show_notice(NoticeKind::Error, e.message);
        }
    };
    let moves = acl.then(|| {
        let (up, down) = (act.clone(), act.clone());
        let first = pos == 0;
        let last = move || pos + 1 >= count.get();
        view! {
            <button type="button" class="icon" aria-label=format!("Move {} up", name.to_lowercase())
                title="Evaluate earlier" data-testid="rule-up" disabled=first
                on:click=move |_| up(Box::new(move |r: &mut Vec<Row>| fr::move_row(r, pos, true)))>"↑"</button>
            <button type="button" class="icon" aria-label=format!("Move {} down", name.to_lowercase())
                title="Evaluate later" data-testid="rule-down" disabled=last
                on:click=move |_| down(Box::new(move |r: &mut Vec<Row>| fr::move_row(r, pos, false)))>"↓"</button>
        }
    });
    let remove = act.clone();
    view! {
        <div class="rule-row" data-testid="rule-row">
            {number.map(|n| view! { <div class="c-no">{n}</div> })}
            <div class="c-proto">
                <SelectField label=format!("{name} protocol") hide_label=true options=protocol_options()
                    value=protocol apply=apply(state, &id, table, move |rows, t| fr::set_protocol(rows, pos, fr::protocol(t)?))
                    at=rule_path(state, &id, table, pos, "protocol") testid="rule-protocol"/>
            </div>
            <div class="c-ports">
                <TextField label=format!("{name} ports") hide_label=true disabled=no_ports
                    value=cell(state, &id, table, pos, |r| r.ports.map(|p| p.to_string()).unwrap_or_default())
                    apply=apply(state, &id, table, move |rows, t| fr::set_ports(rows, pos, t))
                    placeholder="all" at=rule_path(state, &id, table, pos, "ports") testid="rule-ports"/>
            </div>
            <div class="c-peer">{peer}</div>
            {action.map(|a| view! { <div class="c-action">{a}</div> })}
            <div class="rule-buttons c-btn">
                {moves}
                <button type="button" class="remove" aria-label=format!("Remove {}", name.to_lowercase())
                    data-testid="rule-remove"
                    on:click=move |_| remove(Box::new(move |r: &mut Vec<Row>| fr::remove_row(r, pos)))>"Remove"</button>
            </div>
        </div>
    }
}

/// A security group rule's other end: a CIDR block (typed), a group or a prefix list.
#[component]
fn SgPeerCell(
    id: String,
    table: Table,
    pos: usize,
    peers: Signal<Vec<(String, String)>>,
    name: String,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let peer = cell(state, &id, table, pos, |r| r.peer.clone());
    let is_cidr = Signal::derive(move || peer.with(|p| p.contains('/')));
    let choice = Signal::derive(move || {
        if is_cidr.get() {
            "cidr".to_string()
        } else {
            peer.get()
        }
    });
    let options = Signal::derive(move || {
        let mut o = vec![("cidr".to_string(), "CIDR".to_string())];
        o.extend(peers.get());
        // A peer the lists do not offer (another VPC's group) stays shown as it is.
        let p = peer.get();
        if !p.contains('/') && !o.iter().any(|(v, _)| *v == p) {
            o.push((p.clone(), p));
        }
        o
    });
    let pick = apply(state, &id, table, move |rows, t| {
        if t == "cidr" {
            let keep = rows.get(pos).is_some_and(|r| r.peer.contains('/'));
            if keep {
                return Ok(());
            }
            return fr::set_peer(rows, pos, table, "0.0.0.0/0");
        }
        fr::set_peer(rows, pos, table, t)
    });
    let text = apply(state, &id, table, move |rows, t| {
        fr::set_peer(rows, pos, table, t)
    });
    let at = rule_path(state, &id, table, pos, table.peer_key());
    let cidr_label = format!("{name} {} CIDR", table.peer_word().to_lowercase());
    view! {
        <div class="sg-peer" class:group=move || !is_cidr.get()>
            <span class="peer-word" aria-hidden="true">{table.peer_word()}</span>
            <SelectField label=format!("{name} {}", table.peer_word().to_lowercase()) hide_label=true
                options value=choice apply=pick at testid="rule-peer-kind"/>
            <Show when=move || is_cidr.get()>
                <TextField label=cidr_label.clone() hide_label=true value=peer apply=text
                    placeholder="0.0.0.0/0" testid="rule-peer"/>
            </Show>
        </div>
    }
}

/// What a security group rule may name besides a CIDR: every group of the scenario (and
/// each VPC's implicit default group while it has no written one, N5.1), then the catalog's
/// prefix lists in the Region of group `id`'s VPC (N2.3).
pub fn sg_peer_options(s: &Scenario, id: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = s
        .security_groups
        .iter()
        .map(|g| {
            let name = g
                .name
                .as_deref()
                .map(|n| format!("{n}, "))
                .unwrap_or_default();
            (g.id.clone(), format!("{} (group: {name}{})", g.id, g.vpc))
        })
        .collect();
    for v in &s.vpcs {
        if !s.security_groups.iter().any(|g| g.vpc == v.id && g.default) {
            let d = implicit_sg_id(&v.id);
            out.push((d.clone(), format!("{d} (default group of {})", v.id)));
        }
    }
    let region = s
        .security_groups
        .iter()
        .find(|g| g.id == id)
        .and_then(|g| s.vpc(&g.vpc))
        .map(|v| v.region.clone())
        .unwrap_or_default();
    for e in vpc_engine::catalog::CATALOG
        .iter()
        .filter(|e| e.region == region)
    {
        if let Some(pl) = e.prefix_list {
            out.push((pl.to_string(), format!("{pl} (prefix list: {})", e.service)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peers_offer_groups_implicit_defaults_and_the_regions_prefix_lists() {
        let s: Scenario = serde_json::from_str(
            r#"{"format":"vpc-playground/2",
            "vpcs":[{"id":"vpc-a","region":"eu-west-1","cidrs":["10.0.0.0/16"]},
                    {"id":"vpc-b","region":"us-east-1","cidrs":["10.1.0.0/16"]}],
            "security_groups":[{"id":"sg-web","vpc":"vpc-a","name":"web"},
                               {"id":"sg-b","vpc":"vpc-b","default":true}]}"#,
        )
        .unwrap();
        let ids: Vec<String> = sg_peer_options(&s, "sg-web")
            .into_iter()
            .map(|o| o.0)
            .collect();
        assert_eq!(
            ids,
            [
                "sg-web",
                "sg-b",
                "vpc-a:default-sg",
                "pl-6da54004",
                "pl-6fa54006"
            ]
        );
        assert_eq!(
            sg_peer_options(&s, "sg-web")[0].1,
            "sg-web (group: web, vpc-a)"
        );
    }
}
