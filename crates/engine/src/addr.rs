//! Strict IPv4 address and CIDR types for the scenario format.
//!
//! The scenario contract says a CIDR is written with its host bits clear, so `Cidr` refuses
//! `10.0.1.5/24` and its message offers `10.0.1.0/24`. `ipnet::Ipv4Net` would keep the host
//! bits; we reject instead of silently truncating, so a learner sees the mistake.
//! Both types (de)serialize as strings and their errors are sentences a learner can read.

use ipnet::Ipv4Net;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::net::Ipv4Addr;
use std::str::FromStr;

/// Why a string is not a CIDR or address. `Display` is the user-facing message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddrError {
    /// Not of the form `a.b.c.d/n` with each part in range.
    NotCidr(String),
    /// A CIDR whose host bits are set; carries the network the user probably meant.
    HostBits { given: String, network: Cidr },
    /// Not a dotted-quad IPv4 address.
    NotIp(String),
}

impl fmt::Display for AddrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddrError::NotCidr(s) => write!(f, "{s:?} is not an IPv4 CIDR"),
            AddrError::HostBits { given, network } => write!(
                f,
                "{given:?} has host bits set: a CIDR names a network, did you mean \"{network}\"?"
            ),
            AddrError::NotIp(s) => write!(f, "{s:?} is not an IPv4 address"),
        }
    }
}

impl std::error::Error for AddrError {}

/// An IPv4 network in CIDR notation with its host bits clear (`10.0.0.0/16`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cidr(Ipv4Net);

impl Cidr {
    /// `0.0.0.0/0`, every address.
    pub const ANY: Cidr = Cidr(Ipv4Net::new_assert(Ipv4Addr::UNSPECIFIED, 0));
    /// Builds a CIDR from an address and prefix length, clearing host bits.
    /// Returns `None` when `prefix > 32`.
    pub fn new_truncated(addr: Ipv4Addr, prefix: u8) -> Option<Cidr> {
        Ipv4Net::new(addr, prefix).ok().map(|n| Cidr(n.trunc()))
    }
    pub fn network(&self) -> Ipv4Addr {
        self.0.network()
    }
    pub fn broadcast(&self) -> Ipv4Addr {
        self.0.broadcast()
    }
    pub fn prefix_len(&self) -> u8 {
        self.0.prefix_len()
    }
    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        self.0.contains(&ip)
    }
    /// True when `other` lies entirely inside `self`.
    pub fn contains_cidr(&self, other: &Cidr) -> bool {
        self.0.contains(&other.0)
    }
    /// True when the two networks share at least one address.
    pub fn overlaps(&self, other: &Cidr) -> bool {
        self.0.contains(&other.0) || other.0.contains(&self.0)
    }
    /// Number of addresses in the block (2^(32-prefix)).
    pub fn size(&self) -> u64 {
        1u64 << (32 - self.prefix_len() as u32)
    }
    pub fn as_ipnet(&self) -> Ipv4Net {
        self.0
    }
}

impl FromStr for Cidr {
    type Err = AddrError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (addr, len) = s
            .split_once('/')
            .ok_or_else(|| AddrError::NotCidr(s.to_string()))?;
        let addr = parse_ipv4(addr).map_err(|_| AddrError::NotCidr(s.to_string()))?;
        let len: u8 =
            if !len.is_empty() && len.len() <= 2 && len.bytes().all(|b| b.is_ascii_digit()) {
                len.parse().map_err(|_| AddrError::NotCidr(s.to_string()))?
            } else {
                return Err(AddrError::NotCidr(s.to_string()));
            };
        let net = Ipv4Net::new(addr, len).map_err(|_| AddrError::NotCidr(s.to_string()))?;
        if net.addr() != net.network() {
            return Err(AddrError::HostBits {
                given: s.to_string(),
                network: Cidr(net.trunc()),
            });
        }
        Ok(Cidr(net))
    }
}

/// Parses a dotted quad strictly: four decimal parts 0-255, no leading `+`, no spaces.
/// (`std`'s parser is already strict about leading zeros; we only wrap its error.)
fn parse_ipv4(s: &str) -> Result<Ipv4Addr, AddrError> {
    Ipv4Addr::from_str(s).map_err(|_| AddrError::NotIp(s.to_string()))
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.0.network(), self.0.prefix_len())
    }
}

impl fmt::Debug for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cidr({self})")
    }
}

impl Serialize for Cidr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Cidr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(de::Error::custom)
    }
}

/// An IPv4 address that (de)serializes as a dotted quad with a readable error.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ip(pub Ipv4Addr);

impl Ip {
    pub fn addr(&self) -> Ipv4Addr {
        self.0
    }
}

impl FromStr for Ip {
    type Err = AddrError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_ipv4(s).map(Ip)
    }
}

impl From<Ipv4Addr> for Ip {
    fn from(a: Ipv4Addr) -> Self {
        Ip(a)
    }
}

impl fmt::Display for Ip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Debug for Ip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ip({})", self.0)
    }
}

impl Serialize for Ip {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Ip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_parse_table() {
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("10.0.0.0/16", Ok("10.0.0.0/16")),
            ("0.0.0.0/0", Ok("0.0.0.0/0")),
            ("10.0.1.5/32", Ok("10.0.1.5/32")),
            ("10.0.300.0/24", Err("\"10.0.300.0/24\" is not an IPv4 CIDR")),
            ("10.0.0.0", Err("\"10.0.0.0\" is not an IPv4 CIDR")),
            ("10.0.0.0/33", Err("\"10.0.0.0/33\" is not an IPv4 CIDR")),
            ("10.0.0.0/+8", Err("\"10.0.0.0/+8\" is not an IPv4 CIDR")),
            ("10.0.0.1/16", Err("\"10.0.0.1/16\" has host bits set: a CIDR names a network, did you mean \"10.0.0.0/16\"?")),
        ];
        for (input, want) in cases {
            let got = input
                .parse::<Cidr>()
                .map(|c| c.to_string())
                .map_err(|e| e.to_string());
            assert_eq!(
                got.as_deref().map_err(|e| e.as_str()),
                want.map_err(|e| e),
                "{input}"
            );
        }
    }

    #[test]
    fn overlap_and_containment() {
        let a: Cidr = "10.0.0.0/16".parse().unwrap();
        let b: Cidr = "10.0.5.0/24".parse().unwrap();
        let c: Cidr = "10.1.0.0/16".parse().unwrap();
        assert!(a.overlaps(&b) && b.overlaps(&a));
        assert!(!a.overlaps(&c));
        assert!(a.contains_cidr(&b) && !b.contains_cidr(&a));
        assert_eq!(b.size(), 256);
    }

    #[test]
    fn ip_error_names_the_input() {
        assert_eq!(
            "10-0-0-157".parse::<Ip>().unwrap_err().to_string(),
            "\"10-0-0-157\" is not an IPv4 address"
        );
    }
}
