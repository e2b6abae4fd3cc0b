//! Format 2 on top of a generated topology ([`crate::topo::Topo`]): security groups and
//! network ACLs from small pools (`docs/scenario-format.md` N2-N5), the instances' groups,
//! and the packets to send (P1). As in `topo`, every choice is a small number modulo a pool,
//! so most byte strings describe a document that loads; the odd ones (duplicate rule numbers,
//! a group of another VPC, a subnet listed twice) are findings and kept on purpose.

use crate::topo::{Built, Topo, DESTINATIONS};
use arbitrary::Arbitrary;
use serde_json::{json, Value};
use vpc_engine::packet::{Packet, Protocol};

/// A rule's protocol (N2.2): `ports` only with tcp and udp.
const RULE_PROTOCOLS: [&str; 5] = ["tcp", "tcp", "udp", "icmp", "all"];
/// Rule port ranges: the common services, the ephemeral range NAT replies need (P4), all.
const PORT_RANGES: [&str; 8] = [
    "443",
    "22",
    "5432",
    "53",
    "1024-65535",
    "1-65535",
    "49152",
    "80-443",
];
/// ACL rule numbers: repeats make NACL_DUPLICATE_RULE, low ones decide first.
const RULE_NUMBERS: [u16; 7] = [100, 90, 110, 100, 200, 1, 32766];
/// Packet ports: the defaults, services, and the ends of the range.
const PACKET_PORTS: [i64; 8] = [443, 22, 5432, 53, 49152, 1024, 65535, 1];

pub const MAX_GROUPS: usize = 4;
pub const MAX_ACLS: usize = 3;
pub const MAX_RULES: usize = 4;
pub const MAX_PACKETS: usize = 3;

#[derive(Arbitrary, Debug, Clone)]
pub struct Topo2 {
    pub topo: Topo,
    pub groups: Vec<GroupDesc>,
    pub acls: Vec<AclDesc>,
    /// Per instance, in order: bit g puts it in group g; none leaves it in its VPC's default.
    pub membership: Vec<u8>,
    pub packets: Vec<PacketDesc>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct GroupDesc {
    pub vpc: u8,
    pub default: bool,
    pub ingress: Vec<SgRuleDesc>,
    /// `None`: no `egress` key, AWS's allow-all outbound rule (N2.4).
    pub egress: Option<Vec<SgRuleDesc>>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct SgRuleDesc {
    pub protocol: u8,
    pub ports: u8,
    pub peer: PeerDesc,
}

/// A rule's peer (N2.3).
#[derive(Arbitrary, Debug, Clone)]
pub enum PeerDesc {
    Cidr(u8),
    Group(u8),
    /// A VPC's implicit default group, `VPCID:default-sg` (N5.3).
    ImplicitDefault(u8),
}

#[derive(Arbitrary, Debug, Clone)]
pub struct AclDesc {
    pub vpc: u8,
    pub default: bool,
    /// Bit k: lists the document's subnet k (of any VPC: SUBNET_OTHER_VPC).
    pub subnets: u8,
    pub ingress: Vec<AclRuleDesc>,
    pub egress: Vec<AclRuleDesc>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct AclRuleDesc {
    pub rule: u8,
    pub protocol: u8,
    pub ports: u8,
    pub cidr: u8,
    pub deny: bool,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct PacketDesc {
    pub protocol: u8,
    pub port: u8,
    pub src_port: u8,
}

fn pick<T: Copy>(pool: &[T], n: u8) -> T {
    pool[n as usize % pool.len()]
}

/// `protocol` and, for tcp and udp, `ports` of a rule.
fn protocol_and_ports(rule: &mut serde_json::Map<String, Value>, protocol: u8, ports: u8) {
    let p = pick(&RULE_PROTOCOLS, protocol);
    rule.insert("protocol".into(), json!(p));
    if p == "tcp" || p == "udp" {
        rule.insert("ports".into(), json!(pick(&PORT_RANGES, ports)));
    }
}

/// The ids of a list of the document.
fn ids(doc: &Value, list: &str) -> Vec<String> {
    doc.get(list)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.get("id").and_then(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

impl Topo2 {
    /// The format 1 topology, and the same one in format 2 with its filters.
    pub fn build(&self) -> (Built, Value) {
        let built = self.topo.build();
        let mut doc = built.doc.clone();
        let vpcs = ids(&doc, "vpcs");
        let subnets = ids(&doc, "subnets");
        if vpcs.is_empty() {
            return (built, doc);
        }
        let groups: Vec<&GroupDesc> = self.groups.iter().take(MAX_GROUPS).collect();
        let sg_rule = |r: &SgRuleDesc, peer_key: &str| {
            let mut rule = serde_json::Map::new();
            protocol_and_ports(&mut rule, r.protocol, r.ports);
            let peer = match r.peer {
                PeerDesc::Cidr(c) => pick(&DESTINATIONS, c).to_string(),
                PeerDesc::Group(g) if !groups.is_empty() => {
                    format!("sg-{}", g as usize % groups.len())
                }
                PeerDesc::Group(v) | PeerDesc::ImplicitDefault(v) => {
                    format!("{}:default-sg", vpcs[v as usize % vpcs.len()])
                }
            };
            rule.insert(peer_key.into(), json!(peer));
            Value::Object(rule)
        };
        let sgs: Vec<Value> = groups
            .iter()
            .enumerate()
            .map(|(g, d)| {
                let mut o = json!({
                    "id": format!("sg-{g}"), "vpc": vpcs[d.vpc as usize % vpcs.len()],
                    "default": d.default,
                    "ingress": d.ingress.iter().take(MAX_RULES).map(|r| sg_rule(r, "source")).collect::<Vec<_>>(),
                });
                if let Some(e) = &d.egress {
                    o["egress"] = json!(e.iter().take(MAX_RULES).map(|r| sg_rule(r, "destination")).collect::<Vec<_>>());
                }
                o
            })
            .collect();
        let acl_rule = |r: &AclRuleDesc| {
            let mut rule = serde_json::Map::new();
            rule.insert("rule".into(), json!(pick(&RULE_NUMBERS, r.rule)));
            protocol_and_ports(&mut rule, r.protocol, r.ports);
            rule.insert("cidr".into(), json!(pick(&DESTINATIONS, r.cidr)));
            rule.insert(
                "action".into(),
                json!(if r.deny { "deny" } else { "allow" }),
            );
            Value::Object(rule)
        };
        let acls: Vec<Value> = self
            .acls
            .iter()
            .take(MAX_ACLS)
            .enumerate()
            .map(|(a, d)| {
                let listed: Vec<&String> = subnets
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| *k < 8 && d.subnets & (1 << k) != 0)
                    .map(|(_, s)| s)
                    .collect();
                json!({
                    "id": format!("acl-{a}"), "vpc": vpcs[d.vpc as usize % vpcs.len()],
                    "default": d.default, "subnets": listed,
                    "ingress": d.ingress.iter().take(MAX_RULES).map(acl_rule).collect::<Vec<_>>(),
                    "egress": d.egress.iter().take(MAX_RULES).map(acl_rule).collect::<Vec<_>>(),
                })
            })
            .collect();
        if let Some(instances) = doc.get_mut("instances").and_then(Value::as_array_mut) {
            for (i, inst) in instances.iter_mut().enumerate() {
                let bits = self.membership.get(i).copied().unwrap_or(0);
                let mine: Vec<String> = (0..groups.len())
                    .filter(|g| bits & (1 << g) != 0)
                    .map(|g| format!("sg-{g}"))
                    .collect();
                if !mine.is_empty() {
                    inst["security_groups"] = json!(mine);
                }
            }
        }
        doc["format"] = json!("vpc-playground/2");
        doc["security_groups"] = json!(sgs);
        doc["network_acls"] = json!(acls);
        (built, doc)
    }

    /// The packets to send: the default one first, then those described.
    pub fn packets(&self) -> Vec<Packet> {
        let mut out = vec![Packet::default()];
        for d in self.packets.iter().take(MAX_PACKETS) {
            let protocol = pick(&Protocol::ALL, d.protocol);
            let ports = (protocol != Protocol::Icmp)
                .then(|| (pick(&PACKET_PORTS, d.port), pick(&PACKET_PORTS, d.src_port)));
            if let Ok(p) = Packet::new(protocol, ports.map(|p| p.0), ports.map(|p| p.1)) {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        out
    }
}
