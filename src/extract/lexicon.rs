//! The word lists of the engine, loaded once from the reviewed data files in `lexicon/`.
//!
//! Every list is one entry a line, `#` starts a comment. Each word gets a set of class bits,
//! so the tokenizer looks a word up once and the rules test bits.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// A reporting verb of speech or writing ("said", "told", "denied").
pub const SAY: u64 = 1 << 0;
/// A verb that reports speech only with a quotation in its content ("called").
pub const WEAK: u64 = 1 << 1;
/// A reporting verb that takes the hearer before the content ("told NBC that").
pub const TELL: u64 = 1 << 2;
/// A reporting verb that distances the writer ("claimed", "alleged").
pub const CLAIM: u64 = 1 << 3;
/// A verb of belief or expectation ("believes", "fears").
pub const BELIEF: u64 = 1 << 4;
/// A verb with which documents and data carry claims ("indicate", "show", "found").
pub const DATA: u64 = 1 << 5;
/// A document or data noun ("figures", "report", "study").
pub const DOC: u64 = 1 << 6;
/// A document noun that points to official statistics ("figures", "census").
pub const DOC_OFFICIAL: u64 = 1 << 7;
/// A hedge adverb ("reportedly").
pub const HEDGE: u64 = 1 << 8;
/// An auxiliary or adverb that may sit between a source and its verb.
pub const AUX: u64 = 1 << 9;
/// A determiner, quantifier or numeral word.
pub const DET: u64 = 1 << 10;
/// A word that cannot belong to a name even when capitalised.
pub const FUNC: u64 = 1 << 11;
/// A title or office word of an official.
pub const OFFICIAL: u64 = 1 << 12;
/// A government body or state.
pub const GOV: u64 = 1 << 13;
/// A news outlet or a word that makes a name an outlet.
pub const OUTLET: u64 = 1 << 14;
/// A common noun for the press and its people.
pub const MEDIA: u64 = 1 << 15;
/// A source that names no agent but stands for the press ("reports").
pub const UNSPEC_MEDIA: u64 = 1 << 16;
/// An expert noun.
pub const EXPERT: u64 = 1 << 17;
/// A noun for ordinary people.
pub const PUBLIC: u64 = 1 << 18;
/// An organization word.
pub const ORG: u64 = 1 << 19;
/// A head that points to an unnamed person or group.
pub const ANON: u64 = 1 << 20;
/// A modifier allowed inside a source description.
pub const ADJ: u64 = 1 << 21;
/// A noun of a speech act ("statement", "interview").
pub const NOUN_CUE: u64 = 1 << 22;
/// A verb that passes on another source's words ("citing").
pub const CITE: u64 = 1 << 23;

/// A verb form that is as often a noun ("claims", "estimate").
pub const NOUNY: u64 = 1 << 24;

/// A passive reporting verb that stands for an unnamed source ("is said to").
pub const PASSIVE: u64 = 1 << 25;

/// The first word of a multiword cue ("pointed out", "went on to say"): a cue only when the
/// rest of its phrase follows (`Lexicon::phrase_at`).
pub const PHRASE: u64 = 1 << 26;

/// A reporting verb whose content may be its object phrase ("compared X to Y").
pub const OBJ: u64 = 1 << 27;

/// An object cue whose object phrase must say what it is taken as ("pointed to weak demand
/// as the cause"): without "as", "that" or a quotation the phrase is a gesture.
pub const OBJ_AS: u64 = 1 << 30;

/// A reporting verb that reports only with a clause or quotation after it ("added that").
pub const CLAUSE: u64 = 1 << 31;

/// A noun of a claim that takes a "that" clause ("her claim that …").
pub const CLAIM_NOUN: u64 = 1 << 32;

/// A time word or sentence adverb that may stand between a source and its verb.
pub const TIME: u64 = 1 << 28;

/// A unit after "last", "this" or "next" in a time phrase ("last week").
pub const TIME_UNIT: u64 = 1 << 29;

/// Any class of word that may start a rule: the sentences holding one are tagged.
pub const CUE_WORDS: u64 = SAY
    | WEAK
    | TELL
    | CLAIM
    | BELIEF
    | DATA
    | HEDGE
    | NOUN_CUE
    | CITE
    | PASSIVE
    | PHRASE
    | CLAIM_NOUN;

/// A noun for a person, a group or a body that can be a source.
pub const SOURCE_NOUNS: u64 = OFFICIAL | GOV | OUTLET | MEDIA | EXPERT | PUBLIC | ORG | ANON;

/// Any class that can head or modify a description of a source.
pub const NOUNISH: u64 =
    OFFICIAL | GOV | OUTLET | MEDIA | EXPERT | PUBLIC | ORG | ANON | DOC | ADJ | UNSPEC_MEDIA;

/// A closed list of words, looked up by their lowercase form.
pub struct WordList(Vec<String>);

impl WordList {
    fn load(list: &'static str) -> WordList {
        WordList(entries(list).map(str::to_lowercase).collect())
    }

    /// The list holds this lowercase word.
    pub fn has(&self, lower: &str) -> bool {
        self.0.iter().any(|w| w == lower)
    }
}

/// A longer closed list, looked up by hashing.
pub struct WordSet(FxHashSet<String>);

impl WordSet {
    fn load(list: &'static str) -> WordSet {
        WordSet(entries(list).map(str::to_lowercase).collect())
    }

    /// The set holds this lowercase word.
    pub fn has(&self, lower: &str) -> bool {
        self.0.contains(lower)
    }
}

/// The loaded word lists.
pub struct Lexicon {
    words: FxHashMap<String, u64>,
    /// Passive reporting verbs and the source they imply ("said" → "reports").
    pub hedge_passives: FxHashMap<String, String>,
    /// Multiword phrases that mark a source as unnamed, as lowercase word sequences.
    pub anonymity_phrases: Vec<Vec<String>>,
    /// Multiword cues: the forms of the first word, the words after it, and the class bits
    /// the phrase gives (`SAY`, or `SAY | OBJ`).
    pub cue_phrases: Vec<CuePhrase>,
    /// Closed classes of grammar words the rules test by position.
    pub pronouns: WordList,
    pub be_forms: WordList,
    pub cue_auxiliaries: WordList,
    pub possessives: WordList,
    pub prepositions: WordList,
    pub hearers: WordList,
    pub name_particles: WordList,
    pub name_suffixes: WordList,
    pub name_prefixes: WordList,
    pub title_abbreviations: WordList,
    /// Words whose dot does not end a sentence before a capitalised word ("Dr.", "Inc.").
    pub abbreviations: WordSet,
    pub company_suffixes: WordList,
    pub negations: WordList,
    pub modals: WordList,
    pub participle_conjunctions: WordList,
    pub coordinators: WordList,
    pub relatives: WordList,
    pub cue_blockers: WordList,
    pub belief_noun_markers: WordList,
    pub example_markers: WordList,
    pub indefinite_articles: WordList,
    pub name_connectors: WordList,
    pub name_glue: WordList,
    pub honorifics: WordList,
    pub description_words: WordList,
    pub affiliation_prepositions: WordList,
    pub gendered_pronouns: WordList,
    pub title_prepositions: WordList,
    pub adjunct_prepositions: WordList,
    pub time_prepositions: WordList,
    pub person_relatives: WordList,
    pub clause_conjunctions: WordList,
    pub floating_quantifiers: WordList,
    pub frequency_adverbs: WordList,
    /// Adverbs of time that may open an apposition (", formerly an Acme executive,").
    pub apposition_adverbs: WordList,
    /// Nouns that make a reporting word before them part of a compound ("think tank").
    pub compound_heads: WordList,
    /// Verbs whose content is what they accuse someone of ("accused X of …").
    pub accusation_verbs: WordList,
    pub clause_openers: WordList,
    pub object_pronouns: WordList,
    pub possessive_markers: WordList,
    pub speaker_label_words: WordList,
    pub singular_person_pronouns: WordList,
    pub definite_determiners: WordList,
    pub anonymity_adjectives: WordList,
    pub governments: WordList,
    pub author_prepositions: WordList,
    pub web_domains: WordList,
    pub name_links: WordList,
    pub place_prepositions: WordList,
    pub place_nouns: WordList,
    pub dangling_ends: WordList,
    pub time_determiners: WordList,
    pub measure_nouns: WordList,
    pub access_participles: WordList,
    pub quantity_words: WordList,
    pub head_ends: WordList,
    /// Nouns of people that take "to" for whose they are ("an aide to the governor").
    pub to_nouns: WordList,
    /// Participles that make people insiders ("people briefed on the talks").
    pub insider_participles: WordList,
    pub group_people_nouns: WordList,
    pub outlet_nouns: WordList,
    pub leading_verbs: WordList,
    pub place_name_ends: WordList,
    pub subject_openers: WordList,
}

/// A multiword reporting cue ("went on to say").
pub struct CuePhrase {
    pub first: Vec<String>,
    pub rest: Vec<String>,
    pub bits: u64,
}

impl Lexicon {
    /// The class bits of a lowercase word (0 when it is in no list).
    pub fn flags(&self, lower: &str) -> u64 {
        self.words.get(lower).copied().unwrap_or(0)
    }

    /// The class bits of a word written in lower case: as [`Lexicon::flags`], and a scholar
    /// of a field by the ending of the word ("toxicologist", "hydrologists") is an expert
    /// though no list names them all (a capitalised "Scientologist" is no scholar).
    pub fn flags_lowercase(&self, lower: &str) -> u64 {
        match self.words.get(lower) {
            Some(&f) => f,
            None if lower.ends_with("ologist") || lower.ends_with("ologists") => EXPERT,
            None => 0,
        }
    }

    /// The multiword cue that starts with `first` and continues with the words `next`
    /// gives (lowercase): its length in words after the first, and its class bits.
    pub fn phrase_at<'w>(
        &self,
        first: &str,
        next: impl Fn(usize) -> Option<&'w str>,
    ) -> Option<(usize, u64)> {
        self.cue_phrases
            .iter()
            .filter(|p| p.first.iter().any(|f| f == first))
            .find(|p| {
                p.rest
                    .iter()
                    .enumerate()
                    .all(|(k, w)| next(k) == Some(w.as_str()))
            })
            .map(|p| (p.rest.len(), p.bits))
    }
}

/// The entries of a list: trimmed lines without comments and blanks.
fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

/// The regular forms of a verb lemma: itself, -s, -ed, -ing.
fn regular_forms(lemma: &str) -> Vec<String> {
    let consonant_y =
        lemma.ends_with('y') && !lemma[..lemma.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    let third = if consonant_y {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else if lemma.ends_with(['s', 'x', 'z']) || lemma.ends_with("ch") || lemma.ends_with("sh") {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    let past = if consonant_y {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else if lemma.ends_with('e') {
        format!("{lemma}d")
    } else {
        format!("{lemma}ed")
    };
    let ing = if lemma.ends_with('e') && !lemma.ends_with("ee") {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ing")
    };
    vec![lemma.to_string(), third, past, ing]
}

/// All forms of the verbs in a list: explicit forms when given, else the regular ones.
fn verb_forms(list: &'static str) -> Vec<String> {
    let mut out = Vec::new();
    for line in entries(list) {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.len() > 1 {
            out.extend(parts.iter().map(|p| p.to_string()));
        } else {
            out.extend(regular_forms(parts[0]));
        }
    }
    out
}

fn build() -> Lexicon {
    let mut words: FxHashMap<String, u64> = FxHashMap::default();
    let mut add = |w: &str, bit: u64| {
        *words.entry(w.to_lowercase()).or_insert(0) |= bit;
    };
    for f in verb_forms(include_str!("lexicon/reporting_verbs.txt")) {
        add(&f, SAY);
    }
    for f in verb_forms(include_str!("lexicon/weak_verbs.txt")) {
        add(&f, WEAK);
    }
    for f in verb_forms(include_str!("lexicon/clause_verbs.txt")) {
        add(&f, CLAUSE);
    }
    for f in verb_forms(include_str!("lexicon/object_verbs.txt")) {
        add(&f, SAY | OBJ);
    }
    let cue_phrases: Vec<CuePhrase> = entries(include_str!("lexicon/cue_phrases.txt"))
        .map(|l| {
            let parts: Vec<&str> = l.split('|').map(str::trim).collect();
            let words = |k: usize| -> Vec<String> {
                parts
                    .get(k)
                    .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
                    .unwrap_or_default()
            };
            let bits = match parts.first() {
                Some(&"object") => SAY | OBJ,
                Some(&"object-as") => SAY | OBJ | OBJ_AS,
                _ => SAY,
            };
            CuePhrase {
                first: words(1),
                rest: words(2),
                bits,
            }
        })
        .collect();
    for p in &cue_phrases {
        for f in &p.first {
            add(f, PHRASE);
        }
    }
    let plain: [(&'static str, u64); 25] = [
        (include_str!("lexicon/claim_nouns.txt"), CLAIM_NOUN),
        (include_str!("lexicon/time_words.txt"), TIME),
        (include_str!("lexicon/time_units.txt"), TIME_UNIT),
        (include_str!("lexicon/tell_verbs.txt"), TELL),
        (include_str!("lexicon/claim_verbs.txt"), CLAIM | SAY),
        (include_str!("lexicon/belief_verbs.txt"), BELIEF),
        (include_str!("lexicon/data_verbs.txt"), DATA),
        (include_str!("lexicon/document_nouns.txt"), DOC),
        (include_str!("lexicon/official_documents.txt"), DOC_OFFICIAL),
        (include_str!("lexicon/hedges.txt"), HEDGE),
        (include_str!("lexicon/auxiliaries.txt"), AUX),
        (include_str!("lexicon/determiners.txt"), DET),
        (include_str!("lexicon/function_words.txt"), FUNC),
        (include_str!("lexicon/official_titles.txt"), OFFICIAL),
        (include_str!("lexicon/government_bodies.txt"), GOV),
        (include_str!("lexicon/countries.txt"), GOV),
        (include_str!("lexicon/outlets.txt"), OUTLET),
        (include_str!("lexicon/media_nouns.txt"), MEDIA),
        (include_str!("lexicon/unspecified_media.txt"), UNSPEC_MEDIA),
        (include_str!("lexicon/expert_nouns.txt"), EXPERT),
        (include_str!("lexicon/public_nouns.txt"), PUBLIC),
        (include_str!("lexicon/organization_words.txt"), ORG),
        (include_str!("lexicon/anonymous_nouns.txt"), ANON),
        (include_str!("lexicon/np_adjectives.txt"), ADJ),
        (include_str!("lexicon/noun_cues.txt"), NOUN_CUE),
    ];
    for (list, bit) in plain {
        for w in entries(list) {
            add(w, bit);
        }
    }
    for w in entries(include_str!("lexicon/noun_homographs.txt")) {
        add(w, NOUNY);
    }
    for w in entries(include_str!("lexicon/cite_verbs.txt")) {
        add(w, CITE);
    }
    for l in entries(include_str!("lexicon/hedge_passives.txt")) {
        add(l.split_whitespace().next().unwrap_or(""), PASSIVE);
    }
    let hedge_passives = entries(include_str!("lexicon/hedge_passives.txt"))
        .map(|l| {
            let mut parts = l.split_whitespace();
            let verb = parts
                .next()
                .expect("a hedge passive line starts with a verb");
            let source = parts.next().unwrap_or("unspecified");
            (verb.to_string(), source.to_string())
        })
        .collect();
    let anonymity_phrases = entries(include_str!("lexicon/anonymity_phrases.txt"))
        .map(|l| l.split_whitespace().map(str::to_lowercase).collect())
        .collect();
    Lexicon {
        words,
        hedge_passives,
        anonymity_phrases,
        cue_phrases,
        pronouns: WordList::load(include_str!("lexicon/pronouns.txt")),
        be_forms: WordList::load(include_str!("lexicon/be_forms.txt")),
        cue_auxiliaries: WordList::load(include_str!("lexicon/cue_auxiliaries.txt")),
        possessives: WordList::load(include_str!("lexicon/possessives.txt")),
        prepositions: WordList::load(include_str!("lexicon/prepositions.txt")),
        hearers: WordList::load(include_str!("lexicon/hearers.txt")),
        name_particles: WordList::load(include_str!("lexicon/name_particles.txt")),
        name_suffixes: WordList::load(include_str!("lexicon/name_suffixes.txt")),
        name_prefixes: WordList::load(include_str!("lexicon/name_prefixes.txt")),
        title_abbreviations: WordList::load(include_str!("lexicon/title_abbreviations.txt")),
        abbreviations: WordSet::load(include_str!("lexicon/abbreviations.txt")),
        company_suffixes: WordList::load(include_str!("lexicon/company_suffixes.txt")),
        negations: WordList::load(include_str!("lexicon/negations.txt")),
        modals: WordList::load(include_str!("lexicon/modals.txt")),
        participle_conjunctions: WordList::load(include_str!(
            "lexicon/participle_conjunctions.txt"
        )),
        coordinators: WordList::load(include_str!("lexicon/coordinators.txt")),
        relatives: WordList::load(include_str!("lexicon/relatives.txt")),
        cue_blockers: WordList::load(include_str!("lexicon/cue_blockers.txt")),
        belief_noun_markers: WordList::load(include_str!("lexicon/belief_noun_markers.txt")),
        example_markers: WordList::load(include_str!("lexicon/example_markers.txt")),
        indefinite_articles: WordList::load(include_str!("lexicon/indefinite_articles.txt")),
        name_connectors: WordList::load(include_str!("lexicon/name_connectors.txt")),
        name_glue: WordList::load(include_str!("lexicon/name_glue.txt")),
        honorifics: WordList::load(include_str!("lexicon/honorifics.txt")),
        description_words: WordList::load(include_str!("lexicon/description_words.txt")),
        affiliation_prepositions: WordList::load(include_str!(
            "lexicon/affiliation_prepositions.txt"
        )),
        gendered_pronouns: WordList::load(include_str!("lexicon/gendered_pronouns.txt")),
        title_prepositions: WordList::load(include_str!("lexicon/title_prepositions.txt")),
        adjunct_prepositions: WordList::load(include_str!("lexicon/adjunct_prepositions.txt")),
        time_prepositions: WordList::load(include_str!("lexicon/time_prepositions.txt")),
        person_relatives: WordList::load(include_str!("lexicon/person_relatives.txt")),
        clause_conjunctions: WordList::load(include_str!("lexicon/clause_conjunctions.txt")),
        floating_quantifiers: WordList::load(include_str!("lexicon/floating_quantifiers.txt")),
        frequency_adverbs: WordList::load(include_str!("lexicon/frequency_adverbs.txt")),
        apposition_adverbs: WordList::load(include_str!("lexicon/apposition_adverbs.txt")),
        compound_heads: WordList::load(include_str!("lexicon/compound_heads.txt")),
        accusation_verbs: WordList::load(include_str!("lexicon/accusation_verbs.txt")),
        clause_openers: WordList::load(include_str!("lexicon/clause_openers.txt")),
        object_pronouns: WordList::load(include_str!("lexicon/object_pronouns.txt")),
        possessive_markers: WordList::load(include_str!("lexicon/possessive_markers.txt")),
        speaker_label_words: WordList::load(include_str!("lexicon/speaker_label_words.txt")),
        singular_person_pronouns: WordList::load(include_str!(
            "lexicon/singular_person_pronouns.txt"
        )),
        definite_determiners: WordList::load(include_str!("lexicon/definite_determiners.txt")),
        anonymity_adjectives: WordList::load(include_str!("lexicon/anonymity_adjectives.txt")),
        governments: WordList::load(include_str!("lexicon/governments.txt")),
        author_prepositions: WordList::load(include_str!("lexicon/author_prepositions.txt")),
        web_domains: WordList::load(include_str!("lexicon/web_domains.txt")),
        name_links: WordList::load(include_str!("lexicon/name_links.txt")),
        place_prepositions: WordList::load(include_str!("lexicon/place_prepositions.txt")),
        place_nouns: WordList::load(include_str!("lexicon/place_nouns.txt")),
        dangling_ends: WordList::load(include_str!("lexicon/dangling_ends.txt")),
        time_determiners: WordList::load(include_str!("lexicon/time_determiners.txt")),
        measure_nouns: WordList::load(include_str!("lexicon/measure_nouns.txt")),
        access_participles: WordList::load(include_str!("lexicon/access_participles.txt")),
        quantity_words: WordList::load(include_str!("lexicon/quantity_words.txt")),
        head_ends: WordList::load(include_str!("lexicon/head_ends.txt")),
        to_nouns: WordList::load(include_str!("lexicon/to_nouns.txt")),
        insider_participles: WordList::load(include_str!("lexicon/insider_participles.txt")),
        group_people_nouns: WordList::load(include_str!("lexicon/group_people_nouns.txt")),
        outlet_nouns: WordList::load(include_str!("lexicon/outlet_nouns.txt")),
        leading_verbs: WordList::load(include_str!("lexicon/leading_verbs.txt")),
        place_name_ends: WordList::load(include_str!("lexicon/place_name_ends.txt")),
        subject_openers: WordList::load(include_str!("lexicon/subject_openers.txt")),
    }
}

/// The word lists, built on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_and_irregular_forms_are_generated() {
        let lex = &*LEXICON;
        for w in [
            "said",
            "says",
            "told",
            "denied",
            "stressed",
            "tweeted",
            "testified",
            "noting",
        ] {
            assert!(lex.flags(w) & SAY != 0, "{w} should be a reporting verb");
        }
        assert!(lex.flags("claimed") & CLAIM != 0);
        assert_eq!(lex.flags("table"), 0);
    }

    #[test]
    fn classes_come_from_their_lists() {
        let lex = &*LEXICON;
        assert!(lex.flags("spokeswoman") & OFFICIAL != 0);
        assert!(lex.flags("pentagon") & GOV != 0);
        assert!(lex.flags("reuters") & OUTLET != 0);
        assert!(lex.flags("professor") & EXPERT != 0);
        assert!(lex.flags("residents") & PUBLIC != 0);
        assert!(lex.flags("reportedly") & HEDGE != 0);
        assert!(lex.flags("figures") & DOC != 0);
        assert_eq!(
            lex.hedge_passives.get("said").map(String::as_str),
            Some("reports")
        );
        assert!(lex
            .anonymity_phrases
            .iter()
            .any(|p| p.join(" ") == "people familiar with"));
    }
}
