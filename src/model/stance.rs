//! The stance of an attribution's cue: `neutral` ("said", "told", "according to") or
//! `loaded` ("claimed", "admitted", "insisted"): a word that tilts the reader. It is read
//! from the cue's words alone, against the reviewed list `src/extract/lexicon/loaded_cues.txt`
//! (whose header says where the list comes from), so the engine's claims and hand-recorded
//! ones get it the same way.

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

/// How the cue's wording leans.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// A plain word of attribution ("said", "told", "according to"), or no cue at all.
    #[default]
    Neutral,
    /// A word that casts doubt, implies guilt, presents the claim as fact or colours the
    /// speaker ("claimed", "admitted", "noted", "boasted").
    Loaded,
}

label_text!(Stance { Neutral => "neutral", Loaded => "loaded" });

/// The loaded words and phrases, lowercase.
struct LoadedCues {
    words: FxHashSet<String>,
    /// Multiword cues: the forms of the first word and the words after it.
    phrases: Vec<(Vec<String>, Vec<String>)>,
}

fn load() -> LoadedCues {
    let mut words = FxHashSet::default();
    let mut phrases = Vec::new();
    let list = include_str!("../extract/lexicon/loaded_cues.txt");
    for line in list.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (forms, rest) = line.split_once('|').unwrap_or((line, ""));
        let forms: Vec<String> = forms.split_whitespace().map(str::to_lowercase).collect();
        let rest: Vec<String> = rest.split_whitespace().map(str::to_lowercase).collect();
        if rest.is_empty() {
            words.extend(forms);
        } else {
            phrases.push((forms, rest));
        }
    }
    LoadedCues { words, phrases }
}

static LOADED: LazyLock<LoadedCues> = LazyLock::new(load);

impl Stance {
    /// The stance of a cue as written ("has admitted", "pointed out", "According to"): loaded
    /// when it holds a loaded word or phrase as whole words, else neutral.
    pub fn of_cue(cue: &str) -> Stance {
        // a word already in lower-case ASCII is compared as written
        let words: Vec<Cow<str>> = cue
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
            .filter(|w| !w.is_empty())
            .map(|w| {
                if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                    Cow::Borrowed(w)
                } else {
                    Cow::Owned(w.to_lowercase())
                }
            })
            .collect();
        let loaded = &*LOADED;
        let hit = words.iter().enumerate().any(|(i, w)| {
            loaded.words.contains(w.as_ref())
                || loaded.phrases.iter().any(|(first, rest)| {
                    first.iter().any(|f| f == w)
                        && rest
                            .iter()
                            .enumerate()
                            .all(|(k, r)| words.get(i + 1 + k).is_some_and(|x| x == r))
                })
        });
        if hit {
            Stance::Loaded
        } else {
            Stance::Neutral
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_of_attribution_are_neutral() {
        for cue in [
            "said",
            "told",
            "stated",
            "according to",
            "According to",
            "wrote",
            "described",
            "in a statement",
            "pointed to",
            "",
        ] {
            assert_eq!(Stance::of_cue(cue), Stance::Neutral, "{cue:?}");
        }
    }

    #[test]
    fn words_that_tilt_the_reader_are_loaded_in_every_form() {
        for cue in [
            "claimed",
            "Claims",
            "has admitted",
            "insisted",
            "conceded",
            "boasted",
            "alleged",
            "confessed",
            "is alleged to",
            "denied",
            "noted",
            "pointed out",
            "Pointing out",
            "went on to claim",
            "her allegation",
        ] {
            assert_eq!(Stance::of_cue(cue), Stance::Loaded, "{cue:?}");
        }
    }

    #[test]
    fn only_whole_words_count() {
        // "claimant" holds "claim", "denotes" holds "note": neither is the word
        assert_eq!(Stance::of_cue("the claimant said"), Stance::Neutral);
        assert_eq!(Stance::of_cue("denotes"), Stance::Neutral);
        // "out" must follow "pointed" for the phrase
        assert_eq!(Stance::of_cue("pointed"), Stance::Neutral);
        assert_eq!(Stance::of_cue("pointed out"), Stance::Loaded);
    }
}
