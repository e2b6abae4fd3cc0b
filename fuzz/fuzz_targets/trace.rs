//! `trace` and `reach` on small valid topologies described by the fuzz input
//! ([`vpc_playground_fuzz::topo::Topo`]), checking the invariants of
//! [`vpc_playground_fuzz::check_topo`]: every trace terminates, verdicts agree with their hops,
//! a delivered packet ends at its destination, the reply at the source, the matrix is the
//! traces, and reordering the document's lists changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vpc_playground_fuzz::topo::Topo;

fuzz_target!(|topo: Topo| {
    vpc_playground_fuzz::check_topo(&topo);
});
