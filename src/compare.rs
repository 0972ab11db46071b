//! Comparing one annotator's claims with a key (another annotator, or `auto` for the engine):
//! the pairing of `eval` ([`crate::matching`]), precision, recall and F1, and agreement over
//! the matched pairs on identity, role, form and hedged (percent agreement and Cohen's kappa)
//! and on the source (same person or body). Per article, and summed per annotator over
//! articles.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use serde::Serialize;

use crate::eval;
use crate::model::{Claim, Form, Identity, Role};

/// A claim as a comparison shows it: its number in its annotator's list (text order, as
/// `claims`, `show` and the HTML pages number it), its labels and spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Brief {
    pub number: usize,
    pub id: i64,
    pub source: String,
    pub identity: Identity,
    pub role: Role,
    pub form: Form,
    pub hedged: bool,
    pub via: Option<String>,
    pub mention: Option<String>,
    pub cue: Option<String>,
    pub content: Option<String>,
    pub mention_start: Option<usize>,
    pub mention_end: Option<usize>,
    pub cue_start: Option<usize>,
    pub cue_end: Option<usize>,
    pub content_start: Option<usize>,
    pub content_end: Option<usize>,
}

impl Brief {
    /// Claim `c`, numbered `number`.
    pub fn of(number: usize, c: &Claim) -> Self {
        let a = &c.attribution;
        let text = |s: &Option<crate::model::Span>| s.as_ref().map(|s| s.text.clone());
        let start = |s: &Option<crate::model::Span>| s.as_ref().map(|s| s.start);
        let end = |s: &Option<crate::model::Span>| s.as_ref().map(|s| s.end);
        Brief {
            number,
            id: c.id,
            source: a.source.clone(),
            identity: a.identity,
            role: a.role,
            form: a.form,
            hedged: a.hedged,
            via: a.via.clone(),
            mention: text(&a.mention),
            cue: text(&a.cue),
            content: text(&a.content),
            mention_start: start(&a.mention),
            mention_end: end(&a.mention),
            cue_start: start(&a.cue),
            cue_end: end(&a.cue),
            content_start: start(&a.content),
            content_end: end(&a.content),
        }
    }
}

/// A claim of the annotator matched with a claim of the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    pub claim: Brief,
    pub key: Brief,
    /// Whether both name the same person or body (see [`same_source`]).
    pub same_source: bool,
}

impl Pair {
    /// The labels on which the claim and the key differ, as `(label, claim's, key's)`, in the
    /// order source, identity, role, form, hedged, via.
    pub fn differences(&self) -> Vec<(&'static str, String, String)> {
        let (c, k) = (&self.claim, &self.key);
        let mut out = Vec::new();
        if !self.same_source {
            out.push(("source", c.source.clone(), k.source.clone()));
        }
        let mut label = |name, a: String, b: String| {
            if a != b {
                out.push((name, a, b));
            }
        };
        label("identity", c.identity.to_string(), k.identity.to_string());
        label("role", c.role.to_string(), k.role.to_string());
        label("form", c.form.to_string(), k.form.to_string());
        let yes_no = |b: bool| if b { "hedged" } else { "not hedged" }.to_string();
        label("hedged", yes_no(c.hedged), yes_no(k.hedged));
        let via = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".into());
        if !same_name(
            c.via.as_deref().unwrap_or(""),
            k.via.as_deref().unwrap_or(""),
        ) {
            label("via", via(&c.via), via(&k.via));
        }
        out
    }
}

/// How often two annotators agree on a label over their matched claims.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    /// Matched pairs with the same label.
    pub agree: usize,
    /// Matched pairs.
    pub pairs: usize,
    /// `agree / pairs` as a percentage; `None` (JSON null) without pairs.
    pub percent: Option<f64>,
}

impl Share {
    fn of(agree: usize, pairs: usize) -> Share {
        Share {
            agree,
            pairs,
            percent: (pairs > 0).then(|| 100.0 * agree as f64 / pairs as f64),
        }
    }
}

/// Percent agreement and Cohen's kappa on one label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    #[serde(flatten)]
    pub share: Share,
    /// Cohen's kappa; `None` (JSON null) when undefined, with the reason in `kappa_note`.
    pub kappa: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kappa_note: Option<&'static str>,
}

/// Agreement on every label over a set of matched pairs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreements {
    pub identity: Agreement,
    pub role: Agreement,
    pub form: Agreement,
    pub hedged: Agreement,
    /// Same person or body; no kappa (names are not a fixed set of labels).
    pub source: Share,
}

/// Why kappa is undefined without pairs.
pub const NO_PAIRS: &str = "no matched claims";
/// Why kappa is undefined when chance agreement is 1.
pub const ONE_LABEL: &str = "both sides gave every matched claim the same label, so chance \
                             agreement is 100%";

impl Agreements {
    /// Agreement over `pairs`.
    pub fn of<'a>(pairs: impl IntoIterator<Item = &'a Pair> + Clone) -> Agreements {
        fn one<T: Eq + Hash>(list: Vec<(T, T)>) -> Agreement {
            let agree = list.iter().filter(|(a, b)| a == b).count();
            let (kappa, kappa_note) = match cohen_kappa(&list) {
                Some(k) => (Some(k), None),
                None if list.is_empty() => (None, Some(NO_PAIRS)),
                None => (None, Some(ONE_LABEL)),
            };
            Agreement {
                share: Share::of(agree, list.len()),
                kappa,
                kappa_note,
            }
        }
        let list = || pairs.clone().into_iter();
        let n = list().count();
        Agreements {
            identity: one(list().map(|p| (p.claim.identity, p.key.identity)).collect()),
            role: one(list().map(|p| (p.claim.role, p.key.role)).collect()),
            form: one(list().map(|p| (p.claim.form, p.key.form)).collect()),
            hedged: one(list().map(|p| (p.claim.hedged, p.key.hedged)).collect()),
            source: Share::of(list().filter(|p| p.same_source).count(), n),
        }
    }

    /// The labelled agreements in display order: identity, role, form, hedged.
    pub fn labels(&self) -> [(&'static str, &Agreement); 4] {
        [
            ("identity", &self.identity),
            ("role", &self.role),
            ("form", &self.form),
            ("hedged", &self.hedged),
        ]
    }
}

/// One annotator compared with a key on one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub article_id: i64,
    pub title: Option<String>,
    pub annotator: String,
    pub key: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Agreement over the matched pairs.
    pub agreement: Agreements,
    /// Matched pairs, in the key's text order.
    pub matched: Vec<Pair>,
    /// The key's claims the annotator did not make.
    pub missed: Vec<Brief>,
    /// The annotator's claims the key does not have.
    pub extra: Vec<Brief>,
}

/// One annotator's comparisons summed over articles: counts added, precision, recall and F1
/// over the sums, agreement over every matched pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Total {
    pub annotator: String,
    pub key: String,
    pub articles: usize,
    pub matched: usize,
    pub missed: usize,
    pub extra: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub agreement: Agreements,
}

impl Total {
    /// The sum of `list` (one annotator's comparisons with one key).
    pub fn of(annotator: &str, key: &str, list: &[&Comparison]) -> Total {
        let sum = |f: fn(&Comparison) -> usize| list.iter().map(|c| f(c)).sum::<usize>();
        let matched = sum(|c| c.matched.len());
        let missed = sum(|c| c.missed.len());
        let extra = sum(|c| c.extra.len());
        let (precision, recall, f1) = eval::prf(matched, matched + extra, matched + missed);
        Total {
            annotator: annotator.to_string(),
            key: key.to_string(),
            articles: list.len(),
            matched,
            missed,
            extra,
            precision,
            recall,
            f1,
            agreement: Agreements::of(list.iter().flat_map(|c| c.matched.iter())),
        }
    }
}

/// One annotator's part of the roster: their articles and their total.
#[derive(Debug, Serialize)]
pub struct Student {
    pub annotator: String,
    pub total: Total,
    pub articles: Vec<Comparison>,
}

/// The comparisons grouped by annotator (in the order they come), each with its total.
pub fn students(list: Vec<Comparison>) -> Vec<Student> {
    let mut out: Vec<Student> = Vec::new();
    for c in list {
        match out.iter_mut().find(|s| s.annotator == c.annotator) {
            Some(s) => s.articles.push(c),
            None => out.push(Student {
                annotator: c.annotator.clone(),
                total: Total::of(&c.annotator, &c.key, &[]),
                articles: vec![c],
            }),
        }
    }
    for s in &mut out {
        let refs: Vec<&Comparison> = s.articles.iter().collect();
        s.total = Total::of(&s.annotator, &s.articles[0].key, &refs);
    }
    out
}

/// Cohen's kappa of two raters over the same items: `(po - pe) / (1 - pe)`, where `po` is the
/// share of items they agree on and `pe` the agreement expected by chance from each rater's
/// label shares. `None` when there are no items, or when `pe` is 1 (both raters gave every
/// item the same single label): kappa is 0/0 there, and we report it as undefined rather than
/// guess 1.0 or 0.0.
pub fn cohen_kappa<T: Eq + Hash>(pairs: &[(T, T)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let agree = pairs.iter().filter(|(a, b)| a == b).count() as f64;
    let mut left: HashMap<&T, usize> = HashMap::new();
    let mut right: HashMap<&T, usize> = HashMap::new();
    for (a, b) in pairs {
        *left.entry(a).or_default() += 1;
        *right.entry(b).or_default() += 1;
    }
    let pe: f64 = left
        .iter()
        .map(|(k, &l)| l as f64 / n * right.get(k).map_or(0.0, |&r| r as f64 / n))
        .sum();
    let po = agree / n;
    if (1.0 - pe).abs() < 1e-12 {
        return None;
    }
    Some((po - pe) / (1.0 - pe))
}

/// The words of a name, lowercased, without "the" and possessive endings.
fn name_words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-' || c == '\''))
        .map(|w| {
            w.trim_matches(|c: char| c == '.' || c == '\'' || c == '-')
                .to_lowercase()
        })
        .map(|w| {
            w.strip_suffix("'s")
                .map(str::to_string)
                .unwrap_or(w.clone())
        })
        .filter(|w| !w.is_empty() && w != "the")
        .collect()
}

/// The head word of a name: its last word before "of", "in", "at", "for", "from", "with",
/// "familiar" or "who" ("officials" in "U.S. officials in Washington").
fn head_word(words: &[String]) -> Option<&String> {
    let stop = ["of", "in", "at", "for", "from", "with", "familiar", "who"];
    let end = words
        .iter()
        .skip(1)
        .position(|w| stop.contains(&w.as_str()))
        .map_or(words.len(), |i| i + 1);
    words[..end].last()
}

fn same_name(a: &str, b: &str) -> bool {
    let (wa, wb) = (name_words(a), name_words(b));
    if wa == wb {
        return true;
    }
    let (sa, sb): (HashSet<&String>, HashSet<&String>) = (wa.iter().collect(), wb.iter().collect());
    head_word(&wa).is_some_and(|h| sb.contains(h)) || head_word(&wb).is_some_and(|h| sa.contains(h))
}

/// Whether two claims rest on the same person or body: their sources are the same name
/// (ignoring case, "the" and a possessive), or the head word of one ("Sheinbaum" of "Claudia
/// Sheinbaum", "officials" of "U.S. officials in Washington") is a word of the other.
pub fn same_source(claim: &Brief, key: &Brief) -> bool {
    same_name(&claim.source, &key.source)
}

/// Compare `claims` (of `annotator`) with `key_claims` (of `key`) on one article. Both lists
/// are in text order (as the store lists them); a claim's number is its place in its list.
pub fn compare(
    article_id: i64,
    title: Option<String>,
    annotator: &str,
    claims: &[Claim],
    key: &str,
    key_claims: &[Claim],
) -> Comparison {
    let as_json = |list: &[Claim]| {
        let attrs: Vec<_> = list.iter().map(|c| c.attribution.clone()).collect();
        eval::preds_of(&attrs)
    };
    let preds = as_json(claims);
    let gold = as_json(key_claims);
    let mut used = vec![false; claims.len()];
    let mut matched = Vec::new();
    let mut missed = Vec::new();
    for (gi, hit) in eval::align(&preds, &gold) {
        let key_brief = Brief::of(gi + 1, &key_claims[gi]);
        match hit {
            Some(pi) => {
                used[pi] = true;
                let claim = Brief::of(pi + 1, &claims[pi]);
                let same_source = same_source(&claim, &key_brief);
                matched.push(Pair {
                    claim,
                    key: key_brief,
                    same_source,
                });
            }
            None => missed.push(key_brief),
        }
    }
    matched.sort_by_key(|p| p.key.number);
    missed.sort_by_key(|b| b.number);
    let extra: Vec<Brief> = claims
        .iter()
        .enumerate()
        .filter(|&(i, _)| !used[i])
        .map(|(i, c)| Brief::of(i + 1, c))
        .collect();
    let (precision, recall, f1) = eval::prf(matched.len(), claims.len(), key_claims.len());
    Comparison {
        article_id,
        title,
        annotator: annotator.to_string(),
        key: key.to_string(),
        precision,
        recall,
        f1,
        agreement: Agreements::of(&matched),
        matched,
        missed,
        extra,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("kappa defined");
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn kappa_of_perfect_agreement_is_one() {
        close(cohen_kappa(&[("a", "a"), ("b", "b"), ("a", "a")]), 1.0);
    }

    #[test]
    fn kappa_by_hand() {
        // 10 items: both "y" 4, both "n" 3, left y/right n 2, left n/right y 1.
        // po = 7/10; left y = 6/10, right y = 5/10; pe = .6*.5 + .4*.5 = .5;
        // kappa = (.7 - .5) / .5 = 0.4.
        let mut pairs = vec![("y", "y"); 4];
        pairs.extend(vec![("n", "n"); 3]);
        pairs.extend(vec![("y", "n"); 2]);
        pairs.push(("n", "y"));
        close(cohen_kappa(&pairs), 0.4);
    }

    #[test]
    fn kappa_of_systematic_disagreement_is_negative() {
        // po = 0; pe = .5*.5 + .5*.5 = .5; kappa = -1.
        close(cohen_kappa(&[("a", "b"), ("b", "a")]), -1.0);
        // Three labels: po = 1/3, left a,b,c each 1/3, right a,a,b:
        // pe = 1/3*2/3 + 1/3*1/3 + 0 = 1/3; kappa = 0.
        close(cohen_kappa(&[("a", "a"), ("b", "a"), ("c", "b")]), 0.0);
    }

    #[test]
    fn kappa_is_undefined_without_pairs_or_when_chance_agreement_is_one() {
        assert_eq!(cohen_kappa::<&str>(&[]), None);
        // Both raters always say "named": po = pe = 1, kappa = 0/0.
        assert_eq!(cohen_kappa(&[("named", "named"), ("named", "named")]), None);
    }

    fn brief(source: &str) -> Brief {
        Brief {
            number: 1,
            id: 1,
            source: source.into(),
            identity: Identity::Named,
            role: Role::Official,
            form: Form::Paraphrase,
            hedged: false,
            via: None,
            mention: None,
            cue: None,
            content: None,
            mention_start: None,
            mention_end: None,
            cue_start: None,
            cue_end: None,
            content_start: None,
            content_end: None,
        }
    }

    #[test]
    fn sources_are_the_same_person_or_body() {
        let same = |a: &str, b: &str| same_source(&brief(a), &brief(b));
        assert!(same("Claudia Sheinbaum", "Sheinbaum"));
        assert!(same("Sheinbaum", "claudia sheinbaum"));
        assert!(same("the Pentagon", "Pentagon"));
        assert!(same("Pentagon figures", "the Pentagon"));
        assert!(same("U.S. officials in Washington", "officials"));
        assert!(same("NBC News's", "NBC News"));
        assert!(!same(
            "Officials",
            "a senior official in the Trump administration"
        ));
        assert!(!same("Donald Trump", "Claudia Sheinbaum"));
        assert!(!same("reports", "Reuters"));
    }

    #[test]
    fn agreement_per_label_with_reasons_when_kappa_is_undefined() {
        let pair = |a: Identity, b: Identity, src: (&str, &str)| {
            let mut claim = brief(src.0);
            claim.identity = a;
            let mut key = brief(src.1);
            key.identity = b;
            let same_source = same_source(&claim, &key);
            Pair {
                claim,
                key,
                same_source,
            }
        };
        use Identity::*;
        // 3 of 4 right on identity: po = .75; claim named 2, anonymous 2; key named 3,
        // anonymous 1: pe = .5*.75 + .5*.25 = .5; kappa = .25 / .5 = 0.5.
        let pairs = [
            pair(Named, Named, ("Ana Ruiz", "Ruiz")),
            pair(Named, Named, ("Bo", "Bo")),
            pair(Anonymous, Named, ("officials", "Cy")),
            pair(Anonymous, Anonymous, ("aides", "aides")),
        ];
        let a = Agreements::of(&pairs);
        assert_eq!(a.identity.share, Share::of(3, 4));
        assert_eq!(a.identity.share.percent, Some(75.0));
        close(a.identity.kappa, 0.5);
        assert_eq!(a.source.agree, 3);
        // every role "official" on both sides: 100% agreement, kappa undefined
        assert_eq!(a.role.share.percent, Some(100.0));
        assert_eq!((a.role.kappa, a.role.kappa_note), (None, Some(ONE_LABEL)));
        let none = Agreements::of(&[]);
        assert_eq!(none.form.share.percent, None);
        assert_eq!(none.form.kappa_note, Some(NO_PAIRS));
        // the differences of the third pair: source and identity
        let d = pairs[2].differences();
        assert_eq!(
            d.iter().map(|(l, _, _)| *l).collect::<Vec<_>>(),
            ["source", "identity"]
        );
        assert_eq!(d[1], ("identity", "anonymous".into(), "named".into()));
    }
}
