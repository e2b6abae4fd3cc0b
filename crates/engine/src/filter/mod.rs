//! Format 2's filters as pure evaluation (`docs/scenario-format.md` N2, N3): a packet, a
//! direction and the address on the far side in; every rule looked at, whether it matched
//! and which one decided, out. The trace puts these into its filter hops; nothing here
//! walks the network or reads ids.
//!
//! - [`sg`]: security groups (stateful, allow rules only: the first matching rule of the
//!   interface's groups allows).
//! - [`acl`]: network ACLs (stateless, numbered rules, first match decides, `*` denies).

pub mod acl;
pub mod sg;

pub use crate::index::Direction;
