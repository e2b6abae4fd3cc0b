//! What a trace produces: hops, the verdict and its reason code.
//!
//! These are the plain data the CLI prints and the app animates; their JSON shape is the
//! `vpcctl trace` contract of the scenario format. Extra keys (`routes`, `doc`, `reason` and
//! `explanation_code` on a drop hop, `explanation_code` on the trace) only add to it.
//!
//! The types cannot say what cannot happen: a [`Trace`]'s verdict is derived from its
//! [`Reason`], and a [`Hop`] happens at a typed [`Location`] (a resource of a known
//! [`Kind`], the internet or an AWS service), written to JSON as the plain id it always was.
//! A reason reads to a learner as one line, its `Display`: `CODE: summary`.

use crate::addr::Cidr;
use crate::addr::Ip;
use crate::kind::Kind;
use crate::packet::{Packet, Traffic};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Delivered,
    Dropped,
}

/// Reason codes. New codes may be added; these keep their meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Reason {
    Delivered,
    NoRoute,
    BlackholeRoute,
    NoSuchHost,
    PeeringNotActive,
    TransitivePeering,
    EdgeToEdge,
    NoPublicIp,
    EndpointPolicyDeny,
    VpnDown,
    NoReturnRoute,
    UnresolvableName,
    RoutingLoop,
    /// Format 2: no rule of the ENI's security groups allows the packet.
    SecurityGroupDeny,
    /// Format 2: the subnet's network ACL denies the packet.
    NaclDeny,
    /// Format 2: the VPC's attachment to the transit gateway has no subnet in the sending
    /// subnet's Availability Zone (T5).
    TgwNoAttachmentInAz,
    /// Format 2: the transit gateway peering attachment is not `available` (T7).
    AttachmentNotAvailable,
}

impl Reason {
    /// Every code, in the order of the reference's table.
    pub const ALL: [Reason; 17] = [
        Reason::Delivered,
        Reason::NoRoute,
        Reason::BlackholeRoute,
        Reason::NoSuchHost,
        Reason::PeeringNotActive,
        Reason::TransitivePeering,
        Reason::EdgeToEdge,
        Reason::NoPublicIp,
        Reason::EndpointPolicyDeny,
        Reason::VpnDown,
        Reason::NoReturnRoute,
        Reason::UnresolvableName,
        Reason::RoutingLoop,
        Reason::SecurityGroupDeny,
        Reason::NaclDeny,
        Reason::TgwNoAttachmentInAz,
        Reason::AttachmentNotAvailable,
    ];

    /// The verdict this reason means: only `DELIVERED` is a delivery.
    pub fn verdict(&self) -> Verdict {
        match self {
            Reason::Delivered => Verdict::Delivered,
            _ => Verdict::Dropped,
        }
    }
    /// The code as written in JSON (`TRANSITIVE_PEERING`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Reason::Delivered => "DELIVERED",
            Reason::NoRoute => "NO_ROUTE",
            Reason::BlackholeRoute => "BLACKHOLE_ROUTE",
            Reason::NoSuchHost => "NO_SUCH_HOST",
            Reason::PeeringNotActive => "PEERING_NOT_ACTIVE",
            Reason::TransitivePeering => "TRANSITIVE_PEERING",
            Reason::EdgeToEdge => "EDGE_TO_EDGE",
            Reason::NoPublicIp => "NO_PUBLIC_IP",
            Reason::EndpointPolicyDeny => "ENDPOINT_POLICY_DENY",
            Reason::VpnDown => "VPN_DOWN",
            Reason::NoReturnRoute => "NO_RETURN_ROUTE",
            Reason::UnresolvableName => "UNRESOLVABLE_NAME",
            Reason::RoutingLoop => "ROUTING_LOOP",
            Reason::SecurityGroupDeny => "SECURITY_GROUP_DENY",
            Reason::NaclDeny => "NACL_DENY",
            Reason::TgwNoAttachmentInAz => "TGW_NO_ATTACHMENT_IN_AZ",
            Reason::AttachmentNotAvailable => "ATTACHMENT_NOT_AVAILABLE",
        }
    }
    /// The nearest AWS Reachability Analyzer explanation code, so a learner can read the
    /// analyzer's output (`docs/scenario-format.md` R, its table's last column), from AWS's
    /// list at <https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html>.
    /// `None` for `DELIVERED` (a reachable path has none) and for `ENDPOINT_POLICY_DENY`
    /// (Reachability Analyzer does not evaluate endpoint policies). Several codes are the
    /// nearest of a few: `EDGE_TO_EDGE` is the analyzer's rule for the gateway left through
    /// (`NGW_REQUIRES_SOURCE_IN_VPC` names peering, VPN and Direct Connect sources;
    /// `IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS` and `VGW_PRIVATE_IP_ASSOCIATION_FOR_EGRESS` are
    /// its internet and VPN gateway versions).
    pub fn explanation_code(&self) -> Option<&'static str> {
        Some(match self {
            Reason::Delivered | Reason::EndpointPolicyDeny => return None,
            Reason::NoRoute => "NO_ROUTE_TO_DESTINATION",
            // A route to a detached or missing gateway is a blackhole route.
            Reason::BlackholeRoute => "BAD_STATE_ROUTE",
            Reason::NoSuchHost => "NO_POSSIBLE_DESTINATION",
            // The peering connection itself is not in a functional state.
            Reason::PeeringNotActive => "BAD_STATE",
            Reason::TransitivePeering => "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR",
            Reason::EdgeToEdge => "NGW_REQUIRES_SOURCE_IN_VPC",
            Reason::NoPublicIp => "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS",
            Reason::VpnDown => "BAD_STATE_VPN",
            // The analyzer checks the return path's routes as it does the forward path's.
            Reason::NoReturnRoute => "NO_ROUTE_TO_DESTINATION",
            Reason::UnresolvableName => "NO_SOURCE_OR_DESTINATION",
            Reason::RoutingLoop => "NO_POSSIBLE_DESTINATION",
            Reason::SecurityGroupDeny => "ENI_SG_RULES_MISMATCH",
            Reason::NaclDeny => "SUBNET_ACL_RESTRICTION",
            // The analyzer's code for a transit gateway route whose attachment has no subnet
            // in the source's Availability Zone. (The shared AWS-rules notes name
            // `TGW_ATTACH_VPC_AZ_RESTRICTION`, which is not on AWS's list.)
            Reason::TgwNoAttachmentInAz => "TGW_ROUTE_AZ_RESTRICTION",
            // "The attachment between these components is not in a functional state."
            Reason::AttachmentNotAvailable => "BAD_STATE_ATTACHMENT",
        })
    }
    /// A one-line summary of the code for a learner (the hop note has the specifics).
    pub fn summary(&self) -> &'static str {
        match self {
            Reason::Delivered => "the packet reached its destination and the reply came back",
            Reason::NoRoute => "no route matches the destination",
            Reason::BlackholeRoute => "the matching route leads nowhere: its gateway is gone or detached, its transit gateway is not attached to the VPC, or it is a blackhole route",
            Reason::NoSuchHost => "the route delivers locally but no interface holds that address",
            Reason::PeeringNotActive => "the route points at a peering connection that is not active",
            Reason::TransitivePeering => "VPC peering is not transitive: a peer does not forward traffic for another VPC",
            Reason::EdgeToEdge => "no edge-to-edge routing: traffic from a peering, VPN or Direct Connect cannot leave through another gateway of the VPC",
            Reason::NoPublicIp => "the source has no public IP, so the internet gateway cannot translate it",
            Reason::EndpointPolicyDeny => "the endpoint policy does not allow this request",
            Reason::VpnDown => "both tunnels of the VPN connection are down",
            Reason::NoReturnRoute => "the request arrived but the reply cannot get back to the sender",
            Reason::UnresolvableName => "the destination name does not resolve",
            Reason::RoutingLoop => "the routes send the packet round in a loop",
            Reason::SecurityGroupDeny => "no rule of the network interface's security groups allows the packet",
            Reason::NaclDeny => "the subnet's network ACL denies the packet",
            Reason::TgwNoAttachmentInAz => "the transit gateway attachment has no subnet in the sender's Availability Zone, so the packet cannot reach the transit gateway",
            Reason::AttachmentNotAvailable => "the transit gateway peering attachment is not available (not yet accepted, rejected, deleted or failed)",
        }
    }
}

/// The line a learner reads for a reason: `TRANSITIVE_PEERING: VPC peering is not
/// transitive: …`. The trace panel's verdict line and any text output use this.
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.as_str(), self.summary())
    }
}

/// What a hop did with the packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Resolve,
    Route,
    Forward,
    Translate,
    Deliver,
    Drop,
    /// Format 2: a security group or network ACL let the packet through.
    Filter,
}

/// Where a route in a route table came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    Local,
    Static,
    PrefixList,
    Propagated,
}

/// One route that matched the destination at a route-table hop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteMatch {
    /// The CIDR, or the prefix list id for a prefix-list route.
    pub destination: String,
    /// For a prefix-list route: the list entry that matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// `local` or the target id.
    pub target: String,
    pub origin: Origin,
    pub chosen: bool,
}

/// One rule a filter hop evaluated (format 2, `docs/scenario-format.md` F12): the rules of
/// a network ACL up to the deciding one, or every rule of every security group of a network
/// interface, each marked `matched`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterRule {
    /// A network ACL rule: its number (`None`: AWS's final `*` rule, which denies), the
    /// traffic and CIDR it names (none for `*`), and whether it allows.
    Acl {
        number: Option<u16>,
        traffic: Option<Traffic>,
        cidr: Option<Cidr>,
        allow: bool,
        matched: bool,
    },
    /// A security group rule: its group, the traffic it allows and its peer (the `source` of
    /// an inbound rule, the `destination` of an outbound one: a CIDR, prefix list or group).
    Sg {
        group: String,
        traffic: Traffic,
        source: Option<String>,
        destination: Option<String>,
        matched: bool,
    },
}

impl FilterRule {
    pub fn matched(&self) -> bool {
        match self {
            FilterRule::Acl { matched, .. } | FilterRule::Sg { matched, .. } => *matched,
        }
    }
}

/// `{"rule": 100, "protocol": "tcp", "ports": "443", "cidr": "0.0.0.0/0", "action": "allow",
/// "matched": true}`, `{"rule": "*", "action": "deny", "matched": true}`, or `{"group":
/// "sg-web", "protocol": "tcp", "ports": "443", "source": "0.0.0.0/0", "matched": false}`.
impl Serialize for FilterRule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        let traffic = |m: &mut S::SerializeMap, t: &Traffic| -> Result<(), S::Error> {
            m.serialize_entry("protocol", t.protocol().as_str())?;
            if let Some(r) = t.ports() {
                m.serialize_entry("ports", &r.to_string())?;
            }
            Ok(())
        };
        match self {
            FilterRule::Acl {
                number,
                traffic: t,
                cidr,
                allow,
                matched,
            } => {
                match number {
                    Some(n) => m.serialize_entry("rule", n)?,
                    None => m.serialize_entry("rule", "*")?,
                }
                if let Some(t) = t {
                    traffic(&mut m, t)?;
                }
                if let Some(c) = cidr {
                    m.serialize_entry("cidr", &c.to_string())?;
                }
                m.serialize_entry("action", if *allow { "allow" } else { "deny" })?;
                m.serialize_entry("matched", matched)?;
            }
            FilterRule::Sg {
                group,
                traffic: t,
                source,
                destination,
                matched,
            } => {
                m.serialize_entry("group", group)?;
                traffic(&mut m, t)?;
                if let Some(p) = source {
                    m.serialize_entry("source", p)?;
                }
                if let Some(p) = destination {
                    m.serialize_entry("destination", p)?;
                }
                m.serialize_entry("matched", matched)?;
            }
        }
        m.end()
    }
}

/// Where a filter hop's filter acts (format 2, `docs/scenario-format.md` F11), typed so a
/// picture can draw it there: a network ACL at the edge of a subnet, security groups around
/// a network interface. `inbound`: the packet enters the subnet or arrives at the interface
/// (the filter's inbound rules); else it leaves (its outbound rules).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterSite {
    /// A network ACL where the packet crosses the edge of `subnet`.
    SubnetEdge { subnet: String, inbound: bool },
    /// The security groups of a network interface: an instance's (`of` the instance), or an
    /// interface endpoint's address (`of` the endpoint), in `subnet`.
    Interface {
        of: Location,
        subnet: String,
        inbound: bool,
    },
}

impl FilterSite {
    /// Whether the packet meets the filter's inbound rules here.
    pub fn inbound(&self) -> bool {
        match self {
            FilterSite::SubnetEdge { inbound, .. } | FilterSite::Interface { inbound, .. } => {
                *inbound
            }
        }
    }
    /// The subnet the filter guards, or that the interface is in.
    pub fn subnet(&self) -> &str {
        match self {
            FilterSite::SubnetEdge { subnet, .. } | FilterSite::Interface { subnet, .. } => subnet,
        }
    }
}

/// Where a hop happened. In JSON it is the plain string it always was: the resource id,
/// `internet`, or the service name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Location {
    /// A resource of the scenario (an instance, a route table, a gateway, a VPC, …).
    Resource { kind: Kind, id: String },
    /// The public internet, outside every resource of the scenario.
    Internet,
    /// An AWS service, by its endpoint service name (`com.amazonaws.us-east-1.s3`).
    Service(String),
    /// An id that names nothing the walk can use: a route target that dangles in a document
    /// that did not go through `load` (which refuses it).
    Unknown(String),
}

impl Location {
    pub fn resource(kind: Kind, id: impl Into<String>) -> Location {
        Location::Resource {
            kind,
            id: id.into(),
        }
    }
    /// The string the JSON carries: the id, `internet` or the service name.
    pub fn as_str(&self) -> &str {
        match self {
            Location::Resource { id, .. } => id,
            Location::Internet => "internet",
            Location::Service(name) | Location::Unknown(name) => name,
        }
    }
    /// The kind of resource, for a resource.
    pub fn kind(&self) -> Option<Kind> {
        match self {
            Location::Resource { kind, .. } => Some(*kind),
            _ => None,
        }
    }
    pub fn is_service(&self) -> bool {
        matches!(self, Location::Service(_))
    }
}

impl<S: Into<String>> From<(Kind, S)> for Location {
    fn from((kind, id): (Kind, S)) -> Location {
        Location::resource(kind, id)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Location {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Location {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Location {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl Serialize for Location {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One step of a trace. In JSON a drop hop also carries `explanation_code`, its reason's
/// nearest Reachability Analyzer code ([`Reason::explanation_code`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    /// Where this happened.
    pub at: Location,
    pub action: Action,
    /// Source address at this point (after any translation done here).
    pub src: Option<Ip>,
    /// Destination address at this point (`None` only when a name did not resolve).
    pub dst: Option<Ip>,
    /// One sentence a learner reads.
    pub note: String,
    /// At a route-table hop: every route that matched, the winner marked `chosen`.
    pub routes: Vec<RouteMatch>,
    /// The AWS documentation page behind the rule applied here.
    pub doc: Option<String>,
    /// On the hop that drops: why.
    pub reason: Option<Reason>,
    /// Format 2: the packet's protocol and ports at this point (after a NAT gateway's
    /// translation, or swapped on the reply), written as `src_port` and `dst_port`. `None`
    /// in format 1, whose hops carry no ports.
    pub packet: Option<Packet>,
    /// Format 2, at a filter hop: the rules evaluated, each marked `matched`.
    pub rules: Vec<FilterRule>,
    /// Format 2, at a filter hop (passed or denied): where the filter acts. Not in the
    /// JSON, whose note says it in words. Boxed: most hops have none.
    pub site: Option<Box<FilterSite>>,
    /// Format 2, at a transit gateway route table hop (and at an attachment with no table):
    /// where each matching route came from, the rule that decided, and why routes to the
    /// destination are missing. Not in the JSON, whose note says it in words. Boxed.
    pub tgw: Option<Box<TgwTableHop>>,
}

/// What a transit gateway route table hop knows, typed, for the inspector
/// (`docs/scenario-format.md` T6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TgwTableHop {
    /// For each of the hop's `routes`, in order: where it came from.
    pub origins: Vec<TgwRouteFrom>,
    /// The rule that picked the winner (or found nothing).
    pub decision: crate::tgw_routing::TgwDecision,
    /// The attachments whose network holds the destination but that put no route for it
    /// in the table, each with why; or the attachment the packet came in by, when it has
    /// no table.
    pub missing: Vec<TgwMissing>,
}

/// Where a transit gateway route came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TgwRouteFrom {
    /// Written in the table's `routes`.
    Static,
    /// Propagated by VPC attachment `attachment` from VPC `vpc`'s CIDRs.
    Vpc { attachment: String, vpc: String },
    /// Propagated over BGP by VPN attachment `attachment` of VPN connection `vpn`.
    Vpn { attachment: String, vpn: String },
}

/// Why a transit gateway route table has no route from an attachment (ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TgwMissing {
    /// The attachment the packet came in by has no route table associated.
    NotAssociated { attachment: String },
    /// The attachment is not in the table's `propagations`.
    NotPropagated { attachment: String },
    /// Its CIDR `cidr` overlaps `existing`, propagated first by `with`.
    Overlapping {
        attachment: String,
        cidr: String,
        with: String,
        existing: String,
    },
    /// A peering attachment: static routes only.
    Peering { attachment: String },
    /// A VPN attachment with static routing: nothing to propagate.
    StaticVpn { attachment: String },
    /// An attachment that carries nothing, or of another transit gateway.
    Carries { attachment: String },
}

impl TgwMissing {
    /// The attachment it is about.
    pub fn attachment(&self) -> &str {
        match self {
            TgwMissing::NotAssociated { attachment }
            | TgwMissing::NotPropagated { attachment }
            | TgwMissing::Overlapping { attachment, .. }
            | TgwMissing::Peering { attachment }
            | TgwMissing::StaticVpn { attachment }
            | TgwMissing::Carries { attachment } => attachment,
        }
    }
}

impl Serialize for Hop {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            at: &'a Location,
            action: Action,
            src: Option<Ip>,
            dst: Option<Ip>,
            note: &'a str,
            #[serde(skip_serializing_if = "<[RouteMatch]>::is_empty")]
            routes: &'a [RouteMatch],
            #[serde(skip_serializing_if = "Option::is_none")]
            doc: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            reason: Option<Reason>,
            #[serde(skip_serializing_if = "Option::is_none")]
            explanation_code: Option<&'static str>,
            #[serde(flatten, skip_serializing_if = "Option::is_none")]
            ports: Option<HopPorts>,
            #[serde(skip_serializing_if = "<[FilterRule]>::is_empty")]
            rules: &'a [FilterRule],
        }
        /// `src_port` and `dst_port` of a format 2 hop (`null` for icmp).
        #[derive(Serialize)]
        struct HopPorts {
            src_port: Option<u16>,
            dst_port: Option<u16>,
        }
        Out {
            at: &self.at,
            action: self.action,
            src: self.src,
            dst: self.dst,
            note: &self.note,
            routes: &self.routes,
            doc: self.doc.as_deref(),
            reason: self.reason,
            explanation_code: self.reason.and_then(|r| r.explanation_code()),
            ports: self.packet.map(|p| HopPorts {
                src_port: p.src_port().map(|x| x.get()),
                dst_port: p.port().map(|x| x.get()),
            }),
            rules: &self.rules,
        }
        .serialize(s)
    }
}

/// The outcome of one trace. Its verdict is not stored but follows from its reason, so the
/// two cannot disagree; the JSON still carries `verdict` first, as the contract shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    pub reason: Reason,
    /// The packet sent: protocol and ports (the default packet unless one was given).
    pub packet: Packet,
    pub hops: Vec<Hop>,
    pub return_hops: Vec<Hop>,
}

impl Serialize for Trace {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            verdict: Verdict,
            reason: Reason,
            #[serde(skip_serializing_if = "Option::is_none")]
            explanation_code: Option<&'static str>,
            packet: Packet,
            hops: &'a [Hop],
            return_hops: &'a [Hop],
        }
        Out {
            verdict: self.verdict(),
            reason: self.reason,
            explanation_code: self.reason.explanation_code(),
            packet: self.packet,
            hops: &self.hops,
            return_hops: &self.return_hops,
        }
        .serialize(s)
    }
}

impl Trace {
    /// `delivered` exactly when the reason is `DELIVERED`.
    pub fn verdict(&self) -> Verdict {
        self.reason.verdict()
    }
    /// The sequence of `at` values of the forward hops.
    pub fn path(&self) -> Vec<&str> {
        self.hops.iter().map(|h| h.at.as_str()).collect()
    }
    /// The sequence of `at` values of the return hops.
    pub fn return_path(&self) -> Vec<&str> {
        self.return_hops.iter().map(|h| h.at.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hop(at: Location, action: Action) -> Hop {
        Hop {
            at,
            action,
            src: None,
            dst: None,
            note: "n".into(),
            routes: vec![],
            doc: None,
            reason: None,
            packet: None,
            rules: vec![],
            site: None,
            tgw: None,
        }
    }

    #[test]
    fn json_keeps_the_contract_shape() {
        // `verdict` first, derived from the reason; every location as the plain string.
        let t = Trace {
            reason: Reason::Delivered,
            packet: Packet::default(),
            hops: vec![
                hop(Location::resource(Kind::Instance, "i-a"), Action::Forward),
                hop(Location::Internet, Action::Forward),
                hop(
                    Location::Service("com.amazonaws.us-east-1.s3".into()),
                    Action::Deliver,
                ),
            ],
            return_hops: vec![],
        };
        let json = serde_json::to_string(&t).unwrap();
        assert!(
            json.starts_with(
                r#"{"verdict":"delivered","reason":"DELIVERED","packet":{"protocol":"tcp","port":443,"src_port":49152},"hops":[{"at":"i-a","#
            ),
            "{json}"
        );
        assert!(json.contains(r#"{"at":"internet","#), "{json}");
        assert!(
            json.contains(r#"{"at":"com.amazonaws.us-east-1.s3","#),
            "{json}"
        );
        assert_eq!(t.path(), ["i-a", "internet", "com.amazonaws.us-east-1.s3"]);
    }

    #[test]
    fn only_delivered_is_a_delivery() {
        for r in Reason::ALL {
            let want = if r == Reason::Delivered {
                Verdict::Delivered
            } else {
                Verdict::Dropped
            };
            assert_eq!(r.verdict(), want, "{r:?}");
            assert_eq!(r.to_string(), format!("{}: {}", r.as_str(), r.summary()));
        }
    }

    /// Each reason's nearest Reachability Analyzer code, as the reference's table gives it
    /// (codes from https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html).
    #[test]
    fn each_reason_names_its_reachability_analyzer_code() {
        let table: [(Reason, Option<&str>); 17] = [
            (Reason::Delivered, None),
            (Reason::NoRoute, Some("NO_ROUTE_TO_DESTINATION")),
            (Reason::BlackholeRoute, Some("BAD_STATE_ROUTE")),
            (Reason::NoSuchHost, Some("NO_POSSIBLE_DESTINATION")),
            (Reason::PeeringNotActive, Some("BAD_STATE")),
            (
                Reason::TransitivePeering,
                Some("PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"),
            ),
            (Reason::EdgeToEdge, Some("NGW_REQUIRES_SOURCE_IN_VPC")),
            (
                Reason::NoPublicIp,
                Some("IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"),
            ),
            (Reason::EndpointPolicyDeny, None),
            (Reason::VpnDown, Some("BAD_STATE_VPN")),
            (Reason::NoReturnRoute, Some("NO_ROUTE_TO_DESTINATION")),
            (Reason::UnresolvableName, Some("NO_SOURCE_OR_DESTINATION")),
            (Reason::RoutingLoop, Some("NO_POSSIBLE_DESTINATION")),
            (Reason::SecurityGroupDeny, Some("ENI_SG_RULES_MISMATCH")),
            (Reason::NaclDeny, Some("SUBNET_ACL_RESTRICTION")),
            (
                Reason::TgwNoAttachmentInAz,
                Some("TGW_ROUTE_AZ_RESTRICTION"),
            ),
            (Reason::AttachmentNotAvailable, Some("BAD_STATE_ATTACHMENT")),
        ];
        assert_eq!(table.map(|(r, _)| r), Reason::ALL);
        for (r, code) in table {
            assert_eq!(r.explanation_code(), code, "{r:?}");
        }
    }

    #[test]
    fn a_drop_hop_and_the_trace_carry_the_explanation_code() {
        let mut drop = hop(Location::resource(Kind::Vpc, "vpc-b"), Action::Drop);
        drop.reason = Some(Reason::TransitivePeering);
        let t = Trace {
            reason: Reason::TransitivePeering,
            packet: Packet::default(),
            hops: vec![
                hop(Location::resource(Kind::Instance, "i-a"), Action::Forward),
                drop,
            ],
            return_hops: vec![],
        };
        let v = serde_json::to_value(&t).unwrap();
        assert_eq!(v["explanation_code"], "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR");
        assert_eq!(v["hops"][1]["reason"], "TRANSITIVE_PEERING");
        assert_eq!(
            v["hops"][1]["explanation_code"],
            "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"
        );
        // A hop that does not drop has neither key; a delivered trace has no code.
        assert!(v["hops"][0].get("explanation_code").is_none());
        assert!(v["hops"][0].get("reason").is_none());
        let ok = Trace {
            reason: Reason::Delivered,
            ..t
        };
        assert!(serde_json::to_value(&ok)
            .unwrap()
            .get("explanation_code")
            .is_none());
    }
}
