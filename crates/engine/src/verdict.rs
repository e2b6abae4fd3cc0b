//! What a trace produces: hops, the verdict and its reason code.
//!
//! These are the plain data the CLI prints and the app animates; their JSON shape is the
//! `vpcctl trace` contract of the scenario format. Extra keys (`routes`, `doc`, `reason` on a
//! drop hop) only add to it.
//!
//! The types cannot say what cannot happen: a [`Trace`]'s verdict is derived from its
//! [`Reason`], and a [`Hop`] happens at a typed [`Location`] (a resource of a known
//! [`Kind`], the internet or an AWS service), written to JSON as the plain id it always was.
//! A reason reads to a learner as one line, its `Display`: `CODE: summary`.

use crate::addr::Ip;
use crate::kind::Kind;
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
}

impl Reason {
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
        }
    }
    /// A one-line summary of the code for a learner (the hop note has the specifics).
    pub fn summary(&self) -> &'static str {
        match self {
            Reason::Delivered => "the packet reached its destination and the reply came back",
            Reason::NoRoute => "no route matches the destination",
            Reason::BlackholeRoute => "the matching route points at a gateway that is gone or detached",
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

/// One step of a trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<RouteMatch>,
    /// The AWS documentation page behind the rule applied here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// On the hop that drops: why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
}

/// The outcome of one trace. Its verdict is not stored but follows from its reason, so the
/// two cannot disagree; the JSON still carries `verdict` first, as the contract shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    pub reason: Reason,
    pub hops: Vec<Hop>,
    pub return_hops: Vec<Hop>,
}

impl Serialize for Trace {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            verdict: Verdict,
            reason: Reason,
            hops: &'a [Hop],
            return_hops: &'a [Hop],
        }
        Out {
            verdict: self.verdict(),
            reason: self.reason,
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
        }
    }

    #[test]
    fn json_keeps_the_contract_shape() {
        // `verdict` first, derived from the reason; every location as the plain string.
        let t = Trace {
            reason: Reason::Delivered,
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
            json.starts_with(r#"{"verdict":"delivered","reason":"DELIVERED","hops":[{"at":"i-a","#),
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
        let all = [
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
        ];
        for r in all {
            let want = if r == Reason::Delivered {
                Verdict::Delivered
            } else {
                Verdict::Dropped
            };
            assert_eq!(r.verdict(), want, "{r:?}");
            assert_eq!(r.to_string(), format!("{}: {}", r.as_str(), r.summary()));
        }
    }
}
