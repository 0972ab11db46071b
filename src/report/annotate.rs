//! The annotation page of `whosaid annotate`: one self-contained HTML file (inline CSS and
//! script, nothing fetched) on which a student marks the claims of one article with the mouse
//! and downloads them as an [annotation file](crate::annotation::file) for `claim import`.
//!
//! The article travels as JSON inside a `<script type="application/json">` element, with `<`,
//! `>` and `&` escaped, and the script builds the page from it with text nodes only, so no
//! title or text can inject markup. A Content-Security-Policy allows no outside resource and
//! no script but the page's own, named by its SHA-256 hash.

use std::io::Write;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::model::{Form, Identity, Role};
use crate::report::html::text as escape;

/// The `format` marker of an annotation file.
pub const FORMAT: &str = "whosaid-annotation";

/// The version of the annotation file this whosaid writes and reads.
pub const VERSION: u32 = 1;

const TEMPLATE: &str = include_str!("annotate.html");
const SCRIPT: &str = include_str!("annotate.js");

/// The article to annotate.
pub struct Page<'a> {
    /// How `claim import` names it: its external id, else its numeric id; none for a file.
    pub reference: Option<&'a str>,
    pub title: &'a str,
    pub text: &'a str,
    /// The SHA-256 of the text, lowercase hex (the store's content hash).
    pub sha256: &'a str,
}

/// The guideline's one-line meaning of each identity.
pub fn identity_meaning(i: Identity) -> &'static str {
    match i {
        Identity::Named => {
            "a named person or a named organization, institution or outlet, also when the \
             mention is a pronoun or title that resolves to one"
        }
        Identity::Anonymous => "a specific person or group described but not named",
        Identity::Unspecified => "no identifiable agent at all",
    }
}

/// The guideline's one-line meaning of each role.
pub fn role_meaning(r: Role) -> &'static str {
    match r {
        Role::Official => {
            "government, military, police, courts, agencies, office-holders and their \
             spokespeople, official statistics (\u{201c}Pentagon figures\u{201d})"
        }
        Role::Media => "news outlets, journalists, \u{201c}reports\u{201d}",
        Role::Expert => "academics, analysts, researchers, doctors or lawyers speaking as experts",
        Role::Organization => {
            "companies, NGOs, unions, parties\u{2019} non-office staff, advocacy groups and \
             their representatives"
        }
        Role::Public => "ordinary people: witnesses, residents, victims, families, voters",
        Role::Unknown => "the text does not tell",
    }
}

/// The guideline's one-line meaning of each form.
pub fn form_meaning(f: Form) -> &'static str {
    match f {
        Form::DirectQuote => {
            "the content contains the source\u{2019}s words in quotation marks, whole or in part"
        }
        Form::Paraphrase => {
            "reported speech without quotation marks, \u{201c}according to X\u{201d}, hedges"
        }
        Form::Document => {
            "the source is a document, data set, statement or record (\u{201c}Pentagon \
             figures indicate\u{2026}\u{201d}, \u{201c}the report found\u{2026}\u{201d})"
        }
    }
}

/// The meanings of the parts of a claim and of the labels that are not a choice of values.
const PARTS: &[(&str, &str)] = &[
    (
        "content",
        "what is attributed: the quoted words or the reported clause, without the \
         complementizer \u{201c}that\u{201d} and without the sentence-final period (quotation \
         marks are kept)",
    ),
    (
        "mention",
        "the words that name or describe the source as written (\u{201c}She\u{201d}, \
         \u{201c}U.S. officials\u{201d}); none when the text gives no agent",
    ),
    (
        "cue",
        "the word or phrase that signals the attribution: a reporting verb with its particles, \
         \u{201c}according to\u{201d}, \u{201c}citing\u{201d}, a hedge adverb, a data verb",
    ),
    (
        "source",
        "who the claim rests on, resolved: \u{201c}She\u{201d} \u{2192} \u{201c}Claudia \
         Sheinbaum\u{201d} when the article has named her; otherwise the mention itself",
    ),
    (
        "hedged",
        "the wording itself distances the writer from the claim: \u{201c}reportedly\u{201d}, \
         \u{201c}allegedly\u{201d}, \u{201c}according to reports\u{201d}, \u{201c}is said \
         to\u{201d}, \u{201c}claimed\u{201d}",
    ),
    (
        "via",
        "for a cited source in a chain (\u{201c}NBC News, citing U.S. officials\u{201d}): who \
         cites it (NBC News)",
    ),
];

#[derive(Serialize)]
struct Value {
    value: &'static str,
    meaning: &'static str,
}

#[derive(Serialize)]
struct Data<'a> {
    format: &'static str,
    version: u32,
    article: Option<&'a str>,
    title: &'a str,
    sha256: &'a str,
    text: &'a str,
    identity: Vec<Value>,
    role: Vec<Value>,
    form: Vec<Value>,
    parts: serde_json::Map<String, serde_json::Value>,
}

/// JSON that is safe inside a `<script>` element: `<`, `>` and `&` (which JSON holds only
/// inside strings) written as `\u` escapes, so no `</script>` or `<!--` can occur.
fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// Standard base64 of `bytes`, for the script's hash in the Content-Security-Policy.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Write the page.
pub fn write(out: &mut dyn Write, page: &Page) -> Result<()> {
    let values = |pairs: Vec<(&'static str, &'static str)>| {
        pairs
            .into_iter()
            .map(|(value, meaning)| Value { value, meaning })
            .collect()
    };
    let data = Data {
        format: FORMAT,
        version: VERSION,
        article: page.reference,
        title: page.title,
        sha256: page.sha256,
        text: page.text,
        identity: values(
            Identity::ALL
                .iter()
                .map(|&i| (i.as_str(), identity_meaning(i)))
                .collect(),
        ),
        role: values(
            Role::ALL
                .iter()
                .map(|&r| (r.as_str(), role_meaning(r)))
                .collect(),
        ),
        form: values(
            Form::ALL
                .iter()
                .map(|&f| (f.as_str(), form_meaning(f)))
                .collect(),
        ),
        parts: PARTS
            .iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::from(*v)))
            .collect(),
    };
    let json = script_json(&serde_json::to_string(&data)?);
    let hash = base64(&Sha256::digest(SCRIPT.as_bytes()));
    // The template's markers are replaced in one pass, so text that looks like a marker
    // stays text.
    let mut html = String::with_capacity(TEMPLATE.len() + SCRIPT.len() + json.len());
    let mut rest = TEMPLATE;
    while let Some(at) = rest.find("{{") {
        html.push_str(&rest[..at]);
        let Some(end) = rest[at..].find("}}") else {
            break;
        };
        match &rest[at + 2..at + end] {
            "title" => html.push_str(&escape(page.title)),
            "data" => html.push_str(&json),
            "script" => html.push_str(SCRIPT),
            "script_hash" => html.push_str(&hash),
            other => unreachable!("unknown marker {other} in annotate.html"),
        }
        rest = &rest[at + end + 2..];
    }
    html.push_str(rest);
    out.write_all(html.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: &str, text: &str) -> String {
        let mut out = Vec::new();
        write(
            &mut out,
            &Page {
                reference: Some("a-1"),
                title,
                text,
                sha256: "00",
            },
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe, 0xfd, 0x00]), "//79AA==");
    }

    #[test]
    fn hostile_title_and_text_stay_text() {
        let title = "</title><script>alert(1)</script>";
        let text = "He said </script><script>alert(2)</script> & <!-- {{data}} {{script}}";
        let html = page(title, text);
        // one script element runs (the page's), one holds the data
        assert_eq!(html.matches("<script").count(), 2, "{html}");
        assert_eq!(html.matches("</script>").count(), 2, "{html}");
        assert!(!html.contains("alert(1)</script>"));
        assert!(html.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(2)"));
        // the markers inside the text were not replaced
        assert!(html.contains("{{data}} {{script}}"));
        // the data element holds the text exactly, as JSON
        let start = html.find("id=\"data\">").unwrap() + "id=\"data\">".len();
        let end = start + html[start..].find("</script>").unwrap();
        let data: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(data["text"], text);
        assert_eq!(data["title"], title);
        assert_eq!(data["format"], FORMAT);
    }

    #[test]
    fn the_policy_names_the_script_by_its_hash_and_nothing_is_fetched() {
        let html = page("t", "x");
        let hash = base64(&Sha256::digest(SCRIPT.as_bytes()));
        assert!(
            html.contains(&format!("script-src 'sha256-{hash}'")),
            "{html}"
        );
        assert!(html.contains(&format!("<script>{SCRIPT}</script>")));
        for outside in ["src=", "href=\"http", "@import", "url("] {
            assert!(!html.contains(outside), "{outside} in the page");
        }
    }

    #[test]
    fn every_label_value_has_its_meaning() {
        let data = page("t", "x");
        for &i in Identity::ALL {
            assert!(data.contains(&format!("\"value\":\"{i}\"")));
        }
        for &r in Role::ALL {
            assert!(!role_meaning(r).is_empty());
            assert!(data.contains(&format!("\"value\":\"{r}\"")));
        }
        for &f in Form::ALL {
            assert!(data.contains(&format!("\"value\":\"{f}\"")));
        }
        for (part, _) in PARTS {
            assert!(data.contains(&format!("\"{part}\":")));
        }
    }
}
