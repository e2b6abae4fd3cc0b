//! The scenario library: the classic exam situations shipped with the app, in teaching order.
//!
//! Each entry is a scenario document (format 1, or 2 for filters and transit gateways) in
//! `crates/engine/scenarios/NN-slug.json` with a `lesson` (question, answer, and the trace
//! the app runs first). The documents are compiled in with `include_str!`, so the app needs
//! no network to open them; `tests/library.rs` checks that each loads and that its lesson
//! trace gives the verdict its answer describes.

/// One classic exam situation shipped with the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LibraryEntry {
    pub slug: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    /// The scenario document (format 1 or 2, with a `lesson`).
    pub json: &'static str,
}

/// The lesson a newcomer sees first, the library's first. A constant of its own: a build
/// that opens only this one (the viewer, for a first visit without a link) names it alone,
/// and the linker leaves the other documents out of that build.
pub const WELCOME: LibraryEntry = LibraryEntry {
    slug: "transitive-peering",
    title: "Transitive peering",
    summary: "A-B and B-C are peered. Can A reach C?",
    json: include_str!("../scenarios/01-transitive-peering.json"),
};

/// Every library scenario, in teaching order: peering basics, routing choices, endpoints,
/// then hybrid connectivity (VPN and Direct Connect), format 2's filters, and transit
/// gateways.
pub const LIBRARY: &[LibraryEntry] = &[
    WELCOME,
    LibraryEntry {
        slug: "full-mesh",
        title: "The full-mesh fix",
        summary: "Peer every pair directly: A reaches C over its own peering.",
        json: include_str!("../scenarios/02-full-mesh.json"),
    },
    LibraryEntry {
        slug: "overlapping-cidrs",
        title: "Overlapping secondary CIDRs",
        summary: "Primary blocks differ, secondary blocks overlap: the peering fails.",
        json: include_str!("../scenarios/03-overlapping-cidrs.json"),
    },
    LibraryEntry {
        slug: "pending-peering",
        title: "Peering request not yet accepted",
        summary: "Routes point at a request the other account has not accepted.",
        json: include_str!("../scenarios/04-pending-peering.json"),
    },
    LibraryEntry {
        slug: "expired-peering",
        title: "Expired peering request",
        summary: "A request left pending for over 7 days expires for good.",
        json: include_str!("../scenarios/05-expired-peering.json"),
    },
    LibraryEntry {
        slug: "missing-return-route",
        title: "Missing return route",
        summary: "The request arrives over the peering; the reply has no route back.",
        json: include_str!("../scenarios/06-missing-return-route.json"),
    },
    LibraryEntry {
        slug: "overlapping-peers-lpm",
        title: "Two peers with the same range",
        summary: "Longest prefix match sends the reply to the wrong VPC.",
        json: include_str!("../scenarios/07-overlapping-peers-lpm.json"),
    },
    LibraryEntry {
        slug: "peer-internet-gateway",
        title: "Borrowing a peer's internet gateway",
        summary: "A peer's internet gateway is not yours: no edge-to-edge routing.",
        json: include_str!("../scenarios/08-peer-internet-gateway.json"),
    },
    LibraryEntry {
        slug: "peer-nat-gateway",
        title: "Borrowing a peer's NAT gateway",
        summary: "Central NAT over VPC peering does not work.",
        json: include_str!("../scenarios/09-peer-nat-gateway.json"),
    },
    LibraryEntry {
        slug: "peer-s3-endpoint",
        title: "Borrowing a peer's S3 gateway endpoint",
        summary: "A gateway endpoint serves only its own VPC.",
        json: include_str!("../scenarios/10-peer-s3-endpoint.json"),
    },
    LibraryEntry {
        slug: "s3-gateway-endpoint",
        title: "S3 through a gateway endpoint",
        summary: "The prefix-list route beats the default route; S3 sees a private source.",
        json: include_str!("../scenarios/11-s3-gateway-endpoint.json"),
    },
    LibraryEntry {
        slug: "s3-through-nat",
        title: "S3 through a NAT gateway",
        summary: "Without an endpoint, S3 sees the NAT gateway's public IP.",
        json: include_str!("../scenarios/12-s3-through-nat.json"),
    },
    LibraryEntry {
        slug: "endpoint-policy-deny",
        title: "Endpoint policy deny",
        summary: "A bucket the endpoint policy does not name is denied, with no fallback.",
        json: include_str!("../scenarios/13-endpoint-policy-deny.json"),
    },
    LibraryEntry {
        slug: "vpn-route-propagation",
        title: "Site-to-Site VPN with route propagation",
        summary: "BGP-learned HQ routes appear in the route table.",
        json: include_str!("../scenarios/14-vpn-route-propagation.json"),
    },
    LibraryEntry {
        slug: "vpn-no-propagation",
        title: "VPN without route propagation",
        summary: "HQ reaches the VPC, but the reply has no route back.",
        json: include_str!("../scenarios/15-vpn-no-propagation.json"),
    },
    LibraryEntry {
        slug: "vpn-tunnels-down",
        title: "Both VPN tunnels down",
        summary: "The route is still there; the tunnels are not.",
        json: include_str!("../scenarios/16-vpn-tunnels-down.json"),
    },
    LibraryEntry {
        slug: "interface-endpoint-onprem",
        title: "Interface endpoint from on-premises",
        summary: "PrivateLink over VPN, and why the public name still goes public.",
        json: include_str!("../scenarios/17-interface-endpoint-onprem.json"),
    },
    LibraryEntry {
        slug: "dx-preferred-over-vpn",
        title: "Direct Connect preferred over VPN",
        summary: "Same prefix over DX and VPN: Direct Connect wins.",
        json: include_str!("../scenarios/18-dx-preferred-over-vpn.json"),
    },
    LibraryEntry {
        slug: "dx-public-vif-s3",
        title: "Direct Connect public VIF to S3",
        summary: "On-premises to S3 over a public virtual interface.",
        json: include_str!("../scenarios/19-dx-public-vif-s3.json"),
    },
    LibraryEntry {
        slug: "static-beats-propagated",
        title: "Static route beats propagated route",
        summary: "At equal prefix length, a static route wins.",
        json: include_str!("../scenarios/20-static-beats-propagated.json"),
    },
    LibraryEntry {
        slug: "local-route-wins",
        title: "The local route always wins",
        summary: "A more specific propagated route cannot override the VPC's local route.",
        json: include_str!("../scenarios/21-local-route-wins.json"),
    },
    LibraryEntry {
        slug: "default-security-group",
        title: "The default security group blocks a new instance",
        summary: "An instance launched without a group admits only its own group's members.",
        json: include_str!("../scenarios/22-default-security-group.json"),
    },
    LibraryEntry {
        slug: "nacl-ephemeral-ports",
        title: "No ephemeral-port rule for the NAT gateway's replies",
        summary:
            "The reply from the internet comes back to a port in 1024-65535 and the ACL denies it.",
        json: include_str!("../scenarios/23-nacl-ephemeral-ports.json"),
    },
    LibraryEntry {
        slug: "nacl-rule-order",
        title: "Network ACL rule order: deny 90 before allow 100",
        summary: "The lowest-numbered matching rule decides, whatever order rules were added in.",
        json: include_str!("../scenarios/24-nacl-rule-order.json"),
    },
    LibraryEntry {
        slug: "endpoint-security-group",
        title: "An interface endpoint whose group does not allow 443",
        summary: "The endpoint is a network interface: its security group must admit HTTPS.",
        json: include_str!("../scenarios/25-endpoint-security-group.json"),
    },
    LibraryEntry {
        slug: "stateful-vs-stateless",
        title: "Stateful security group, stateless network ACL",
        summary: "The group lets the reply out by connection tracking; the ACL checks it again.",
        json: include_str!("../scenarios/26-stateful-vs-stateless.json"),
    },
    LibraryEntry {
        slug: "security-group-reference-peering",
        title: "A security group reference across Regions",
        summary: "A peered group can be referenced only within one Region.",
        json: include_str!("../scenarios/27-security-group-reference-peering.json"),
    },
    LibraryEntry {
        slug: "transit-gateway-hub",
        title: "A transit gateway replaces transitive peering",
        summary: "A, B and C on one transit gateway: C is reached, on the ports its filters allow.",
        json: include_str!("../scenarios/28-transit-gateway-hub.json"),
    },
    LibraryEntry {
        slug: "tgw-segmentation",
        title: "Segmentation with transit gateway route tables",
        summary:
            "Production and development are isolated by route tables; shared services reach both.",
        json: include_str!("../scenarios/29-tgw-segmentation.json"),
    },
    LibraryEntry {
        slug: "tgw-centralized-egress",
        title: "Centralized egress through one NAT gateway",
        summary: "Spokes without internet gateways go out through an egress VPC's NAT gateway.",
        json: include_str!("../scenarios/30-tgw-centralized-egress.json"),
    },
    LibraryEntry {
        slug: "tgw-az-attachment",
        title: "The Availability Zone without an attachment",
        summary:
            "A subnet in a zone the attachment does not cover cannot reach the transit gateway.",
        json: include_str!("../scenarios/31-tgw-az-attachment.json"),
    },
    LibraryEntry {
        slug: "tgw-vpn-onprem",
        title: "VPN to on-premises over a transit gateway",
        summary:
            "One VPN to the transit gateway reaches every VPC whose range its route table has.",
        json: include_str!("../scenarios/32-tgw-vpn-onprem.json"),
    },
    LibraryEntry {
        slug: "tgw-blackhole",
        title: "A blackhole route in a transit gateway route table",
        summary: "A static blackhole beats the propagated route and cuts a VPC off.",
        json: include_str!("../scenarios/33-tgw-blackhole.json"),
    },
    LibraryEntry {
        slug: "tgw-peering-regions",
        title: "Transit gateway peering between two Regions",
        summary: "Two transit gateways, static routes on both sides, across Regions.",
        json: include_str!("../scenarios/34-tgw-peering-regions.json"),
    },
];

/// The library entry with this slug.
pub fn entry(slug: &str) -> Option<&'static LibraryEntry> {
    LIBRARY.iter().find(|e| e.slug == slug)
}
