//! Format 2's replies from what does not answer in format 1 (`docs/scenario-format.md`
//! F11.5): an AWS service, an internet host, `internet` or a customer gateway. The reply
//! goes back the way the request came (the internet, a gateway endpoint, an interface
//! endpoint or a Direct Connect public virtual interface), through the same translations,
//! and is then routed like any reply, meeting every filter on the way.

use super::walk::{hop, Packet, Place, ReplyAt, Step, Walk};
use crate::docs;
use crate::index::Direction;
use crate::kind::Kind;
use crate::verdict::{Action, Location};

impl<'a> Walk<'a> {
    /// The first hops of the reply from `at`, reached as `how` says, and where it starts.
    pub(crate) fn reply_start_other(
        &mut self,
        at: &Location,
        how: Option<ReplyAt>,
        reply: Packet,
    ) -> Option<Place> {
        push_hop!(self, hop(
            at.clone(),
            Action::Forward,
            Some(reply.src),
            Some(reply.dst),
            format!(
                "{at} answers: the reply goes from {} back to {}, the address the request came from.",
                reply.src, reply.dst
            ),
            docs::ROUTE_TABLES,
        ));
        match how? {
            ReplyAt::Internet => Some(Place::Internet),
            ReplyAt::GatewayEndpoint { id, vpc } => {
                push_hop!(
                    self,
                    hop(
                        (Kind::GatewayEndpoint, &id),
                        Action::Forward,
                        Some(reply.src),
                        Some(reply.dst),
                        format!(
                            "Gateway endpoint {id} carries the reply from {at} back into {vpc}."
                        ),
                        docs::GATEWAY_ENDPOINT_S3,
                    )
                );
                Some(Place::Returned { vpc })
            }
            ReplyAt::InterfaceEndpoint { id, ip } => {
                let e = self.ix.endpoint(&id)?;
                let (eni, subnet) = self.endpoint_eni(e, ip)?;
                push_hop!(self, hop(
                    (Kind::InterfaceEndpoint, &id),
                    Action::Forward,
                    Some(reply.src),
                    Some(reply.dst),
                    format!("Interface endpoint {id} sends the reply from its network interface ({}) in {subnet}.", reply.src),
                    docs::INTERFACE_ENDPOINT,
                ));
                if let Some(Step::Done(_)) = self.security_groups(eni, Direction::Egress, reply) {
                    return None;
                }
                Some(Place::Subnet(subnet))
            }
            ReplyAt::PublicVif { id, network } => {
                push_hop!(self, hop(
                    (Kind::DxVif, &id),
                    Action::Forward,
                    Some(reply.src),
                    Some(reply.dst),
                    format!("Direct Connect public virtual interface {id} carries the reply back to {network}."),
                    docs::DX_VIFS,
                ));
                Some(Place::OnpremArrived {
                    network,
                    via_dx: true,
                })
            }
        }
    }
}
