//! The built-in AWS service catalog, as data: for each supported Region and service, the
//! endpoint service name (`com.amazonaws.REGION.SERVICE`), the public DNS name, the public
//! IPv4 ranges, the one public address the name resolves to, and (S3, DynamoDB) the prefix
//! list that gateway endpoints put in route tables.
//!
//! The table below is the only place these facts live; lookups (by endpoint service name, by
//! DNS name, by address, by prefix list id) are plain scans over it.
//!
//! About the numbers (<https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-ranges.html>):
//! - S3 and DynamoDB: the prefix list ids and CIDRs are real, taken from an
//!   `aws ec2 describe-prefix-lists` listing of each Region (they match the `S3` and
//!   `DYNAMODB` entries of `ip-ranges.json`). AWS adds blocks over time (S3 us-east-1 also has
//!   `3.5.0.0/19` today, for instance); the catalog keeps that listing as a teaching subset.
//!   Prefix list ids are unique within a Region only: `pl-6fa54006` is DynamoDB in eu-west-1
//!   and S3 in ap-southeast-1.
//! - Kinesis Data Streams, SQS and the EC2 API have no service tag of their own in
//!   `ip-ranges.json` (they sit in the `AMAZON` ranges); their blocks here are plausible,
//!   non-overlapping stand-ins inside `52.46.0.0/16` and `54.239.0.0/16`, which are `AMAZON` space.
//! - The fixed public addresses are chosen inside each service's first range.

use crate::addr::Cidr;
use std::net::Ipv4Addr;

/// The Regions the catalog covers.
pub const REGIONS: [&str; 6] = [
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-1",
];

/// The services the catalog covers, as named in `com.amazonaws.REGION.SERVICE`.
pub const SERVICES: [&str; 5] = ["s3", "dynamodb", "kinesis-streams", "sqs", "ec2"];

/// One service in one Region: a row of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceEntry {
    pub region: &'static str,
    /// The endpoint service's short name (`kinesis-streams`).
    pub service: &'static str,
    /// The first label of the public DNS name (`kinesis` for `kinesis-streams`).
    pub dns_label: &'static str,
    /// Public IPv4 ranges, as CIDR strings (checked by the catalog's tests).
    pub ranges: &'static [&'static str],
    /// The one address the public name resolves to, inside `ranges`.
    pub public_ip: &'static str,
    /// The gateway-endpoint prefix list id (S3 and DynamoDB only).
    pub prefix_list: Option<&'static str>,
}

const fn row(
    region: &'static str,
    service: &'static str,
    dns_label: &'static str,
    ranges: &'static [&'static str],
    public_ip: &'static str,
    prefix_list: Option<&'static str>,
) -> ServiceEntry {
    ServiceEntry {
        region,
        service,
        dns_label,
        ranges,
        public_ip,
        prefix_list,
    }
}

/// The catalog. Ranges never overlap between rows (a test checks it), so an address names at
/// most one service.
#[rustfmt::skip]
pub static CATALOG: &[ServiceEntry] = &[
    // --- S3: `describe-prefix-lists` output for each Region (real, as published) ---
    row("us-east-1", "s3", "s3", &["54.231.0.0/17", "52.216.0.0/15"], "52.216.100.21", Some("pl-63a5400a")),
    row("us-east-2", "s3", "s3", &["52.219.80.0/20", "52.219.96.0/20", "52.92.76.0/22"], "52.219.80.30", Some("pl-7ba54012")),
    row("us-west-2", "s3", "s3", &["54.231.160.0/19", "52.218.128.0/17", "52.92.32.0/22"], "52.218.130.10", Some("pl-68a54001")),
    row("eu-west-1", "s3", "s3", &["52.218.0.0/17", "54.231.128.0/19"], "52.218.20.10", Some("pl-6da54004")),
    row("eu-central-1", "s3", "s3", &["52.219.44.0/22", "54.231.192.0/20", "52.219.72.0/22"], "52.219.72.10", Some("pl-6ea54007")),
    row("ap-southeast-1", "s3", "s3", &["52.219.32.0/21", "52.219.40.0/22", "54.231.240.0/22", "52.219.76.0/22"], "52.219.32.10", Some("pl-6fa54006")),
    // --- DynamoDB: `describe-prefix-lists` output for each Region (real, as published) ---
    row("us-east-1", "dynamodb", "dynamodb", &["52.94.0.0/22", "52.119.224.0/20"], "52.94.0.10", Some("pl-02cd2c6b")),
    row("us-east-2", "dynamodb", "dynamodb", &["52.94.4.0/24"], "52.94.4.10", Some("pl-4ca54025")),
    row("us-west-2", "dynamodb", "dynamodb", &["52.94.28.0/23"], "52.94.28.10", Some("pl-00a54069")),
    row("eu-west-1", "dynamodb", "dynamodb", &["52.94.5.0/24", "52.119.240.0/21", "52.94.24.0/23"], "52.94.24.10", Some("pl-6fa54006")),
    row("eu-central-1", "dynamodb", "dynamodb", &["52.94.17.0/24"], "52.94.17.10", Some("pl-66a5400f")),
    row("ap-southeast-1", "dynamodb", "dynamodb", &["52.94.11.0/24"], "52.94.11.10", Some("pl-67a5400e")),
    // --- Kinesis Data Streams (AMAZON space; plausible stand-ins) ---
    row("us-east-1", "kinesis-streams", "kinesis", &["52.46.0.0/20"], "52.46.0.10", None),
    row("us-east-2", "kinesis-streams", "kinesis", &["52.46.16.0/20"], "52.46.16.10", None),
    row("us-west-2", "kinesis-streams", "kinesis", &["52.46.32.0/20"], "52.46.32.10", None),
    row("eu-west-1", "kinesis-streams", "kinesis", &["52.46.48.0/20"], "52.46.48.10", None),
    row("eu-central-1", "kinesis-streams", "kinesis", &["52.46.64.0/20"], "52.46.64.10", None),
    row("ap-southeast-1", "kinesis-streams", "kinesis", &["52.46.80.0/20"], "52.46.80.10", None),
    // --- SQS (AMAZON space; plausible stand-ins) ---
    row("us-east-1", "sqs", "sqs", &["52.46.96.0/20"], "52.46.96.10", None),
    row("us-east-2", "sqs", "sqs", &["52.46.112.0/20"], "52.46.112.10", None),
    row("us-west-2", "sqs", "sqs", &["52.46.128.0/20"], "52.46.128.10", None),
    row("eu-west-1", "sqs", "sqs", &["52.46.144.0/20"], "52.46.144.10", None),
    row("eu-central-1", "sqs", "sqs", &["52.46.160.0/20"], "52.46.160.10", None),
    row("ap-southeast-1", "sqs", "sqs", &["52.46.176.0/20"], "52.46.176.10", None),
    // --- EC2 API (AMAZON space; plausible stand-ins) ---
    row("us-east-1", "ec2", "ec2", &["54.239.0.0/20"], "54.239.0.10", None),
    row("us-east-2", "ec2", "ec2", &["54.239.16.0/20"], "54.239.16.10", None),
    row("us-west-2", "ec2", "ec2", &["54.239.32.0/20"], "54.239.32.10", None),
    row("eu-west-1", "ec2", "ec2", &["54.239.48.0/20"], "54.239.48.10", None),
    row("eu-central-1", "ec2", "ec2", &["54.239.64.0/20"], "54.239.64.10", None),
    row("ap-southeast-1", "ec2", "ec2", &["54.239.80.0/20"], "54.239.80.10", None),
];

impl ServiceEntry {
    /// `com.amazonaws.REGION.SERVICE`
    pub fn endpoint_service(&self) -> String {
        format!("com.amazonaws.{}.{}", self.region, self.service)
    }
    /// `s3.us-east-1.amazonaws.com`
    pub fn dns_name(&self) -> String {
        format!("{}.{}.amazonaws.com", self.dns_label, self.region)
    }
    /// The public ranges (rows that fail to parse are left out; a test keeps them all valid).
    pub fn ranges(&self) -> Vec<Cidr> {
        self.ranges.iter().filter_map(|r| r.parse().ok()).collect()
    }
    /// The address the public name resolves to.
    pub fn public_ip(&self) -> Option<Ipv4Addr> {
        self.public_ip.parse().ok()
    }
    /// True when one of the service's public ranges holds `ip`.
    pub fn holds(&self, ip: Ipv4Addr) -> bool {
        self.ranges().iter().any(|c| c.contains(ip))
    }
}

/// What a DNS name names in the catalog: a service, and for S3 bucket names, the bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsMatch {
    pub entry: &'static ServiceEntry,
    pub bucket: Option<String>,
}

/// Every endpoint service name in the catalog (`com.amazonaws.us-east-1.s3`), for pickers.
pub fn service_names() -> Vec<String> {
    CATALOG.iter().map(|e| e.endpoint_service()).collect()
}

/// The row for `com.amazonaws.REGION.SERVICE`.
pub fn by_endpoint_service(name: &str) -> Option<&'static ServiceEntry> {
    CATALOG.iter().find(|e| e.endpoint_service() == name)
}

/// The row whose gateway-endpoint prefix list in `region` is `id` (ids repeat across Regions).
pub fn by_prefix_list(region: &str, id: &str) -> Option<&'static ServiceEntry> {
    CATALOG
        .iter()
        .find(|e| e.region == region && e.prefix_list == Some(id))
}

/// The row whose public ranges hold `ip`.
pub fn by_ip(ip: Ipv4Addr) -> Option<&'static ServiceEntry> {
    CATALOG.iter().find(|e| e.holds(ip))
}

/// Resolves a DNS name against the catalog: `s3.us-east-1.amazonaws.com`,
/// `BUCKET.s3.us-east-1.amazonaws.com` (bucket `BUCKET`), and the legacy global
/// `s3.amazonaws.com` / `BUCKET.s3.amazonaws.com`, which answer from us-east-1.
/// Case and a trailing dot are ignored.
pub fn by_dns_name(name: &str) -> Option<DnsMatch> {
    let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
    for e in CATALOG {
        let dns = e.dns_name();
        if name == dns {
            return Some(DnsMatch {
                entry: e,
                bucket: None,
            });
        }
        if e.service == "s3" {
            if let Some(bucket) = name.strip_suffix(&format!(".{dns}")) {
                if is_bucket_name(bucket) {
                    return Some(DnsMatch {
                        entry: e,
                        bucket: Some(bucket.to_string()),
                    });
                }
            }
        }
    }
    // Legacy global S3 names (us-east-1).
    let s3_east = CATALOG
        .iter()
        .find(|e| e.service == "s3" && e.region == "us-east-1")?;
    if name == "s3.amazonaws.com" {
        return Some(DnsMatch {
            entry: s3_east,
            bucket: None,
        });
    }
    let bucket = name.strip_suffix(".s3.amazonaws.com")?;
    is_bucket_name(bucket).then(|| DnsMatch {
        entry: s3_east,
        bucket: Some(bucket.to_string()),
    })
}

/// S3 bucket naming: 3-63 characters of lowercase letters, digits, dots and hyphens,
/// starting and ending with a letter or digit.
fn is_bucket_name(b: &str) -> bool {
    let ok_chars = b
        .bytes()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'.' || c == b'-');
    let edge = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    (3..=63).contains(&b.len()) && ok_chars && edge(b.bytes().next()) && edge(b.bytes().next_back())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_valid_and_complete() {
        assert_eq!(CATALOG.len(), REGIONS.len() * SERVICES.len());
        for r in REGIONS {
            for s in SERVICES {
                let e = by_endpoint_service(&format!("com.amazonaws.{r}.{s}"))
                    .unwrap_or_else(|| panic!("missing {r} {s}"));
                assert_eq!(e.ranges().len(), e.ranges.len(), "{r} {s} ranges parse");
                let ip = e.public_ip().expect("public ip parses");
                assert!(e.holds(ip), "{r} {s}: {ip} inside its ranges");
                assert_eq!(by_ip(ip), Some(e));
                assert_eq!(e.prefix_list.is_some(), s == "s3" || s == "dynamodb");
            }
        }
    }

    #[test]
    fn ranges_never_overlap_between_rows() {
        for (i, a) in CATALOG.iter().enumerate() {
            for b in &CATALOG[i + 1..] {
                for x in a.ranges() {
                    for y in b.ranges() {
                        assert!(
                            !x.overlaps(&y),
                            "{x} ({}) vs {y} ({})",
                            a.service,
                            b.service
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn dns_names() {
        type Case<'a> = (&'a str, Option<(&'a str, Option<&'a str>)>);
        let cases: &[Case] = &[
            (
                "s3.us-east-1.amazonaws.com",
                Some(("com.amazonaws.us-east-1.s3", None)),
            ),
            (
                "S3.US-EAST-1.amazonaws.com.",
                Some(("com.amazonaws.us-east-1.s3", None)),
            ),
            (
                "kinesis.eu-west-1.amazonaws.com",
                Some(("com.amazonaws.eu-west-1.kinesis-streams", None)),
            ),
            (
                "my-bucket.s3.us-west-2.amazonaws.com",
                Some(("com.amazonaws.us-west-2.s3", Some("my-bucket"))),
            ),
            (
                "logs.example.s3.amazonaws.com",
                Some(("com.amazonaws.us-east-1.s3", Some("logs.example"))),
            ),
            ("x.dynamodb.us-east-1.amazonaws.com", None),
            ("Bad_Bucket.s3.us-east-1.amazonaws.com", None),
            ("kinesis-streams.us-east-1.amazonaws.com", None),
            ("example.com", None),
        ];
        for (name, want) in cases {
            let got = by_dns_name(name).map(|m| (m.entry.endpoint_service(), m.bucket));
            let want = want.map(|(s, b)| (s.to_string(), b.map(str::to_string)));
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn s3_us_east_1_holds_the_spec_range_and_prefix_lists_resolve() {
        let e = by_endpoint_service("com.amazonaws.us-east-1.s3").unwrap();
        assert!(e.ranges().contains(&"52.216.0.0/15".parse().unwrap()));
        assert_eq!(by_prefix_list("us-east-1", "pl-63a5400a"), Some(e));
        assert_eq!(
            by_prefix_list("us-east-1", "pl-02cd2c6b").map(|e| e.service),
            Some("dynamodb")
        );
        assert_eq!(
            by_prefix_list("ap-southeast-1", "pl-6fa54006").map(|e| e.service),
            Some("s3")
        );
        assert_eq!(
            by_prefix_list("eu-west-1", "pl-6fa54006").map(|e| e.service),
            Some("dynamodb")
        );
        // Unique within each Region.
        for r in REGIONS {
            let ids: Vec<_> = CATALOG
                .iter()
                .filter(|e| e.region == r)
                .filter_map(|e| e.prefix_list)
                .collect();
            let mut d = ids.clone();
            d.sort();
            d.dedup();
            assert_eq!(ids.len(), d.len(), "{r}");
        }
        assert_eq!(service_names().len(), 30);
        assert_eq!(by_ip(Ipv4Addr::new(10, 0, 0, 1)), None);
    }
}
