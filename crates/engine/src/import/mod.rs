//! Importing a real AWS network: the JSON that `aws ec2 describe-*` (and Direct Connect's
//! `describe-virtual-interfaces`) print, in; a scenario plus an honest account of what could
//! not be represented, out: format 2 when security groups and network ACLs were given (see
//! [`filtering`]), else format 1. Nothing leaves the caller: this is plain data in, data
//! out, the same in the browser and in `vpcctl import`.
//!
//! Stages, one module each:
//! 1. [`read`]: texts -> JSON documents (several may be pasted together), each recognised by
//!    its top-level keys (`Vpcs`, `Subnets`, `RouteTables`, `Reservations`, …); malformed JSON
//!    is an error with its line and column, and nothing is imported.
//! 2. [`records`] (and [`filters`] for groups, ACLs and network interfaces): each resource of
//!    those documents -> a small typed record; a resource that does not parse (an address like
//!    `10-0-0-157`) is left out with its reason, the rest go on.
//! 3. [`build`]: records -> [`Scenario`], keeping only what references resolve, inferring what
//!    AWS's outputs imply (a peer VPC from the peering's info, a Region from an Availability
//!    Zone), and saying so in [`Imported::assumed`].
//!
//! The result is checked by [`crate::load`] before it is returned, so an import never hands
//! the app a document it cannot open.

mod build;
mod endpoints;
mod filtering;
mod filters;
mod note;
mod read;
mod records;
mod tables;
mod tgw_records;
mod transit;

pub use note::{command, Note, Ref, Via, What, Why};

use crate::load::LoadError;
use std::fmt;

/// The commands whose output the importer reads, in the order a user would run them.
pub const COMMANDS: &[&str] = &[
    "aws ec2 describe-vpcs",
    "aws ec2 describe-subnets",
    "aws ec2 describe-route-tables",
    "aws ec2 describe-instances",
    "aws ec2 describe-internet-gateways",
    "aws ec2 describe-nat-gateways",
    "aws ec2 describe-vpc-peering-connections",
    "aws ec2 describe-vpc-endpoints",
    "aws ec2 describe-vpn-gateways",
    "aws ec2 describe-customer-gateways",
    "aws ec2 describe-vpn-connections",
    "aws directconnect describe-virtual-interfaces",
    "aws ec2 describe-security-groups",
    "aws ec2 describe-network-acls",
    "aws ec2 describe-network-interfaces",
    "aws ec2 describe-transit-gateways",
    "aws ec2 describe-transit-gateway-attachments",
    "aws ec2 describe-transit-gateway-vpc-attachments",
    "aws ec2 describe-transit-gateway-route-tables",
    "aws ec2 get-transit-gateway-route-table-associations",
    "aws ec2 get-transit-gateway-route-table-propagations",
    "aws ec2 search-transit-gateway-routes",
];

/// The most text one import reads (8 MiB in all): a large account's `describe-instances` is a
/// few megabytes; more than this is not a paste a browser tab should parse.
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;

/// One text to import: a file name (or "pasted text") and its content. A text may hold
/// several JSON documents one after another.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// A successful import: the scenario (already checked by [`crate::load`]), what was left out
/// and why, and what the importer had to assume.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub scenario: crate::load::Loaded,
    /// Resources, routes and sections that format 1 cannot represent or whose references
    /// are missing from the import, each with its reason.
    pub left_out: Vec<Note>,
    /// Choices the importer made where the AWS output is silent (a default Region, an
    /// on-prem network standing for every customer site, endpoint addresses it chose).
    pub assumed: Vec<Note>,
}

impl Imported {
    /// The commands whose output would resolve every reference the import could not: what
    /// to paste next, in the order of [`COMMANDS`].
    pub fn commands_to_add(&self) -> Vec<&'static str> {
        let refs: Vec<Ref> = self
            .left_out
            .iter()
            .flat_map(|n| n.refs().iter().cloned())
            .collect();
        note::commands(&refs)
    }

    /// "2 VPCs, 5 subnets, 3 route tables, 4 instances, …": the non-empty lists, for a summary line.
    pub fn summary(&self) -> String {
        let s = &self.scenario;
        let counts = [
            (s.vpcs.len(), "VPC", "VPCs"),
            (s.subnets.len(), "subnet", "subnets"),
            (s.route_tables.len(), "route table", "route tables"),
            (s.instances.len(), "instance", "instances"),
            (
                s.internet_gateways.len(),
                "internet gateway",
                "internet gateways",
            ),
            (s.nat_gateways.len(), "NAT gateway", "NAT gateways"),
            (
                s.peering_connections.len(),
                "peering connection",
                "peering connections",
            ),
            (s.vpc_endpoints.len(), "VPC endpoint", "VPC endpoints"),
            (s.vpn_gateways.len(), "VPN gateway", "VPN gateways"),
            (
                s.customer_gateways.len(),
                "customer gateway",
                "customer gateways",
            ),
            (s.vpn_connections.len(), "VPN connection", "VPN connections"),
            (
                s.dx_virtual_interfaces.len(),
                "virtual interface",
                "virtual interfaces",
            ),
            (s.security_groups.len(), "security group", "security groups"),
            (s.network_acls.len(), "network ACL", "network ACLs"),
            (
                s.transit_gateways.len(),
                "transit gateway",
                "transit gateways",
            ),
            (
                s.transit_gateway_attachments.len(),
                "transit gateway attachment",
                "transit gateway attachments",
            ),
            (
                s.transit_gateway_route_tables.len(),
                "transit gateway route table",
                "transit gateway route tables",
            ),
        ];
        let parts: Vec<String> = counts
            .iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
            .collect();
        if parts.is_empty() {
            "nothing".to_string()
        } else {
            parts.join(", ")
        }
    }
}

/// Why nothing was imported. `Display` is the message the user reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// No text at all, or only whitespace.
    Empty,
    /// More than [`MAX_IMPORT_BYTES`] in all.
    TooLarge { bytes: usize },
    /// A text is not valid JSON: where (1-based line and column) and what the parser said.
    Json {
        source: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// A JSON document that is no `describe-*` output the importer knows.
    NotAwsOutput { source: String, keys: Vec<String> },
    /// A vpc-playground scenario was given to the AWS importer.
    Scenario { source: String },
    /// The importer built a document that does not load: a bug in the importer, reported
    /// rather than handed on.
    Unloadable(LoadError),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => write!(
                f,
                "nothing to import: paste the JSON that `aws ec2 describe-vpcs` and the other describe commands print"
            ),
            ImportError::TooLarge { bytes } => write!(
                f,
                "the import is {:.1} MiB; the limit is {} MiB: import fewer resources at a time (e.g. with --filters)",
                *bytes as f64 / (1024.0 * 1024.0),
                MAX_IMPORT_BYTES / (1024 * 1024)
            ),
            ImportError::Json {
                source,
                line,
                column,
                message,
            } => write!(f, "{source}, line {line} column {column}: not valid JSON: {message}"),
            ImportError::NotAwsOutput { source, keys } => {
                let known = read::KNOWN_KEYS.join(", ");
                if keys.is_empty() {
                    write!(f, "{source}: this is not the output of an AWS describe command (expected an object with one of {known})")
                } else {
                    write!(
                        f,
                        "{source}: this is not the output of a describe command the importer reads: its keys are {}; expected one of {known}",
                        keys.join(", ")
                    )
                }
            }
            ImportError::Scenario { source } => write!(
                f,
                "{source}: this is already a vpc-playground scenario, not AWS CLI output: open it with Import a scenario instead"
            ),
            ImportError::Unloadable(e) => write!(
                f,
                "the importer built a scenario that does not load ({e}); this is a bug in vpc-playground, nothing was imported"
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Imports `describe-*` outputs into one scenario. See the module documentation.
pub fn import(sources: &[Source<'_>]) -> Result<Imported, ImportError> {
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    if bytes > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes });
    }
    let docs = read::documents(sources)?;
    let mut notes = records::Notes::default();
    let recs = records::Records::from_sections(&docs, &mut notes);
    let scenario = build::scenario(recs, &mut notes);
    let json = serde_json::to_string(&scenario).map_err(|e| {
        ImportError::Unloadable(LoadError {
            path: String::new(),
            message: e.to_string(),
        })
    })?;
    let scenario = crate::load(&json).map_err(ImportError::Unloadable)?;
    Ok(Imported {
        scenario,
        left_out: notes.left_out,
        assumed: notes.assumed,
    })
}
