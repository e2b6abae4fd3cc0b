//! The AWS CLI importer (`vpc_engine::import`) on real published outputs and on a realistic
//! account export built for the test: what it maps, what it leaves out and says why, and that
//! tracing the imported account gives the verdicts AWS would.

mod common;

use common::Rng;
use std::path::PathBuf;
use vpc_engine::import::{import, ImportError, Imported, Note, Ref, Source, Via, What, Why};
use vpc_engine::model::{OnpremHost, PeeringStatus, Policy, TunnelState, VpnRouting};
use vpc_engine::packet::{Packet, Protocol};
use vpc_engine::trace::trace_packet;
use vpc_engine::{trace, Kind, Reason, Verdict};

fn dir(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(name)
}

fn read(dir_name: &str, file: &str) -> String {
    let path = dir(dir_name).join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import_files(dir_name: &str, files: &[&str]) -> Result<Imported, ImportError> {
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| (f.to_string(), read(dir_name, f)))
        .collect();
    let sources: Vec<Source> = texts
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    import(&sources)
}

fn sample(files: &[&str]) -> Result<Imported, ImportError> {
    import_files("aws-cli-samples", files)
}

/// The realistic export with its filters (`aws-export-filters/`): a format 2 import.
fn export_with_filters() -> Imported {
    let mut texts: Vec<(String, String)> = Vec::new();
    for (dir_name, files) in [
        ("aws-export", export_files()),
        ("aws-export-filters", filter_files()),
    ] {
        for f in files {
            texts.push((f.clone(), read(dir_name, &f)));
        }
    }
    let sources: Vec<Source> = texts
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    import(&sources).expect("the export imports with its filters")
}

/// The filter outputs of the realistic export, sorted.
fn filter_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir("aws-export-filters"))
        .expect("the export's filters ship with the tests")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".json"))
        .collect();
    files.sort();
    files
}

/// Every `describe-*.json` of the realistic export.
fn export() -> Imported {
    let files = export_files();
    let names: Vec<&str> = files.iter().map(String::as_str).collect();
    import_files("aws-export", &names).expect("the export imports")
}

/// The export's `describe-*.json` file names, sorted.
fn export_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir("aws-export"))
        .expect("the export ships with the tests")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".json"))
        .collect();
    files.sort();
    files
}

fn has_note(notes: &[vpc_engine::import::Note], resource: &str, fragment: &str) -> bool {
    notes
        .iter()
        .any(|n| n.resource == resource && n.message().contains(fragment))
}

/// A reference to `id`, which no output of the import has.
fn absent(via: Via, id: &str, kind: Kind) -> Ref {
    Ref {
        via,
        id: id.into(),
        kind,
        why: Why::NotImported,
    }
}

/// A reference to `id` that is not kept for `why`.
fn not_kept(via: Via, id: &str, kind: Kind, why: Why) -> Ref {
    Ref {
        via,
        id: id.into(),
        kind,
        why,
    }
}

fn unresolved(resource: &str, refs: Vec<Ref>) -> Note {
    Note {
        resource: resource.into(),
        what: What::Unresolved(refs),
    }
}

fn dropped(resource: &str, refs: Vec<Ref>) -> Note {
    Note {
        resource: resource.into(),
        what: What::Dropped(refs),
    }
}

/// The left-out notes about references (not the sentences), in order.
fn reference_notes(imported: &Imported) -> Vec<Note> {
    imported
        .left_out
        .iter()
        .filter(|n| !n.refs().is_empty())
        .cloned()
        .collect()
}

/// Each published sample alone: what it gives and the note that explains what it cannot.
#[test]
fn published_samples_import_alone_with_their_reasons() {
    // (files, summary, (resource, fragment) that must be among the left-out sentences)
    type Case<'a> = (&'a [&'a str], &'a str, &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        (&["describe-vpcs.json"], "2 VPCs", &[]),
        (
            &["describe-vpcs--legacy.json"],
            "3 VPCs",
            &[("vpc-a45db1c0", "IPv6 block 2001:db8:1234:8800::/56")],
        ),
        (&["describe-subnets.json"], "nothing", &[]),
        (
            &["describe-instances.json"],
            "nothing",
            &[(
                "i-1234567890abcdef0",
                "PrivateIpAddress: \"10-0-0-157\" is not an IPv4 address",
            )],
        ),
        (
            &["describe-internet-gateways--legacy.json"],
            "1 internet gateway",
            &[],
        ),
        (
            &["describe-nat-gateways--legacy.json"],
            "nothing",
            &[
                (
                    "nat-05dba92075d71c408",
                    "PublicIp: \"198.11.222.333\" is not an IPv4 address",
                ),
                ("nat-0a93acc57881d4199", "its state is deleting"),
            ],
        ),
        (
            &["describe-nat-gateways--private.json"],
            "nothing",
            &[("nat-1234567890abcdef0", "private NAT gateway")],
        ),
        (
            &["describe-route-tables--legacy.json"],
            "nothing",
            &[(
                "rtb-1a459c7e",
                "route ::/0 left out: the playground models IPv4 only",
            )],
        ),
        (
            &["describe-vpc-endpoints.json"],
            "nothing",
            &[("vpce-aabbaabbaabbaabba", "GatewayLoadBalancer endpoint")],
        ),
        (
            &["describe-vpn-connections.json"],
            "nothing",
            &[(
                "vpn-1122334455aabbccd",
                "transit gateway tgw-00112233445566aab",
            )],
        ),
        (&["describe-vpn-connections--legacy.json"], "nothing", &[]),
        (
            &["describe-virtual-interfaces.json"],
            "nothing",
            &[
                ("dxvif-ffhhk74f", "its state is down"),
                ("dxvif-fgh0hcrk", "its state is verifying"),
            ],
        ),
        (
            &["describe-customer-gateways.json"],
            "2 customer gateways",
            &[],
        ),
        (&["describe-vpn-gateways.json"], "1 VPN gateway", &[]),
        // A cross-account peering names both VPCs' blocks: they are made from it.
        (
            &["describe-vpc-peering-connections.json"],
            "3 VPCs, 1 peering connection",
            &[],
        ),
        // Output of several commands together: the references between them resolve.
        (
            &[
                "describe-vpcs--legacy.json",
                "describe-subnets.json",
                "describe-route-tables--legacy.json",
                "describe-internet-gateways--legacy.json",
                "describe-vpn-gateways.json",
            ],
            "3 VPCs, 2 subnets, 2 route tables, 2 internet gateways, 1 VPN gateway",
            &[("vpc-a45db1c0", "IPv6 block")],
        ),
    ];
    for (files, summary, notes) in cases {
        let imported = sample(files).unwrap_or_else(|e| panic!("{files:?}: {e}"));
        assert_eq!(imported.summary(), *summary, "{files:?}");
        for (resource, fragment) in *notes {
            assert!(
                has_note(&imported.left_out, resource, fragment),
                "{files:?}: no note {resource}: …{fragment}… in {:#?}",
                imported.left_out
            );
        }
    }
}

/// The published samples' references that do not resolve: every one is named, in one
/// note per resource, typed (what refers, to which id of which kind, and why).
#[test]
fn published_samples_name_every_unresolved_reference() {
    use Kind::*;
    let cases: Vec<(&[&str], Vec<Note>)> = vec![
        (
            &["describe-subnets.json"],
            vec![
                unresolved(
                    "subnet-9d4a7b6c",
                    vec![absent(Via::Vpc, "vpc-a01106c2", Vpc)],
                ),
                unresolved(
                    "subnet-65ea5f08",
                    vec![absent(Via::Vpc, "vpc-b61106d4", Vpc)],
                ),
            ],
        ),
        (
            &["describe-internet-gateways--legacy.json"],
            vec![unresolved(
                "igw-c0a643a9",
                vec![absent(Via::Attachment, "vpc-a01106c2", Vpc)],
            )],
        ),
        // A VPN connection names its VPN gateway and its customer gateway: both at once.
        (
            &["describe-vpn-connections--legacy.json"],
            vec![unresolved(
                "vpn-40f41529",
                vec![
                    absent(Via::VpnGateway, "vgw-9a4cacf3", VpnGateway),
                    absent(Via::CustomerGateway, "cgw-0e11f167", CustomerGateway),
                ],
            )],
        ),
        // An `attaching` gateway is imported detached, and says so.
        (
            &["describe-vpn-gateways.json"],
            vec![
                unresolved(
                    "vgw-f211f09b",
                    vec![absent(Via::Attachment, "vpc-98eb5ef5", Vpc)],
                ),
                dropped(
                    "vgw-9a4cacf3",
                    vec![not_kept(
                        Via::Attachment,
                        "vpc-a01106c2",
                        Vpc,
                        Why::State("attaching".into()),
                    )],
                ),
            ],
        ),
        (
            &["describe-vpc-peering-connections.json"],
            vec![unresolved(
                "pcx-abababab",
                vec![absent(Via::Accepter, "vpc-33cc44dd", Vpc)],
            )],
        ),
        // A route table pasted alone: its VPC, subnets, propagating gateway and targets.
        (
            &["describe-route-tables--legacy.json"],
            vec![
                unresolved("rtb-1f382e7d", vec![absent(Via::Vpc, "vpc-a01106c2", Vpc)]),
                unresolved(
                    "rtb-22574640",
                    vec![
                        absent(Via::Vpc, "vpc-a01106c2", Vpc),
                        absent(Via::Association, "subnet-b61f49f0", Subnet),
                        absent(Via::Propagation, "vgw-f211f09b", VpnGateway),
                        absent(
                            Via::Route("0.0.0.0/0".into()),
                            "igw-046d7966",
                            InternetGateway,
                        ),
                    ],
                ),
                unresolved(
                    "rtb-1a459c7e",
                    vec![
                        absent(Via::Vpc, "vpc-31896b55", Vpc),
                        absent(
                            Via::Route("0.0.0.0/0".into()),
                            "igw-2fa4e34a",
                            InternetGateway,
                        ),
                    ],
                ),
            ],
        ),
        (
            &["describe-vpc-endpoints.json"],
            vec![
                unresolved(
                    "vpce-032a826a",
                    vec![
                        absent(Via::Vpc, "vpc-aabb1122", Vpc),
                        absent(Via::RouteTable, "rtb-3d560345", RouteTable),
                    ],
                ),
                unresolved(
                    "vpce-0f89a33420c1931d7",
                    vec![
                        absent(Via::Vpc, "vpc-1a2b3c4d", Vpc),
                        absent(Via::EndpointSubnet, "subnet-d6fcaa8d", Subnet),
                        absent(Via::EndpointSubnet, "subnet-7b16de0c", Subnet),
                    ],
                ),
            ],
        ),
        // Together: the table is kept; what it still names and cannot keep is said. Its
        // propagating gateway was read but left out (attached to a VPC not given).
        (
            &[
                "describe-vpcs--legacy.json",
                "describe-subnets.json",
                "describe-route-tables--legacy.json",
                "describe-internet-gateways--legacy.json",
                "describe-vpn-gateways.json",
            ],
            vec![
                unresolved(
                    "vgw-f211f09b",
                    vec![absent(Via::Attachment, "vpc-98eb5ef5", Vpc)],
                ),
                dropped(
                    "vgw-9a4cacf3",
                    vec![not_kept(
                        Via::Attachment,
                        "vpc-a01106c2",
                        Vpc,
                        Why::State("attaching".into()),
                    )],
                ),
                dropped(
                    "rtb-22574640",
                    vec![
                        absent(Via::Association, "subnet-b61f49f0", Subnet),
                        not_kept(Via::Propagation, "vgw-f211f09b", VpnGateway, Why::LeftOut),
                    ],
                ),
                unresolved(
                    "rtb-1a459c7e",
                    vec![
                        absent(Via::Vpc, "vpc-31896b55", Vpc),
                        absent(
                            Via::Route("0.0.0.0/0".into()),
                            "igw-2fa4e34a",
                            InternetGateway,
                        ),
                    ],
                ),
            ],
        ),
    ];
    for (files, want) in cases {
        let imported = sample(files).unwrap_or_else(|e| panic!("{files:?}: {e}"));
        assert_eq!(reference_notes(&imported), want, "{files:?}");
    }
}

/// Imports pasted documents (JSON values) as one text.
fn paste(docs: &[serde_json::Value]) -> Imported {
    let text: Vec<String> = docs.iter().map(ToString::to_string).collect();
    let text = text.join("\n");
    import(&[Source {
        name: "pasted text",
        text: &text,
    }])
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Partial pastes, as a user fixing one builds them: each case a paste and every note about
/// a reference it gives, in order; and the commands that would resolve them.
#[test]
fn partial_pastes_name_every_reference_they_cannot_keep() {
    use serde_json::json;
    use Kind::*;
    let vpc = |id: &str, cidr: &str| json!({"VpcId": id, "CidrBlock": cidr});
    let vpcs = |list: Vec<serde_json::Value>| json!({ "Vpcs": list });
    let subnet = |id: &str, vpc: &str, cidr: &str| json!({"SubnetId": id, "VpcId": vpc, "CidrBlock": cidr, "AvailabilityZone": "us-east-1a"});
    let route = |dest: &str, field: &str, target: &str| json!({"DestinationCidrBlock": dest, field: target, "State": "active"});
    let table = json!({"RouteTables": [{
        "RouteTableId": "rtb-app", "VpcId": "vpc-a",
        "Associations": [{"SubnetId": "subnet-a1"}, {"SubnetId": "subnet-a2"}],
        "PropagatingVgws": [{"GatewayId": "vgw-a"}],
        "Routes": [
            route("10.0.0.0/16", "GatewayId", "local"),
            route("0.0.0.0/0", "NatGatewayId", "nat-a"),
            route("10.1.0.0/16", "VpcPeeringConnectionId", "pcx-ab"),
            route("172.16.0.0/12", "TransitGatewayId", "tgw-1"),
            route("192.168.0.0/16", "GatewayId", "igw-a"),
            {"DestinationPrefixListId": "pl-63a5400a", "GatewayId": "vpce-s3", "State": "active"},
            {"DestinationCidrBlock": "192.168.1.0/24", "GatewayId": "vgw-a", "Origin": "EnableVgwRoutePropagation", "State": "active"},
            {"DestinationCidrBlock": "10.9.0.0/16", "NatGatewayId": "nat-gone", "State": "blackhole"}
        ]
    }]});
    let endpoint = |id: &str, kind: &str, tables: &[&str], subnets: &[&str]| {
        json!({"VpcEndpointId": id, "VpcEndpointType": kind, "VpcId": "vpc-a", "State": "available",
               "ServiceName": if kind == "Gateway" { "com.amazonaws.us-east-1.s3" } else { "com.amazonaws.us-east-1.sqs" },
               "RouteTableIds": tables, "SubnetIds": subnets})
    };
    let r0 = || Via::Route("0.0.0.0/0".into());
    // (paste, notes about references, commands to add)
    let cases: Vec<(Vec<serde_json::Value>, Vec<Note>, Vec<&str>)> = vec![
        // The table alone: every reference at once, not one per paste. The propagated route
        // and the blackhole are not references a fix needs.
        (
            vec![table.clone()],
            vec![unresolved(
                "rtb-app",
                vec![
                    absent(Via::Vpc, "vpc-a", Vpc),
                    absent(Via::Association, "subnet-a1", Subnet),
                    absent(Via::Association, "subnet-a2", Subnet),
                    absent(Via::Propagation, "vgw-a", VpnGateway),
                    absent(r0(), "nat-a", NatGateway),
                    absent(Via::Route("10.1.0.0/16".into()), "pcx-ab", Peering),
                    absent(
                        Via::Route("192.168.0.0/16".into()),
                        "igw-a",
                        InternetGateway,
                    ),
                    absent(Via::Route("pl-63a5400a".into()), "vpce-s3", GatewayEndpoint),
                ],
            )],
            vec![
                "aws ec2 describe-vpcs",
                "aws ec2 describe-subnets",
                "aws ec2 describe-internet-gateways",
                "aws ec2 describe-nat-gateways",
                "aws ec2 describe-vpc-peering-connections",
                "aws ec2 describe-vpc-endpoints",
                "aws ec2 describe-vpn-gateways",
            ],
        ),
        // With its VPC and one subnet: kept, and what it lost is named. The internet
        // gateway is inferred (an assumption), not lost.
        (
            vec![
                vpcs(vec![vpc("vpc-a", "10.0.0.0/16")]),
                json!({"Subnets": [subnet("subnet-a1", "vpc-a", "10.0.1.0/24")]}),
                table.clone(),
            ],
            vec![dropped(
                "rtb-app",
                vec![
                    absent(Via::Association, "subnet-a2", Subnet),
                    absent(Via::Propagation, "vgw-a", VpnGateway),
                    absent(r0(), "nat-a", NatGateway),
                    absent(Via::Route("10.1.0.0/16".into()), "pcx-ab", Peering),
                    absent(Via::Route("pl-63a5400a".into()), "vpce-s3", GatewayEndpoint),
                ],
            )],
            vec![
                "aws ec2 describe-subnets",
                "aws ec2 describe-nat-gateways",
                "aws ec2 describe-vpc-peering-connections",
                "aws ec2 describe-vpc-endpoints",
                "aws ec2 describe-vpn-gateways",
            ],
        ),
        // A subnet of another VPC, and one a table before already has.
        (
            vec![
                vpcs(vec![
                    vpc("vpc-a", "10.0.0.0/16"),
                    vpc("vpc-b", "10.1.0.0/16"),
                ]),
                json!({"Subnets": [subnet("subnet-a1", "vpc-a", "10.0.1.0/24"), subnet("subnet-b1", "vpc-b", "10.1.1.0/24")]}),
                json!({"RouteTables": [
                    {"RouteTableId": "rtb-1", "VpcId": "vpc-a", "Associations": [{"Main": true}, {"SubnetId": "subnet-a1"}]},
                    {"RouteTableId": "rtb-2", "VpcId": "vpc-a", "Associations": [{"SubnetId": "subnet-a1"}, {"SubnetId": "subnet-b1"}]}
                ]}),
            ],
            vec![dropped(
                "rtb-2",
                vec![
                    not_kept(
                        Via::Association,
                        "subnet-a1",
                        Subnet,
                        Why::AssociatedWith("rtb-1".into()),
                    ),
                    not_kept(
                        Via::Association,
                        "subnet-b1",
                        Subnet,
                        Why::OtherVpc("vpc-b".into()),
                    ),
                ],
            )],
            vec![],
        ),
        // Endpoints: a gateway endpoint's route table and an interface endpoint's subnet that
        // are not here are named; an interface endpoint with none of its subnets is left out.
        (
            vec![
                vpcs(vec![vpc("vpc-a", "10.0.0.0/16")]),
                json!({"Subnets": [subnet("subnet-a1", "vpc-a", "10.0.1.0/24")]}),
                json!({"VpcEndpoints": [
                    endpoint("vpce-s3", "Gateway", &["rtb-x"], &[]),
                    endpoint("vpce-sqs", "Interface", &[], &["subnet-a1", "subnet-a2"]),
                    endpoint("vpce-sqs2", "Interface", &[], &["subnet-a3"]),
                ]}),
            ],
            vec![
                dropped(
                    "vpce-s3",
                    vec![absent(Via::RouteTable, "rtb-x", RouteTable)],
                ),
                dropped(
                    "vpce-sqs",
                    vec![absent(Via::EndpointSubnet, "subnet-a2", Subnet)],
                ),
                unresolved(
                    "vpce-sqs2",
                    vec![absent(Via::EndpointSubnet, "subnet-a3", Subnet)],
                ),
            ],
            vec!["aws ec2 describe-subnets", "aws ec2 describe-route-tables"],
        ),
        // A subnet whose VPC was pasted but refused: the VPC is left out itself, not absent.
        (
            vec![
                vpcs(vec![vpc("vpc-a", "10.0.0.0/33")]),
                json!({"Subnets": [subnet("subnet-a1", "vpc-a", "10.0.1.0/24")]}),
            ],
            vec![unresolved(
                "subnet-a1",
                vec![not_kept(Via::Vpc, "vpc-a", Vpc, Why::LeftOut)],
            )],
            vec![],
        ),
        // A peering of two VPCs the import does not have, neither side with its blocks; an
        // internet gateway still detaching is taken as detached.
        (
            vec![
                json!({"VpcPeeringConnections": [{"VpcPeeringConnectionId": "pcx-ab", "Status": {"Code": "active"},
                    "RequesterVpcInfo": {"VpcId": "vpc-a"}, "AccepterVpcInfo": {"VpcId": "vpc-b"}}]}),
                json!({"InternetGateways": [{"InternetGatewayId": "igw-a",
                    "Attachments": [{"State": "detaching", "VpcId": "vpc-a"}]}]}),
            ],
            vec![
                dropped(
                    "igw-a",
                    vec![not_kept(
                        Via::Attachment,
                        "vpc-a",
                        Vpc,
                        Why::State("detaching".into()),
                    )],
                ),
                unresolved(
                    "pcx-ab",
                    vec![
                        absent(Via::Requester, "vpc-a", Vpc),
                        absent(Via::Accepter, "vpc-b", Vpc),
                    ],
                ),
            ],
            vec!["aws ec2 describe-vpcs"],
        ),
        // Format 2 (groups and ACLs both given): an instance's group and a rule's group that
        // are not here; a group and an ACL whose VPC is not here.
        (
            vec![
                vpcs(vec![vpc("vpc-a", "10.0.0.0/16")]),
                json!({"Subnets": [subnet("subnet-a1", "vpc-a", "10.0.1.0/24")]}),
                json!({"Reservations": [{"Instances": [{"InstanceId": "i-1", "SubnetId": "subnet-a1",
                    "PrivateIpAddress": "10.0.1.10", "SecurityGroups": [{"GroupId": "sg-a"}, {"GroupId": "sg-x"}]}]}]}),
                json!({"SecurityGroups": [
                    {"GroupId": "sg-a", "VpcId": "vpc-a", "OwnerId": "111111111111", "IpPermissions": [
                        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "UserIdGroupPairs": [{"GroupId": "sg-gone", "UserId": "111111111111"}]}]},
                    {"GroupId": "sg-b", "VpcId": "vpc-b"}
                ]}),
                json!({"NetworkAcls": [{"NetworkAclId": "acl-b", "VpcId": "vpc-b", "Associations": [{"SubnetId": "subnet-b1"}]}]}),
            ],
            vec![
                dropped(
                    "sg-a",
                    vec![absent(Via::RuleGroup, "sg-gone", SecurityGroup)],
                ),
                unresolved("sg-b", vec![absent(Via::Vpc, "vpc-b", Vpc)]),
                unresolved(
                    "acl-b",
                    vec![
                        absent(Via::Vpc, "vpc-b", Vpc),
                        absent(Via::Association, "subnet-b1", Subnet),
                    ],
                ),
                dropped(
                    "i-1",
                    vec![absent(Via::SecurityGroup, "sg-x", SecurityGroup)],
                ),
            ],
            vec![
                "aws ec2 describe-vpcs",
                "aws ec2 describe-subnets",
                "aws ec2 describe-security-groups",
            ],
        ),
        // A private virtual interface without its VPN gateway.
        (
            vec![
                json!({"virtualInterfaces": [{"virtualInterfaceId": "dxvif-1", "connectionId": "dxcon-1",
                "virtualInterfaceType": "private", "virtualInterfaceState": "available", "vlan": 101,
                "virtualGatewayId": "vgw-a"}]}),
            ],
            vec![unresolved(
                "dxvif-1",
                vec![absent(Via::VpnGateway, "vgw-a", VpnGateway)],
            )],
            vec!["aws ec2 describe-vpn-gateways"],
        ),
    ];
    for (docs, want, commands) in cases {
        let imported = paste(&docs);
        assert_eq!(reference_notes(&imported), want, "{docs:#?}");
        assert_eq!(imported.commands_to_add(), commands, "{docs:#?}");
        // Each is said in words too, naming every id.
        for note in &want {
            let text = note.to_string();
            assert!(note.refs().iter().all(|r| text.contains(&r.id)), "{text}");
        }
    }
}

/// The Direct Connect connection behind a virtual interface is made from it: said, not silent.
#[test]
fn a_virtual_interfaces_connection_is_made_and_said() {
    let imported = paste(&[
        serde_json::json!({"virtualInterfaces": [{"virtualInterfaceId": "dxvif-1",
        "connectionId": "dxcon-1", "location": "EqDC2", "virtualInterfaceType": "public",
        "virtualInterfaceState": "available", "vlan": 101}]}),
    ]);
    assert_eq!(imported.summary(), "1 virtual interface");
    assert_eq!(imported.scenario.dx_connections[0].id, "dxcon-1");
    assert!(
        has_note(
            &imported.assumed,
            "dxcon-1",
            "made from virtual interface dxvif-1"
        ),
        "{:#?}",
        imported.assumed
    );
}

#[test]
fn published_samples_map_their_fields() {
    let s = sample(&["describe-vpcs.json"]).unwrap().scenario;
    let shared = s.vpc("vpc-06e4ab6c6cEXAMPLE").expect("the VPC");
    assert_eq!(shared.name.as_deref(), Some("Shared VPC"));
    assert_eq!(shared.account, "222222222222");
    assert_eq!(shared.cidrs[0].to_string(), "10.0.0.0/16");

    let s = sample(&[
        "describe-vpcs--legacy.json",
        "describe-subnets.json",
        "describe-route-tables--legacy.json",
        "describe-internet-gateways--legacy.json",
        "describe-vpn-gateways.json",
    ])
    .unwrap()
    .scenario;
    // The Region comes from the subnets' Availability Zone (us-east-1c).
    assert_eq!(s.vpc("vpc-a01106c2").unwrap().region, "us-east-1");
    let main = s.route_table("rtb-1f382e7d").unwrap();
    assert!(main.main && main.subnets.is_empty());
    let custom = s.route_table("rtb-22574640").unwrap();
    assert!(!custom.main);
    // Its propagating gateway is attached to a VPC that is not in the import: left out.
    assert!(custom.propagating_gateways.is_empty());
    assert!(s.vpn_gateway("vgw-f211f09b").is_none());
    assert_eq!(custom.routes.len(), 1, "the local route stays implicit");
    assert_eq!(custom.routes[0].target, "igw-046d7966");
    // igw-046d7966 has no attachment: it is detached, so that route is a blackhole.
    assert_eq!(s.internet_gateway("igw-046d7966").unwrap().vpc, None);

    let s = sample(&["describe-vpc-peering-connections.json"])
        .unwrap()
        .scenario;
    let p = s.peering("pcx-11122233").unwrap();
    assert_eq!(p.status, PeeringStatus::Active);
    assert_eq!(s.vpc("vpc-123abc45").unwrap().account, "444455556666");
    assert_eq!(
        s.vpc("vpc-1a2b3c4d").unwrap().cidrs[0].to_string(),
        "10.0.1.0/28"
    );

    let s = sample(&["describe-customer-gateways.json"])
        .unwrap()
        .scenario;
    let cgw = &s.customer_gateways[0];
    assert_eq!(
        (cgw.id.as_str(), cgw.ip.to_string(), cgw.asn),
        ("cgw-b4dc3961", "203.0.113.12".to_string(), Some(65000))
    );
}

#[test]
fn broken_input_is_refused_with_where_and_why() {
    let cases: &[(&str, &str)] = &[
        (
            "describe-subnets--current-docs.json",
            "describe-subnets--current-docs.json, line 17 column 39: not valid JSON",
        ),
        // AWS's trailing comma after the group's last key.
        (
            "describe-security-groups.json",
            "describe-security-groups.json, line 53 column 9: not valid JSON",
        ),
    ];
    for (file, want) in cases {
        let err = sample(&[file]).expect_err(file).to_string();
        assert!(err.starts_with(want), "{file}: {err}");
    }
    let huge = "x".repeat(vpc_engine::import::MAX_IMPORT_BYTES + 1);
    let err = import(&[Source {
        name: "big.json",
        text: &huge,
    }])
    .unwrap_err();
    assert!(matches!(err, ImportError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("the limit is 8 MiB"), "{err}");
}

/// The published security group, network ACL and network interface samples: format 2 only
/// when both groups and ACLs are given, and then the filters AWS's outputs describe.
#[test]
fn published_filters_import_as_format_2_with_the_rules_aws_printed() {
    use vpc_engine::filter::{acl, sg};
    use vpc_engine::index::{Acl, Direction, Sg};
    use vpc_engine::model::{Format, NetworkAcl, SecurityGroup, Subnet};
    use vpc_engine::packet::{Packet, Port, Ports};
    // The published group with AWS's one trailing comma removed (the file keeps it).
    let groups = read("aws-cli-samples", "describe-security-groups.json").replace(
        "\"GroupId\": \"sg-903004f8\",\n",
        "\"GroupId\": \"sg-903004f8\"\n",
    );
    let texts = [
        (
            "describe-vpcs--legacy.json",
            read("aws-cli-samples", "describe-vpcs--legacy.json"),
        ),
        (
            "describe-subnets.json",
            read("aws-cli-samples", "describe-subnets.json"),
        ),
        // Makes vpc-1a2b3c4d, the group's VPC, from the peering's information.
        (
            "describe-vpc-peering-connections.json",
            read("aws-cli-samples", "describe-vpc-peering-connections.json"),
        ),
        ("describe-security-groups.json", groups),
        (
            "describe-network-acls.json",
            read("aws-cli-samples", "describe-network-acls.json"),
        ),
        (
            "describe-network-interfaces.json",
            read("aws-cli-samples", "describe-network-interfaces.json"),
        ),
    ];
    let sources = |n: usize| -> Vec<Source> {
        texts[..n]
            .iter()
            .map(|(name, text)| Source { name, text })
            .collect()
    };
    // Without the ACLs (or the groups): format 1, and the note says filtering is not modeled.
    for n in [4, 3] {
        let imported = import(&sources(n)).unwrap();
        assert_eq!(imported.scenario.format, Format::V1, "{n} outputs");
        assert!(imported.scenario.security_groups.is_empty());
        assert!(
            has_note(
                &imported.assumed,
                "vpc-playground/1",
                "filtering is not modeled"
            ),
            "{:#?}",
            imported.assumed
        );
    }
    let imported = import(&sources(texts.len())).unwrap();
    let s = &imported.scenario;
    assert_eq!(s.format, Format::V2);
    assert_eq!(
        imported.summary(),
        "6 VPCs, 2 subnets, 1 peering connection, 1 security group, 2 network ACLs"
    );
    // Every ACL entry but AWS's closing `*` rules, which format 2 keeps implicit; an ACL of a
    // VPC not imported names its VPC and subnet at once.
    let acls: Vec<(&str, bool, usize, usize)> = s
        .network_acls
        .iter()
        .map(|a: &NetworkAcl| (a.id.as_str(), a.default, a.ingress.len(), a.egress.len()))
        .collect();
    assert_eq!(
        acls,
        [("acl-7aaabd18", true, 1, 1), ("acl-5fb85d36", false, 0, 0)]
    );
    assert!(reference_notes(&imported).contains(&unresolved(
        "acl-9aeb5ef7",
        vec![
            absent(Via::Vpc, "vpc-98eb5ef5", Kind::Vpc),
            absent(Via::Association, "subnet-6bea5f06", Kind::Subnet),
        ],
    )));
    let group: &SecurityGroup = &s.security_groups[0];
    assert_eq!(
        (group.id.as_str(), group.vpc.as_str()),
        ("sg-903004f8", "vpc-1a2b3c4d")
    );

    // What the filters decide, as AWS would.
    let ix = s.index();
    let f = ix.filters().expect("format 2 has filters");
    let tcp = |port: i64| {
        Packet::Tcp(Ports {
            dst: Port::new("port", port).unwrap(),
            src: Port::new("src_port", 49152).unwrap(),
        })
    };
    let ip = |t: &str| t.parse::<vpc_engine::Ip>().unwrap();
    let web = [Sg::Written(ix.at::<SecurityGroup>("sg-903004f8").unwrap())];
    // (packet, from, allowed by the group's inbound rules)
    let inbound = [
        (tcp(22), "203.0.113.9", true),
        (tcp(22), "198.51.100.1", false),
        (tcp(443), "203.0.113.9", false),
    ];
    for (packet, from, want) in inbound {
        let got = sg::evaluate(f, &web, Direction::Ingress, packet, ip(from)).allowed();
        assert_eq!(got, want, "{packet:?} from {from}");
    }
    // The subnet in no ACL's associations uses its VPC's default ACL (allow all); the
    // custom ACL with no rules of its own denies everything.
    let subnet = ix.at::<Subnet>("subnet-9d4a7b6c").unwrap();
    let default = f.acl_of(subnet).unwrap();
    assert_eq!(default.id(s).as_ref(), "acl-7aaabd18");
    let rules = f.acl(default).unwrap().rules(Direction::Ingress);
    assert!(acl::evaluate(rules, tcp(443), ip("8.8.8.8")).allowed());
    let custom = Acl::Written(ix.at::<NetworkAcl>("acl-5fb85d36").unwrap());
    let rules = f.acl(custom).unwrap().rules(Direction::Ingress);
    assert!(acl::evaluate(rules, tcp(443), ip("8.8.8.8")).implicit_deny());
}

/// The realistic export: what each resource became.
#[test]
fn the_account_export_maps_every_kind() {
    let imported = export();
    let s = &imported.scenario;
    assert_eq!(
        imported.summary(),
        "4 VPCs, 5 subnets, 5 route tables, 5 instances, 1 internet gateway, 1 NAT gateway, 4 peering connections, 2 VPC endpoints, 1 VPN gateway, 1 customer gateway, 1 VPN connection, 1 virtual interface"
    );
    let app = s.route_table("rtb-0a1b2c3d4e5f60app").unwrap();
    assert_eq!(
        app.subnets,
        vec!["subnet-0aa0000000000app1", "subnet-0aa00000000000db1"]
    );
    let targets: Vec<(String, &str)> = app
        .routes
        .iter()
        .map(|r| (r.destination.to_string(), r.target.as_str()))
        .collect();
    assert_eq!(
        targets,
        vec![
            ("0.0.0.0/0".to_string(), "nat-0a1b2c3d4e5f60001"),
            ("10.1.0.0/16".to_string(), "pcx-0a1b2c3d4e5f600ab"),
            ("10.2.0.0/16".to_string(), "pcx-0a1b2c3d4e5f600ac"),
            ("172.31.0.0/16".to_string(), "pcx-0a1b2c3d4e5f600ee"),
        ],
        "propagated and prefix-list routes are derived, not copied; TGW and blackhole-to-deleted routes are left out"
    );
    assert_eq!(app.propagating_gateways, vec!["vgw-0a1b2c3d4e5f60001"]);
    let s3 = s.endpoint("vpce-0a1b2c3d4e5f600s3").unwrap();
    assert_eq!(s3.route_tables, vec!["rtb-0a1b2c3d4e5f60app"]);
    assert_eq!(
        s3.policy,
        Policy::Allow(vec![
            "arn:aws:s3:::prod-logs".into(),
            "arn:aws:s3:::prod-logs/*".into()
        ])
    );
    let vpn = &s.vpn_connections[0];
    assert_eq!(
        (vpn.routing, vpn.tunnels),
        (VpnRouting::Bgp, [TunnelState::Up, TunnelState::Down])
    );
    assert_eq!(s.dx_virtual_interfaces[0].vlan, 101);
    assert_eq!(
        s.onprem_networks[0].cidrs[0].to_string(),
        "192.168.0.0/16",
        "learned from the propagated route"
    );
    assert_eq!(s.vpc("vpc-0partner000000001").unwrap().region, "us-west-2");
    assert_eq!(
        s.instance("i-0a1b2c3d4e5f60web")
            .unwrap()
            .public_ip
            .map(|i| i.to_string())
            .as_deref(),
        Some("3.80.1.10")
    );
    assert!(s.instance("i-0c3d4e5f6a1b0gone").is_none(), "terminated");

    for (resource, fragment) in [
        ("i-0c3d4e5f6a1b0gone", "terminated"),
        ("rtb-0a1b2c3d4e5f60pub", "route ::/0 left out"),
        (
            "rtb-0a1b2c3d4e5f60app",
            "route 172.16.0.0/12 → tgw-0a1b2c3d4e5f60001 is left out: routes to a transit gateway",
        ),
        (
            "rtb-0a1b2c3d4e5f60app",
            "route 10.9.0.0/16 → nat-0deleted0000000001 is a blackhole",
        ),
    ] {
        assert!(
            has_note(&imported.left_out, resource, fragment),
            "{resource}: {fragment}: {:#?}",
            imported.left_out
        );
    }
    for (resource, fragment) in [
        (
            "vpc-0partner000000001",
            "made from peering pcx-0a1b2c3d4e5f600ee",
        ),
        ("vpce-0a1b2c3d4e5f6sqs1", "the importer chose 10.0.2.254"),
        ("onprem", "192.168.0.0/16"),
    ] {
        assert!(
            has_note(&imported.assumed, resource, fragment),
            "{resource}: {fragment}: {:#?}",
            imported.assumed
        );
    }
}

/// The export with its security groups, network ACLs and network interfaces: format 2, each
/// instance and the interface endpoint in its groups, the endpoint at its real address, and
/// the filters deciding as AWS's rules say.
#[test]
fn the_account_export_with_its_filters_is_format_2() {
    use vpc_engine::filter::{acl, sg};
    use vpc_engine::index::{Acl, Direction, Sg};
    use vpc_engine::model::{Format, NetworkAcl, SecurityGroup, Subnet};
    use vpc_engine::packet::{Packet, Port, Ports};
    let imported = export_with_filters();
    let s = &imported.scenario;
    assert_eq!(s.format, Format::V2);
    let groups: Vec<(&str, Vec<&str>)> = s
        .instances
        .iter()
        .map(|i| {
            (
                i.id.as_str(),
                i.security_groups.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("i-0a1b2c3d4e5f60web", vec!["sg-0web000000000001"]),
            ("i-0a1b2c3d4e5f60app", vec!["sg-0app000000000001"]),
            ("i-0a1b2c3d4e5f600db", vec!["sg-0a1b2c3d"]),
            ("i-0b2c3d4e5f6a0000ad", vec!["sg-0b2c3d4e"]),
            ("i-0c3d4e5f6a1b00dev", vec!["sg-0c3d4e5f"]),
        ]
    );
    let sqs = s.endpoint("vpce-0a1b2c3d4e5f6sqs1").unwrap();
    assert_eq!(
        (sqs.private_ips[0].to_string(), sqs.security_groups.clone()),
        (
            "10.0.2.100".to_string(),
            vec!["sg-0vpce00000000001".to_string()]
        ),
        "describe-network-interfaces gives its real address"
    );
    assert!(!has_note(
        &imported.assumed,
        "vpce-0a1b2c3d4e5f6sqs1",
        "the importer chose"
    ));
    // The default group of each VPC is AWS's `default`; the private ACL keeps its rules in
    // order without AWS's closing `*` rule and the ESP rule (said).
    let defaults: Vec<&str> = s
        .security_groups
        .iter()
        .filter(|g| g.default)
        .map(|g| g.id.as_str())
        .collect();
    assert_eq!(defaults, ["sg-0a1b2c3d", "sg-0b2c3d4e", "sg-0c3d4e5f"]);
    let private = s
        .network_acls
        .iter()
        .find(|a| a.id == "acl-0a1b2c3d4e5f600pv")
        .unwrap();
    let numbers: Vec<u16> = private.ingress.iter().map(|r| r.rule.get()).collect();
    assert_eq!(numbers, [90, 100, 110, 120, 130]);
    for (resource, fragment) in [
        ("acl-0a1b2c3d4e5f600pv", "rule 140 for IP protocol 50"),
        ("acl-0a1b2c3d4e5f60001", "inbound rule 101 for ::/0"),
        ("sg-0web000000000001", "its rules for ::/0 are left out"),
    ] {
        assert!(
            has_note(&imported.left_out, resource, fragment),
            "{resource}: {fragment}: {:#?}",
            imported.left_out
        );
    }
    // The partner's group is another account's: named, and no command is suggested for it.
    assert!(reference_notes(&imported).contains(&dropped(
        "sg-0app000000000001",
        vec![not_kept(
            Via::RuleGroup,
            "sg-0partner00000001",
            Kind::SecurityGroup,
            Why::OtherAccount("444455556666".into()),
        )],
    )));
    // In format 2 the route to the transit gateway is a reference the import could keep:
    // the one command to add is the one that lists it.
    assert_eq!(
        imported.commands_to_add(),
        ["aws ec2 describe-transit-gateways"]
    );

    let ix = s.index();
    let f = ix.filters().expect("format 2 has filters");
    let tcp = |port: i64| {
        Packet::Tcp(Ports {
            dst: Port::new("port", port).unwrap(),
            src: Port::new("src_port", 49152).unwrap(),
        })
    };
    let ip = |t: &str| t.parse::<vpc_engine::Ip>().unwrap();
    let group = |id: &str| [Sg::Written(ix.at::<SecurityGroup>(id).unwrap())];
    // (group, packet, from, allowed in): the app group admits the web group's members only.
    let inbound = [
        ("sg-0app000000000001", tcp(8080), "10.0.1.10", true),
        ("sg-0app000000000001", tcp(8080), "10.0.1.11", false),
        ("sg-0app000000000001", Packet::Icmp, "10.1.1.10", true),
        ("sg-0web000000000001", tcp(443), "8.8.8.8", true),
        ("sg-0web000000000001", tcp(22), "8.8.8.8", false),
        ("sg-0web000000000001", tcp(22), "203.0.113.7", true),
        ("sg-0vpce00000000001", tcp(443), "10.0.2.20", true),
        ("sg-0vpce00000000001", tcp(443), "10.0.1.10", false),
    ];
    for (id, packet, from, want) in inbound {
        let got = sg::evaluate(f, &group(id), Direction::Ingress, packet, ip(from)).allowed();
        assert_eq!(got, want, "{id}: {packet:?} from {from}");
    }
    // The app subnet's ACL: SSH denied at 90 before TCP is allowed at 100; ephemeral ports in.
    let app = ix.at::<Subnet>("subnet-0aa0000000000app1").unwrap();
    let acl_here = f.acl_of(app).unwrap();
    assert_eq!(
        acl_here,
        Acl::Written(ix.at::<NetworkAcl>("acl-0a1b2c3d4e5f600pv").unwrap())
    );
    let rules = f.acl(acl_here).unwrap().rules(Direction::Ingress);
    let cases = [
        (tcp(22), "10.0.1.10", false),
        (tcp(443), "10.0.1.10", true),
        (tcp(443), "8.8.8.8", false),
        (tcp(50000), "8.8.8.8", true),
    ];
    for (packet, from, want) in cases {
        assert_eq!(
            acl::evaluate(rules, packet, ip(from)).allowed(),
            want,
            "{packet:?} from {from}"
        );
    }
}

/// Tracing the imported account gives what AWS would do.
#[test]
fn tracing_the_imported_account_gives_the_verdicts_aws_would() {
    let mut s = export().scenario.into_scenario();
    // The customer's servers are not in any AWS output: add one, as a user would in the editor.
    s.onprem_networks[0].hosts.push(OnpremHost {
        id: "hq-server".into(),
        ip: "192.168.1.10".parse().unwrap(),
        name: None,
    });
    let s = vpc_engine::Loaded::new(s).expect("the edited import loads");
    use Reason::*;
    let web = "i-0a1b2c3d4e5f60web";
    let app = "i-0a1b2c3d4e5f60app";
    let directory = "i-0b2c3d4e5f6a0000ad";
    let dev = "i-0c3d4e5f6a1b00dev";
    // (from, to, reason, path, source address seen at the end)
    let cases: &[(&str, &str, Reason, &[&str], &str)] = &[
        (
            web,
            "8.8.8.8",
            Delivered,
            &[
                web,
                "rtb-0a1b2c3d4e5f60pub",
                "igw-0a1b2c3d4e5f60001",
                "internet",
            ],
            "3.80.1.10",
        ),
        (
            app,
            "8.8.8.8",
            Delivered,
            &[
                app,
                "rtb-0a1b2c3d4e5f60app",
                "nat-0a1b2c3d4e5f60001",
                "rtb-0a1b2c3d4e5f60pub",
                "igw-0a1b2c3d4e5f60001",
                "internet",
            ],
            "54.162.10.20",
        ),
        // The S3 gateway endpoint keeps the private source; its policy allows one bucket.
        (
            app,
            "prod-logs.s3.us-east-1.amazonaws.com",
            Delivered,
            &[
                app,
                app,
                "rtb-0a1b2c3d4e5f60app",
                "vpce-0a1b2c3d4e5f600s3",
                "com.amazonaws.us-east-1.s3",
            ],
            "10.0.2.20",
        ),
        (
            app,
            "other.s3.us-east-1.amazonaws.com",
            EndpointPolicyDeny,
            &[app, app, "rtb-0a1b2c3d4e5f60app", "vpce-0a1b2c3d4e5f600s3"],
            "10.0.2.20",
        ),
        // Private DNS sends SQS to the interface endpoint.
        (
            app,
            "sqs.us-east-1.amazonaws.com",
            Delivered,
            &[
                app,
                app,
                "rtb-0a1b2c3d4e5f60app",
                "vpce-0a1b2c3d4e5f6sqs1",
                "com.amazonaws.us-east-1.sqs",
            ],
            "10.0.2.20",
        ),
        (
            app,
            directory,
            Delivered,
            &[
                app,
                "rtb-0a1b2c3d4e5f60app",
                "pcx-0a1b2c3d4e5f600ab",
                directory,
            ],
            "10.0.2.20",
        ),
        // AWS shows the route to the pending peering as a blackhole.
        (
            app,
            dev,
            PeeringNotActive,
            &[app, "rtb-0a1b2c3d4e5f60app", "pcx-0a1b2c3d4e5f600ac"],
            "10.0.2.20",
        ),
        (
            directory,
            dev,
            Delivered,
            &[
                directory,
                "rtb-0b2c3d4e5f6a0main",
                "pcx-0a1b2c3d4e5f600bc",
                dev,
            ],
            "10.1.1.10",
        ),
        // dev routes prod's range to shared-services: no transitive peering.
        (
            dev,
            app,
            TransitivePeering,
            &[
                dev,
                "rtb-0c3d4e5f6a1b0main",
                "pcx-0a1b2c3d4e5f600bc",
                "vpc-0a1b2c3d4e5f60002",
            ],
            "10.2.1.10",
        ),
        // The propagated route goes to the VPN gateway; Direct Connect is preferred over the VPN.
        (
            app,
            "hq-server",
            Delivered,
            &[
                app,
                "rtb-0a1b2c3d4e5f60app",
                "vgw-0a1b2c3d4e5f60001",
                "dxvif-fgabc123",
                "onprem",
                "hq-server",
            ],
            "10.0.2.20",
        ),
        // shared-services has no route to on-prem (and could not use prod's VPN gateway).
        (
            directory,
            "hq-server",
            NoRoute,
            &[directory, "rtb-0b2c3d4e5f6a0main"],
            "10.1.1.10",
        ),
        (
            web,
            "i-0a1b2c3d4e5f600db",
            Delivered,
            &[web, "rtb-0a1b2c3d4e5f60pub", "i-0a1b2c3d4e5f600db"],
            "10.0.1.10",
        ),
    ];
    for (from, to, reason, path, src) in cases {
        let t = trace(&s, from, to).unwrap_or_else(|e| panic!("{from} -> {to}: {e}"));
        let got: Vec<&str> = t.hops.iter().map(|h| h.at.as_str()).collect();
        assert_eq!(
            (t.reason, &got[..]),
            (*reason, *path),
            "{from} -> {to}: {:#?}",
            t.hops
        );
        assert_eq!(
            t.verdict() == Verdict::Delivered,
            *reason == Delivered,
            "{from} -> {to}"
        );
        assert_eq!(
            t.hops
                .last()
                .and_then(|h| h.src)
                .map(|i| i.to_string())
                .as_deref(),
            Some(*src),
            "{from} -> {to}"
        );
    }
    let errors: Vec<_> = vpc_engine::validate(&s)
        .into_iter()
        .filter(|f| f.severity == vpc_engine::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// Replaces, removes or duplicates one randomly chosen node of the JSON tree, keeping the
/// top-level keys so the document is still recognised: what a hand-edited or truncated
/// paste, or another CLI version, could hold.
fn mutate(v: &mut serde_json::Value, rng: &mut Rng, depth: usize) {
    use serde_json::{json, Value};
    let replacements = [
        json!(null),
        json!(""),
        json!("10-0-0-157"),
        json!("10.0.0.1/8"),
        json!(-1),
        json!(4095),
        json!(true),
        json!([]),
        json!({}),
        json!("vpc-0a1b2c3d4e5f60001"),
        json!("blackhole"),
        json!("0.0.0.0/0"),
        json!("igw-missing"),
        json!("DOWN"),
        json!("active"),
        json!("com.amazonaws.us-east-1.s3"),
    ];
    match v {
        Value::Object(map) if !map.is_empty() => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let k = &keys[rng.below(keys.len())];
            if depth > 0 && rng.below(4) == 0 {
                map.remove(k);
            } else if let Some(child) = map.get_mut(k) {
                if depth > 0 && rng.below(3) == 0 {
                    *child = replacements[rng.below(replacements.len())].clone();
                } else {
                    mutate(child, rng, depth + 1);
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let i = rng.below(items.len());
            match rng.below(4) {
                0 => {
                    let copy = items[i].clone();
                    items.push(copy);
                }
                1 => {
                    items.remove(i);
                }
                _ => mutate(&mut items[i], rng, depth + 1),
            }
        }
        other => *other = replacements[rng.below(replacements.len())].clone(),
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

    /// Whatever is pasted, the importer returns: never a panic, and never a scenario that does
    /// not load (it checks its own output with the loader, so `Unloadable` would be a bug).
    #[test]
    fn import_never_panics_and_its_scenario_always_loads(seed in 1u64.., edits in 1usize..12, cut in proptest::option::of(0usize..4000)) {
        let mut rng = Rng(seed);
        let mut texts = Vec::new();
        let with_filters = seed % 2 == 0;
        let files = export_files().into_iter().map(|f| ("aws-export", f));
        let filters = filter_files().into_iter().map(|f| ("aws-export-filters", f));
        let files: Vec<(&str, String)> = if with_filters { files.chain(filters).collect() } else { files.collect() };
        for (dir_name, name) in files {
            let mut doc: serde_json::Value = serde_json::from_str(&read(dir_name, &name)).unwrap();
            for _ in 0..edits { mutate(&mut doc, &mut rng, 0); }
            texts.push((name, doc.to_string()));
        }
        if let Some(cut) = cut {
            // A paste cut short: at any byte that starts a character.
            let n = texts.len();
            let (_, t) = &mut texts[rng.below(n)];
            let mut at = cut.min(t.len());
            while !t.is_char_boundary(at) { at -= 1; }
            t.truncate(at);
        }
        let sources: Vec<Source> = texts.iter().map(|(name, text)| Source { name, text }).collect();
        match import(&sources) {
            Ok(imported) => {
                let json = serde_json::to_string(&imported.scenario).unwrap();
                proptest::prop_assert!(vpc_engine::load(&json).is_ok());
            }
            Err(ImportError::Unloadable(e)) => proptest::prop_assert!(false, "the importer built an unloadable scenario: {e}"),
            Err(_) => {}
        }
    }
}

/// The published transit gateway samples: alone (format 1) each is left out, saying that
/// transit gateways are format 2's; with filter outputs (format 2) each keeps what resolves
/// and names every reference that does not.
#[test]
fn published_transit_gateway_samples_import_with_their_reasons() {
    let tgw_files = [
        "describe-transit-gateways.json",
        "describe-transit-gateway-attachments.json",
        "describe-transit-gateway-vpc-attachments.json",
        "describe-transit-gateway-route-tables.json",
        "get-transit-gateway-route-table-associations.json",
        "get-transit-gateway-route-table-propagations.json",
        "search-transit-gateway-routes.json",
    ];
    let alone = sample(&["describe-transit-gateways.json"]).unwrap();
    assert_eq!(alone.summary(), "nothing");
    assert!(has_note(
        &alone.left_out,
        "tgw-0262a0e521EXAMPLE",
        "transit gateways are in format 2 only"
    ));
    let mut texts: Vec<(String, String)> = vec![
        ("groups".into(), r#"{"SecurityGroups": []}"#.into()),
        ("acls".into(), r#"{"NetworkAcls": []}"#.into()),
    ];
    for f in tgw_files {
        texts.push((f.to_string(), read("aws-cli-samples", f)));
    }
    let sources: Vec<Source> = texts
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    let imported = import(&sources).unwrap();
    assert_eq!(imported.summary(), "2 transit gateways");
    let s = &imported.scenario;
    // Region and ASN from the ARN and the options; the Name tag, else the description.
    let first = &s.transit_gateways[0];
    assert_eq!(
        (first.region.as_str(), first.asn, first.account.as_str()),
        ("us-east-2", 64516, "111122223333")
    );
    assert_eq!(first.name.as_deref(), Some("MyTGW"));
    assert_eq!(s.transit_gateways[1].name.as_deref(), Some("TGW1"));
    for (resource, fragment) in [
        (
            "tgw-attach-08e0bc912cEXAMPLE",
            "a direct-connect-gateway attachment is left out",
        ),
        (
            "tgw-attach-09b52ccdb5EXAMPLE",
            "its state is associating, not associated",
        ),
        (
            "search-transit-gateway-routes",
            "does not name the route table",
        ),
    ] {
        assert!(
            has_note(&imported.left_out, resource, fragment),
            "{resource}: {fragment}: {:#?}",
            imported.left_out
        );
    }
    // The route tables' transit gateways are not among those pasted: named, typed.
    assert!(reference_notes(&imported).contains(&unresolved(
        "tgw-rtb-0ca78a549EXAMPLE",
        vec![not_kept(
            Via::TransitGateway,
            "tgw-0bc994abffEXAMPLE",
            Kind::TransitGateway,
            Why::NotImported,
        )],
    )));
    assert_eq!(
        imported.commands_to_add(),
        [
            "aws ec2 describe-vpcs",
            "aws ec2 describe-subnets",
            "aws ec2 describe-transit-gateways"
        ]
    );
}

const HUB_TGW: &str = "tgw-0hub0000000000001";

/// A hub-and-spoke account's outputs, as pasted: two VPCs with one route table, no security
/// groups or ACLs, a BGP VPN to headquarters, and the seven transit gateway outputs (a
/// blackhole route, a static route, the VPN attachment not propagating).
fn hub_and_spoke_outputs() -> Vec<serde_json::Value> {
    use serde_json::json;
    let tgw = HUB_TGW;
    vec![
        json!({"Vpcs": [{"VpcId": "vpc-a", "CidrBlock": "10.0.0.0/16"}, {"VpcId": "vpc-b", "CidrBlock": "10.1.0.0/16"}]}),
        json!({"Subnets": [
            {"SubnetId": "subnet-a1", "VpcId": "vpc-a", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a"},
            {"SubnetId": "subnet-b1", "VpcId": "vpc-b", "CidrBlock": "10.1.1.0/24", "AvailabilityZone": "us-east-1a"}]}),
        json!({"RouteTables": [
            {"RouteTableId": "rtb-a", "VpcId": "vpc-a", "Associations": [{"Main": true}],
             "Routes": [{"DestinationCidrBlock": "10.0.0.0/8", "TransitGatewayId": tgw, "State": "active"}]}]}),
        json!({"SecurityGroups": []}),
        json!({"NetworkAcls": []}),
        json!({"CustomerGateways": [{"CustomerGatewayId": "cgw-hq", "IpAddress": "203.0.113.10", "BgpAsn": "65000", "State": "available"}]}),
        json!({"VpnConnections": [{"VpnConnectionId": "vpn-hq", "CustomerGatewayId": "cgw-hq", "TransitGatewayId": tgw, "State": "available",
            "Options": {"StaticRoutesOnly": false},
            "VgwTelemetry": [{"Status": "UP"}, {"Status": "UP"}]}]}),
        json!({"TransitGateways": [{"TransitGatewayId": tgw, "State": "available", "OwnerId": "111122223333",
            "TransitGatewayArn": format!("arn:aws:ec2:us-east-1:111122223333:transit-gateway/{tgw}"),
            "Options": {"AmazonSideAsn": 64512}}]}),
        json!({"TransitGatewayAttachments": [
            {"TransitGatewayAttachmentId": "tgw-attach-a", "TransitGatewayId": tgw, "ResourceType": "vpc", "ResourceId": "vpc-a", "State": "available",
             "Association": {"TransitGatewayRouteTableId": "tgw-rtb-hub", "State": "associated"}},
            {"TransitGatewayAttachmentId": "tgw-attach-b", "TransitGatewayId": tgw, "ResourceType": "vpc", "ResourceId": "vpc-b", "State": "available",
             "Association": {"TransitGatewayRouteTableId": "tgw-rtb-hub", "State": "associated"}},
            {"TransitGatewayAttachmentId": "tgw-attach-vpn", "TransitGatewayId": tgw, "ResourceType": "vpn", "ResourceId": "vpn-hq", "State": "available"}]}),
        json!({"TransitGatewayVpcAttachments": [
            {"TransitGatewayAttachmentId": "tgw-attach-a", "TransitGatewayId": tgw, "VpcId": "vpc-a", "State": "available", "SubnetIds": ["subnet-a1"]},
            {"TransitGatewayAttachmentId": "tgw-attach-b", "TransitGatewayId": tgw, "VpcId": "vpc-b", "State": "available", "SubnetIds": ["subnet-b1", "subnet-a1"]}]}),
        json!({"TransitGatewayRouteTables": [{"TransitGatewayRouteTableId": "tgw-rtb-hub", "TransitGatewayId": tgw, "State": "available"}]}),
        json!({"Associations": [{"TransitGatewayAttachmentId": "tgw-attach-vpn", "ResourceId": "vpn-hq", "ResourceType": "vpn", "State": "associated"}]}),
        json!({"TransitGatewayRouteTablePropagations": [
            {"TransitGatewayAttachmentId": "tgw-attach-a", "State": "enabled"},
            {"TransitGatewayAttachmentId": "tgw-attach-b", "State": "enabled"},
            {"TransitGatewayAttachmentId": "tgw-attach-vpn", "State": "disabled"}]}),
        json!({"Routes": [
            {"DestinationCidrBlock": "10.66.0.0/16", "Type": "static", "State": "blackhole"},
            {"DestinationCidrBlock": "10.1.0.0/16", "Type": "propagated", "State": "active",
             "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-b"}]},
            {"DestinationCidrBlock": "10.50.0.0/16", "Type": "static", "State": "active",
             "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-b"}]}],
            "AdditionalRoutesAvailable": false}),
    ]
}

/// Imports pasted outputs, each as its own text.
fn import_values(outputs: &[serde_json::Value]) -> Imported {
    let texts: Vec<String> = outputs.iter().map(|o| o.to_string()).collect();
    let sources: Vec<Source> = texts
        .iter()
        .map(|text| Source {
            name: "pasted text",
            text,
        })
        .collect();
    import(&sources).unwrap_or_else(|e| panic!("{e}"))
}

/// A hub-and-spoke account (two VPCs and a VPN on one transit gateway) pasted whole: the
/// attachments, the route table with its associations, propagations and static routes come
/// out as the outputs say, and the scenario has no findings.
#[test]
fn a_hub_and_spoke_export_imports_its_transit_gateway() {
    let tgw = HUB_TGW;
    let imported = import_values(&hub_and_spoke_outputs());
    let s = &imported.scenario;
    assert_eq!(s.format, vpc_engine::model::Format::V2);
    assert_eq!(s.vpn_connections[0].transit_gateway.as_deref(), Some(tgw));
    assert_eq!(s.vpn_connections[0].vpn_gateway, None);
    assert_eq!(s.route_tables[0].routes[0].target, tgw);
    let ids: Vec<&str> = s
        .transit_gateway_attachments
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(ids, ["tgw-attach-a", "tgw-attach-b", "tgw-attach-vpn"]);
    // vpc-b's attachment lists a subnet of vpc-a: kept without it, and said.
    assert_eq!(s.transit_gateway_attachments[1].subnets, ["subnet-b1"]);
    assert!(reference_notes(&imported).contains(&dropped(
        "tgw-attach-b",
        vec![not_kept(
            Via::Subnet,
            "subnet-a1",
            Kind::Subnet,
            Why::OtherVpc("vpc-a".into()),
        )],
    )));
    let t = &s.transit_gateway_route_tables[0];
    assert_eq!(
        t.associations,
        ["tgw-attach-a", "tgw-attach-b", "tgw-attach-vpn"]
    );
    assert_eq!(t.propagations, ["tgw-attach-a", "tgw-attach-b"]);
    let routes: Vec<(String, &str)> = t
        .routes
        .iter()
        .map(|r| (r.destination.to_string(), r.target.as_str()))
        .collect();
    assert_eq!(
        routes,
        [
            ("10.66.0.0/16".to_string(), "blackhole"),
            ("10.50.0.0/16".to_string(), "tgw-attach-b")
        ]
    );
    // The table each per-table output was about is worked out, and said.
    assert!(has_note(
        &imported.assumed,
        "tgw-rtb-hub",
        "does not name its route table"
    ));
    assert_eq!(vpc_engine::validate(s), vec![]);
}

/// The hub-and-spoke account traced, once its instances, their security groups and vpc-b's
/// route table are pasted too: what AWS would do. vpc-a reaches vpc-b through the hub
/// (T5-T7); the blackhole static route drops (BLACKHOLE_ROUTE at the table); the static
/// route to 10.50.0.0/16 wins; headquarters is not reached because the VPN attachment does
/// not propagate into the table (NO_ROUTE at the table, T6); and the groups decide at vpc-b.
#[test]
fn tracing_the_hub_and_spoke_export_gives_the_verdicts_aws_would() {
    use serde_json::json;
    let tgw = HUB_TGW;
    let mut outputs = hub_and_spoke_outputs();
    outputs[2] = json!({"RouteTables": [
        {"RouteTableId": "rtb-a", "VpcId": "vpc-a", "Associations": [{"Main": true}],
         "Routes": [{"DestinationCidrBlock": "10.0.0.0/8", "TransitGatewayId": tgw, "State": "active"},
                    {"DestinationCidrBlock": "192.168.0.0/16", "TransitGatewayId": tgw, "State": "active"}]},
        {"RouteTableId": "rtb-b", "VpcId": "vpc-b", "Associations": [{"Main": true}],
         "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "TransitGatewayId": tgw, "State": "active"}]}]});
    let all_out = json!([{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]);
    outputs[3] = json!({"SecurityGroups": [
        {"GroupId": "sg-a", "GroupName": "app", "VpcId": "vpc-a", "IpPermissions": [], "IpPermissionsEgress": all_out},
        {"GroupId": "sg-b", "GroupName": "api", "VpcId": "vpc-b", "IpPermissionsEgress": all_out,
         "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "10.0.0.0/16"}]}]}]});
    outputs.push(json!({"Reservations": [{"Instances": [
        {"InstanceId": "i-a", "SubnetId": "subnet-a1", "VpcId": "vpc-a", "PrivateIpAddress": "10.0.1.10",
         "State": {"Name": "running"}, "SecurityGroups": [{"GroupId": "sg-a"}]},
        {"InstanceId": "i-b", "SubnetId": "subnet-b1", "VpcId": "vpc-b", "PrivateIpAddress": "10.1.1.10",
         "State": {"Name": "running"}, "SecurityGroups": [{"GroupId": "sg-b"}]}]}]}));
    let imported = import_values(&outputs);
    let s = vpc_engine::Loaded::new(imported.scenario.into_scenario()).expect("the import loads");
    // Each instance shares its subnet with its VPC's attachment: the subnet's ACL is checked
    // on the way to the transit gateway (out, then in), not on the way from it (F11.6,
    // AWS's "instances and transit gateway in the same subnet").
    let acl_a = "vpc-a:default-acl";
    let into_hub = [
        "i-a",
        "sg-a",
        "rtb-a",
        acl_a,
        acl_a,
        "tgw-attach-a",
        "tgw-rtb-hub",
    ];
    let to_b: Vec<&str> = into_hub
        .iter()
        .copied()
        .chain(["tgw-attach-b", "rtb-b", "sg-b", "i-b"])
        .collect();
    let https = Packet::default();
    let ssh = Packet::new(Protocol::Tcp, Some(22), None).unwrap();
    // (to, packet, reason, path)
    let cases: &[(&str, Packet, Reason, &[&str])] = &[
        ("i-b", https, Reason::Delivered, &to_b),
        (
            "i-b",
            ssh,
            Reason::SecurityGroupDeny,
            &to_b[..to_b.len() - 1],
        ),
        ("10.66.1.1", https, Reason::BlackholeRoute, &into_hub),
        ("192.168.1.10", https, Reason::NoRoute, &into_hub),
    ];
    for (to, packet, reason, path) in cases {
        let t = trace_packet(&s, "i-a", to, *packet).unwrap_or_else(|e| panic!("i-a -> {to}: {e}"));
        let got: Vec<&str> = t.hops.iter().map(|h| h.at.as_str()).collect();
        assert_eq!(
            (t.reason, &got[..]),
            (*reason, *path),
            "i-a -> {to} ({packet:?})"
        );
    }
}
