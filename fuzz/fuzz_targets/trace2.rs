//! `trace` and `reach` on small valid format 2 topologies: [`vpc_playground_fuzz::topo::Topo`]
//! with security groups, network ACLs and packets of every protocol
//! ([`vpc_playground_fuzz::filters::Topo2`]), checked by
//! [`vpc_playground_fuzz::check_topo2`]: the invariants of every trace (a reply an ACL denies
//! included), hops that carry the packet, filters that only add their own drops, and the
//! matrix for a packet that is its traces.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vpc_playground_fuzz::filters::Topo2;

fuzz_target!(|topo: Topo2| {
    vpc_playground_fuzz::check_topo2(&topo);
});
