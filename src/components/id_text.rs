//! Text that names AWS resource ids, shown so that an id never breaks at its hyphen
//! (`pcx-` at the end of one line, `0a1b2c3d4e5f600ab` on the next): each word that holds
//! an id is kept whole, the rest wraps as usual. The text itself is unchanged, so copying it,
//! screen readers and `textContent` see the same words.

use leptos::prelude::*;

/// A word longer than this may still break, so it cannot push a narrow panel wider.
const MAX_WHOLE: usize = 40;

/// The text in pieces, in order: `(true, word)` for a word to keep whole (a hyphen between
/// two letters or digits, as in `vpc-0a1b2c3d` or `us-east-1`), `(false, text)` for the rest,
/// spaces included. Joined, the pieces are the text.
pub fn pieces(s: &str) -> Vec<(bool, &str)> {
    let mut out: Vec<(bool, &str)> = Vec::new();
    let mut plain_from = 0;
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..len];
        if whole(word) {
            if plain_from < i {
                out.push((false, &s[plain_from..i]));
            }
            out.push((true, word));
            plain_from = i + len;
        }
        i += len;
    }
    if plain_from < s.len() {
        out.push((false, &s[plain_from..]));
    }
    out
}

fn whole(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.len() <= MAX_WHOLE
        && chars
            .windows(3)
            .any(|w| w[1] == '-' && w[0].is_alphanumeric() && w[2].is_alphanumeric())
}

/// `text` with its id words kept whole (`<span class="nowrap">`).
#[component]
pub fn IdText(#[prop(into)] text: String) -> impl IntoView {
    pieces(&text)
        .into_iter()
        .map(|(keep, t)| {
            if keep {
                view! { <span class="nowrap">{t.to_string()}</span> }.into_any()
            } else {
                t.to_string().into_any()
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_words_are_kept_whole_and_the_text_is_unchanged() {
        let cases: [(&str, &[(bool, &str)]); 6] = [
            ("", &[]),
            ("no ids here", &[(false, "no ids here")]),
            (
                "pcx-0a1b2c3d4e5f600ee joins vpc-0a1b2c3d4e5f60001 in us-east-1.",
                &[
                    (true, "pcx-0a1b2c3d4e5f600ee"),
                    (false, " joins "),
                    (true, "vpc-0a1b2c3d4e5f60001"),
                    (false, " in "),
                    (true, "us-east-1."),
                ],
            ),
            (
                "10.0.0.0/16 → pcx-ab (static)",
                &[
                    (false, "10.0.0.0/16 → "),
                    (true, "pcx-ab"),
                    (false, " (static)"),
                ],
            ),
            // A dash between words, or at a word's edge, is no id.
            ("a - b -c d-", &[(false, "a - b -c d-")]),
            (
                "  (rtb-0b2c3d4e5f6a0main  ",
                &[
                    (false, "  "),
                    (true, "(rtb-0b2c3d4e5f6a0main"),
                    (false, "  "),
                ],
            ),
        ];
        for (text, want) in cases {
            let got = pieces(text);
            assert_eq!(got, want.to_vec(), "{text:?}");
            assert_eq!(got.iter().map(|p| p.1).collect::<String>(), text);
        }
    }

    #[test]
    fn an_overlong_word_may_still_break() {
        let long = format!("arn:aws:s3:::{}-bucket", "x".repeat(40));
        assert_eq!(pieces(&long), vec![(false, long.as_str())]);
    }
}
