//! The engine's heavy work, done off the page's thread: the message protocol between the page
//! and the engine worker, and the work itself cut into chunks.
//!
//! The worker (`main.rs`, built by Trunk as a `data-type="worker"` target) receives one
//! [`Request`] as JSON text, and answers with [`Reply`] messages as it goes: the matrix's
//! nodes first, then its rows a few at a time (so the page can show progress and the
//! learner can cancel, which ends the worker), then the end. The page never waits on it.
//!
//! [`reach_nodes`] and [`reach_row`] are `vpc_engine::reach` cut by rows: the same nodes in
//! the same order and the same verdicts (`tests` hold them to it). [`import`] is
//! `vpc_engine::import` with its result as plain text and data, so the importer's code ships
//! in the worker and not in the page's wasm.

use serde::{Deserialize, Serialize};
use vpc_engine::import::ImportError;
use vpc_engine::trace::Tracer;
use vpc_engine::{Loaded, Reason, Scenario, Verdict};

/// What the page asks the worker to do; `job` comes back on every reply about it.
/// (Both enums are externally tagged, serde's default: an internally tagged one buffers
/// every message and cost the page's wasm 20 KB of deserializer.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// The reachability matrix of the scenario document `scenario` (JSON text).
    Reach { job: u32, scenario: String },
    /// `vpc_engine::import` of these texts (AWS CLI `describe-*` output).
    Import { job: u32, sources: Vec<Text> },
    /// The preview of "Upgrade to format 2" for the format 1 document `scenario` (JSON text):
    /// see [`upgrade_preview`].
    Upgrade { job: u32, scenario: String },
}

impl Request {
    /// The job this request starts; every reply about it carries it.
    pub fn job(&self) -> u32 {
        match self {
            Request::Reach { job, .. }
            | Request::Import { job, .. }
            | Request::Upgrade { job, .. } => *job,
        }
    }
}

/// A named text: a file name (or "pasted text") and its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub name: String,
    pub text: String,
}

/// A note of the importer (`vpc_engine::import::Note`): the resource and what about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub resource: String,
    pub message: String,
}

/// Why an import was refused: the engine's message, the text it is about (for the field
/// the page shows it at), and whether that text is a vpc-playground scenario instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRefusal {
    pub source: Option<String>,
    pub scenario: bool,
    pub message: String,
}

impl From<&ImportError> for ImportRefusal {
    fn from(e: &ImportError) -> Self {
        let source = match e {
            ImportError::Json { source, .. }
            | ImportError::NotAwsOutput { source, .. }
            | ImportError::Scenario { source } => Some(source.clone()),
            _ => None,
        };
        ImportRefusal {
            source,
            scenario: matches!(e, ImportError::Scenario { .. }),
            message: e.to_string(),
        }
    }
}

/// What the worker says back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reply {
    /// The worker's code is loaded and it listens: requests sent before this are lost.
    Ready,
    /// The matrix's nodes, in the order of its rows and columns.
    ReachNodes { job: u32, nodes: Vec<String> },
    /// Rows `first..first + rows.len()` of the matrix, each cell in node order.
    ReachRows {
        job: u32,
        first: usize,
        rows: Vec<Vec<Option<Cell>>>,
    },
    /// Every row has been sent.
    ReachDone { job: u32 },
    /// The import worked: the scenario document (JSON text, loaded once already), the
    /// summary line, what was left out and assumed, and the commands whose output would
    /// resolve the references left out (`Imported::commands_to_add`).
    Imported {
        job: u32,
        scenario: String,
        summary: String,
        left_out: Vec<Note>,
        assumed: Vec<Note>,
        add: Vec<String>,
    },
    /// The import was refused.
    ImportRefused { job: u32, refusal: ImportRefusal },
    /// The upgrade preview has compared `done` of the matrix's `total` rows.
    UpgradeProgress { job: u32, done: usize, total: usize },
    /// The upgrade preview: the upgraded document (JSON text, loaded once already) and the
    /// matrix cells whose verdict or reason it changes.
    UpgradePreview {
        job: u32,
        scenario: String,
        changes: Vec<Change>,
    },
    /// The work could not be done (the scenario did not load): the engine's message.
    Failed { job: u32, message: String },
}

/// One cell of the matrix: the verdict and reason of the trace from the row's node to the
/// column's. A cell is `None` on the diagonal, and where the engine cannot trace the pair.
/// Serialized as a pair (`["dropped","NO_ROUTE"]`) to keep large matrices small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell(pub Verdict, pub Reason);

/// A cell of the matrix that an upgrade changes: the pair, and its cell before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub from: String,
    pub to: String,
    pub before: Cell,
    pub after: Cell,
}

/// What "Upgrade to format 2" (`docs/scenario-format.md` N7) would give for the format 1
/// scenario `l`: the upgraded document, and the matrix cells whose verdict or reason change,
/// ordered by pair (`vpc_engine::upgrade::reach_changes` of the two matrices, which `tests`
/// hold it to). The two matrices are traced a row at a time and compared as they go, and
/// `on_row(done, total)` is called after each row (so the worker can say how far it is).
/// `Err` says why the upgraded document does not load.
pub fn upgrade_preview(
    l: &Loaded,
    mut on_row: impl FnMut(usize, usize),
) -> Result<(Scenario, Vec<Change>), String> {
    let next = vpc_engine::upgrade::upgrade(l);
    let after = Loaded::new(next.clone())
        .map_err(|e| format!("the upgraded scenario would not load: {e}"))?;
    // The upgrade adds security groups only: the nodes are the same on both sides.
    let nodes = reach_nodes(l.scenario());
    let (before_t, after_t) = (Tracer::new(l), Tracer::new(&after));
    let mut changes = Vec::new();
    for i in 0..nodes.len() {
        let before = reach_row(&before_t, &nodes, i);
        let after = reach_row(&after_t, &nodes, i);
        row_changes(&nodes, i, before, after, &mut changes);
        on_row(i + 1, nodes.len());
    }
    changes.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
    Ok((next, changes))
}

/// The cells of row `from` that differ between `before` and `after`, added to `out`. A pair
/// traced on one side only is no change (as in `reach_changes`, which compares cells).
fn row_changes(
    nodes: &[String],
    from: usize,
    before: Vec<Option<Cell>>,
    after: Vec<Option<Cell>>,
    out: &mut Vec<Change>,
) {
    for (to, pair) in before.into_iter().zip(after).enumerate() {
        if let (Some(before), Some(after)) = pair {
            if before != after {
                out.push(Change {
                    from: nodes[from].clone(),
                    to: nodes[to].clone(),
                    before,
                    after,
                });
            }
        }
    }
}

/// The matrix's nodes: instances first, then on-premises hosts, in document order (the
/// order of `vpc_engine::reach`).
pub fn reach_nodes(s: &Scenario) -> Vec<String> {
    let mut nodes: Vec<String> = s.instances.iter().map(|i| i.id.clone()).collect();
    for n in &s.onprem_networks {
        nodes.extend(n.hosts.iter().map(|h| h.id.clone()));
    }
    nodes
}

/// Row `from` of the matrix: the trace from `nodes[from]` to every node, in node order.
pub fn reach_row(tracer: &Tracer, nodes: &[String], from: usize) -> Vec<Option<Cell>> {
    let Some(src) = nodes.get(from) else {
        return Vec::new();
    };
    nodes
        .iter()
        .enumerate()
        .map(|(i, to)| {
            if i == from {
                return None;
            }
            tracer
                .trace(src, to)
                .ok()
                .map(|t| Cell(t.verdict(), t.reason))
        })
        .collect()
}

/// Imports `sources` (see `vpc_engine::import`) and says how it went.
pub fn import(job: u32, sources: &[Text]) -> Reply {
    let sources: Vec<vpc_engine::import::Source<'_>> = sources
        .iter()
        .map(|t| vpc_engine::import::Source {
            name: &t.name,
            text: &t.text,
        })
        .collect();
    let notes = |list: Vec<vpc_engine::import::Note>| -> Vec<Note> {
        list.into_iter()
            .map(|n| Note {
                message: n.message(),
                resource: n.resource,
            })
            .collect()
    };
    match vpc_engine::import::import(&sources) {
        Ok(imported) => match serde_json::to_string(imported.scenario.scenario()) {
            Ok(scenario) => Reply::Imported {
                job,
                add: imported
                    .commands_to_add()
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                summary: imported.summary(),
                scenario,
                left_out: notes(imported.left_out),
                assumed: notes(imported.assumed),
            },
            Err(e) => Reply::Failed {
                job,
                message: format!("the imported scenario could not be written out: {e}"),
            },
        },
        Err(e) => Reply::ImportRefused {
            job,
            refusal: ImportRefusal::from(&e),
        },
    }
}

/// Parses a message from the page.
pub fn parse_request(text: &str) -> Result<Request, String> {
    serde_json::from_str(text).map_err(|e| format!("the worker got a message it cannot read: {e}"))
}

/// Parses a message from the worker.
pub fn parse_reply(text: &str) -> Result<Reply, String> {
    serde_json::from_str(text)
        .map_err(|e| format!("the worker sent a message the page cannot read: {e}"))
}

/// A message as JSON text (these types always serialize).
pub fn to_text<T: Serialize>(message: &T) -> String {
    serde_json::to_string(message).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpc_engine::load::Loaded;
    use vpc_engine::synth::synthetic;

    /// The rows, put together, are exactly the engine's matrix: same nodes, same cells.
    fn assert_rows_match_reach(s: &Loaded) {
        let expected = vpc_engine::reach(s);
        let nodes = reach_nodes(s.scenario());
        assert_eq!(nodes, expected.nodes);
        let tracer = Tracer::new(s);
        for (i, from) in nodes.iter().enumerate() {
            let row = reach_row(&tracer, &nodes, i);
            assert_eq!(row.len(), nodes.len());
            let want = &expected.matrix[from];
            for (j, to) in nodes.iter().enumerate() {
                let got = row[j].map(|Cell(v, r)| (v, r));
                let exp = want.get(to).map(|c| (c.verdict, c.reason));
                assert_eq!(got, exp, "{from} to {to}");
            }
        }
    }

    #[test]
    fn rows_are_the_engine_matrix_on_a_synthetic_topology() {
        // VPNs to on-premises hosts, S3 endpoints, peerings two hops away: drops and deliveries.
        let s = Loaded::new(synthetic(30, 12, 40)).expect("synthetic scenarios load");
        assert_rows_match_reach(&s);
    }

    #[test]
    fn rows_are_the_engine_matrix_on_every_lesson() {
        for entry in vpc_engine::library::LIBRARY {
            let s = vpc_engine::load(entry.json()).expect("library scenarios load");
            assert_rows_match_reach(&s);
        }
    }

    /// The preview's changes are the engine's `reach_changes` of the two whole matrices, in
    /// its order, and its document is the engine's `upgrade`.
    fn assert_preview_is_the_engine_s(l: &Loaded) {
        let mut rows = 0;
        let (next, changes) = upgrade_preview(l, |done, total| {
            rows += 1;
            assert_eq!((done, total), (rows, reach_nodes(l.scenario()).len()));
        })
        .expect("upgrades");
        assert_eq!(next, vpc_engine::upgrade::upgrade(l));
        let after = Loaded::new(next).expect("the upgrade loads");
        let want =
            vpc_engine::upgrade::reach_changes(&vpc_engine::reach(l), &vpc_engine::reach(&after));
        let got: Vec<_> = changes
            .iter()
            .map(|c| (c.from.as_str(), c.to.as_str(), c.before, c.after))
            .collect();
        let want: Vec<_> = want
            .iter()
            .map(|c| {
                let cell = |r: &vpc_engine::reach::ReachCell| Cell(r.verdict, r.reason);
                (
                    c.from.as_str(),
                    c.to.as_str(),
                    cell(&c.before),
                    cell(&c.after),
                )
            })
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn the_upgrade_preview_is_the_engine_s_on_every_format_1_lesson() {
        for entry in vpc_engine::library::LIBRARY {
            let l = vpc_engine::load(entry.json()).expect("library scenarios load");
            if !l.scenario().format.filters() {
                assert_preview_is_the_engine_s(&l);
            }
        }
    }

    /// The upgrade keeps every verdict (the engine's property test), so the lessons have no
    /// change to list: the comparison itself, on rows made up for it.
    #[test]
    fn a_changed_cell_is_listed_with_both_sides_and_one_side_only_is_not() {
        let nodes: Vec<String> = ["i-a", "i-b", "i-c", "hq-1"].map(String::from).into();
        let ok = Cell(Verdict::Delivered, Reason::Delivered);
        let back = Cell(Verdict::Dropped, Reason::NoReturnRoute);
        let mut out = Vec::new();
        let before = vec![Some(ok), None, Some(ok), Some(ok)];
        let after = vec![Some(ok), None, Some(back), None];
        row_changes(&nodes, 1, before, after, &mut out);
        assert_eq!(
            out,
            [Change {
                from: "i-b".into(),
                to: "i-c".into(),
                before: ok,
                after: back,
            }]
        );
    }

    #[test]
    fn the_upgrade_preview_is_the_engine_s_on_a_synthetic_topology() {
        let l = Loaded::new(synthetic(12, 6, 20)).expect("synthetic scenarios load");
        assert_preview_is_the_engine_s(&l);
    }

    #[test]
    fn a_row_out_of_range_is_empty() {
        let s = Loaded::new(synthetic(2, 2, 3)).expect("loads");
        let nodes = reach_nodes(s.scenario());
        assert!(reach_row(&Tracer::new(&s), &nodes, nodes.len()).is_empty());
    }

    /// An import through the worker's protocol gives the scenario `vpc_engine::import` gives.
    #[test]
    fn an_import_comes_back_as_the_engine_imported_it() {
        let vpcs = r#"{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "OwnerId": "111111111111"}]}"#;
        let subnets = r#"{"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a"},
            {"SubnetId": "subnet-2", "VpcId": "vpc-2", "CidrBlock": "10.1.1.0/24"}]}"#;
        let texts = [
            Text {
                name: "vpcs.json".into(),
                text: vpcs.into(),
            },
            Text {
                name: "subnets.json".into(),
                text: subnets.into(),
            },
        ];
        let want = vpc_engine::import::import(&[
            vpc_engine::import::Source {
                name: "vpcs.json",
                text: vpcs,
            },
            vpc_engine::import::Source {
                name: "subnets.json",
                text: subnets,
            },
        ])
        .expect("imports");
        match import(4, &texts) {
            Reply::Imported {
                job,
                scenario,
                summary,
                left_out,
                assumed,
                add,
            } => {
                assert_eq!(job, 4);
                // subnet-2's VPC is not in the import: the note and the command to add.
                assert_eq!(add, want.commands_to_add());
                assert_eq!(add, ["aws ec2 describe-vpcs"]);
                assert_eq!(
                    vpc_engine::load(&scenario).expect("loads").scenario(),
                    want.scenario.scenario()
                );
                assert_eq!(summary, want.summary());
                assert_eq!(left_out.len(), want.left_out.len());
                assert_eq!(assumed.len(), want.assumed.len());
                let same = |a: &[Note], b: &[vpc_engine::import::Note]| {
                    a.iter()
                        .zip(b)
                        .all(|(a, b)| a.resource == b.resource && a.message == b.message())
                };
                assert!(same(&left_out, &want.left_out));
                assert!(same(&assumed, &want.assumed));
            }
            other => panic!("not imported: {other:?}"),
        }
    }

    #[test]
    fn a_refused_import_names_its_text() {
        let bad = [Text {
            name: "vpcs.json".into(),
            text: "{\"Vpcs\": [}".into(),
        }];
        match import(1, &bad) {
            Reply::ImportRefused { refusal, .. } => {
                assert_eq!(refusal.source.as_deref(), Some("vpcs.json"));
                assert!(!refusal.scenario);
                assert!(
                    refusal.message.contains("not valid JSON"),
                    "{}",
                    refusal.message
                );
            }
            other => panic!("not refused: {other:?}"),
        }
        let scenario = [Text {
            name: "pasted text".into(),
            text: "{\"format\": \"vpc-playground/1\"}".into(),
        }];
        match import(2, &scenario) {
            Reply::ImportRefused { refusal, .. } => {
                assert!(refusal.scenario, "{}", refusal.message)
            }
            other => panic!("not refused: {other:?}"),
        }
    }

    #[test]
    fn messages_survive_the_trip_as_text() {
        let replies = [
            Reply::Ready,
            Reply::ReachNodes {
                job: 3,
                nodes: vec!["i-a".into(), "hq-1".into()],
            },
            Reply::ReachRows {
                job: 3,
                first: 1,
                rows: vec![vec![Some(Cell(Verdict::Dropped, Reason::NoRoute)), None]],
            },
            Reply::ReachDone { job: 3 },
            Reply::UpgradeProgress {
                job: 4,
                done: 2,
                total: 9,
            },
            Reply::UpgradePreview {
                job: 4,
                scenario: "{}".into(),
                changes: vec![Change {
                    from: "i-a".into(),
                    to: "internet".into(),
                    before: Cell(Verdict::Delivered, Reason::Delivered),
                    after: Cell(Verdict::Dropped, Reason::NoReturnRoute),
                }],
            },
            Reply::Failed {
                job: 3,
                message: "subnets[0].cidr: bad".into(),
            },
        ];
        for r in replies {
            assert_eq!(parse_reply(&to_text(&r)), Ok(r));
        }
        let req = Request::Reach {
            job: 7,
            scenario: "{}".into(),
        };
        assert_eq!(parse_request(&to_text(&req)), Ok(req));
        assert!(parse_request("not json").is_err());
    }
}
