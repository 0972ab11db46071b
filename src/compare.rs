//! Comparing one annotator's claims with a key (another annotator, or `auto` for the engine):
//! the matching rule of `eval` ([`crate::eval::align`]), precision, recall and F1, and Cohen's
//! kappa on identity and role over the matched pairs.

use std::collections::HashMap;
use std::hash::Hash;

use serde::Serialize;

use crate::eval;
use crate::model::{Claim, Form, Identity, Role};

/// A claim as a comparison shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Brief {
    pub id: i64,
    pub source: String,
    pub identity: Identity,
    pub role: Role,
    pub form: Form,
    pub cue: Option<String>,
    pub content: Option<String>,
}

impl From<&Claim> for Brief {
    fn from(c: &Claim) -> Self {
        let a = &c.attribution;
        Brief {
            id: c.id,
            source: a.source.clone(),
            identity: a.identity,
            role: a.role,
            form: a.form,
            cue: a.cue.as_ref().map(|s| s.text.clone()),
            content: a.content.as_ref().map(|s| s.text.clone()),
        }
    }
}

/// A claim of the annotator matched with a claim of the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    pub claim: Brief,
    pub key: Brief,
}

/// One annotator compared with a key on one article. Kappas are `None` (JSON `null`) when
/// undefined: no matched pairs, or chance agreement of 1 (see [`cohen_kappa`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub article_id: i64,
    pub title: Option<String>,
    pub annotator: String,
    pub key: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub identity_kappa: Option<f64>,
    pub role_kappa: Option<f64>,
    /// Matched pairs, in the key's text order.
    pub matched: Vec<Pair>,
    /// The key's claims the annotator did not make.
    pub missed: Vec<Brief>,
    /// The annotator's claims the key does not have.
    pub extra: Vec<Brief>,
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

/// Compare `claims` (of `annotator`) with `key_claims` (of `key`) on one article.
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
        match hit {
            Some(pi) => {
                used[pi] = true;
                matched.push(Pair {
                    claim: Brief::from(&claims[pi]),
                    key: Brief::from(&key_claims[gi]),
                });
            }
            None => missed.push(Brief::from(&key_claims[gi])),
        }
    }
    let extra: Vec<Brief> = claims
        .iter()
        .zip(&used)
        .filter(|(_, &u)| !u)
        .map(|(c, _)| Brief::from(c))
        .collect();
    let (precision, recall, f1) = eval::prf(matched.len(), claims.len(), key_claims.len());
    let identities: Vec<_> = matched
        .iter()
        .map(|p| (p.claim.identity, p.key.identity))
        .collect();
    let roles: Vec<_> = matched.iter().map(|p| (p.claim.role, p.key.role)).collect();
    Comparison {
        article_id,
        title,
        annotator: annotator.to_string(),
        key: key.to_string(),
        precision,
        recall,
        f1,
        identity_kappa: cohen_kappa(&identities),
        role_kappa: cohen_kappa(&roles),
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
}
