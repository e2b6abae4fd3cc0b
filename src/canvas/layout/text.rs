//! The words on the canvas: how wide a text is estimated to be, and how ids, names and AWS
//! service names are shortened to fit a box. The panels always show ids whole.

/// Rough width of a text at a font size: generous, so labels fit their boxes. 0.66 em a
/// character: the titles are drawn bold, and bold sans (DejaVu Sans Bold, what `system-ui`
/// gives on many Linux desktops) runs about that wide; 0.6 let bold labels overflow.
pub fn text_w(s: &str, px: f64) -> f64 {
    // An ellipsis (from a shortened id) is about as wide as a capital M.
    let ems: f64 = s.chars().map(|c| if c == '…' { 1.0 } else { 0.66 }).sum();
    (ems * px).ceil()
}

/// Ids longer than this are shortened on the canvas.
const SHORT_ID_MAX: usize = 14;

/// An id as the canvas shows it. AWS-style ids (`PREFIX-` then one long run of letters and
/// digits, e.g. `vpc-0a1b2c3d4e5f60001`) longer than 14 characters keep their prefix, the first
/// 4 and the last 5 characters of the run: `vpc-0a1b…60001`, so a real account's ids do not
/// stretch every box. Short ids and ids made of words (`subnet-app-private`) stay whole; the
/// panels always show ids whole.
pub fn short_id(id: &str) -> String {
    let Some((prefix, run)) = id.split_once('-') else {
        return id.to_string();
    };
    let chars: Vec<char> = run.chars().collect();
    let aws_like = !prefix.is_empty() && chars.iter().all(|c| c.is_ascii_alphanumeric());
    if !aws_like || id.chars().count() <= SHORT_ID_MAX || chars.len() <= 10 {
        return id.to_string();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 5..].iter().collect();
    format!("{prefix}-{head}…{tail}")
}

/// A resource's canvas title: its Name tag and short id, or the short id alone. A name the
/// id already spells (`worker` for `i-worker`, `HQ` for `onprem-hq`) is not said twice.
pub fn label_of(id: &str, name: &Option<String>) -> String {
    let sid = short_id(id);
    match name {
        Some(n) if !n.is_empty() && n != id && !id_spells(id, n) => format!("{n} · {sid}"),
        _ => sid,
    }
}

/// Whether the id after its prefix is the name (case and spaces aside).
fn id_spells(id: &str, name: &str) -> bool {
    let Some((_, rest)) = id.split_once('-') else {
        return false;
    };
    rest.eq_ignore_ascii_case(&name.replace(' ', "-"))
}

/// An id in a pill, broken after the hyphen nearest its middle when it is long, so a pill
/// between two neighbours does not push them apart: `pcx-workload-` over `network`.
pub fn pill_id(id: &str) -> String {
    let n = id.chars().count();
    if n <= SHORT_ID_MAX {
        return id.to_string();
    }
    let cut = id
        .char_indices()
        .filter(|(i, c)| *c == '-' && *i > 3 && *i + 1 < id.len())
        .min_by_key(|(i, _)| (2 * i + 1).abs_diff(n));
    match cut {
        Some((i, _)) => format!("{}\n{}", &id[..=i], &id[i + 1..]),
        None => id.to_string(),
    }
}

/// A network's CIDR blocks as one line, "10.0.0.0/16, 10.1.0.0/16", on the canvas and in the panels.
pub fn cidr_list<T: std::fmt::Display>(cidrs: &[T]) -> String {
    cidrs
        .iter()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `com.amazonaws.REGION.SERVICE` as "SERVICE · REGION"; other names unchanged.
pub fn short_service(name: &str) -> String {
    let parts: Vec<&str> = name.split('.').collect();
    match parts.as_slice() {
        ["com", "amazonaws", region, rest @ ..] if !rest.is_empty() => {
            format!("{} · {region}", rest.join("."))
        }
        _ => name.to_string(),
    }
}

/// The last part of an AWS service name (`s3` of `com.amazonaws.us-east-1.s3`).
pub fn service_word(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_aws_ids_are_shortened_on_the_canvas() {
        for (id, want) in [
            ("vpc-0a1b2c3d4e5f60001", "vpc-0a1b…60001"),
            ("subnet-0aa0000000000pub1", "subnet-0aa0…0pub1"),
            ("i-0c3d4e5f6a1b00dev", "i-0c3d…00dev"),
            ("igw-0123456789a", "igw-0123…6789a"),
            ("rtb-0123456789", "rtb-0123456789"),
            ("vpc-a", "vpc-a"),
            ("subnet-app-private-a", "subnet-app-private-a"),
            ("internet", "internet"),
            ("-0123456789abcdef0", "-0123456789abcdef0"),
            ("vpc-ééééééééééééé", "vpc-ééééééééééééé"),
        ] {
            assert_eq!(short_id(id), want, "{id}");
        }
    }

    #[test]
    fn a_name_the_id_spells_is_not_said_twice() {
        let n = |s: &str| Some(s.to_string());
        assert_eq!(label_of("i-worker", &n("worker")), "i-worker");
        assert_eq!(label_of("onprem-hq", &n("HQ")), "onprem-hq");
        assert_eq!(
            label_of("vpc-shared-svc", &n("shared svc")),
            "vpc-shared-svc"
        );
        assert_eq!(
            label_of("i-orders", &n("orders-api")),
            "orders-api · i-orders"
        );
        assert_eq!(
            label_of("vpc-hub", &n("shared services")),
            "shared services · vpc-hub"
        );
        assert_eq!(label_of("pypi", &n("pypi.org")), "pypi.org · pypi");
    }

    #[test]
    fn long_ids_break_in_pills() {
        assert_eq!(pill_id("pcx-workload-network"), "pcx-workload-\nnetwork");
        assert_eq!(pill_id("pcx-hub-dev"), "pcx-hub-dev");
        assert_eq!(pill_id("pcx-0a1b…60001"), "pcx-0a1b…60001");
    }

    #[test]
    fn service_names_read_service_first() {
        assert_eq!(
            short_service("com.amazonaws.us-east-1.s3"),
            "s3 · us-east-1"
        );
        assert_eq!(short_service("example.com"), "example.com");
        assert_eq!(service_word("com.amazonaws.us-east-1.s3"), "s3");
    }
}
