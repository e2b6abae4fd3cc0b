//! The packet a trace carries (format 2's packet, `docs/scenario-format.md`): its protocol
//! and ports, and the traffic a security-group or network-ACL rule names (a protocol and a
//! port range, N2.2), with the one test of a packet against such a rule.
//!
//! Illegal packets cannot be built: a [`Port`] is 1-65535, an ICMP packet has no ports, and
//! a rule's [`Traffic`] carries a [`PortRange`] exactly when its protocol has ports. Every
//! constructor from user input returns a [`PacketError`] whose `Display` is the message a
//! learner reads.
//! <https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html>

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The destination port a trace uses when none is given (HTTPS).
pub const DEFAULT_PORT: u16 = 443;
/// The source port a trace uses when none is given (an ephemeral port: AWS's documented
/// Windows range starts here, and it is inside every common ephemeral range but Linux's).
pub const DEFAULT_SRC_PORT: u16 = 49152;

/// Why a packet, a port or a port range could not be built. `Display` is the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PacketError {
    /// A port outside 1-65535 (`which` names it: `port`, `src_port`).
    PortRange { which: &'static str, value: i64 },
    /// A port that is not a number at all.
    NotAPort { which: &'static str, text: String },
    /// A port given with `icmp`, which has none.
    PortsWithIcmp,
    /// A protocol name other than `tcp`, `udp`, `icmp`.
    Protocol(String),
}

impl fmt::Display for PacketError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PacketError::PortRange { which, value } => {
                write!(f, "{which} {value} is not a port: a port is 1-65535")
            }
            PacketError::NotAPort { which, text } => {
                write!(
                    f,
                    "{which} {text:?} is not a port: a port is a number, 1-65535"
                )
            }
            PacketError::PortsWithIcmp => {
                f.write_str("icmp has no ports: give --port and --src-port only with tcp or udp")
            }
            PacketError::Protocol(p) => {
                write!(f, "{p:?} is not a protocol: expected tcp, udp or icmp")
            }
        }
    }
}

impl std::error::Error for PacketError {}

/// A TCP or UDP port, 1-65535.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Port(u16);

impl Port {
    /// The port `value`, or why not (`which` names it in the message).
    pub fn new(which: &'static str, value: i64) -> Result<Port, PacketError> {
        match u16::try_from(value) {
            Ok(p) if p >= 1 => Ok(Port(p)),
            _ => Err(PacketError::PortRange { which, value }),
        }
    }
    /// A port from text (a command-line flag), or why not.
    pub fn parse(which: &'static str, text: &str) -> Result<Port, PacketError> {
        let n: i64 = text.trim().parse().map_err(|_| PacketError::NotAPort {
            which,
            text: text.to_string(),
        })?;
        Port::new(which, n)
    }
    pub fn get(self) -> u16 {
        self.0
    }
    /// The lowest port a NAT gateway translates a source port to (format 2's packet).
    pub const NAT_LOWEST: Port = Port(1024);
    pub const DEFAULT: Port = Port(DEFAULT_PORT);
    pub const DEFAULT_SRC: Port = Port(DEFAULT_SRC_PORT);
}

impl Serialize for Port {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(self.0)
    }
}

impl<'de> Deserialize<'de> for Port {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Port, D::Error> {
        let n = i64::deserialize(d)?;
        Port::new("port", n).map_err(de::Error::custom)
    }
}

impl fmt::Display for Port {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A packet's protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Tcp,
    Udp,
    Icmp,
}

impl Protocol {
    pub const ALL: [Protocol; 3] = [Protocol::Tcp, Protocol::Udp, Protocol::Icmp];
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
            Protocol::Icmp => "icmp",
        }
    }
}

impl FromStr for Protocol {
    type Err = PacketError;
    fn from_str(s: &str) -> Result<Protocol, PacketError> {
        Protocol::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| PacketError::Protocol(s.to_string()))
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The two ports of a TCP or UDP packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ports {
    pub dst: Port,
    pub src: Port,
}

/// What a trace sends: TCP or UDP with ports, or ICMP (format 2's packet). Serialized as the trace JSON's
/// `"packet": {"protocol": "tcp", "port": 443, "src_port": 49152}` (`null` ports for icmp).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Packet {
    Tcp(Ports),
    Udp(Ports),
    Icmp,
}

impl Default for Packet {
    /// `tcp`, destination port 443, source port 49152.
    fn default() -> Packet {
        Packet::Tcp(Ports {
            dst: Port::DEFAULT,
            src: Port::DEFAULT_SRC,
        })
    }
}

impl Packet {
    /// A packet of `protocol` with the given ports, the defaults where a port is not given.
    /// A port outside 1-65535, or any port with `icmp`, is an error.
    pub fn new(
        protocol: Protocol,
        port: Option<i64>,
        src_port: Option<i64>,
    ) -> Result<Packet, PacketError> {
        let ports = || -> Result<Ports, PacketError> {
            Ok(Ports {
                dst: port.map_or(Ok(Port::DEFAULT), |p| Port::new("port", p))?,
                src: src_port.map_or(Ok(Port::DEFAULT_SRC), |p| Port::new("src_port", p))?,
            })
        };
        match protocol {
            Protocol::Tcp => ports().map(Packet::Tcp),
            Protocol::Udp => ports().map(Packet::Udp),
            Protocol::Icmp if port.is_some() || src_port.is_some() => {
                Err(PacketError::PortsWithIcmp)
            }
            Protocol::Icmp => Ok(Packet::Icmp),
        }
    }
    pub fn protocol(self) -> Protocol {
        match self {
            Packet::Tcp(_) => Protocol::Tcp,
            Packet::Udp(_) => Protocol::Udp,
            Packet::Icmp => Protocol::Icmp,
        }
    }
    /// The ports (`None` for icmp).
    pub fn ports(self) -> Option<Ports> {
        match self {
            Packet::Tcp(p) | Packet::Udp(p) => Some(p),
            Packet::Icmp => None,
        }
    }
    /// The destination port (`None` for icmp).
    pub fn port(self) -> Option<Port> {
        self.ports().map(|p| p.dst)
    }
    /// The source port (`None` for icmp).
    pub fn src_port(self) -> Option<Port> {
        self.ports().map(|p| p.src)
    }
    /// The reply: source and destination ports swapped.
    pub fn reply(self) -> Packet {
        self.map_ports(|p| Ports {
            dst: p.src,
            src: p.dst,
        })
    }
    /// The same packet with another source port (a NAT gateway's translation).
    pub fn with_src_port(self, src: Port) -> Packet {
        self.map_ports(|p| Ports { src, ..p })
    }
    /// The same packet with another destination port (the reply translated back).
    pub fn with_dst_port(self, dst: Port) -> Packet {
        self.map_ports(|p| Ports { dst, ..p })
    }
    fn map_ports(self, f: impl FnOnce(Ports) -> Ports) -> Packet {
        match self {
            Packet::Tcp(p) => Packet::Tcp(f(p)),
            Packet::Udp(p) => Packet::Udp(f(p)),
            Packet::Icmp => Packet::Icmp,
        }
    }
}

/// The trace JSON's shape of a packet.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PacketJson {
    protocol: Protocol,
    port: Option<i64>,
    src_port: Option<i64>,
}

impl Serialize for Packet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        PacketJson {
            protocol: self.protocol(),
            port: self.port().map(|p| i64::from(p.get())),
            src_port: self.src_port().map(|p| i64::from(p.get())),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Packet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Packet, D::Error> {
        let j = PacketJson::deserialize(d)?;
        Packet::new(j.protocol, j.port, j.src_port).map_err(de::Error::custom)
    }
}

impl fmt::Display for Packet {
    /// `tcp 49152 → 443`, `icmp`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ports() {
            Some(p) => write!(f, "{} {} → {}", self.protocol(), p.src, p.dst),
            None => f.write_str("icmp"),
        }
    }
}

/// Why a rule's `ports` text is not a port range. `Display` is the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortRangeError(pub String);

impl fmt::Display for PortRangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a port range: expected \"N\" or \"N-M\" with 1 ≤ N ≤ M ≤ 65535",
            self.0
        )
    }
}

impl std::error::Error for PortRangeError {}

/// A rule's ports, `"N"` or `"N-M"` with 1 ≤ N ≤ M ≤ 65535 (N2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PortRange {
    from: Port,
    to: Port,
}

impl PortRange {
    /// `from..=to`, or `None` when `from > to`.
    pub fn new(from: Port, to: Port) -> Option<PortRange> {
        (from <= to).then_some(PortRange { from, to })
    }
    /// The one port `p`.
    pub fn single(p: Port) -> PortRange {
        PortRange { from: p, to: p }
    }
    /// Every port, 1-65535.
    pub const ALL: PortRange = PortRange {
        from: Port(1),
        to: Port(65535),
    };
    pub fn from(self) -> Port {
        self.from
    }
    pub fn to(self) -> Port {
        self.to
    }
    pub fn contains(self, p: Port) -> bool {
        self.from <= p && p <= self.to
    }
}

impl FromStr for PortRange {
    type Err = PortRangeError;
    fn from_str(s: &str) -> Result<PortRange, PortRangeError> {
        let bad = || PortRangeError(s.to_string());
        let port = |t: &str| -> Result<Port, PortRangeError> {
            let digits = !t.is_empty() && t.len() <= 5 && t.bytes().all(|b| b.is_ascii_digit());
            let n: i64 = if digits {
                t.parse().map_err(|_| bad())?
            } else {
                return Err(bad());
            };
            Port::new("ports", n).map_err(|_| bad())
        };
        match s.split_once('-') {
            None => port(s).map(PortRange::single),
            Some((a, b)) => PortRange::new(port(a)?, port(b)?).ok_or_else(bad),
        }
    }
}

impl fmt::Display for PortRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}-{}", self.from, self.to)
        }
    }
}

impl Serialize for PortRange {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PortRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PortRange, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(de::Error::custom)
    }
}

/// A rule's `protocol` as written: a packet's protocol or `all`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleProtocol {
    Tcp,
    Udp,
    Icmp,
    All,
}

impl RuleProtocol {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleProtocol::Tcp => "tcp",
            RuleProtocol::Udp => "udp",
            RuleProtocol::Icmp => "icmp",
            RuleProtocol::All => "all",
        }
    }
}

/// Why a rule's `protocol` and `ports` do not go together (N2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrafficError {
    /// A `tcp` or `udp` rule without `ports`.
    MissingPorts(RuleProtocol),
    /// `ports` on an `icmp` or `all` rule.
    UnexpectedPorts(RuleProtocol),
}

impl fmt::Display for TrafficError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrafficError::MissingPorts(p) => write!(
                f,
                "a {} rule needs \"ports\": \"N\" or \"N-M\" (\"1-65535\" for every port)",
                p.as_str()
            ),
            TrafficError::UnexpectedPorts(RuleProtocol::All) => f.write_str(
                "a rule for \"all\" protocols covers every port: remove \"ports\", or choose tcp or udp",
            ),
            TrafficError::UnexpectedPorts(p) => write!(
                f,
                "{} has no ports: remove \"ports\" from this rule",
                p.as_str()
            ),
        }
    }
}

impl std::error::Error for TrafficError {}

/// The traffic a rule names: a protocol, with its port range when the protocol has ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Traffic {
    All,
    Icmp,
    Tcp(PortRange),
    Udp(PortRange),
}

impl Traffic {
    /// The traffic of a written rule, or why `protocol` and `ports` do not go together.
    pub fn new(protocol: RuleProtocol, ports: Option<PortRange>) -> Result<Traffic, TrafficError> {
        match (protocol, ports) {
            (RuleProtocol::Tcp, Some(r)) => Ok(Traffic::Tcp(r)),
            (RuleProtocol::Udp, Some(r)) => Ok(Traffic::Udp(r)),
            (RuleProtocol::Icmp, None) => Ok(Traffic::Icmp),
            (RuleProtocol::All, None) => Ok(Traffic::All),
            (p @ (RuleProtocol::Tcp | RuleProtocol::Udp), None) => {
                Err(TrafficError::MissingPorts(p))
            }
            (p, Some(_)) => Err(TrafficError::UnexpectedPorts(p)),
        }
    }
    pub fn protocol(self) -> RuleProtocol {
        match self {
            Traffic::All => RuleProtocol::All,
            Traffic::Icmp => RuleProtocol::Icmp,
            Traffic::Tcp(_) => RuleProtocol::Tcp,
            Traffic::Udp(_) => RuleProtocol::Udp,
        }
    }
    pub fn ports(self) -> Option<PortRange> {
        match self {
            Traffic::Tcp(r) | Traffic::Udp(r) => Some(r),
            Traffic::All | Traffic::Icmp => None,
        }
    }
    /// Whether a packet is of this traffic: the protocol is equal or `all`, and the
    /// packet's destination port is in the range (N2.2).
    pub fn matches(self, packet: Packet) -> bool {
        match (self, packet) {
            (Traffic::All, _) | (Traffic::Icmp, Packet::Icmp) => true,
            (Traffic::Tcp(r), Packet::Tcp(p)) | (Traffic::Udp(r), Packet::Udp(p)) => {
                r.contains(p.dst)
            }
            _ => false,
        }
    }
}

impl fmt::Display for Traffic {
    /// `tcp 443`, `udp 1024-65535`, `icmp`, `all`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ports() {
            Some(r) => write!(f, "{} {r}", self.protocol().as_str()),
            None => f.write_str(self.protocol().as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn port(n: u16) -> Port {
        Port::new("port", i64::from(n)).unwrap()
    }

    #[test]
    fn packets_from_parts() {
        let tcp = |d, s| {
            Packet::Tcp(Ports {
                dst: port(d),
                src: port(s),
            })
        };
        type Case = (
            Protocol,
            Option<i64>,
            Option<i64>,
            Result<Packet, &'static str>,
        );
        let cases: &[Case] = &[
            (Protocol::Tcp, None, None, Ok(tcp(443, 49152))),
            (Protocol::Tcp, Some(22), None, Ok(tcp(22, 49152))),
            (Protocol::Tcp, Some(65535), Some(1), Ok(tcp(65535, 1))),
            (
                Protocol::Udp,
                Some(53),
                Some(40000),
                Ok(Packet::Udp(Ports {
                    dst: port(53),
                    src: port(40000),
                })),
            ),
            (Protocol::Icmp, None, None, Ok(Packet::Icmp)),
            (
                Protocol::Tcp,
                Some(0),
                None,
                Err("port 0 is not a port: a port is 1-65535"),
            ),
            (
                Protocol::Udp,
                Some(65536),
                None,
                Err("port 65536 is not a port: a port is 1-65535"),
            ),
            (
                Protocol::Tcp,
                None,
                Some(-1),
                Err("src_port -1 is not a port: a port is 1-65535"),
            ),
            (
                Protocol::Icmp,
                Some(22),
                None,
                Err("icmp has no ports: give --port and --src-port only with tcp or udp"),
            ),
            (
                Protocol::Icmp,
                None,
                Some(1024),
                Err("icmp has no ports: give --port and --src-port only with tcp or udp"),
            ),
        ];
        for (proto, p, s, want) in cases {
            let got = Packet::new(*proto, *p, *s).map_err(|e| e.to_string());
            assert_eq!(got, want.map_err(str::to_string), "{proto} {p:?} {s:?}");
        }
        assert_eq!(Packet::default(), tcp(443, 49152));
    }

    #[test]
    fn the_reply_swaps_ports() {
        let p = Packet::new(Protocol::Udp, Some(53), Some(40000)).unwrap();
        let r = p.reply();
        assert_eq!(
            (r.port(), r.src_port()),
            (Some(port(40000)), Some(port(53)))
        );
        assert_eq!(r.protocol(), Protocol::Udp);
        assert_eq!(r.reply(), p);
        assert_eq!(Packet::Icmp.reply(), Packet::Icmp);
        let nat = p.with_src_port(Port::NAT_LOWEST);
        assert_eq!(nat.src_port(), Some(port(1024)));
        assert_eq!(nat.reply().with_dst_port(port(40000)), r);
    }

    #[test]
    fn packet_json_is_the_traces() {
        let cases = [
            (
                Packet::default(),
                r#"{"protocol":"tcp","port":443,"src_port":49152}"#,
            ),
            (
                Packet::Icmp,
                r#"{"protocol":"icmp","port":null,"src_port":null}"#,
            ),
        ];
        for (p, json) in cases {
            assert_eq!(serde_json::to_string(&p).unwrap(), json);
            assert_eq!(serde_json::from_str::<Packet>(json).unwrap(), p);
        }
        let bad = serde_json::from_str::<Packet>(r#"{"protocol":"icmp","port":7,"src_port":null}"#);
        assert!(bad
            .unwrap_err()
            .to_string()
            .starts_with("icmp has no ports"));
    }

    #[test]
    fn ports_and_protocols_from_text() {
        assert_eq!(Port::parse("port", " 22 "), Ok(port(22)));
        assert_eq!(
            Port::parse("port", "ssh").map_err(|e| e.to_string()),
            Err("port \"ssh\" is not a port: a port is a number, 1-65535".to_string())
        );
        assert_eq!("udp".parse::<Protocol>(), Ok(Protocol::Udp));
        assert_eq!(
            "all".parse::<Protocol>().map_err(|e| e.to_string()),
            Err("\"all\" is not a protocol: expected tcp, udp or icmp".to_string())
        );
    }

    #[test]
    fn port_ranges() {
        let ok: &[(&str, u16, u16)] = &[
            ("443", 443, 443),
            ("1024-65535", 1024, 65535),
            ("1-1", 1, 1),
            ("1-65535", 1, 65535),
        ];
        for (text, a, b) in ok {
            let r: PortRange = text.parse().unwrap();
            assert_eq!((r.from().get(), r.to().get()), (*a, *b), "{text}");
            assert_eq!(
                r.to_string(),
                if a == b {
                    a.to_string()
                } else {
                    text.to_string()
                }
            );
        }
        for bad in [
            "",
            "0",
            "65536",
            "10-5",
            "1-",
            "-5",
            "a",
            "80,443",
            "+80",
            "1-2-3",
            " 80",
            "000000080",
        ] {
            assert_eq!(
                bad.parse::<PortRange>().map_err(|e| e.to_string()),
                Err(format!(
                    "{bad:?} is not a port range: expected \"N\" or \"N-M\" with 1 ≤ N ≤ M ≤ 65535"
                )),
                "{bad}"
            );
        }
        let r: PortRange = "1024-2048".parse().unwrap();
        assert!(r.contains(port(1024)) && r.contains(port(2048)));
        assert!(!r.contains(port(1023)) && !r.contains(port(2049)));
        assert_eq!(serde_json::to_string(&r).unwrap(), r#""1024-2048""#);
    }

    #[test]
    fn traffic_from_protocol_and_ports() {
        let r: PortRange = "22".parse().unwrap();
        let cases: &[(RuleProtocol, Option<PortRange>, Result<Traffic, &str>)] = &[
            (RuleProtocol::Tcp, Some(r), Ok(Traffic::Tcp(r))),
            (RuleProtocol::Udp, Some(r), Ok(Traffic::Udp(r))),
            (RuleProtocol::Icmp, None, Ok(Traffic::Icmp)),
            (RuleProtocol::All, None, Ok(Traffic::All)),
            (
                RuleProtocol::Tcp,
                None,
                Err(r#"a tcp rule needs "ports": "N" or "N-M" ("1-65535" for every port)"#),
            ),
            (
                RuleProtocol::Icmp,
                Some(r),
                Err(r#"icmp has no ports: remove "ports" from this rule"#),
            ),
            (
                RuleProtocol::All,
                Some(r),
                Err(
                    r#"a rule for "all" protocols covers every port: remove "ports", or choose tcp or udp"#,
                ),
            ),
        ];
        for (proto, ports, want) in cases {
            let got = Traffic::new(*proto, *ports).map_err(|e| e.to_string());
            assert_eq!(got, want.map_err(str::to_string), "{proto:?} {ports:?}");
        }
    }

    #[test]
    fn traffic_matches_protocol_and_destination_port() {
        let tcp = |d, s| {
            Packet::Tcp(Ports {
                dst: port(d),
                src: port(s),
            })
        };
        let web: PortRange = "443".parse().unwrap();
        let cases = [
            (Traffic::All, Packet::Icmp, true),
            (Traffic::All, tcp(1, 2), true),
            (Traffic::Icmp, Packet::Icmp, true),
            (Traffic::Icmp, tcp(443, 1), false),
            (Traffic::Tcp(web), tcp(443, 1), true),
            (Traffic::Tcp(web), tcp(1, 443), false),
            (Traffic::Udp(web), tcp(443, 1), false),
            (Traffic::Tcp(web), Packet::Icmp, false),
            (
                Traffic::Udp(PortRange::ALL),
                Packet::Udp(Ports {
                    dst: port(9),
                    src: port(9),
                }),
                true,
            ),
        ];
        for (t, p, want) in cases {
            assert_eq!(t.matches(p), want, "{t} on {p}");
        }
    }
}
