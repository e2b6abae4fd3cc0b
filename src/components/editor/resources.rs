//! The resource panel: every resource of the scenario, grouped account → region → VPC (with
//! its subnets, route tables, instances, gateways and endpoints), then peerings, VPN, Direct
//! Connect, on-premises networks and internet hosts. Selecting an item opens its form below;
//! an item selected elsewhere (the canvas, a finding) is highlighted and scrolled into view.

use crate::canvas::layout::text::cidr_list;
use crate::components::editor::add_menu::AddMenu;
use crate::components::editor::panel::EditorPanel;
use crate::components::editor::upgrade::UpgradeOffer;
use crate::components::editor::PeeringActions;
use crate::components::reveal::{reveal, Shown};
use crate::state::AppState;
use leptos::prelude::*;
use vpc_engine::model::*;
use wasm_bindgen::JsCast;

/// One line of the tree: the id to select and the text to show.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Item {
    pub id: String,
    /// Short kind word (`subnet`, `rtb`…), shown muted before the id.
    pub kind: &'static str,
    /// Details after the id: name, CIDR, address (plain text).
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpcNode {
    pub vpc: Item,
    pub children: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionGroup {
    pub region: String,
    pub vpcs: Vec<VpcNode>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountGroup {
    pub account: String,
    pub regions: Vec<RegionGroup>,
    /// Pending peering requests whose accepter VPC this account owns.
    pub incoming: Vec<String>,
}

fn named(name: &Option<String>, rest: String) -> String {
    match name {
        Some(n) if !n.is_empty() => {
            if rest.is_empty() {
                n.clone()
            } else {
                format!("{n} · {rest}")
            }
        }
        _ => rest,
    }
}

fn item(id: &str, kind: &'static str, detail: String) -> Item {
    Item {
        id: id.to_string(),
        kind,
        detail,
    }
}

/// The VPC's children in the panel's order.
fn vpc_children(s: &Scenario, vpc: &str) -> Vec<Item> {
    let in_vpc = |subnet: &str| s.subnet(subnet).is_some_and(|x| x.vpc == vpc);
    let mut out = Vec::new();
    for x in s.subnets.iter().filter(|x| x.vpc == vpc) {
        out.push(item(
            &x.id,
            "subnet",
            named(&x.name, format!("{} {}", x.cidr, s.subnet_az(x))),
        ));
    }
    for x in s.route_tables.iter().filter(|x| x.vpc == vpc) {
        let main = if x.main {
            "main".to_string()
        } else {
            String::new()
        };
        out.push(item(&x.id, "rtb", named(&x.name, main)));
    }
    for x in s.instances.iter().filter(|x| in_vpc(&x.subnet)) {
        let public = x.public_ip.map(|p| format!(" / {p}")).unwrap_or_default();
        out.push(item(
            &x.id,
            "instance",
            named(&x.name, format!("{}{public}", x.private_ip)),
        ));
    }
    for x in s
        .internet_gateways
        .iter()
        .filter(|x| x.vpc.as_deref() == Some(vpc))
    {
        out.push(item(&x.id, "igw", named(&x.name, String::new())));
    }
    for x in s.nat_gateways.iter().filter(|x| in_vpc(&x.subnet)) {
        out.push(item(
            &x.id,
            "nat",
            named(&x.name, format!("{} → {}", x.private_ip, x.public_ip)),
        ));
    }
    for x in s.vpc_endpoints.iter().filter(|x| x.vpc == vpc) {
        let kind = match x.kind {
            EndpointType::Gateway => "gateway",
            EndpointType::Interface => "interface",
        };
        let svc = x.service.rsplit('.').next().unwrap_or_default();
        out.push(item(&x.id, "vpce", named(&x.name, format!("{svc} {kind}"))));
    }
    for x in s
        .vpn_gateways
        .iter()
        .filter(|x| x.vpc.as_deref() == Some(vpc))
    {
        out.push(item(&x.id, "vgw", named(&x.name, String::new())));
    }
    out
}

/// The account → region → VPC tree, accounts and regions in first-seen order.
pub fn groups(s: &Scenario) -> Vec<AccountGroup> {
    let mut out: Vec<AccountGroup> = Vec::new();
    for v in &s.vpcs {
        let gi = match out.iter().position(|g| g.account == v.account) {
            Some(i) => i,
            None => {
                out.push(AccountGroup {
                    account: v.account.clone(),
                    regions: Vec::new(),
                    incoming: Vec::new(),
                });
                out.len() - 1
            }
        };
        let g = &mut out[gi];
        let ri = match g.regions.iter().position(|r| r.region == v.region) {
            Some(i) => i,
            None => {
                g.regions.push(RegionGroup {
                    region: v.region.clone(),
                    vpcs: Vec::new(),
                });
                g.regions.len() - 1
            }
        };
        let cidrs = cidr_list(&v.cidrs);
        g.regions[ri].vpcs.push(VpcNode {
            vpc: item(&v.id, "vpc", named(&v.name, cidrs)),
            children: vpc_children(s, &v.id),
        });
    }
    for p in s
        .peering_connections
        .iter()
        .filter(|p| p.status == PeeringStatus::PendingAcceptance)
    {
        if let Some(acc) = s.vpc(&p.accepter).map(|v| v.account.clone()) {
            if let Some(g) = out.iter_mut().find(|g| g.account == acc) {
                g.incoming.push(p.id.clone());
            }
        }
    }
    out
}

/// The sections after the VPC tree: (heading, items).
pub fn other_sections(s: &Scenario) -> Vec<(&'static str, Vec<Item>)> {
    let detached: Vec<Item> = s
        .internet_gateways
        .iter()
        .filter(|g| g.vpc.is_none())
        .map(|g| item(&g.id, "igw", named(&g.name, "detached".into())))
        .chain(
            s.vpn_gateways
                .iter()
                .filter(|g| g.vpc.is_none())
                .map(|g| item(&g.id, "vgw", named(&g.name, "detached".into()))),
        )
        .collect();
    let cgws = s
        .customer_gateways
        .iter()
        .map(|x| {
            item(
                &x.id,
                "cgw",
                named(&x.name, format!("{} → {}", x.ip, x.network)),
            )
        })
        .collect();
    let vpns = s
        .vpn_connections
        .iter()
        .map(|x| {
            let t = |i: usize| match x.tunnels.get(i) {
                Some(TunnelState::Up) => "up",
                _ => "down",
            };
            let routing = match x.routing {
                VpnRouting::Bgp => "BGP",
                VpnRouting::Static => "static",
            };
            item(
                &x.id,
                "vpn",
                named(
                    &x.name,
                    format!(
                        "{} ↔ {}, {routing}, tunnels {}/{}",
                        x.vpn_gateway
                            .as_deref()
                            .or(x.transit_gateway.as_deref())
                            .unwrap_or_default(),
                        x.customer_gateway,
                        t(0),
                        t(1)
                    ),
                ),
            )
        })
        .collect();
    let dx = s
        .dx_connections
        .iter()
        .map(|x| {
            item(
                &x.id,
                "dxcon",
                named(
                    &x.name,
                    format!(
                        "{} {}",
                        x.location.clone().unwrap_or_default(),
                        x.bandwidth.clone().unwrap_or_default()
                    )
                    .trim()
                    .to_string(),
                ),
            )
        })
        .chain(s.dx_virtual_interfaces.iter().map(|x| {
            let kind = match x.kind {
                VifType::Private => "private",
                VifType::Public => "public",
            };
            item(
                &x.id,
                "vif",
                named(&x.name, format!("{kind}, VLAN {}", x.vlan)),
            )
        }))
        .collect();
    let onprem = s
        .onprem_networks
        .iter()
        .flat_map(|n| {
            let cidrs = cidr_list(&n.cidrs);
            std::iter::once(item(&n.id, "network", named(&n.name, cidrs))).chain(
                n.hosts
                    .iter()
                    .map(|h| item(&h.id, "host", named(&h.name, h.ip.to_string()))),
            )
        })
        .collect();
    let inet = s
        .internet_hosts
        .iter()
        .map(|x| item(&x.id, "internet", named(&x.name, x.ip.to_string())))
        .collect();
    let (groups, acls) = filter_items(s);
    vec![
        ("Security groups", groups),
        ("Network ACLs", acls),
        ("Transit gateways", tgw_items(s)),
        ("Detached gateways", detached),
        ("Customer gateways", cgws),
        ("VPN connections", vpns),
        ("Direct Connect", dx),
        ("On-premises networks", onprem),
        ("Internet hosts", inet),
    ]
}

/// Format 2's transit gateways, each followed by its attachments (what they join) and its
/// route tables (how many attachments they associate and routes they hold).
fn tgw_items(s: &Scenario) -> Vec<Item> {
    let mut out = Vec::new();
    for g in &s.transit_gateways {
        let asn = format!("{} · ASN {}", g.region, g.asn);
        out.push(item(&g.id, "tgw", named(&g.name, asn)));
        for a in s
            .transit_gateway_attachments
            .iter()
            .filter(|a| a.transit_gateway == g.id)
        {
            let mut what = super::transit::joins(a);
            if a.kind == AttachmentType::Peering {
                what = format!("{what}, {}", a.status().as_str());
            }
            out.push(item(&a.id, "attach", named(&a.name, what)));
        }
        for t in s
            .transit_gateway_route_tables
            .iter()
            .filter(|t| t.transit_gateway == g.id)
        {
            let n = t.routes.len();
            let routes = if n == 1 { "route" } else { "routes" };
            let what = format!("{} associated, {n} static {routes}", t.associations.len());
            out.push(item(&t.id, "tgw-rtb", named(&t.name, what)));
        }
    }
    out
}

/// Format 2's security groups and network ACLs, each with its VPC and how many rules it has.
fn filter_items(s: &Scenario) -> (Vec<Item>, Vec<Item>) {
    let default = |on: bool| if on { " · default" } else { "" };
    let groups = s
        .security_groups
        .iter()
        .map(|g| {
            let out = g.egress_rules().len();
            let rules = format!("{} in, {out} out", g.ingress.len());
            item(
                &g.id,
                "sg",
                named(
                    &g.name,
                    format!("{}{} · {rules}", g.vpc, default(g.default)),
                ),
            )
        })
        .collect();
    let acls = s
        .network_acls
        .iter()
        .map(|a| {
            let subnets = match a.subnets.len() {
                1 => "1 subnet".to_string(),
                n => format!("{n} subnets"),
            };
            let detail = format!(
                "{}{} · {subnets} · {} in, {} out",
                a.vpc,
                default(a.default),
                a.ingress.len(),
                a.egress.len()
            );
            item(&a.id, "acl", named(&a.name, detail))
        })
        .collect();
    (groups, acls)
}

/// Everything the panel lists, computed once per scenario change; the views below pick
/// their part of it by key, so an edit re-renders only the lines it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tree {
    pub accounts: Vec<AccountGroup>,
    pub peerings: Vec<Item>,
    pub sections: Vec<(&'static str, Vec<Item>)>,
}

impl Tree {
    pub fn of(s: &Scenario) -> Tree {
        Tree {
            accounts: groups(s),
            peerings: s
                .peering_connections
                .iter()
                .map(|p| peering_line(s, p))
                .collect(),
            sections: other_sections(s),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty() && self.sections.iter().all(|(_, items)| items.is_empty())
    }

    fn account(&self, account: &str) -> Option<&AccountGroup> {
        self.accounts.iter().find(|a| a.account == account)
    }

    fn vpc(&self, id: &str) -> Option<&VpcNode> {
        self.accounts
            .iter()
            .flat_map(|a| &a.regions)
            .flat_map(|r| &r.vpcs)
            .find(|v| v.vpc.id == id)
    }

    /// Every line in the order the panel shows them (a VPC, then its children).
    fn lines(&self) -> impl Iterator<Item = &Item> {
        let vpcs = self
            .accounts
            .iter()
            .flat_map(|a| &a.regions)
            .flat_map(|r| &r.vpcs)
            .flat_map(|v| std::iter::once(&v.vpc).chain(&v.children));
        vpcs.chain(&self.peerings)
            .chain(self.sections.iter().flat_map(|(_, items)| items))
    }

    /// Every line's id in the order the panel shows them.
    pub fn line_ids(&self) -> Vec<String> {
        self.lines().map(|i| i.id.clone()).collect()
    }

    /// The tree cut to its first `n` lines in the panel's order (see `line_ids`): what the
    /// panel shows while a large scenario is revealed a slice per frame. Groups left without
    /// a line are left out until their lines come; an account's pending requests stay.
    pub fn first_lines(mut self, n: usize) -> Tree {
        fn take(items: &mut Vec<Item>, left: &mut usize) {
            items.truncate(*left);
            *left -= items.len();
        }
        let mut left = n;
        for a in &mut self.accounts {
            for r in &mut a.regions {
                r.vpcs.retain_mut(|v| {
                    if left == 0 {
                        return false;
                    }
                    left -= 1;
                    take(&mut v.children, &mut left);
                    true
                });
            }
            a.regions.retain(|r| !r.vpcs.is_empty());
        }
        self.accounts
            .retain(|a| !a.regions.is_empty() || !a.incoming.is_empty());
        take(&mut self.peerings, &mut left);
        for (_, items) in &mut self.sections {
            take(items, &mut left);
        }
        self
    }
}

/// The panel's data, shared by its parts.
#[derive(Clone, Copy)]
struct Lines {
    /// The tree as shown now: the whole tree, or its first lines while a large scenario is
    /// revealed a slice per frame (`reveal`).
    tree: Memo<Shown<Tree, String>>,
    /// Which line is selected, by id: each line follows its own id only, so a new
    /// selection updates two lines, not every line (and removing lines stays cheap).
    selected: StoredValue<Selector<Option<String>>>,
}

/// One selectable line. It shows its `item` as it was when the line was made: the lists key
/// each line by its whole `Item`, so a changed resource gets a new line. A line has no
/// signals of its own but its selection mark, and no click handler (the panel has one for
/// all, `select_clicked`): opening a 500-host scenario over another removes a thousand lines
/// at once, and each reactive node or listener a line owned made that one long task longer.
#[component]
fn ItemButton(lines: Lines, item: Item, #[prop(optional)] nested: bool) -> impl IntoView {
    let Item { id, kind, detail } = item;
    let key = Some(id.clone());
    let (res_id, title) = (id.clone(), id.clone());
    view! {
        <button type="button" class="res-item" class:nested=nested || kind == "host" data-res-id=res_id
            data-testid="resource-item"
            aria-current=move || lines.selected.with_value(|s| s.selected(&key)).then_some("true")>
            <span class="res-kind">{kind}</span>
            <span class="res-id" title=title>{id}</span>
            <span class="res-detail">{detail}</span>
        </button>
    }
}

/// The panel's one click handler for its lines: selects the line clicked, if any.
fn select_clicked(state: AppState, ev: &web_sys::MouseEvent) {
    let id = crate::dom::target_within(ev, "button.res-item")
        .and_then(|b| b.get_attribute("data-res-id"));
    if let Some(id) = id {
        state.selected.set(Some(id));
    }
}

fn peering_line(s: &Scenario, p: &PeeringConnection) -> Item {
    let account = |v: &str| s.vpc(v).map(|x| x.account.clone()).unwrap_or_default();
    let cross = if account(&p.requester) != account(&p.accepter) {
        " (cross-account)"
    } else {
        ""
    };
    item(
        &p.id,
        "pcx",
        named(
            &p.name,
            format!(
                "{} → {}: {}{cross}",
                p.requester,
                p.accepter,
                p.status.as_str()
            ),
        ),
    )
}

/// `el.scrollIntoView({block: "nearest"})`, without extra web-sys features.
fn scroll_nearest(el: &web_sys::Element) {
    let opts = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&opts, &"block".into(), &"nearest".into());
    if let Ok(f) = js_sys::Reflect::get(el, &"scrollIntoView".into()) {
        if let Ok(f) = f.dyn_into::<js_sys::Function>() {
            let _ = f.call1(el, &opts);
        }
    }
}

/// One account: its pending requests to accept, then its regions and their VPCs.
#[component]
fn AccountLines(lines: Lines, account: String) -> impl IntoView {
    let acct = account.clone();
    let incoming = move || {
        lines
            .tree
            .with(|t| t.items.account(&acct).map(|a| a.incoming.clone()))
            .unwrap_or_default()
    };
    let acct = account.clone();
    let regions = move || {
        lines
            .tree
            .with(|t| {
                t.items
                    .account(&acct)
                    .map(|a| a.regions.iter().map(|r| r.region.clone()).collect())
            })
            .unwrap_or_else(Vec::new)
    };
    let incoming_shown = incoming.clone();
    view! {
        <div class="res-account" data-testid="account-group">
            <h3 class="res-group">"Account "{account.clone()}</h3>
            <Show when=move || !incoming_shown().is_empty()>
                <div class="incoming" data-testid="incoming-requests">
                    <h4>"Peering requests to accept"</h4>
                    <For each=incoming.clone() key=|p| p.clone() children=move |p| view! {
                        <div class="incoming-row">
                            <ItemButton lines item=item(&p, "pcx", "pending-acceptance".into())/>
                            <PeeringActions id=p.clone() answer_only=true/>
                        </div>
                    }/>
                </div>
            </Show>
            <For each=regions key=|r| r.clone() children={
                let account = account.clone();
                move |region| view! { <RegionLines lines account=account.clone() region/> }
            }/>
        </div>
    }
}

/// One region of an account: its VPCs, each with its children.
#[component]
fn RegionLines(lines: Lines, account: String, region: String) -> impl IntoView {
    let name = region.clone();
    let vpcs = move || {
        lines
            .tree
            .with(|t| {
                t.items
                    .account(&account)
                    .and_then(|a| a.regions.iter().find(|r| r.region == region))
                    .map(|r| r.vpcs.iter().map(|v| v.vpc.clone()).collect())
            })
            .unwrap_or_else(Vec::new)
    };
    view! {
        <div class="res-region">
            <h4 class="res-region-name">{name}</h4>
            <For each=vpcs key=|v: &Item| v.clone() children=move |v| {
                let id = v.id.clone();
                let children = move || {
                    lines.tree.with(|t| t.items.vpc(&id).map(|n| n.children.clone())).unwrap_or_default()
                };
                view! {
                    <div class="res-vpc">
                        <ItemButton lines item=v/>
                        <div class="res-children">
                            <For each=children key=|c: &Item| c.clone()
                                children=move |c| view! { <ItemButton lines item=c nested=true/> }/>
                        </div>
                    </div>
                }
            }/>
        </div>
    }
}

/// The lines after the VPC tree: peerings (with their actions), then the other sections.
#[component]
fn OtherLines(lines: Lines) -> impl IntoView {
    let peerings = move || lines.tree.with(|t| t.items.peerings.clone());
    let titles = move || {
        lines.tree.with(|t| {
            t.items
                .sections
                .iter()
                .filter(|(_, items)| !items.is_empty())
                .map(|(title, _)| *title)
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Show when=move || lines.tree.with(|t| !t.items.peerings.is_empty())>
            <div class="res-section" data-testid="peering-list">
                <h3 class="res-group">"Peering connections"</h3>
                <For each=peerings key=|p: &Item| p.id.clone() children=move |p| {
                    // The row stays while its peering does (its actions keep the focus when
                    // the peering is accepted); its line follows the peering's status.
                    let id = p.id.clone();
                    let line = Memo::new(move |_| {
                        lines.tree.with(|t| t.items.peerings.iter().find(|x| x.id == p.id).cloned())
                    });
                    view! {
                        <div class="peering-row">
                            {move || line.get().map(|item| view! { <ItemButton lines item/> })}
                            <PeeringActions id/>
                        </div>
                    }
                }/>
            </div>
        </Show>
        <For each=titles key=|t| *t children=move |title| {
            let items = move || {
                lines.tree.with(|t| {
                    t.items.sections.iter().find(|(x, _)| *x == title).map(|(_, items)| items.clone())
                }).unwrap_or_default()
            };
            view! {
                <div class="res-section">
                    <h3 class="res-group">{title}</h3>
                    <For each=items key=|i: &Item| i.clone()
                        children=move |i| view! { <ItemButton lines item=i/> }/>
                </div>
            }
        }/>
    }
}

#[component]
pub fn Resources() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Scroll the selected item into view when the selection comes from elsewhere.
    Effect::new(move |_| {
        let Some(id) = state.selected.get() else {
            return;
        };
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let escaped = id.replace('\\', "\\\\").replace('"', "\\\"");
        let Ok(Some(el)) = doc.query_selector(&format!("[data-res-id=\"{escaped}\"]")) else {
            return;
        };
        scroll_nearest(&el);
    });
    let whole = Memo::new(move |_| state.scenario.with(Tree::of));
    let tree = reveal(move || whole.get(), Tree::line_ids, Tree::first_lines);
    let lines = Lines {
        tree,
        selected: StoredValue::new(Selector::new(move || state.selected.get())),
    };
    let accounts = move || {
        tree.with(|t| {
            t.items
                .accounts
                .iter()
                .map(|a| a.account.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="resources" data-testid="resources">
            <div class="resources-head">
                <h2>"Resources"</h2>
                <AddMenu/>
            </div>
            <UpgradeOffer/>
            <nav class="res-tree" aria-label="Resource list" tabindex="-1"
                on:click=move |ev| select_clicked(state, &ev)>
                <Show when=move || whole.with(Tree::is_empty)>
                    <p class="muted small">"Nothing here yet: use “Add resource” to start with a VPC."</p>
                </Show>
                <For each=accounts key=|a| a.clone() children=move |account| view! { <AccountLines lines account/> }/>
                <OtherLines lines/>
            </nav>
            <EditorPanel/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        serde_json::from_str(
            r#"{"format":"vpc-playground/1",
            "vpcs":[{"id":"vpc-a","name":"A","account":"111111111111","region":"us-east-1","cidrs":["10.0.0.0/16"]},
                    {"id":"vpc-b","account":"222222222222","region":"eu-west-1","cidrs":["10.1.0.0/16"]},
                    {"id":"vpc-c","account":"111111111111","region":"us-west-2","cidrs":["10.2.0.0/16"]}],
            "subnets":[{"id":"subnet-a1","vpc":"vpc-a","cidr":"10.0.1.0/24"}],
            "route_tables":[{"id":"rtb-a","vpc":"vpc-a","main":true}],
            "instances":[{"id":"i-a","subnet":"subnet-a1","private_ip":"10.0.1.10"}],
            "internet_gateways":[{"id":"igw-a","vpc":"vpc-a"},{"id":"igw-x","vpc":null}],
            "peering_connections":[{"id":"pcx-ab","requester":"vpc-a","accepter":"vpc-b","status":"pending-acceptance"}],
            "onprem_networks":[{"id":"hq","cidrs":["192.168.0.0/16"],"hosts":[{"id":"hq-pc","ip":"192.168.1.10"}]}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn grouped_by_account_then_region() {
        let g = groups(&scenario());
        let shape: Vec<(String, Vec<String>)> = g
            .iter()
            .map(|a| {
                (
                    a.account.clone(),
                    a.regions.iter().map(|r| r.region.clone()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                (
                    "111111111111".to_string(),
                    vec!["us-east-1".to_string(), "us-west-2".to_string()]
                ),
                ("222222222222".to_string(), vec!["eu-west-1".to_string()]),
            ]
        );
        let a = &g[0].regions[0].vpcs[0];
        assert_eq!(a.vpc.detail, "A · 10.0.0.0/16");
        let kids: Vec<&str> = a.children.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(kids, vec!["subnet-a1", "rtb-a", "i-a", "igw-a"]);
        // The pending request shows in the accepter's account, not the requester's.
        assert!(g[0].incoming.is_empty());
        assert_eq!(g[1].incoming, vec!["pcx-ab"]);
    }

    #[test]
    fn transit_gateways_list_their_attachments_and_tables() {
        let s: Scenario = serde_json::from_str(
            r#"{"format":"vpc-playground/2",
            "vpcs":[{"id":"vpc-a","region":"us-east-1","cidrs":["10.0.0.0/16"]}],
            "subnets":[{"id":"subnet-a1","vpc":"vpc-a","cidr":"10.0.1.0/24"}],
            "transit_gateways":[{"id":"tgw-1","name":"hub","region":"us-east-1"},
                                {"id":"tgw-2","region":"us-east-1","asn":64600}],
            "transit_gateway_attachments":[
                {"id":"att-a","transit_gateway":"tgw-1","type":"vpc","vpc":"vpc-a","subnets":["subnet-a1"]},
                {"id":"att-p","transit_gateway":"tgw-1","type":"peering","peer_transit_gateway":"tgw-2","status":"pending-acceptance"}],
            "transit_gateway_route_tables":[{"id":"tgw-rtb-1","transit_gateway":"tgw-1","associations":["att-a"],
                "routes":[{"destination":"10.9.0.0/16","target":"blackhole"}]}]}"#,
        )
        .unwrap();
        let (_, items) = other_sections(&s)
            .into_iter()
            .find(|(h, _)| *h == "Transit gateways")
            .unwrap();
        let lines: Vec<(&str, &str)> = items
            .iter()
            .map(|i| (i.id.as_str(), i.detail.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                ("tgw-1", "hub · us-east-1 · ASN 64512"),
                ("att-a", "VPC vpc-a"),
                ("att-p", "peering tgw-1 ↔ tgw-2, pending-acceptance"),
                ("tgw-rtb-1", "1 associated, 1 static route"),
                ("tgw-2", "us-east-1 · ASN 64600"),
            ]
        );
    }

    #[test]
    fn a_tree_cut_to_n_lines_shows_the_first_n_in_panel_order() {
        let whole = Tree::of(&scenario());
        let all = whole.line_ids();
        assert_eq!(
            all,
            [
                "vpc-a",
                "subnet-a1",
                "rtb-a",
                "i-a",
                "igw-a",
                "vpc-c",
                "vpc-b"
            ]
            .into_iter()
            .chain(["pcx-ab", "igw-x", "hq", "hq-pc"])
            .collect::<Vec<_>>()
        );
        for n in 0..=all.len() + 1 {
            let cut = whole.clone().first_lines(n);
            assert_eq!(cut.line_ids(), all[..n.min(all.len())], "first {n} lines");
            // No group is shown without a line in it, but a pending request stays.
            for a in &cut.accounts {
                assert!(a.regions.iter().all(|r| !r.vpcs.is_empty()), "{n}");
                assert!(!a.regions.is_empty() || !a.incoming.is_empty(), "{n}");
            }
        }
        assert_eq!(whole.clone().first_lines(all.len()), whole);
        // vpc-b's account keeps its pending request to accept before its VPC's line comes.
        let cut = whole.first_lines(2);
        let incoming: Vec<_> = cut.accounts.iter().map(|a| a.incoming.clone()).collect();
        assert_eq!(incoming, [vec![], vec!["pcx-ab".to_string()]]);
    }

    #[test]
    fn nothing_is_left_out() {
        let s = scenario();
        let mut shown: Vec<String> = Vec::new();
        for a in groups(&s) {
            for r in a.regions {
                for v in r.vpcs {
                    shown.push(v.vpc.id);
                    shown.extend(v.children.into_iter().map(|c| c.id));
                }
            }
        }
        shown.extend(s.peering_connections.iter().map(|p| p.id.clone()));
        for (_, items) in other_sections(&s) {
            shown.extend(items.into_iter().map(|i| i.id));
        }
        let mut all: Vec<String> = s.all_ids().into_iter().map(str::to_string).collect();
        all.sort();
        shown.sort();
        assert_eq!(shown, all);
    }
}
