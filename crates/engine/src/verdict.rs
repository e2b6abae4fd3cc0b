//! What a trace produces: hops, the verdict and its reason code.
//!
//! These are the plain data the CLI prints and the app animates; their JSON shape is the
//! `vpcctl trace` contract of `shared/spec/scenario-format.md`. Extra keys (`routes`, `doc`,
//! `reason` on a drop hop) only add to it.

use crate::addr::Ip;
use serde::{Deserialize, Serialize};

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

/// One step of a trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    /// The resource id where this happened (or `internet`, or `com.amazonaws.REGION.SERVICE`).
    pub at: String,
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

/// The outcome of one trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trace {
    pub verdict: Verdict,
    pub reason: Reason,
    pub hops: Vec<Hop>,
    pub return_hops: Vec<Hop>,
}

impl Trace {
    /// The sequence of `at` values of the forward hops.
    pub fn path(&self) -> Vec<&str> {
        self.hops.iter().map(|h| h.at.as_str()).collect()
    }
    /// The sequence of `at` values of the return hops.
    pub fn return_path(&self) -> Vec<&str> {
        self.return_hops.iter().map(|h| h.at.as_str()).collect()
    }
}
