//! # vpc-engine: the network engine of vpc-playground
//!
//! Pure Rust with no browser types and no clock: the same code runs in the browser (WASM),
//! in native tests and in the `vpcctl` CLI. Data in, data out.
//!
//! A tour, in the order data flows:
//! - [`addr`]: strict IPv4 address and CIDR types (host bits refused with a suggested fix).
//! - [`model`]: scenario formats 1 and 2 as plain structs (`docs/scenario-format.md`).
//! - [`packet`]: a trace's protocol and ports, and the traffic a filter rule names.
//! - [`kind`]: the one registry of resource kinds.
//! - [`finding`], [`verdict`]: the result types: validation findings, trace hops and verdicts.
//! - [`docs`]: the AWS documentation URL behind each rule.
//! - [`load`] and [`import`]: a scenario document, or AWS CLI `describe-*` output, in.
//! - [`upgrade`]: a format 1 document as format 2 with the same verdicts.
//! - [`refs`]: every reference between resources, with its JSON path (editor and loader agree on it).
//! - [`validate`], [`routing`], [`filter`], [`trace`], [`reach`]: findings, lookups, filter
//!   decisions, traces, matrices out.

pub mod addr;
pub mod catalog;
pub mod diff;
pub mod docs;
pub mod filter;
pub mod finding;
mod fx;
pub mod import;
pub mod index;
pub mod kind;
pub mod library;
pub mod load;
pub mod model;
pub mod packet;
pub mod peering;
mod prefix_table;
pub mod reach;
pub mod refs;
pub mod routing;
pub mod share;
pub mod stable_sort;
pub mod synth;
pub mod tgw_routing;
pub mod trace;
pub mod upgrade;
pub mod validate;
pub mod verdict;
pub mod vgw;

pub use addr::{AddrError, Cidr, Ip};
pub use finding::{Finding, FindingCode, Severity};
pub use kind::Kind;
pub use load::{load, LoadError, Loaded};
pub use model::Scenario;
pub use reach::reach;
pub use trace::{trace, TraceError};
pub use validate::validate;
pub use verdict::{
    Action, Hop, Location, Origin, Reason, RouteMatch, TgwMissing, TgwRouteFrom, TgwTableHop,
    Trace, Verdict,
};
