//! Gateway and interface endpoints in the walk (`docs/scenario-format.md` F3.5, F3.6): the
//! endpoint policy, the service the request reaches with its source address, and, for the
//! reply in format 2 (F11.5), how the service was reached.

use super::walk::{hop, is_private, Packet, Reached, ReplyAt, Step, Walk};
use crate::catalog;
use crate::docs;
use crate::kind::Kind;
use crate::model::{EndpointType, Policy, VpcEndpoint};
use crate::verdict::{Action, Location, Reason};

/// Does an endpoint policy let this request through? `Err` says why not.
/// ARNs match `arn:aws:s3:::bucket` and `arn:aws:s3:::bucket/*`; a `*` at the end of an
/// entry matches anything from there on.
/// <https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html>
pub(crate) fn policy_allows(policy: &Policy, bucket: Option<&str>) -> Result<(), String> {
    let Policy::Allow(arns) = policy else {
        return Ok(());
    };
    let Some(b) = bucket else {
        return Err(
            "the request names no bucket, and an allow-list only lets through requests for the resources it names"
                .to_string(),
        );
    };
    let bucket_arn = format!("arn:aws:s3:::{b}");
    let object_arn = format!("arn:aws:s3:::{b}/object");
    let hit = arns.iter().any(|a| {
        a == &bucket_arn
            || *a == format!("{bucket_arn}/*")
            || a.strip_suffix('*').is_some_and(|prefix| {
                bucket_arn.starts_with(prefix) || object_arn.starts_with(prefix)
            })
    });
    if hit {
        Ok(())
    } else {
        Err(format!(
            "bucket {b} is not in its allow-list ({})",
            arns.join(", ")
        ))
    }
}

impl<'a> Walk<'a> {
    /// Gateway endpoint: the request reaches the service with its private source address,
    /// if the endpoint policy allows it.
    pub(crate) fn via_gateway_endpoint(&mut self, vpc: &str, id: &str, pkt: Packet) -> Step {
        let Some(e) = self.ix.endpoint(id).cloned() else {
            return drop_hop!(
                self,
                (Kind::GatewayEndpoint, id),
                pkt,
                Reason::BlackholeRoute,
                format!("Endpoint {id} does not exist."),
                docs::ROUTE_API,
            );
        };
        if e.kind != EndpointType::Gateway || e.vpc != vpc {
            return drop_hop!(self, (Kind::of_endpoint(e.kind), id), pkt, Reason::BlackholeRoute, format!("{id} is not a gateway endpoint of {vpc}, so a route cannot point at it: the route is a blackhole."), docs::ROUTE_API);
        }
        let entry = catalog::by_endpoint_service(&e.service);
        if !entry.is_some_and(|x| x.holds(pkt.dst)) {
            let pl = entry
                .and_then(|x| x.prefix_list)
                .map(|p| format!(" (prefix list {p})"))
                .unwrap_or_default();
            return drop_hop!(self,
                (Kind::GatewayEndpoint, id),
                pkt,
                Reason::NoRoute,
                format!(
                    "Gateway endpoint {id} reaches only the addresses of {}{pl}, and {} is not one of them.",
                    e.service, pkt.dst
                ),
                docs::GATEWAY_ENDPOINT_S3,
            );
        }
        let doc = if e.service.ends_with(".dynamodb") {
            docs::GATEWAY_ENDPOINT_DDB
        } else {
            docs::GATEWAY_ENDPOINT_S3
        };
        if let Err(why) = policy_allows(&e.policy, self.bucket.as_deref()) {
            return drop_hop!(
                self,
                (Kind::GatewayEndpoint, id),
                pkt,
                Reason::EndpointPolicyDeny,
                format!("The policy of gateway endpoint {id} denies the request: {why}."),
                docs::ENDPOINT_POLICY,
            );
        }
        push_hop!(self, hop((Kind::GatewayEndpoint, id), Action::Forward, Some(pkt.src), Some(pkt.dst),
            format!("Gateway endpoint {id} carries the request to {} inside AWS: no NAT, no internet gateway, so the source keeps its private address {}.", e.service, pkt.src),
            doc));
        self.reply_at = Some(ReplyAt::GatewayEndpoint {
            id: id.to_string(),
            vpc: vpc.to_string(),
        });
        self.deliver_service(&e.service, pkt, doc)
    }

    /// Interface endpoint: its ENI hands the request to the service over PrivateLink.
    pub(crate) fn interface_endpoint(&mut self, e: &VpcEndpoint, pkt: Packet) -> Step {
        if let Err(why) = policy_allows(&e.policy, self.bucket.as_deref()) {
            return drop_hop!(
                self,
                (Kind::InterfaceEndpoint, &e.id),
                pkt,
                Reason::EndpointPolicyDeny,
                format!(
                    "The policy of interface endpoint {} denies the request: {why}.",
                    e.id
                ),
                docs::ENDPOINT_POLICY,
            );
        }
        push_hop!(self, hop((Kind::InterfaceEndpoint, &e.id), Action::Forward, Some(pkt.src), Some(pkt.dst),
            format!("Interface endpoint {} (a network interface holding {} in {}) hands the request to {} over AWS PrivateLink.", e.id, pkt.dst, e.vpc, e.service),
            docs::INTERFACE_ENDPOINT));
        self.reply_at = Some(ReplyAt::InterfaceEndpoint {
            id: e.id.clone(),
            ip: pkt.dst,
        });
        self.deliver_service(&e.service, pkt, docs::INTERFACE_ENDPOINT)
    }

    pub(crate) fn deliver_service(&mut self, service: &str, pkt: Packet, doc: &str) -> Step {
        let kind = if is_private(pkt.src) {
            "private"
        } else {
            "public"
        };
        deliver_hop!(
            self,
            Reached::Other(Location::Service(service.to_string())),
            pkt,
            format!(
                "{service} receives the request; it sees the {kind} source address {}.",
                pkt.src
            ),
            doc,
        )
    }
}
