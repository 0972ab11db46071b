//! The domain: attributions and their labels, shared by the engine, the store and the reports.

pub mod breakdown;

use serde::{Deserialize, Serialize};

/// How identifiable a source is to the reader (see the guideline's "identity" table).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum Identity {
    /// A named person, organization, institution or outlet (also a pronoun or title resolved to one).
    Named,
    /// A specific person or group described but not named ("a senior official").
    Anonymous,
    /// No identifiable agent at all ("reportedly", "according to reports").
    Unspecified,
}

/// What kind of source it is, whatever its identity.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Government, military, police, courts, agencies, office-holders, official statistics.
    Official,
    /// News outlets, journalists, "reports".
    Media,
    /// Academics, analysts, researchers, doctors or lawyers speaking as experts.
    Expert,
    /// Companies, NGOs, unions, advocacy groups and their representatives.
    Organization,
    /// Ordinary people: witnesses, residents, victims, families, voters.
    Public,
    /// The text does not tell.
    Unknown,
}

/// How the claim is carried.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum Form {
    /// The content holds the source's words in quotation marks, whole or in part.
    DirectQuote,
    /// Reported speech without quotation marks, "according to X", hedges.
    Paraphrase,
    /// The source is a document, data set, statement or record.
    Document,
}

macro_rules! label_text {
    ($ty:ty { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in display order.
            pub const ALL: &'static [$ty] = &[$(<$ty>::$variant),+];

            /// The lowercase name used in SQLite, CSV, JSON and on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $(<$ty>::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok(<$ty>::$variant),)+
                    _ => Err(format!(
                        "unknown {} {:?} (expected one of: {})",
                        stringify!($ty).to_lowercase(),
                        s,
                        [$($text),+].join(", ")
                    )),
                }
            }
        }
    };
}

label_text!(Identity { Named => "named", Anonymous => "anonymous", Unspecified => "unspecified" });
label_text!(Role {
    Official => "official",
    Media => "media",
    Expert => "expert",
    Organization => "organization",
    Public => "public",
    Unknown => "unknown",
});
label_text!(Form { DirectQuote => "direct_quote", Paraphrase => "paraphrase", Document => "document" });

pub mod stance;
pub use stance::Stance;

/// What an entity of the article is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    /// A person ("Claudia Sheinbaum", "Sen. Okafor").
    Person,
    /// An organisation, institution, outlet or state speaking as one ("Pemex", "the Pentagon").
    Organization,
}

label_text!(EntityType { Person => "person", Organization => "organization" });

/// One person or organisation an article mentions, from the engine's entity table
/// (`whosaid analyze --entities`, the `entities` key of `analyze --format json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Its fullest name in the article.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The role its attributions carry (`unknown` when the text does not tell).
    pub role: Role,
    /// How many times the article mentions it: by name, and by the pronouns and descriptions
    /// of its attributions that resolve to it ("She", "the president").
    pub mentions: usize,
    /// The distinct forms of those mentions as written, in order of first appearance.
    pub forms: Vec<String>,
    /// How many attributions rest on it.
    pub claims: usize,
}

/// One sentence of an article. Offsets are Unicode code points, end exclusive, with the
/// surrounding white space left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// What a report says about an article: the stored fields a reader needs, without the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleInfo {
    pub id: i64,
    pub external_id: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

impl From<&Article> for ArticleInfo {
    fn from(a: &Article) -> Self {
        ArticleInfo {
            id: a.id,
            external_id: a.meta.external_id.clone(),
            title: a.meta.title.clone(),
            outlet: a.meta.outlet.clone(),
            author: a.meta.author.clone(),
            date: a.meta.date.clone(),
            url: a.meta.url.clone(),
        }
    }
}

/// A span of the article text. Offsets are Unicode code points, end exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The code-point offsets of every occurrence of `needle` in `text`.
pub fn occurrences(text: &str, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut chars = 0usize;
    let mut last = 0usize;
    for (byte, _) in text.match_indices(needle) {
        chars += text[last..byte].chars().count();
        last = byte;
        out.push(chars);
    }
    out
}

/// The span of `text` starting at code point `start`.
pub fn span_at(start: usize, text: &str) -> Span {
    Span {
        start,
        end: start + text.chars().count(),
        text: text.to_string(),
    }
}

/// The code-point offsets of the occurrences of `words` in `text` (`chars` its characters)
/// that are whole words: where `words` starts or ends with a letter or digit, the character
/// before or after it is not one ("he" is not found in "the factory").
pub fn whole_words(chars: &[char], text: &str, words: &str) -> Vec<usize> {
    let len = words.chars().count();
    let first = words.chars().next().is_some_and(char::is_alphanumeric);
    let last = words.chars().last().is_some_and(char::is_alphanumeric);
    occurrences(text, words)
        .into_iter()
        .filter(|&s| {
            (!first || s == 0 || !chars[s - 1].is_alphanumeric())
                && (!last || s + len >= chars.len() || !chars[s + len].is_alphanumeric())
        })
        .collect()
}

/// Among the occurrences `found` (starts, in text order) of words `len` characters long, the
/// one the rule picks inside `[lo, hi)` (the content's sentence): outside the content, the
/// nearest ending before it, else the nearest starting after it.
pub fn nearest_outside(
    found: &[usize],
    len: usize,
    content: &Span,
    lo: usize,
    hi: usize,
) -> Option<usize> {
    let within = |s: &usize| *s >= lo && *s + len <= hi;
    let before = found
        .iter()
        .copied()
        .filter(|s| within(s) && s + len <= content.start)
        .max();
    before.or_else(|| {
        found
            .iter()
            .copied()
            .filter(|s| within(s) && *s >= content.end)
            .min()
    })
}

/// One attribution: a claim in the article tied to the source it rests on.
///
/// Its serde form is the flat JSON contract of `whosaid analyze --format json`:
/// `source, mention, mention_start, mention_end, cue, cue_start, cue_end, content,
/// content_start, content_end, identity, role, form, hedged, via, rule, trigger,
/// anonymity_reason, anonymity_reason_start, anonymity_reason_end, stance`. The `stance` is
/// written from the cue ([`Attribution::stance`]) and not read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The resolved source ("She" → "Claudia Sheinbaum"), or the mention itself.
    pub source: String,
    /// The words that name or describe the source as written.
    pub mention: Option<Span>,
    /// The word or phrase that signals the attribution.
    pub cue: Option<Span>,
    /// What is attributed: quoted words or the reported clause.
    pub content: Option<Span>,
    pub identity: Identity,
    pub role: Role,
    pub form: Form,
    /// The wording distances the writer from the claim.
    pub hedged: bool,
    /// For a cited source in a chain ("NBC News, citing U.S. officials"): who cites it.
    pub via: Option<String>,
    /// The name of the rule that fired.
    pub rule: String,
    /// The words that triggered the rule and the labels, for explaining the result.
    pub trigger: String,
    /// For an anonymous source: the words that say why it is not named ("spoke on condition
    /// of anonymity because they were not authorized to discuss the talks").
    pub anonymity_reason: Option<Span>,
}

impl Attribution {
    /// An attribution of `source` with no spans, labelled named, official and paraphrase, not
    /// hedged, with no `via`, rule or trigger: the start of a hand-built attribution, whose
    /// other fields are set with struct update syntax.
    pub fn of(source: impl Into<String>) -> Attribution {
        Attribution {
            source: source.into(),
            mention: None,
            cue: None,
            content: None,
            identity: Identity::Named,
            role: Role::Official,
            form: Form::Paraphrase,
            hedged: false,
            via: None,
            rule: String::new(),
            trigger: String::new(),
            anonymity_reason: None,
        }
    }
}

impl Attribution {
    /// Whether its cue leans ([`Stance::of_cue`]): read from the cue's words, so the
    /// engine's claims and hand-recorded ones get it alike; neutral without a cue.
    pub fn stance(&self) -> Stance {
        self.cue
            .as_ref()
            .map_or(Stance::Neutral, |c| Stance::of_cue(&c.text))
    }

    /// Where the attribution sits in the text, the key every numbered list sorts by (the
    /// tables, `--explain`, `show`, the HTML pages): the start of its content (else of its
    /// cue, else of its mention; with no span at all, last); of two starting at the same
    /// place the longer first, so that its bracket opens first and closes last; then the
    /// start of its cue, then of its mention. Ties keep the order they come in.
    pub fn text_order(&self) -> (usize, std::cmp::Reverse<usize>, usize, usize) {
        let start = |s: Option<&Span>| s.map_or(usize::MAX, |s| s.start);
        let first = self
            .content
            .as_ref()
            .or(self.cue.as_ref())
            .or(self.mention.as_ref());
        (
            start(first),
            std::cmp::Reverse(first.map_or(usize::MAX, |s| s.end)),
            start(self.cue.as_ref()),
            start(self.mention.as_ref()),
        )
    }
}

#[derive(Serialize, Deserialize)]
struct FlatAttribution {
    source: String,
    mention: Option<String>,
    mention_start: Option<usize>,
    mention_end: Option<usize>,
    cue: Option<String>,
    cue_start: Option<usize>,
    cue_end: Option<usize>,
    content: Option<String>,
    content_start: Option<usize>,
    content_end: Option<usize>,
    identity: Identity,
    role: Role,
    form: Form,
    #[serde(default)]
    hedged: bool,
    #[serde(default)]
    via: Option<String>,
    #[serde(default)]
    rule: String,
    #[serde(default)]
    trigger: String,
    #[serde(default)]
    anonymity_reason: Option<String>,
    #[serde(default)]
    anonymity_reason_start: Option<usize>,
    #[serde(default)]
    anonymity_reason_end: Option<usize>,
    /// Written from the cue; ignored when read (the cue decides it).
    #[serde(default)]
    stance: Stance,
}

fn split(span: &Option<Span>) -> (Option<String>, Option<usize>, Option<usize>) {
    match span {
        Some(s) => (Some(s.text.clone()), Some(s.start), Some(s.end)),
        None => (None, None, None),
    }
}

fn join(text: Option<String>, start: Option<usize>, end: Option<usize>) -> Option<Span> {
    match (text, start, end) {
        (Some(text), Some(start), Some(end)) => Some(Span { start, end, text }),
        _ => None,
    }
}

impl Serialize for Attribution {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (mention, mention_start, mention_end) = split(&self.mention);
        let (cue, cue_start, cue_end) = split(&self.cue);
        let (content, content_start, content_end) = split(&self.content);
        let (anonymity_reason, anonymity_reason_start, anonymity_reason_end) =
            split(&self.anonymity_reason);
        FlatAttribution {
            source: self.source.clone(),
            mention,
            mention_start,
            mention_end,
            cue,
            cue_start,
            cue_end,
            content,
            content_start,
            content_end,
            identity: self.identity,
            role: self.role,
            form: self.form,
            hedged: self.hedged,
            via: self.via.clone(),
            rule: self.rule.clone(),
            trigger: self.trigger.clone(),
            anonymity_reason,
            anonymity_reason_start,
            anonymity_reason_end,
            stance: self.stance(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Attribution {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let f = FlatAttribution::deserialize(deserializer)?;
        Ok(Attribution {
            source: f.source,
            mention: join(f.mention, f.mention_start, f.mention_end),
            cue: join(f.cue, f.cue_start, f.cue_end),
            content: join(f.content, f.content_start, f.content_end),
            identity: f.identity,
            role: f.role,
            form: f.form,
            hedged: f.hedged,
            via: f.via,
            rule: f.rule,
            trigger: f.trigger,
            anonymity_reason: join(
                f.anonymity_reason,
                f.anonymity_reason_start,
                f.anonymity_reason_end,
            ),
        })
    }
}

/// Who recorded a claim: the extraction engine or a person.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Found by the extraction engine (`add`, `import`, `extract`).
    Auto,
    /// Recorded or corrected by hand (`claim add`, `claim edit`).
    Manual,
}

label_text!(Origin { Auto => "auto", Manual => "manual" });

/// The descriptive fields of an article, as given by the user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub external_id: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub url: Option<String>,
}

/// A stored article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: i64,
    pub meta: ArticleMeta,
    pub text: String,
    /// When it was stored, `YYYY-MM-DDTHH:MM:SSZ` (UTC).
    pub added_at: String,
}

/// A stored attribution: the engine's output or a hand-recorded one, with who recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: i64,
    pub article_id: i64,
    pub attribution: Attribution,
    pub origin: Origin,
    /// `auto` for the engine's claims, `manual` or a person's name for hand-recorded ones.
    pub annotator: String,
    /// When it was recorded, `YYYY-MM-DDTHH:MM:SSZ` (UTC).
    pub created_at: String,
}

/// Check that `s` is a calendar date written `YYYY-MM-DD`; the error says what was expected.
pub fn check_date(s: &str) -> Result<(), String> {
    let bad = || format!("bad date {s:?} (expected YYYY-MM-DD, e.g. 2025-03-14)");
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return Err(bad());
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if day == 0 || day > days {
        return Err(bad());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(check_date("2024-02-29").is_ok());
        assert!(check_date("2025-12-31").is_ok());
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-1-01",
            "25-01-01",
            "2025-01-00",
            "yesterday",
            "2025-0a-01",
        ] {
            assert!(check_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn labels_round_trip() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>(), Ok(*r));
        }
        assert!("boss"
            .parse::<Role>()
            .unwrap_err()
            .contains("expected one of"));
    }

    #[test]
    fn occurrences_are_code_points() {
        assert_eq!(occurrences("“a” b “a”", "“a”"), vec![0, 6]);
        assert_eq!(occurrences("abc", "x"), Vec::<usize>::new());
    }

    fn words_in(text: &str, words: &str) -> Vec<usize> {
        let chars: Vec<char> = text.chars().collect();
        whole_words(&chars, text, words)
    }

    #[test]
    fn only_whole_words_match() {
        let text = "He said the factory, where he worked, shut. Ahead: he’s “he”.";
        assert_eq!(words_in(text, "he"), vec![27, 51, 57]);
        assert_eq!(words_in(text, "He"), vec![0]);
        assert_eq!(words_in(text, "the factory"), vec![8]);
        assert_eq!(words_in(text, "act"), Vec::<usize>::new());
        // Words that begin or end with punctuation are bounded only on their letter side.
        assert_eq!(words_in(text, "“he”"), vec![56]);
        assert_eq!(words_in(text, ": he"), vec![49]);
    }

    #[test]
    fn the_nearest_before_the_content_else_after() {
        let content = span_at(20, "0123456789");
        // before: 5 and 12 end before 20; 12 is nearest
        assert_eq!(nearest_outside(&[5, 12, 31], 4, &content, 0, 100), Some(12));
        // one inside the content is never taken; none before: the nearest after
        assert_eq!(
            nearest_outside(&[22, 31, 40], 4, &content, 0, 100),
            Some(31)
        );
        // outside the sentence [10, 35) nothing counts
        assert_eq!(nearest_outside(&[5, 40], 4, &content, 10, 35), None);
        // touching the content is outside it
        assert_eq!(nearest_outside(&[16, 30], 4, &content, 0, 100), Some(16));
    }
}
