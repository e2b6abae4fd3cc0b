//! The scenario library: the classic exam situations shipped with the app, in teaching order.
//!
//! Each entry is a scenario document (format 1, or 2 for filters and transit gateways) in
//! `crates/engine/scenarios/NN-slug.json` with a `lesson` (question, answer, and the trace
//! the app runs first). The builds that read every document ([`LibraryEntry::json`]: the
//! tests and benchmarks) compile them in with `include_str!`. The app compiles in the welcome
//! lesson only ([`WELCOME_JSON`]) and fetches the others from the site when the learner opens
//! them, so its download does not carry 34 documents. `tests/library.rs` checks that each
//! loads and that its lesson trace gives the verdict its answer describes.

/// One classic exam situation shipped with the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LibraryEntry {
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    /// The document's file name in `crates/engine/scenarios/`, which the site also serves
    /// under `scenarios/` (index.html copies the directory): the app fetches a lesson from
    /// there when the learner opens it instead of compiling all of them in.
    pub file: &'static str,
}

impl LibraryEntry {
    /// The scenario document (format 1 or 2, with a `lesson`), compiled in. Only the builds
    /// that call this (the tests and benchmarks) hold the documents.
    pub fn json(&self) -> &'static str {
        document(self.file)
    }
}

/// Declares [`LIBRARY`] and `document`, the compiled-in text of each entry's file, from one
/// list, so an entry and its document cannot drift apart.
macro_rules! library {
    ($($file:literal: $slug:literal, $title:literal, $summary:literal;)*) => {
        /// Every library scenario, in teaching order: peering basics, routing choices,
        /// endpoints, then hybrid connectivity (VPN and Direct Connect), format 2's filters,
        /// and transit gateways.
        pub const LIBRARY: &[LibraryEntry] = &[$(LibraryEntry {
            slug: $slug,
            title: $title,
            summary: $summary,
            file: $file,
        }),*];

        /// The document of a library file. Every `LibraryEntry` the crate gives out names one
        /// of them; any other name gives an empty text, which `load` refuses.
        fn document(file: &str) -> &'static str {
            match file {
                $($file => include_str!(concat!("../scenarios/", $file)),)*
                _ => "",
            }
        }
    };
}

library! {
    "01-transitive-peering.json": "transitive-peering",
        "Transitive peering",
        "A-B and B-C are peered. Can A reach C?";
    "02-full-mesh.json": "full-mesh",
        "The full-mesh fix",
        "Peer every pair directly: A reaches C over its own peering.";
    "03-overlapping-cidrs.json": "overlapping-cidrs",
        "Overlapping secondary CIDRs",
        "Primary blocks differ, secondary blocks overlap: the peering fails.";
    "04-pending-peering.json": "pending-peering",
        "Peering request not yet accepted",
        "Routes point at a request the other account has not accepted.";
    "05-expired-peering.json": "expired-peering",
        "Expired peering request",
        "A request left pending for over 7 days expires for good.";
    "06-missing-return-route.json": "missing-return-route",
        "Missing return route",
        "The request arrives over the peering; the reply has no route back.";
    "07-overlapping-peers-lpm.json": "overlapping-peers-lpm",
        "Two peers with the same range",
        "Longest prefix match sends the reply to the wrong VPC.";
    "08-peer-internet-gateway.json": "peer-internet-gateway",
        "Borrowing a peer's internet gateway",
        "A peer's internet gateway is not yours: no edge-to-edge routing.";
    "09-peer-nat-gateway.json": "peer-nat-gateway",
        "Borrowing a peer's NAT gateway",
        "Central NAT over VPC peering does not work.";
    "10-peer-s3-endpoint.json": "peer-s3-endpoint",
        "Borrowing a peer's S3 gateway endpoint",
        "A gateway endpoint serves only its own VPC.";
    "11-s3-gateway-endpoint.json": "s3-gateway-endpoint",
        "S3 through a gateway endpoint",
        "The prefix-list route beats the default route; S3 sees a private source.";
    "12-s3-through-nat.json": "s3-through-nat",
        "S3 through a NAT gateway",
        "Without an endpoint, S3 sees the NAT gateway's public IP.";
    "13-endpoint-policy-deny.json": "endpoint-policy-deny",
        "Endpoint policy deny",
        "A bucket the endpoint policy does not name is denied, with no fallback.";
    "14-vpn-route-propagation.json": "vpn-route-propagation",
        "Site-to-Site VPN with route propagation",
        "BGP-learned HQ routes appear in the route table.";
    "15-vpn-no-propagation.json": "vpn-no-propagation",
        "VPN without route propagation",
        "HQ reaches the VPC, but the reply has no route back.";
    "16-vpn-tunnels-down.json": "vpn-tunnels-down",
        "Both VPN tunnels down",
        "The route is still there; the tunnels are not.";
    "17-interface-endpoint-onprem.json": "interface-endpoint-onprem",
        "Interface endpoint from on-premises",
        "PrivateLink over VPN, and why the public name still goes public.";
    "18-dx-preferred-over-vpn.json": "dx-preferred-over-vpn",
        "Direct Connect preferred over VPN",
        "Same prefix over DX and VPN: Direct Connect wins.";
    "19-dx-public-vif-s3.json": "dx-public-vif-s3",
        "Direct Connect public VIF to S3",
        "On-premises to S3 over a public virtual interface.";
    "20-static-beats-propagated.json": "static-beats-propagated",
        "Static route beats propagated route",
        "At equal prefix length, a static route wins.";
    "21-local-route-wins.json": "local-route-wins",
        "The local route always wins",
        "A more specific propagated route cannot override the VPC's local route.";
    "22-default-security-group.json": "default-security-group",
        "The default security group blocks a new instance",
        "An instance launched without a group admits only its own group's members.";
    "23-nacl-ephemeral-ports.json": "nacl-ephemeral-ports",
        "No ephemeral-port rule for the NAT gateway's replies",
        "The reply from the internet comes back to a port in 1024-65535 and the ACL denies it.";
    "24-nacl-rule-order.json": "nacl-rule-order",
        "Network ACL rule order: deny 90 before allow 100",
        "The lowest-numbered matching rule decides, whatever order rules were added in.";
    "25-endpoint-security-group.json": "endpoint-security-group",
        "An interface endpoint whose group does not allow 443",
        "The endpoint is a network interface: its security group must admit HTTPS.";
    "26-stateful-vs-stateless.json": "stateful-vs-stateless",
        "Stateful security group, stateless network ACL",
        "The group lets the reply out by connection tracking; the ACL checks it again.";
    "27-security-group-reference-peering.json": "security-group-reference-peering",
        "A security group reference across Regions",
        "A peered group can be referenced only within one Region.";
    "28-transit-gateway-hub.json": "transit-gateway-hub",
        "A transit gateway replaces transitive peering",
        "A, B and C on one transit gateway: C is reached, on the ports its filters allow.";
    "29-tgw-segmentation.json": "tgw-segmentation",
        "Segmentation with transit gateway route tables",
        "Production and development are isolated by route tables; shared services reach both.";
    "30-tgw-centralized-egress.json": "tgw-centralized-egress",
        "Centralized egress through one NAT gateway",
        "Spokes without internet gateways go out through an egress VPC's NAT gateway.";
    "31-tgw-az-attachment.json": "tgw-az-attachment",
        "The Availability Zone without an attachment",
        "A subnet in a zone the attachment does not cover cannot reach the transit gateway.";
    "32-tgw-vpn-onprem.json": "tgw-vpn-onprem",
        "VPN to on-premises over a transit gateway",
        "One VPN to the transit gateway reaches every VPC whose range its route table has.";
    "33-tgw-blackhole.json": "tgw-blackhole",
        "A blackhole route in a transit gateway route table",
        "A static blackhole beats the propagated route and cuts a VPC off.";
    "34-tgw-peering-regions.json": "tgw-peering-regions",
        "Transit gateway peering between two Regions",
        "Two transit gateways, static routes on both sides, across Regions.";
}

/// The lesson a newcomer sees first, the library's first.
pub const WELCOME: LibraryEntry = LIBRARY[0];

/// The welcome lesson's document, a constant of its own: the builds that open only this
/// lesson (the viewer and the app, on a first visit without a link) name it alone, and the
/// linker leaves the other documents out of them.
pub const WELCOME_JSON: &str = include_str!("../scenarios/01-transitive-peering.json");
