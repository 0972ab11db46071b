//! The article's entity table: every person and organisation it names, built in one pass
//! before labelling, with their names, titles, gender, affiliation and role; later mentions
//! (surnames, initials, titles) link to their entity.

use super::doc::{Doc, Kind, Tok};
use super::lexicon::*;
use super::tagger::Upos;
use crate::model::Role;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EKind {
    Person,
    Org,
    Unknown,
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub name: String,
    pub kind: EKind,
    pub role: Option<Role>,
    pub role_why: String,
    /// Lowercase title and institution words said of the entity ("president", "company").
    pub titles: Vec<String>,
    pub female: Option<bool>,
    pub words: Vec<String>,
    /// Has been the source of an attribution or carries a title: a likely antecedent.
    pub salient: bool,
    /// Used as a place ("in New Zealand", "New Zealand's government"): never "he" or "she".
    pub place: bool,
    /// The name opens with a first name a person carries ("Maria Okafor").
    pub first_name: bool,
    /// Described as a person somewhere: a title, an honorific or an apposition ("her
    /// deputy, Alasdair Kerr").
    pub described: bool,
}

impl Entity {
    /// Whether a pronoun of the sex `female` (none: "they", "it") may stand for the entity:
    /// its sex is unknown or the same.
    pub fn sex_agrees(&self, female: Option<bool>) -> bool {
        female.is_none() || self.female.is_none() || self.female == female
    }
}

/// One mention of an entity: the token range of its name.
#[derive(Debug, Clone, Copy)]
pub struct Seen {
    pub start: usize,
    pub end: usize,
    pub ent: usize,
}

/// The word lists of the entity table, loaded once from `lexicon/`.
pub struct Lists {
    /// First names and honorific or kin words by sex: `true` for female.
    pub first_names: FxHashMap<&'static str, bool>,
    pub gender_words: FxHashMap<&'static str, bool>,
    /// Titles that take their role from the body the holder speaks for.
    pub affiliated: FxHashSet<&'static str>,
    /// Posts of companies, unions, teams and groups.
    pub org_people: FxHashSet<&'static str>,
    /// Words that make a body political (its people are officials).
    pub political: FxHashSet<&'static str>,
    /// Evidence that a body is a company.
    pub company: FxHashSet<&'static str>,
    /// Words that make a title an expert's.
    pub expert_fields: FxHashSet<&'static str>,
    /// Words that make an institution's name governmental.
    pub central: FxHashSet<&'static str>,
    /// Titles of the head of a government ("president"): such a title may name the person
    /// whose administration the text names.
    pub head_titles: FxHashSet<&'static str>,
    /// Bodies of states acting together, by exact name ("WHO", "World Bank").
    pub intergovernmental: FxHashSet<&'static str>,
    pub central_banks: FxHashSet<&'static str>,
    /// Countries by their common names ("Kenya").
    pub countries: FxHashSet<&'static str>,
    /// Members of a party as a title ("Republican Wade Kimbrough").
    pub party_members: FxHashSet<&'static str>,
    /// Seats of government by their exact names ("White House").
    pub government_names: FxHashSet<&'static str>,
    /// Ends of names that make a body an organization ("Chamber of Commerce").
    pub organization_name_ends: Vec<&'static str>,
    /// Common nouns for institutions ("court", "police").
    pub common_institutions: FxHashSet<&'static str>,
    /// Bodies of scholars ("Institute", "University").
    pub expert_bodies: FxHashSet<&'static str>,
    /// Words that make a capitalised name a company's ("Northgate Energy").
    pub company_names: FxHashSet<&'static str>,
    /// Words that open many bodies' names and name none alone ("New", "National").
    pub generic_openers: FxHashSet<&'static str>,
    /// Words that make a company-like body a house of experts ("Research", "Analytics").
    pub expert_names: FxHashSet<&'static str>,
    /// Verbs of an expert's work in a relative clause ("who covers software stocks").
    pub expert_work: FxHashSet<&'static str>,
    /// Words of team sport ("coach", "match").
    pub sports: FxHashSet<&'static str>,
    /// Titles of public office that hold whatever body the holder also leads ("Sen.").
    pub office_holders: FxHashSet<&'static str>,
    /// States of the United States by single-word names ("Ohio").
    pub us_states: FxHashSet<&'static str>,
    /// Units of local and state government whose posts are public offices ("city manager").
    pub local_governments: FxHashSet<&'static str>,
    /// Abbreviated titles and the words later mentions use for them ("gov" → "governor").
    pub title_expansions: FxHashMap<&'static str, &'static str>,
    /// Phrases that say why a source is not named, by first word, longest first.
    pub reasons: FxHashMap<&'static str, Vec<Vec<&'static str>>>,
}

fn lines(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
}

fn build_lists() -> Lists {
    let mut first_names = FxHashMap::default();
    for n in lines(include_str!("lexicon/names/male.txt")) {
        first_names.insert(n, false);
    }
    for n in lines(include_str!("lexicon/names/female.txt")) {
        first_names.insert(n, true);
    }
    let gender_words = lines(include_str!("lexicon/gender_words.txt"))
        .filter_map(|l| {
            let (w, sex) = l.split_once(' ')?;
            Some((w, sex.trim() == "female"))
        })
        .collect();
    let set = |l: &'static str| lines(l).collect::<FxHashSet<_>>();
    let mut reasons: FxHashMap<&'static str, Vec<Vec<&'static str>>> = FxHashMap::default();
    for l in lines(include_str!("lexicon/anonymity_reasons.txt")) {
        let words: Vec<&'static str> = l.split_whitespace().collect();
        reasons.entry(words[0]).or_default().push(words);
    }
    for v in reasons.values_mut() {
        v.sort_by_key(|p| std::cmp::Reverse(p.len()));
    }
    Lists {
        first_names,
        gender_words,
        affiliated: set(include_str!("lexicon/affiliated_titles.txt")),
        org_people: set(include_str!("lexicon/organization_people.txt")),
        political: set(include_str!("lexicon/political_words.txt")),
        expert_bodies: set(include_str!("lexicon/expert_bodies.txt")),
        company: set(include_str!("lexicon/company_words.txt")),
        expert_fields: set(include_str!("lexicon/expert_fields.txt")),
        central: set(include_str!("lexicon/central_bank_words.txt")),
        head_titles: set(include_str!("lexicon/head_titles.txt")),
        intergovernmental: set(include_str!("lexicon/intergovernmental.txt")),
        central_banks: set(include_str!("lexicon/central_banks.txt")),
        countries: set(include_str!("lexicon/countries.txt")),
        party_members: set(include_str!("lexicon/party_members.txt")),
        government_names: set(include_str!("lexicon/government_names.txt")),
        organization_name_ends: lines(include_str!("lexicon/organization_name_ends.txt")).collect(),
        common_institutions: set(include_str!("lexicon/common_institution_nouns.txt")),
        company_names: set(include_str!("lexicon/company_name_words.txt")),
        generic_openers: set(include_str!("lexicon/generic_name_openers.txt")),
        sports: set(include_str!("lexicon/sports_words.txt")),
        expert_work: set(include_str!("lexicon/expert_work_verbs.txt")),
        expert_names: set(include_str!("lexicon/expert_name_words.txt")),
        local_governments: set(include_str!("lexicon/local_governments.txt")),
        office_holders: set(include_str!("lexicon/office_holder_titles.txt")),
        us_states: set(include_str!("lexicon/us_states.txt")),
        title_expansions: lines(include_str!("lexicon/title_expansions.txt"))
            .filter_map(|l| l.split_once(' ').map(|(a, w)| (a, w.trim())))
            .collect(),
        reasons,
    }
}

/// The entity word lists, built on first use.
pub static LISTS: LazyLock<Lists> = LazyLock::new(build_lists);

/// The fewest mentions that make a body the one an article speaks of.
/// The most words of a body's name read after a person's name ("of BGC Partners").
const MAX_BODY_WORDS: usize = 8;
const MIN_MAIN_BODY_MENTIONS: usize = 2;

/// The most plain words between a possessive and the post it owns ("the union's state
/// secretary").
const MAX_POST_MODIFIERS: usize = 2;

/// How many earlier name mentions a pronoun or title may reach back over.
const RECENT_WINDOW: usize = 40;

/// A word that names a person by their post, in capitals or not ("Gov.", "Chief
/// Executive", "coach"); no body's word ("the House").
fn person_title_word(t: &Tok) -> bool {
    (t.flags & (OFFICIAL | EXPERT | MEDIA | PUBLIC) != 0
        || LISTS.org_people.contains(t.lower.as_ref()))
        && t.flags & (GOV | OUTLET) == 0
}

/// The noun of a body ("group", "firm", "union").
fn body_noun(t: &Tok) -> bool {
    t.flags & ORG != 0 || LISTS.company.contains(t.lower.as_ref())
}

/// The length in tokens of the phrase that says why a source is not named starting at token
/// `k` ("asked not to be named", "requested anonymity"; "n't" counts as "not"), the longest
/// that matches.
pub fn reason_phrase_len(d: &Doc, k: usize) -> Option<usize> {
    let word = |i: usize| match d.toks.get(i).map_or("", |t| t.lower.as_ref()) {
        "n't" => "not",
        w => w,
    };
    LISTS
        .reasons
        .get(d.toks.get(k).map_or("", |t| t.lower.as_ref()))?
        .iter()
        .find(|p| p.iter().enumerate().all(|(n, w)| word(k + n) == *w))
        .map(Vec::len)
}

/// The sex a word shows of the person it is said of ("she", "Mrs", "spokesman").
pub fn gender_of(lower: &str) -> Option<bool> {
    LISTS.gender_words.get(lower).copied()
}

/// The role a token's words name: as [`word_role`], except that an outlet's name written in
/// lower case is a common word ("an economist", "the times").
pub fn token_role(t: &Tok) -> Option<Role> {
    word_role(if t.cap { t.flags } else { t.flags & !OUTLET })
}

pub fn word_role(flags: u64) -> Option<Role> {
    if flags & (OFFICIAL | GOV) != 0 {
        Some(Role::Official)
    } else if flags & (OUTLET | MEDIA | UNSPEC_MEDIA) != 0 {
        Some(Role::Media)
    } else if flags & EXPERT != 0 {
        Some(Role::Expert)
    } else if flags & ORG != 0 {
        Some(Role::Organization)
    } else if flags & PUBLIC != 0 {
        Some(Role::Public)
    } else {
        None
    }
}

/// The entity table of one article.
pub struct Entities<'d, 'a> {
    d: &'d Doc<'a>,
    pub ents: Vec<Entity>,
    /// Name mentions in text order.
    pub seen: Vec<Seen>,
    /// Entities by full name, by one part of a person's name, and by initials.
    by_name: FxHashMap<String, usize>,
    by_part: FxHashMap<String, usize>,
    by_initials: FxHashMap<String, usize>,
    /// Scratch buffer for the joined name key of a run.
    key_buf: String,
    /// The words the article writes in lower case, gathered after a few questions
    /// (`written_in_lower_case`), and the number of questions answered by a scan.
    common: std::cell::OnceCell<FxHashSet<&'a str>>,
    common_scans: std::cell::Cell<usize>,
    /// Whether the article is about a game, gathered when first asked.
    sports: std::cell::OnceCell<bool>,
}

impl<'d, 'a> Entities<'d, 'a> {
    /// Build the table: one pass over the capitalised runs of the text.
    pub fn build(d: &'d Doc<'a>) -> Self {
        let mut t = Entities {
            d,
            ents: Vec::new(),
            seen: Vec::new(),
            by_name: FxHashMap::default(),
            by_part: FxHashMap::default(),
            by_initials: FxHashMap::default(),
            key_buf: String::new(),
            common: std::cell::OnceCell::new(),
            common_scans: std::cell::Cell::new(0),
            sports: std::cell::OnceCell::new(),
        };
        t.scan_names();
        t.type_from_descriptions();
        t
    }

    /// The article writes `word` somewhere as a word without a capital. The first few
    /// questions are answered by a scan of the tokens (most articles ask only a few), the
    /// later ones from a set of those words built once.
    fn written_in_lower_case(&self, word: &str) -> bool {
        const SCANS: usize = 8;
        let in_lower_case = |t: &Tok| t.kind == Kind::Word && !t.cap;
        if self.common.get().is_none() && self.common_scans.get() < SCANS {
            self.common_scans.set(self.common_scans.get() + 1);
            return self
                .d
                .toks
                .iter()
                .any(|t| in_lower_case(t) && t.text == word);
        }
        self.common
            .get_or_init(|| {
                self.d
                    .toks
                    .iter()
                    .filter(|t| in_lower_case(t))
                    .map(|t| t.text)
                    .collect()
            })
            .contains(word)
    }

    pub fn lower(&self, i: usize) -> &str {
        self.d.toks.get(i).map(|t| t.lower.as_ref()).unwrap_or("")
    }

    /// A capitalised word that can be part of a name here (not a common noun that opens
    /// a sentence, not inside a quotation).
    pub fn name_tok(&self, i: usize) -> bool {
        // "WHO say": a body of states by its acronym, though it spells a common word
        if self.d.toks.get(i).is_some_and(|t| {
            t.text.len() >= 2
                && t.text.chars().all(|c| c.is_ascii_uppercase())
                && LISTS.intergovernmental.contains(t.text)
        }) {
            return !self.d.inside_quote(i);
        }
        if !self.d.is_name(i) || self.d.inside_quote(i) {
            return false;
        }
        let t = &self.d.toks[i];
        if self.d.name_adjective(i) {
            return false;
        }
        let sent_start =
            self.d.sents[t.sent].0 == i || (i > 0 && self.d.toks[i - 1].kind == Kind::Quote);
        if sent_start && t.flags & !(GOV | OUTLET | ORG | OFFICIAL) != 0 {
            return false;
        }
        // "Sales fell": a word that opens a tagged sentence, followed by no other capitalised
        // word, tagged as no proper noun, and written in lower case elsewhere in the article
        let common_word = sent_start
            && !self.d.is_name(i + 1)
            && !matches!(self.d.pos(i), Upos::Propn | Upos::X)
            && self.written_in_lower_case(t.lower.as_ref());
        // "Court records show": a common noun for an institution opening a sentence before
        // a document's noun ("Pentagon figures" is a name's)
        let common_before_document = sent_start
            && (LISTS.common_institutions.contains(t.lower.as_ref())
                // "Recent reports have revealed"
                || self.d.pos(i) == Upos::Adj && !self.nationality(i))
            && self
                .d
                .toks
                .get(i + 1)
                .is_some_and(|n| !n.cap && n.flags & DOC != 0)
            && (matches!(self.d.pos(i + 2), Upos::Verb | Upos::Aux)
                || self.d.has(i + 2, SAY | DATA | AUX));
        // "Executives from several firms said", "Charities, such as …, said": a plural
        // common noun, by its tag, opening a sentence
        // ("Prosecutors said": a plural of an official's title, whatever its tag)
        let plural_common = sent_start
            && (self.d.pos(i) == Upos::Noun || t.flags & OFFICIAL != 0)
            && t.lower.ends_with('s')
            && !t.lower.ends_with("ss")
            && !self.d.is_name(i + 1)
            // "Jobs said": a surname the article has named before
            && !self.by_part.contains_key(t.lower.as_ref())
            && !self.by_name.contains_key(t.lower.as_ref());
        !common_word && !common_before_document && !plural_common
    }

    fn scan_names(&mut self) {
        let n = self.d.toks.len();
        let mut i = 0;
        while i < n {
            if !self.name_tok(i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            // "Lydia Buchtmann of the Food Standards Agency": a person's name ends before
            // the body she speaks for
            // ("Rep. Sheila Marchetti of New York": after a title too)
            let person = |j: usize| {
                let Some(f) = (i..j).find(|&k| LISTS.first_names.contains_key(self.lower(k)))
                else {
                    return false;
                };
                j >= f + 2
                    && (i..f).all(|k| self.d.is_punct(k, ".") || person_title_word(&self.d.toks[k]))
                    && !(f..j).any(|k| self.d.has(k, GOV | ORG | OUTLET | OFFICIAL))
            };
            while j < n {
                if self.name_tok(j) && self.d.toks[j].sent == self.d.toks[i].sent {
                    j += 1;
                } else if person(j)
                    && (LEXICON.name_links.has(self.lower(j)) || self.lower(j) == "of")
                {
                    break;
                } else if (LEXICON.name_links.has(self.lower(j))
                    || self.d.plural_possessor_in_name(j)
                    || self.d.and_inside_name(j))
                    && self.name_tok(j + 1)
                {
                    j += 2;
                } else if self.d.is_punct(j, ".")
                    && self.d.toks[j - 1].text.len() == 1
                    && self.d.toks[j - 1]
                        .text
                        .bytes()
                        .all(|b| b.is_ascii_uppercase())
                    && self.name_tok(j + 1)
                    && self.d.toks[j + 1].sent == self.d.toks[i].sent
                {
                    // a middle initial: "George W. Bush"
                    j += 1;
                } else if self.lower(j) == "of"
                    && self.lower(j + 1) == "the"
                    && self.name_tok(j + 2)
                {
                    j += 3;
                } else {
                    break;
                }
            }
            self.add_run(i, j);
            i = j;
        }
    }

    fn add_run(&mut self, i: usize, j: usize) {
        // "a Kansas Republican", "an Ohio Democrat": a description, no name
        if i > 0
            && LEXICON.indefinite_articles.has(self.lower(i - 1))
            && LISTS.political.contains(self.lower(j - 1))
        {
            return;
        }
        const TITLE: u64 = OFFICIAL | EXPERT | MEDIA | ORG | GOV | OUTLET | PUBLIC;
        // "Jim Press", "chairman Ann Union": a first name, then a surname that is also a word
        // of the press or of a body (never of a state); the two are a person's name
        let person_tail = j >= i + 2
            && LISTS.first_names.contains_key(self.lower(j - 2))
            && !self.d.has(j - 2, TITLE)
            && !self.d.has(j - 1, GOV | OFFICIAL)
            && !LISTS.company.contains(self.lower(j - 1));
        let title_end = if person_tail { j - 2 } else { j };
        // "Citizens' Election Watch": the words before a plural possessor are the name's
        let own = (i..title_end)
            .rev()
            .find(|&k| self.d.plural_possessor_in_name(k))
            .map_or(i, |k| k + 1);
        // "Republican Wade Kimbrough": a party's member before a name is a title
        // (a first name the list lacks: two plain words after the party's, "Democrat Priya
        // Halvorsen", none of a body or a title)
        let party_title = |k: usize| {
            self.party_member(k)
                && (LISTS.first_names.contains_key(self.lower(k + 1))
                    || k == i
                        && j == k + 3
                        && (k + 1..j).all(|m| {
                            let l = self.lower(m);
                            self.d.toks[m].kind == Kind::Word
                                && self.d.toks[m].flags == 0
                                && !LISTS.political.contains(l)
                                && !LISTS.company.contains(l)
                                && !LISTS.company_names.contains(l)
                        }))
        };
        let last_title = (own..title_end)
            .rev()
            .find(|&k| self.d.has(k, TITLE) || party_title(k));
        // "Office of Water Quality", "Department of Environmental Quality": a body's word
        // before "of" opens the body's whole name, unless a person's name ends the run
        // ("Minister of Education Stefania Rossi" has a title, no body's word)
        // "Bank of England", "Union of Dock Workers": a body's own word, no person's post
        let ends_in_person = j >= 2 && LISTS.first_names.contains_key(self.lower(j - 2));
        let body_of = !ends_in_person
            && last_title.is_some_and(|t| {
                let l = self.lower(t);
                // a scholars' body's name runs a few words on ("University of Texas
                // Arlington Amneh Jafari" ends in a person's name)
                (self.d.has(t, GOV | ORG) || LISTS.expert_bodies.contains(l) && j <= t + 5)
                    && !self.d.has(t, OFFICIAL | PUBLIC | MEDIA)
                    && !LISTS.org_people.contains(l)
                    && !LISTS.affiliated.contains(l)
                    && matches!(self.lower(t + 1), "of" | "for" | "on")
            });
        let (name_start, title_part) = match last_title {
            Some(_) if body_of => (i, None),
            Some(t) if t + 1 < j => (t + 1, Some((i, t + 1))),
            Some(_) => {
                // an institution, or a bare title ("President")
                let institution = (i..j).any(|k| self.d.has(k, GOV | OUTLET | ORG))
                    || (i..j).any(|k| {
                        self.d.toks[k].flags & TITLE == 0
                            && self.d.toks[k].kind == Kind::Word
                            && self.d.is_name(k)
                    });
                if !institution {
                    return;
                }
                (i, None)
            }
            None => (i, None),
        };
        // a person's name holds no "of": "Secretary of the Navy John Roe"
        let mut name_start = name_start;
        if title_part.is_some() {
            if let Some(c) = (name_start..j)
                .rev()
                .find(|&k| !self.d.toks[k].cap && !self.d.is_punct(k, "."))
            {
                name_start = c + 1;
                // "Minister of Education Stefania Rossi": the department, then a full name
                if LEXICON.name_connectors.has(self.lower(c)) && j >= name_start + 3 {
                    name_start = j - 2;
                }
            }
            if name_start >= j {
                return;
            }
        }
        // borrowed from the document: owned copies only for a new or longer entity
        let d = self.d;
        let words: Vec<&str> = (name_start..j)
            .filter(|&k| d.toks[k].kind == Kind::Word)
            .map(|k| d.toks[k].lower.as_ref())
            .filter(|w| !LEXICON.name_glue.has(w))
            .collect();
        if words.is_empty() {
            return;
        }
        let text = d.text_of(name_start, j);
        let single = j - name_start == 1;
        let is_acronym = |k: usize| {
            let t = self.d.toks[k].text;
            t.chars().count() >= 2
                && t.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
        };
        // "Northgate Energy": a company's word after the first word of a name
        let company_name = j - name_start > 1
            && (name_start + 1..j)
                .any(|k| self.d.toks[k].cap && LISTS.company_names.contains(self.lower(k)));
        // "the campaign group Clean Seas", "the consultancy Fenwright Partners": the noun of
        // a body right before the name
        let called_body = name_start > 0 && {
            let t = &self.d.toks[name_start - 1];
            t.kind == Kind::Word
                && !t.cap
                && t.sent == self.d.toks[name_start].sent
                && body_noun(t)
                && t.flags & (OFFICIAL | EXPERT | PUBLIC | MEDIA) == 0
                && !LISTS.org_people.contains(t.lower.as_ref())
        };
        let institution = !(person_tail && name_start + 2 == j)
            && ((name_start..j).any(|k| self.d.has(k, GOV | OUTLET | ORG))
                // "Citizens' Election Watch": no person's name holds a plural possessor
                || (name_start..j).any(|k| self.d.plural_possessor_in_name(k))
                || j - name_start > 1 && (name_start..j).any(is_acronym)
                || company_name
                || called_body && !LISTS.first_names.contains_key(words[0]));
        // "American automobile manufacturer Chrysler": a people's adjective before a common
        // noun names no body
        if single
            && self.nationality(name_start)
            && self
                .d
                .toks
                .get(j)
                .is_some_and(|t| t.kind == Kind::Word && !t.cap)
        {
            return;
        }
        // "Campaign group Clean Seas Now", "Pressure group X": a common word opening a
        // sentence before the noun of a body describes it, names nothing
        if single
            && self.d.sents[self.d.toks[name_start].sent].0 == name_start
            && !self.d.toks[name_start]
                .text
                .chars()
                .skip(1)
                .any(char::is_uppercase)
            && self
                .d
                .toks
                .get(j)
                .is_some_and(|t| t.kind == Kind::Word && !t.cap && body_noun(t))
            && self.d.is_name(j + 1)
        {
            return;
        }
        // "2.40 PM", "9 AM": a time, no name
        if single
            && name_start > 0
            && self.d.toks[name_start - 1]
                .text
                .bytes()
                .any(|b| b.is_ascii_digit())
            && matches!(words[0], "am" | "pm" | "a.m" | "p.m")
        {
            return;
        }
        let acronym = single && {
            let t = self.d.toks[name_start].text;
            t.chars().count() >= 2
                && t.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
        };
        // a known entity: same name, a surname or first name, or initials
        // the joined key is built in a buffer kept across runs
        let mut key = std::mem::take(&mut self.key_buf);
        key.clear();
        for (n, w) in words.iter().enumerate() {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(w);
        }
        let mut found = self.by_name.get(key.as_str()).copied();
        self.key_buf = key;
        if single {
            found = found.max(
                self.by_part
                    .get(words[0])
                    .copied()
                    // "Dunlin" for "Dunlin Bakeries", a body typed so after it was indexed
                    .filter(|&e| {
                        let ent = &self.ents[e];
                        ent.kind != EKind::Org
                            || ent.words.first().map(String::as_str) == Some(words[0])
                    }),
            );
        }
        if acronym {
            found = found.max(self.by_initials.get(words[0]).copied());
        }
        if !single {
            if let Some(last) = words.last() {
                found =
                    found.max(self.by_name.get(*last).copied().filter(|&e| {
                        self.ents[e].words.len() == 1 && self.ents[e].kind != EKind::Org
                    }));
            }
        }
        // "Maria Okafor": a first name opens a person's name and tells the sex, unless the
        // text says otherwise
        let first = (!institution && !acronym && !single)
            .then(|| LISTS.first_names.get(words[0]).copied())
            .flatten();
        let kind = if institution || acronym {
            EKind::Org
        } else if single {
            EKind::Unknown
        } else {
            EKind::Person
        };
        // titles and roles from the words before the name and an apposition after it
        let mut considered: Vec<usize> = Vec::new();
        if let Some((ts, te)) = title_part {
            considered.extend((ts..te).rev());
            // "Police Chief Ann Lee" opening a sentence: the body's word left out of the run
            if ts > 0 {
                let t = &self.d.toks[ts - 1];
                if t.kind == Kind::Word
                    && t.cap
                    && t.sent == self.d.toks[ts].sent
                    && t.flags & (GOV | ORG | OUTLET) != 0
                    && !self.name_tok(ts - 1)
                {
                    considered.push(ts - 1);
                }
            }
        } else if !institution {
            let mut k = name_start;
            let mut title_seen = false;
            while k > 0 && name_start - k < 6 {
                k -= 1;
                let t = &self.d.toks[k];
                // the dot of an abbreviation ("Sen.", "Corp.") belongs to the word before
                let abbrev = |k: usize| {
                    k > 0
                        && self.d.toks[k - 1].cap
                        && self.d.toks[k - 1].kind == Kind::Word
                        && self.d.toks[k - 1].text.chars().count() <= 4
                };
                if self.d.is_punct(k, ".") && abbrev(k) {
                    continue;
                }
                if t.kind != Kind::Word
                    || self.d.inside_quote(k)
                    || t.sent != self.d.toks[name_start].sent
                {
                    break;
                }
                // "the carmaker's chairman": the owner of the title names the body
                if t.lower == "'s" && title_seen {
                    continue;
                }
                let honorific = LEXICON.honorifics.has(t.lower.as_ref());
                // an abbreviated title ("Sen.", "Gov.") is capitalised
                let abbreviated = t.cap && t.flags & OFFICIAL != 0 && self.d.is_punct(k + 1, ".");
                // "Professor Ines Roald", "Chief Executive Lena Marsh" opening a sentence: a
                // person's title in capitals right before the name
                let cap_title = t.cap
                    && person_title_word(t)
                    && (k + 1 == name_start || title_seen && considered.last() == Some(&(k + 1)));
                let title = abbreviated
                    || cap_title
                    || !t.cap
                        && (t.flags & (NOUNISH & !DOC) != 0
                            || LISTS.affiliated.contains(t.lower.as_ref())
                            || LISTS.org_people.contains(t.lower.as_ref())
                            || LEXICON.outlet_nouns.has(t.lower.as_ref()));
                // "the polling firm": a field's word before a title
                let field = !t.cap && LISTS.expert_fields.contains(t.lower.as_ref());
                if title || honorific || field || t.cap && title_seen && t.flags & FUNC == 0 {
                    considered.push(k);
                    title_seen |= title || honorific;
                } else if !(t.flags & (ADJ | DET) != 0 && t.flags & FUNC == 0) {
                    break;
                }
            }
            // "the state prosecutor, Ann Lee": a describing phrase before a comma
            // (an honorific alone says nothing of the post: "…, Dr. Paul Hirsch")
            let only_honorifics = considered
                .iter()
                .all(|&k| LEXICON.honorifics.has(self.lower(k)));
            let lead = considered.iter().copied().min().unwrap_or(name_start);
            if only_honorifics && lead >= 2 && self.d.is_punct(lead - 1, ",") && {
                // a title, or one written in capitals ("the bank's CEO, Ann Lee"); a post
                // "of" a field ("Acme's head of sales, Ann Lee")
                let mut w = lead - 2;
                if lead >= 4
                    && self.d.is(lead - 3, "of")
                    && self.post_word(lead - 4)
                    && !self.d.toks[w].cap
                {
                    w = lead - 4;
                } else if lead >= 5
                    && self.d.is(lead - 4, "of")
                    && self.d.has(lead - 3, DET)
                    && body_noun(&self.d.toks[w])
                    && !self.d.toks[w].cap
                    && self.post_word(lead - 5)
                {
                    // "the general secretary of the union, Ann Lee": a post of a body
                    // the article calls by its common noun
                    w = lead - 5;
                }
                let t = &self.d.toks[w];
                // "The Home Secretary, Priya Castell": a title written in capitals after "the"
                let the_title = t.cap
                    && t.flags & OFFICIAL != 0
                    && (w.saturating_sub(3)..w).any(|k| self.d.is(k, "the"));
                (t.flags & (OFFICIAL | EXPERT | MEDIA | PUBLIC) != 0 || self.post_word(w))
                    && (!t.cap || the_title)
                    || t.flags & (OFFICIAL | ORG) != 0
                        && t.text.chars().all(|c| c.is_ascii_uppercase())
            } {
                let mut k = lead - 1;
                while k > 0
                    && lead - k < 6
                    && (self.d.toks[k - 1].kind == Kind::Word
                        // "the Hawks' captain"
                        || matches!(self.d.toks[k - 1].text, "'" | "’"))
                    && self.d.toks[k - 1].flags & (SAY | AUX) == 0
                {
                    k -= 1;
                    considered.push(k);
                }
            }
        }
        // "the chief executive of Harwick Foods, Lena Marsh,": a title of a named body
        // before a comma
        let mut body_before = None;
        if considered.is_empty() && name_start >= 3 && self.d.is_punct(name_start - 1, ",") {
            let words = self.title_of_body_before(name_start - 1);
            if !words.is_empty() {
                body_before = self
                    .seen
                    .last()
                    .filter(|s| s.end + 1 == name_start)
                    .map(|s| s.ent);
            }
            considered.extend(words);
        }
        // "named Ann Lee as its new chief executive"; "Ann Lee, who was appointed in May
        // as chief executive,": the post a relative clause gives her
        let as_at = if self.lower(j) == "as" {
            Some(j)
        } else if self.d.is_punct(j, ",") && self.d.is(j + 1, "who") {
            (j + 2..(j + 14).min(self.d.toks.len()))
                .take_while(|&k| {
                    self.d.toks[k].kind == Kind::Word && self.d.toks[k].flags & SAY == 0
                })
                .find(|&k| self.d.is(k, "as"))
        } else {
            None
        };
        if let Some(j) = as_at {
            let mut k = j + 1;
            while k < self.d.toks.len()
                && k < j + 6
                && self.d.toks[k].kind == Kind::Word
                && (self.d.has(k, DET | ADJ | NOUNISH)
                    || LEXICON.description_words.has(self.lower(k)))
            {
                if self.d.has(k, NOUNISH) {
                    considered.push(k);
                }
                k += 1;
            }
        }
        // "the Smith administration": the name of a head of government
        // "the Smith administration", "Ana Ruiz's government"
        let jj = if self.lower(j) == "'s" && kind == EKind::Person {
            j + 1
        } else {
            j
        };
        if LEXICON.governments.has(self.lower(jj)) {
            considered.insert(0, jj);
        }
        // ", the Mexican president," / ", spokesman for the Indonesian military,"
        if self.d.is_punct(j, ",") {
            let mut e = j + 1;
            while e < self.d.toks.len()
                && e < j + 14
                && (self.d.toks[e].kind == Kind::Word
                    // "the Farmers’ Federation": a possessive mark inside the phrase
                    || matches!(self.d.toks[e].text, "'" | "’") && self.d.is_name(e + 1))
                && (self.d.toks[e].cap || self.d.toks[e].flags & (SAY | AUX | BELIEF) == 0)
            {
                e += 1;
            }
            // closed by a mark, or by the reporting verb when the closing comma is left out
            // ("Ann Lee, the president of the union said")
            let opens_sentence =
                name_start == 0 || self.d.toks[name_start - 1].sent != self.d.toks[name_start].sent;
            let closed = e < self.d.toks.len()
                && (matches!(self.d.toks[e].text, "," | "." | ")")
                    || opens_sentence && self.d.has(e, SAY));
            // "According to Westray, the boats seat 220": a clause, no apposition
            let clause = (j + 1..e).any(|k| {
                self.d.pos(k) == Upos::Verb
                    && !self.lower(k).ends_with("ed")
                    && !self.lower(k).ends_with("ing")
            });
            // ", formerly an Acme executive,": an adverb of time before the apposition
            let a = if LEXICON.apposition_adverbs.has(self.lower(j + 1)) {
                j + 2
            } else {
                j + 1
            };
            let title_first = LISTS.affiliated.contains(self.lower(a))
                || LISTS.org_people.contains(self.lower(a));
            if closed
                && !clause
                && e > a
                && (self.d.has(a, DET | NOUNISH) || self.d.is_name(a) || title_first)
            {
                let stop = (j + 2..e)
                    .find(|&k| LEXICON.affiliation_prepositions.has(self.lower(k)))
                    .unwrap_or(e);
                considered.extend((j + 1..stop).rev());
                considered.extend(stop..e);
            }
        }
        // "her deputy, Oskar Pell,": a name set off by commas after a common noun
        let set_off = name_start >= 2
            && self.d.is_punct(name_start - 1, ",")
            && self.d.is_punct(j, ",")
            && self.d.toks[name_start - 2].kind == Kind::Word
            && !self.d.toks[name_start - 2].cap
            && self.d.has(name_start - 2, NOUNISH);
        // ", who grows maize": "who" is said of people, "which" of bodies
        let who_follows = self.d.is_punct(j, ",") && self.d.is(j + 1, "who");
        let described = kind != EKind::Org && (!considered.is_empty() || set_off || who_follows);
        let mut titles = Vec::new();
        let mut female = None;
        let mut considered_gender = false;
        for &k in &considered {
            let t = &self.d.toks[k];
            // "Her shadow, Martin Keble": a possessive is the owner's sex, not the person's
            if matches!(t.lower.as_ref(), "his" | "her") {
                continue;
            }
            if let Some(g) = gender_of(&t.lower) {
                female.get_or_insert(g);
                considered_gender = true;
            }
            // a person's title may be capitalised ("Gov.", "Chief Executive"), a body's word
            // not ("the House")
            if (t.flags & (OFFICIAL | EXPERT | MEDIA | ORG | PUBLIC | GOV | OUTLET) != 0
                || LISTS.org_people.contains(t.lower.as_ref()))
                && (!t.cap || person_title_word(t))
            {
                let l = t.lower.as_ref();
                let word = LISTS.title_expansions.get(l).copied().unwrap_or(l);
                titles.push(word.to_string());
            }
        }
        if !considered_gender {
            female = female.or(first);
        }
        // "Ms Ruiz": an honorific or a word of sex before a one-word name makes a person
        let kind = if kind == EKind::Unknown && considered_gender {
            EKind::Person
        } else {
            kind
        };
        let (mut role, mut role_why) = match self.role_of(&considered) {
            Some((r, w)) => (Some(r), w),
            None => (None, String::new()),
        };
        // "David Hale of BGC Partners": the body named after a person's name, when its
        // name says what it is
        if role.is_none() && kind == EKind::Person {
            if let Some((r, why)) = self.body_after(j) {
                role = Some(r);
                role_why = why;
            }
        }
        // "Ann Lee, who heads the union, said": the body she leads gives her role, whatever
        // her title says, unless it is a public office ("Sen. Ann Lee, who chairs the
        // party's campaign arm": still a senator)
        // ("Its mayor, Ann Lee,": the same holds of a post an owner's word comes with)
        let office = considered
            .iter()
            .any(|&k| LISTS.office_holders.contains(self.lower(k)));
        if let Some((r, why)) = self
            .led_body(j)
            .filter(|_| role != Some(Role::Expert) && !office)
        {
            role = Some(r);
            role_why = why;
        }
        // "Ann Lee, who covers software stocks at Pellham Brothers, said": an analyst
        if self.d.is_punct(j, ",")
            && self.d.is(j + 1, "who")
            && LISTS.expert_work.contains(self.lower(j + 2))
            && role.is_none_or(|r| r == Role::Organization || r == Role::Public)
        {
            role = Some(Role::Expert);
            role_why = format!("who {} …", self.lower(j + 2));
        }
        // "His campaign manager, Ann Lee,": a post takes the role of whose post it is; an
        // expert's only when a body of the state employs them ("the agency's scientist")
        // (an expert's title with a post word, "the council's chief economist", stays theirs)
        let titled_post = considered
            .iter()
            .any(|&k| LISTS.affiliated.contains(self.lower(k)) || self.d.has(k, OFFICIAL));
        if let Some((r, why)) = self
            .post_owner_role(&considered, found)
            .filter(|&(r, _)| r == Role::Official || !office)
        {
            if role != Some(Role::Expert) || r == Role::Official && !titled_post {
                role = Some(r);
                role_why = why;
            }
        }
        // "NPD Group, a market research firm,": what the apposition calls the body decides
        let called = role.is_some()
            && self.d.is_punct(j, ",")
            && matches!(self.lower(j + 1), "a" | "an")
            && considered.iter().all(|&k| !self.d.toks[k].cap);
        if institution && !called {
            // a central bank or reserve system is the state's ("European Central Bank")
            // an outlet's word counts unless a body's word further on heads the name
            // ("Irving Independent School District"; "Central News Agency" is an outlet)
            role = if (name_start..j)
                .any(|k| self.d.has(k, OUTLET) && !(k + 2..j).any(|m| self.d.has(m, GOV | ORG)))
            {
                Some(Role::Media)
            } else if (name_start..j).any(|k| LISTS.central.contains(self.lower(k))) {
                Some(Role::Official)
            } else {
                self.name_words_role(name_start, j)
                    .or(company_name.then_some(Role::Organization))
            };
            role_why = format!("name \"{text}\"");
            // "the consultancy Fenwright Partners", "the polling firm Maitland Research": the
            // common nouns just before a name that says no more than "a body" say what it is
            if role.is_none_or(|r| r == Role::Organization) {
                let mut k = name_start;
                while k > 0
                    && name_start - k < 3
                    && self.d.toks[k - 1].kind == Kind::Word
                    && self.d.toks[k - 1].sent == self.d.toks[name_start].sent
                    && !self.d.toks[k - 1].cap
                    && !self.d.inside_quote(k - 1)
                    && (self.d.has(k - 1, NOUNISH & !DOC)
                        || LISTS.expert_fields.contains(self.lower(k - 1)))
                {
                    k -= 1;
                }
                let words: Vec<usize> = (k..name_start).collect();
                if let Some((r, why)) = self.role_of(&words) {
                    role = Some(r);
                    role_why = format!("called {why}");
                }
            }
            if role.is_none() {
                role = self.state_by_country(name_start, j);
            }
        }
        // "The two candidates for mayor, Ann Lee and Rosa Vitale,": a name joined to one
        // that a description set off before them gives a role shares that role
        if role.is_none()
            && considered.is_empty()
            && name_start >= 2
            && self.d.is(name_start - 1, "and")
        {
            if let Some(s) = self.seen.last().filter(|s| {
                s.end + 1 == name_start && s.start >= 2 && self.d.is_punct(s.start - 1, ",")
            }) {
                let mate = &self.ents[s.ent];
                if let (Some(r), false) = (mate.role, mate.titles.is_empty()) {
                    role = Some(r);
                    role_why = format!("described with {}: {}", mate.name, mate.role_why);
                }
            }
        }
        // "the World Health Organization", "WHO": states acting together
        // names on the lists without their article ("the Bank of England")
        let bare = ["the ", "The "]
            .iter()
            .find_map(|a| text.strip_prefix(a))
            .unwrap_or(text);
        if LISTS.intergovernmental.contains(bare) {
            role = Some(Role::Official);
            role_why = format!("a body of states, \"{text}\"");
        } else if LISTS.government_names.contains(bare) {
            role = Some(Role::Official);
            role_why = format!("a seat of government, \"{text}\"");
        } else if LISTS.central_banks.contains(bare) {
            role = Some(Role::Official);
            role_why = format!("a central bank, \"{text}\"");
        } else if let Some(end) = LISTS
            .organization_name_ends
            .iter()
            .find(|e| text.ends_with(*e))
        {
            role = Some(Role::Organization);
            role_why = format!("a \"{end}\"");
        }
        // the body of "the chief executive of Harwick Foods, Lena Marsh" is no person
        if let (Some(b), Some(r)) = (body_before, role) {
            let body = &mut self.ents[b];
            if !body.first_name && body.female.is_none() && body.titles.is_empty() {
                body.kind = EKind::Org;
                if body.role.is_none() {
                    body.role = Some(r);
                    body.role_why = format!("its people: {role_why}");
                }
            }
        }
        // "in New Zealand", "across Freedonia", "New Zealand's government": a place
        // "in Lorain County, Ohio": a one-word name after a place and a comma is a place too
        // ("MADISON, Wis.", "Fernhill, Ore.": a state's abbreviation after a town is one)
        let after_place = single
            && name_start >= 2
            && self.d.is_punct(name_start - 1, ",")
            && (LEXICON.abbreviations.has(self.lower(name_start))
                && self.d.is_punct(j, ".")
                && self.d.toks[name_start - 2].cap
                || self.seen.last().is_some_and(|s| {
                    let e = &self.ents[s.ent];
                    s.end + 1 == name_start
                        && (e.place
                            || e.words
                                .last()
                                .is_some_and(|w| LEXICON.place_name_ends.has(w)))
                }));
        // "LINDQVIST FALLS, Wis. (AP) —": a dateline's town in capitals opening a paragraph
        let dateline = self.d.is_punct(j, ",")
            && (name_start == 0
                || self.d.toks[name_start - 1].para != self.d.toks[name_start].para)
            && (name_start..j).all(|k| !self.d.toks[k].text.chars().any(char::is_lowercase));
        let place = dateline
            || kind != EKind::Org
                && title_part.is_none()
                && (after_place
                    || name_start > 0
                        && LEXICON.place_prepositions.has(self.lower(name_start - 1))
                        && self.lower(j) != "'s"
                    || self.lower(j) == "'s" && LEXICON.place_nouns.has(self.lower(j + 1)));
        let mut changed = found.is_none();
        let ent = match found {
            Some(e) => {
                let ent = &mut self.ents[e];
                // named again by a part of the name: a person the article follows
                ent.salient |= single
                    && ent.words.len() > 1
                    && ent.words.last().map(String::as_str) == words.first().copied();
                if ent.role.is_none() {
                    ent.role = role;
                    ent.role_why = role_why;
                }
                ent.titles.extend(titles);
                if ent.female.is_none() {
                    ent.female = female;
                }
                ent.place |= place;
                ent.first_name |= first.is_some();
                ent.described |= described;
                if words.len() > ent.words.len() && kind != EKind::Org {
                    ent.words = words.iter().map(|w| w.to_string()).collect();
                    ent.name = text.to_string();
                    changed = true;
                }
                if ent.kind == EKind::Unknown && kind == EKind::Person {
                    changed = true;
                    ent.kind = kind;
                }
                e
            }
            None => {
                let salient = role.is_some();
                self.ents.push(Entity {
                    salient,
                    place,
                    name: text.to_string(),
                    kind,
                    role,
                    role_why,
                    titles,
                    female,
                    words: words.iter().map(|w| w.to_string()).collect(),
                    first_name: first.is_some(),
                    described,
                });
                self.ents.len() - 1
            }
        };
        if changed {
            self.index(ent);
        }
        self.seen.push(Seen {
            start: name_start,
            end: j,
            ent,
        });
    }

    /// The role named by title words, closest first: a field of expertise in the title
    /// ("chief investment officer") makes an expert; a post of a company, union or team
    /// ("CEO", "coach") an organization's person; else the closest title, where a title that
    /// speaks for a body ("spokesman", "president") takes the role of the body named with
    /// it; else the role of a body word.
    fn role_of(&self, toks: &[usize]) -> Option<(Role, String)> {
        let lists = &*LISTS;
        if let Some(&k) = toks.iter().find(|&&k| self.party_member(k)) {
            return Some((Role::Official, format!("party \"{}\"", self.d.toks[k].text)));
        }
        if let Some(&k) = toks
            .iter()
            .find(|&&k| lists.expert_fields.contains(self.lower(k)))
        {
            return Some((Role::Expert, format!("field \"{}\"", self.d.toks[k].text)));
        }
        // "chief financial officer", "chief operating officer": a company's executive
        let first = toks.iter().min().copied().unwrap_or(0);
        let executive = (toks.iter().any(|&k| self.lower(k) == "chief")
            || first > 0 && self.lower(first - 1) == "chief")
            && toks.iter().any(|&k| self.lower(k) == "officer")
            && !toks
                .iter()
                .any(|&k| self.d.has(k, GOV) || lists.political.contains(self.lower(k)));
        if let Some(&k) = toks.iter().find(|&&k| {
            lists.org_people.contains(self.lower(k)) || executive && self.lower(k) == "officer"
        }) {
            // "the city manager", "Town manager Ann Lee": a post of a local government,
            // unless the word in capitals ends a name the article gives ("Harwick Town"
            // may be a club)
            let local = k > 0
                && toks.contains(&(k - 1))
                && lists.local_governments.contains(self.lower(k - 1))
                && !(self.d.toks[k - 1].cap
                    && self.ents.iter().any(|e| {
                        e.name
                            .rsplit_once(' ')
                            .is_some_and(|(_, w)| w.eq_ignore_ascii_case(self.lower(k - 1)))
                    }));
            // a campaign's manager speaks for a candidate: political
            if let Some(&p) = toks
                .iter()
                .find(|&&p| local && p + 1 == k || lists.political.contains(self.lower(p)))
            {
                return Some((
                    Role::Official,
                    format!("\"{} {}\"", self.d.toks[p].text, self.d.toks[k].text),
                ));
            }
            return Some((
                Role::Organization,
                format!("post \"{}\"", self.d.toks[k].text),
            ));
        }
        let mut generic = None;
        for &k in toks {
            let t = &self.d.toks[k];
            // "general secretary", "general counsel": an adjective of the title after it,
            // no army's general
            if !t.cap
                && t.lower == "general"
                && toks.contains(&(k + 1))
                && self.d.toks.get(k + 1).is_some_and(|n| !n.cap)
                && self.post_word(k + 1)
            {
                continue;
            }
            // a capitalised word before a name is a title ("President", "Professor"), not
            // a modifier ("Refugee Council")
            let person_title = if t.cap {
                t.flags & (OFFICIAL | EXPERT) != 0
            } else {
                t.flags & (OFFICIAL | EXPERT | MEDIA | PUBLIC) != 0
            };
            // "the city engineer", "the county epidemiologist": an expert the state employs
            let state_expert = t.flags & EXPERT != 0
                && k > 0
                && !self.d.toks[k - 1].cap
                && self.d.has(k - 1, GOV)
                && toks.contains(&(k - 1));
            if state_expert {
                return Some((
                    Role::Official,
                    format!("\"{} {}\"", self.d.toks[k - 1].text, t.text),
                ));
            }
            // "a history major": a student of the field, not an army's major
            if !t.cap
                && t.lower == "major"
                && k > 0
                && self.d.toks[k - 1].kind == Kind::Word
                && matches!(self.d.pos(k - 1), Upos::Noun | Upos::Propn)
                && !self.d.has(k - 1, GOV | OFFICIAL)
            {
                return Some((
                    Role::Public,
                    format!("\"{} major\": a student", self.d.toks[k - 1].text),
                ));
            }
            // "Brazilian captain Ana Reis": a people's captain leads its national team
            if !t.cap
                && t.lower == "captain"
                && (k > 0 && self.nationality(k - 1) || self.about_sport())
            {
                return Some((Role::Organization, "a team's captain".to_string()));
            }
            if lists.affiliated.contains(t.lower.as_ref()) {
                generic.get_or_insert(k);
            } else if person_title
                && (!t.cap || t.flags & (GOV | OUTLET) == 0)
                && !self.modifier(k)
                // "press secretary", "press officer": a post, whoever's it is
                && !(t.flags & MEDIA != 0
                    && toks.contains(&(k + 1))
                    && (lists.affiliated.contains(self.lower(k + 1))
                        || self.d.has(k + 1, OFFICIAL)))
            {
                if let Some(r) = token_role(t) {
                    // "a scientist at the Environmental Protection Agency", "a Department of
                    // Agriculture economist": an expert a body of the state employs speaks
                    // for it
                    if r == Role::Expert {
                        if let Some(b) = self.state_employer(toks, k) {
                            return Some((
                                Role::Official,
                                format!("\"{}\" of \"{}\"", t.text, self.d.toks[b].text),
                            ));
                        }
                    }
                    return Some((r, format!("title \"{}\"", t.text)));
                }
            }
        }
        if let Some(g) = generic {
            let gt = self.d.toks[g].text;
            // the body named with the title, a state's or central bank's word first
            // ("Central Bank chairman")
            // a secretary's body is one named after the title or a common noun before it
            // ("secretary of the union", "union secretary"), not a capitalised word of the
            // post ("Home Secretary")
            // ("White House press secretary": the seat of government, not the press)
            let secretary = self.lower(g) == "secretary";
            let bodies = || {
                toks.iter().filter(move |&&k| {
                    k != g
                        && !(secretary
                            && k < g
                            && (self.d.toks[k].cap && self.body_role(k) != Some(Role::Official)
                                || self.d.has(k, OUTLET) && !self.d.toks[k].cap))
                })
            };
            if let Some((r, k)) = bodies()
                .find(|&&k| {
                    let l = self.lower(k);
                    // "US bank chief": a state's own bank is its central bank
                    let states_bank = l == "bank"
                        && k > 0
                        && toks.contains(&(k - 1))
                        && (self.nationality(k - 1)
                            || self.d.toks[k - 1].cap && self.d.has(k - 1, GOV));
                    // "Senate Majority Leader": a word of the state among capitalised ones,
                    // in no members' union ("… Assembly Workers")
                    let state_word = self.d.toks[k].cap
                        && self.d.has(k, GOV)
                        && !bodies().any(|&m| self.members_word(m));
                    lists.central.contains(l)
                        || lists.political.contains(l)
                        || states_bank
                        || state_word
                })
                .map(|&k| (Role::Official, k))
                .or_else(|| bodies().find_map(|&k| self.body_role(k).map(|r| (r, k))))
            {
                return Some((r, format!("\"{} {gt}\"", self.d.toks[k].text)));
            }
            // no body with it: the body the article speaks of most so far ("Acme said …
            // Spokeswoman Ann Lee said")
            if let Some(k) = self.main_body().filter(|_| !secretary) {
                if let Some(r) = self.body_role(k) {
                    return Some((
                        r,
                        format!("\"{gt}\" of {}", self.ents[self.seen_at(k)].name),
                    ));
                }
            }
            return Some((Role::Official, format!("title \"{gt}\"")));
        }
        // "Dr. Ann Lee" with nothing else said of her: a doctor speaks as an expert
        let doctor = toks
            .iter()
            .find(|&&k| matches!(self.lower(k), "dr" | "doctor"));
        let by_word = toks.iter().filter(|&&k| !self.modifier(k)).find_map(|&k| {
            let t = &self.d.toks[k];
            // "the sports website PitchSide": a press noun names an outlet
            let press = !t.cap && LEXICON.outlet_nouns.has(t.lower.as_ref());
            (if press {
                Some(Role::Media)
            } else {
                token_role(t)
            })
            .map(|r| (r, format!("word \"{}\"", t.text)))
        });
        by_word.or_else(|| {
            doctor.map(|&k| (Role::Expert, format!("title \"{}\"", self.d.toks[k].text)))
        })
    }

    /// The word of a state's body among the description words `toks` that employs the holder
    /// of the title at `title`: in the capitalised name right before the title ("Department
    /// of Agriculture economist") or in the body after "at", "with" or "of" further on ("a
    /// scientist at the Environmental Protection Agency", "of the agency's office"). A body
    /// of scholars ("University", "Institute") is none, nor a field ("professor of
    /// government": no body after "of").
    fn state_employer(&self, toks: &[usize], title: usize) -> Option<usize> {
        let word = |k: usize| toks.contains(&k) && self.d.toks[k].kind == Kind::Word;
        let scholars = |k: usize| self.d.toks[k].cap && self.d.has(k, EXPERT);
        let state_name = |run: &[usize]| {
            if run.iter().any(|&k| scholars(k)) {
                None
            } else {
                // a country alone employs no one ("Doctor Who Society of Canada")
                run.iter()
                    .copied()
                    .find(|&k| self.d.has(k, GOV) && !LISTS.countries.contains(self.lower(k)))
            }
        };
        // the capitalised words of a name met in the order `ks` gives, "of" and "and" inside
        // it, up to the first other word
        let name_run = |ks: &mut dyn Iterator<Item = usize>| -> Vec<usize> {
            ks.take_while(|&k| {
                word(k) && (self.d.toks[k].cap || LEXICON.name_links.has(self.lower(k)))
            })
            .filter(|&k| self.d.toks[k].cap)
            .collect()
        };
        // the name in capitals right before the title
        let before = name_run(&mut (title.saturating_sub(MAX_BODY_WORDS)..title).rev());
        if let Some(b) = state_name(&before) {
            return Some(b);
        }
        // the body after a preposition of affiliation
        let p = toks
            .iter()
            .copied()
            .filter(|&p| p > title && matches!(self.lower(p), "at" | "with" | "of"))
            .min()?;
        let start = p + 1 + usize::from(self.d.is(p + 1, "the"));
        let t = self.d.toks.get(start)?;
        if !t.cap {
            // "the agency's office": a state's body by its common noun after "the"
            return (start > p + 1 && word(start) && self.d.has(start, GOV)).then_some(start);
        }
        state_name(&name_run(&mut (start..start + MAX_BODY_WORDS)))
    }

    /// The words of "the chief executive of Harwick Foods" ending at the comma `c`: a title
    /// word, an affiliation preposition and a capitalised name of a body; empty when the
    /// words before the comma are not such a phrase.
    fn title_of_body_before(&self, c: usize) -> Vec<usize> {
        let lo = c.saturating_sub(8);
        let Some(p) = (lo..c)
            .rev()
            .find(|&p| LEXICON.affiliation_prepositions.has(self.lower(p)))
        else {
            return Vec::new();
        };
        let body_named = (p + 1..c).all(|k| {
            self.d.toks[k].kind == Kind::Word
                && (self.d.toks[k].cap || self.d.has(k, DET) || self.lower(k) == "'s")
        }) && p + 1 < c;
        let is_title = |k: usize| {
            let t = &self.d.toks[k];
            t.kind == Kind::Word && !t.cap && self.post_word(k)
        };
        if !body_named || p == 0 || !is_title(p - 1) {
            return Vec::new();
        }
        let mut start = p - 1;
        while start > 0
            && p - start < 4
            && self.d.toks[start - 1].kind == Kind::Word
            && !self.d.toks[start - 1].cap
            && self.d.toks[start - 1].flags & (SAY | AUX | FUNC) == 0
        {
            start -= 1;
        }
        (start..p).rev().chain(p + 1..c).collect()
    }

    /// The role the words of a body's name from `start` to `end` give, the state's or a
    /// company's: the words before "of" are the head and decide first ("Bank of Ireland" is
    /// a bank, not the state it is named after).
    fn name_words_role(&self, start: usize, end: usize) -> Option<Role> {
        let of = (start..end)
            .find(|&k| matches!(self.lower(k), "of" | "on" | "for"))
            .unwrap_or(end);
        // "Relief Bridge Indonesia", "Kenya Red Cross": in a longer name a country is where
        // the body works
        let several = end > start + 1;
        let by_words = |r: std::ops::Range<usize>| {
            r.rev().find_map(|k| {
                if several && LISTS.countries.contains(self.lower(k)) {
                    return None;
                }
                if LISTS.expert_bodies.contains(self.lower(k)) {
                    return Some(Role::Expert);
                }
                if self.members_word(k) {
                    return Some(Role::Organization);
                }
                word_role(self.d.toks[k].flags & (GOV | ORG))
            })
        };
        // after "on" or "for" comes what the body works on, not what it is ("Project on
        // Government Oversight", "Institute for Supply Management")
        let r = if of < end && self.lower(of) != "of" {
            by_words(start..of)
        } else {
            by_words(start..of).or_else(|| by_words(of..end))
        };
        // "Harlan Research Group": a company of experts
        if r.is_none_or(|r| r == Role::Organization)
            && (start..of).any(|k| self.d.toks[k].cap && LISTS.expert_names.contains(self.lower(k)))
        {
            return Some(Role::Expert);
        }
        r
    }

    /// A party's member written in capitals ("Republican", "Democrat"): a politician's title.
    fn party_member(&self, k: usize) -> bool {
        self.d.toks[k].cap && LISTS.party_members.contains(self.lower(k))
    }

    /// The state's role for a name of several words that holds a country and nothing else
    /// that types it ("Food Standards Australia New Zealand"), once other evidence is
    /// weighed.
    fn state_by_country(&self, start: usize, end: usize) -> Option<Role> {
        (start..end)
            .any(|k| LISTS.countries.contains(self.lower(k)))
            .then_some(Role::Official)
    }

    /// Whether the article is about a game: two or more words of team sport.
    fn about_sport(&self) -> bool {
        *self.sports.get_or_init(|| {
            self.d
                .toks
                .iter()
                .filter(|t| t.kind == Kind::Word && LISTS.sports.contains(t.lower.as_ref()))
                .nth(1)
                .is_some()
        })
    }

    /// A word that makes a body's name its members' union or association: people in
    /// capitals inside a name ("Allied Autoworkers", "… Assembly Workers"), or a union's
    /// local by its number ("Local 1140").
    fn members_word(&self, k: usize) -> bool {
        let t = &self.d.toks[k];
        let l = t.lower.as_ref();
        let plural_people = t.flags & PUBLIC != 0 && l.ends_with('s') && !l.ends_with("ss");
        // "Farmers' Alliance": the members own the name
        if t.cap && plural_people && self.d.plural_possessor_in_name(k + 1) {
            return true;
        }
        t.cap
            && k > 0
            && self.d.toks[k - 1].cap
            && (plural_people
                || l == "local"
                    && self
                        .d
                        .toks
                        .get(k + 1)
                        .is_some_and(|n| n.text.bytes().all(|b| b.is_ascii_digit())))
    }

    /// The role of a body named right after a person's name ("of BGC Partners", "at the
    /// Food Standards Agency"), from the words of its name: a word of the state, the press
    /// or a company's. None for a bare place ("of Lagos").
    fn body_after(&self, j: usize) -> Option<(Role, String)> {
        if !matches!(self.lower(j), "of" | "for" | "at") {
            return None;
        }
        let start = j + 1 + usize::from(self.d.is(j + 1, "the"));
        let mut e = start;
        while e < self.d.toks.len()
            && e < start + MAX_BODY_WORDS
            && (self.name_tok(e) || LEXICON.name_links.has(self.lower(e)) && self.name_tok(e + 1))
        {
            e += 1;
        }
        if e == start {
            return None;
        }
        let typed = (start..e).any(|k| {
            self.d.has(k, GOV | ORG | OUTLET)
                || self.d.has(k, EXPERT) && self.d.toks[k].cap
                || LISTS.company_names.contains(self.lower(k))
        });
        if !typed {
            return None;
        }
        // as a body's own name is typed: the press first, then its words
        // a university or an institute speaks as experts ("Alan Brierly of the Hamlin
        // Institute"), unless the state's ("Institute of Health")
        let expert = (start..e).any(|k| self.d.has(k, EXPERT) && self.d.toks[k].cap)
            && !(start..e).any(|k| self.d.has(k, GOV));
        let r = if (start..e).any(|k| self.d.has(k, OUTLET)) {
            Role::Media
        } else if expert {
            Role::Expert
        } else {
            self.name_words_role(start, e)
                .or_else(|| self.state_by_country(start, e))
                .unwrap_or(Role::Organization)
        };
        Some((r, format!("of \"{}\"", self.d.text_of(start, e))))
    }

    /// The role of the body a relative clause after a name says the person leads: ", who
    /// heads the union," → organization, ", who chairs the finance committee," → official.
    fn led_body(&self, j: usize) -> Option<(Role, String)> {
        if !self.d.is_punct(j, ",")
            || self.lower(j + 1) != "who"
            || !LEXICON.leading_verbs.has(self.lower(j + 2))
        {
            return None;
        }
        let sent_end = self.d.sents[self.d.toks[j].sent].1;
        // "who heads the local": the body named before that the noun takes up
        if self.d.is(j + 3, "the") && self.d.is_punct(j + 5, ",") {
            let head = self.lower(j + 4);
            if let Some(e) = self.body_by_head(j + 4, head) {
                if let Some(r) = self.ents[e].role {
                    return Some((r, format!("leads a body: {}", self.ents[e].name)));
                }
            }
        }
        let body: Vec<usize> = (j + 3..sent_end.min(j + 12))
            .take_while(|&k| {
                self.d.toks[k].kind == Kind::Word || matches!(self.d.toks[k].text, "'" | "’")
            })
            .collect();
        // "who directs emergency services for Carroll Township": a local government named;
        // "who runs a small brokerage": a company's word
        let (r, why) = self.role_of(&body).or_else(|| {
            body.iter().find_map(|&k| {
                let t = &self.d.toks[k];
                let l = t.lower.as_ref();
                if t.cap && LISTS.local_governments.contains(l) {
                    Some((Role::Official, format!("\"{}\"", t.text)))
                } else if !t.cap && LISTS.company.contains(l) {
                    Some((Role::Organization, format!("word \"{}\"", t.text)))
                } else {
                    None
                }
            })
        })?;
        Some((r, format!("leads a body: {why}")))
    }

    /// The first token of the latest mention of the body the article has named most so far
    /// (an organisation, or a one-word name that is no person and no place; the latest of
    /// equals), when it has been named at least twice.
    fn main_body(&self) -> Option<usize> {
        let body = |e: &Entity| {
            e.kind == EKind::Org
                || e.kind == EKind::Unknown && !e.place && e.female.is_none() && !e.first_name
        };
        let mut counts: FxHashMap<usize, usize> = FxHashMap::default();
        let mut best: Option<(usize, usize)> = None; // (mentions, index in `seen`)
        for (n, s) in self.seen.iter().enumerate() {
            if !body(&self.ents[s.ent]) {
                continue;
            }
            let c = counts.entry(s.ent).or_insert(0);
            *c += 1;
            if best.is_none_or(|(m, _)| *c >= m) {
                best = Some((*c, n));
            }
        }
        // one mention (a headline word, a passing name) makes no subject of the article
        best.filter(|&(m, _)| m >= MIN_MAIN_BODY_MENTIONS)
            .map(|(_, n)| self.seen[n].start)
    }

    /// The entity of the name mention that starts at token `k`.
    fn seen_at(&self, k: usize) -> usize {
        self.seen
            .iter()
            .rev()
            .find(|s| s.start == k)
            .map_or(0, |s| s.ent)
    }

    /// The role a body gives the people who speak for it, from one word naming it: political
    /// and government bodies and states → official; outlets → media; companies and groups →
    /// organization; universities and institutes → expert; a nationality ("Mexican") →
    /// official; a name the table knows → its role; another capitalised name → organization.
    pub fn body_role(&self, k: usize) -> Option<Role> {
        let lists = &*LISTS;
        let t = self.d.toks.get(k)?;
        if t.kind != Kind::Word || t.flags & (FUNC | DET) != 0 && !self.d.is_name(k) {
            return None;
        }
        let l = t.lower.as_ref();
        if lists.political.contains(l) || lists.central.contains(l) || t.flags & GOV != 0 {
            return Some(Role::Official);
        }
        if t.flags & OUTLET != 0 {
            return Some(Role::Media);
        }
        // "the bank's staff": the body the description takes up, when the table knows it
        if !t.cap && k > 0 && self.d.is(k - 1, "the") {
            if let Some(r) = self.body_by_head(k, l).and_then(|e| self.ents[e].role) {
                return Some(r);
            }
        }
        if lists.company.contains(l) || t.flags & ORG != 0 {
            return Some(Role::Organization);
        }
        if t.flags & EXPERT != 0 && t.flags & (OFFICIAL | PUBLIC | MEDIA) == 0 {
            return Some(Role::Expert);
        }
        if !t.cap || t.flags & (OFFICIAL | MEDIA | PUBLIC | ANON) != 0 {
            return None;
        }
        // "White House spokesperson": a seat of government named in a title
        let n = self.d.toks.len();
        if (k + 2 <= n && lists.government_names.contains(self.d.text_of(k, k + 2)))
            || (k > 0
                && lists
                    .government_names
                    .contains(self.d.text_of(k - 1, k + 1)))
        {
            return Some(Role::Official);
        }
        // "Ohio's health director": a state's post, unless the word opens a longer name
        // ("Texas Instruments")
        if lists.us_states.contains(l) && !self.d.is_name(k + 1) {
            return Some(Role::Official);
        }
        // "Mexican" alone is the state; "Canadian Auto Workers" is a name
        let name_goes_on = self.d.is_name(k + 1)
            && !self
                .d
                .has(k + 1, OFFICIAL | EXPERT | MEDIA | PUBLIC | ORG | GOV);
        // the name mention that holds the word (mentions are in text order and never overlap)
        let s = self.mention_at(k);
        // a person's name the table knows from before ("a spokesman for Ames"): their role
        if s.is_none() {
            if let Some(e) = self.named_at(k) {
                let ent = &self.ents[e];
                if ent.kind == EKind::Person || ent.first_name || ent.described {
                    return ent.role.filter(|&r| r != Role::Public);
                }
            }
        }
        // "Procter & Gamble": a word inside a longer name is no nationality
        let in_long_name = s.is_some_and(|s| s.end - s.start > 1);
        if self.nationality(k) && !name_goes_on && !in_long_name {
            return Some(Role::Official);
        }
        if let Some(s) = s {
            if let Some(r) = self.ents[s.ent].role.filter(|&r| r != Role::Public) {
                return Some(r);
            }
            if self.ents[s.ent].place {
                return Some(Role::Official);
            }
        }
        Some(Role::Organization)
    }

    /// A word that modifies the noun after it ("consumer group", "patients' group", "Farmers'
    /// Federation"): the next word, past a possessive mark and written in the same case, names
    /// a role itself, so the phrase takes its role from that head.
    pub fn modifier(&self, k: usize) -> bool {
        let mut n = k + 1;
        if matches!(self.lower(n), "'" | "’" | "'s") {
            n += 1;
        }
        let cap = self.d.toks.get(k).is_some_and(|t| t.cap);
        self.d
            .toks
            .get(n)
            .is_some_and(|t| t.kind == Kind::Word && t.cap == cap && token_role(t).is_some())
            && !LISTS.affiliated.contains(self.lower(n))
    }

    /// A capitalised adjective of a people or a state ("Mexican", "Israeli", "Chinese"): by
    /// its tag where the sentence is tagged, else by the endings such adjectives share.
    pub fn nationality(&self, k: usize) -> bool {
        let t = &self.d.toks[k];
        if !t.cap {
            return false;
        }
        match self.d.pos(k) {
            // "Scientology officials": an adjective by its tag, with a people's ending
            Upos::Adj => {
                let l = t.lower.as_ref();
                ["an", "ese", "ish", "i", "ch", "ss", "ek"]
                    .iter()
                    .any(|e| l.ends_with(e))
            }
            Upos::X => {
                let l = t.lower.as_ref();
                l.len() > 4
                    && ["an", "ese", "ish", "i"].iter().any(|e| l.ends_with(e))
                    && !l.ends_with("man")
            }
            _ => false,
        }
    }

    fn index(&mut self, e: usize) {
        let ent = &self.ents[e];
        self.by_name.insert(ent.words.join(" "), e);
        if ent.words.len() > 1 {
            let initials: String = ent.words.iter().filter_map(|w| w.chars().next()).collect();
            self.by_initials.insert(initials, e);
            if ent.kind != EKind::Org {
                for w in [ent.words.first(), ent.words.last()].into_iter().flatten() {
                    self.by_part.insert(w.clone(), e);
                }
            } else if ent.words.last().is_some_and(|w| {
                LISTS.company_names.contains(w.as_str()) || LISTS.company.contains(w.as_str())
            }) {
                // "Apple" for "Apple Computer", "Northgate" for "Northgate Energy"
                let first = &ent.words[0];
                if !LISTS.generic_openers.contains(first.as_str()) {
                    self.by_part.insert(first.clone(), e);
                }
            }
        }
    }

    /// "he", "she", "his" or "her" comes after token `end`, in its sentence or the next,
    /// before any other name: the name before is a person's.
    pub fn pronoun_follows(&self, end: usize) -> bool {
        self.word_before_name(end, 1, |w| LEXICON.gendered_pronouns.has(w).then_some(true))
    }

    /// "its" comes after token `end` in its sentence, before any other name or a "he" or
    /// "she": the name before is a body's.
    pub fn its_follows(&self, end: usize) -> bool {
        self.word_before_name(end, 0, |w| match w {
            "its" => Some(true),
            _ => LEXICON.gendered_pronouns.has(w).then_some(false),
        })
    }

    /// Scans the words after token `end` to the end of its sentence and `more` sentences
    /// after, outside quotations: `word` says of each whether it is the one looked for
    /// (`Some(true)`), ends the scan (`Some(false)`) or is passed over; a name ends it too.
    fn word_before_name(
        &self,
        end: usize,
        more: usize,
        word: impl Fn(&str) -> Option<bool>,
    ) -> bool {
        let Some(t) = self.d.toks.get(end) else {
            return false;
        };
        let last = (t.sent + more).min(self.d.sents.len() - 1);
        for k in end..self.d.sents[last].1 {
            if self.d.inside_quote(k) {
                continue;
            }
            if let Some(found) = word(self.lower(k)) {
                return found;
            }
            if self.name_tok(k) {
                return false;
            }
        }
        false
    }

    /// The body a company noun ("the company", "the carmaker") or a press noun ("the
    /// paper") takes up: the latest named body before `pos` that fits. A company noun takes
    /// a body that is no person, place, state or outlet; a press noun the last outlet, else
    /// a name with nothing of a person or another body about it ("the Westbury Echo reported
    /// … the paper said"). A name with nothing of a person about it ("Carrow Chemicals": no
    /// first name, title, sex) may be either.
    pub fn body_by_noun(&self, pos: usize, head: &str) -> Option<usize> {
        let bare = |e: &Entity| {
            (e.kind != EKind::Person || e.titles.is_empty() && !e.described)
                && !e.place
                && e.female.is_none()
                && !e.first_name
        };
        if LEXICON.outlet_nouns.has(head) {
            return self
                .recent(pos, |e| {
                    e.kind != EKind::Person && e.role == Some(Role::Media)
                })
                .or_else(|| self.recent(pos, |e| bare(e) && e.role.is_none()));
        }
        if !LISTS.company.contains(head) || head.ends_with('s') && head != "airlines" {
            return None;
        }
        // of the bodies named lately, one named in this sentence first, then one named as
        // no preposition's object ("Castlemere Foods raised its offer for Hollin Dairy, the
        // company said"; "… three hubs in the Midwest. The company said"), then the latest;
        // a research firm is a firm too
        let fits = |e: &Entity| {
            bare(e) && matches!(e.role, None | Some(Role::Organization | Role::Expert))
        };
        let sent = self.d.toks.get(pos).map(|t| t.sent);
        let in_pp = |start: usize| {
            let mut b = start;
            if b > 0 && self.d.has(b - 1, DET) {
                b -= 1;
            }
            // "by", "with" and "according to" may bring in an agent ("figures released by
            // NPD Group", "with Bear Stearns tumbling")
            b > 0
                && LEXICON.prepositions.has(self.lower(b - 1))
                && !matches!(self.lower(b - 1), "by" | "with")
                && !(b > 1 && self.d.is(b - 2, "according"))
        };
        let recent: Vec<&Seen> = self
            .recent_mentions(pos)
            .filter(|s| fits(&self.ents[s.ent]))
            .collect();
        let here = |s: &&&Seen| Some(self.d.toks[s.start].sent) == sent;
        recent
            .iter()
            .find(|s| here(s) && !in_pp(s.start))
            .or_else(|| recent.iter().find(here))
            .or_else(|| recent.iter().find(|s| !in_pp(s.start)))
            .or_else(|| recent.first())
            .map(|s| s.ent)
    }

    /// Type bodies from the descriptions the article gives them, before any labelling:
    /// "the company" or "the carmaker" makes the body it takes up a company, "the paper" an
    /// outlet ("Carrow Chemicals … the company said", "The company, Brightline Paving,").
    fn type_from_descriptions(&mut self) {
        let n = self.d.toks.len();
        for k in 0..n.saturating_sub(1) {
            let h = k + 1;
            if self.lower(k) != "the" || self.d.inside_quote(k) {
                continue;
            }
            let hl = self.lower(h);
            if !LEXICON.outlet_nouns.has(hl) && !LISTS.company.contains(hl) {
                continue;
            }
            // "the company president": the noun only modifies a title
            if self
                .d
                .toks
                .get(h + 1)
                .is_some_and(|t| t.kind == Kind::Word && !t.cap && token_role(t).is_some())
            {
                continue;
            }
            let named_after = if self.d.is_punct(h + 1, ",") {
                let i = self.seen.partition_point(|s| s.start < h + 2);
                self.seen.get(i).filter(|s| s.start == h + 2).map(|s| s.ent)
            } else {
                None
            };
            let Some(e) = named_after
                .or_else(|| self.body_by_head(k, hl))
                .or_else(|| self.body_by_noun(k, hl))
            else {
                continue;
            };
            let ent = &self.ents[e];
            if ent.kind == EKind::Person && (ent.first_name || ent.female.is_some()) {
                continue;
            }
            let head = hl.to_string();
            self.type_as_called(e, &head, &format!("the {head}"));
        }
    }

    /// Type entity `e` as the body a description calls it ("the company", "the paper"): an
    /// organisation, with the role of an outlet for a press noun and of an organization for
    /// any other, unless the text gave it a role already.
    pub fn type_as_called(&mut self, e: usize, head: &str, description: &str) {
        let press = LEXICON.outlet_nouns.has(head);
        let ent = &mut self.ents[e];
        ent.kind = EKind::Org;
        if ent.role.is_none() {
            ent.role = Some(if press {
                Role::Media
            } else {
                Role::Organization
            });
            ent.role_why = format!("called \"{description}\"");
        }
    }

    /// The name mention that holds token `k` (mentions are in text order and never overlap).
    pub fn mention_at(&self, k: usize) -> Option<Seen> {
        let i = self.seen.partition_point(|s| s.start <= k);
        i.checked_sub(1).map(|i| self.seen[i]).filter(|s| k < s.end)
    }

    /// A word that names a person's post or kind: a title, an expert's, the press's or the
    /// public's noun ("spokesman", "economist", "witness"), or a post of a body ("chief",
    /// "executive", "coach").
    pub fn post_word(&self, k: usize) -> bool {
        let l = self.lower(k);
        self.d.has(k, OFFICIAL | EXPERT | MEDIA | PUBLIC)
            || LISTS.affiliated.contains(l)
            || LISTS.org_people.contains(l)
    }

    /// The body a definite description takes up by the last word of its name: "the union"
    /// → "Allied Autoworkers Union", "the department" → "Labor Department". The latest body
    /// named before `pos`, within the recent window, whose name has more than one word and
    /// ends in the head noun.
    pub fn body_by_head(&self, pos: usize, head: &str) -> Option<usize> {
        self.recent(pos, |e| {
            e.kind == EKind::Org
                && e.words.len() > 1
                && (e.words.last().is_some_and(|w| w == head)
                    // "the bank" for "Bank of Calder", "the ministry" for "Ministry of Health",
                    // "the court" for "High Court of Tessland"
                    || e
                        .name
                        .split(' ')
                        .zip(e.name.split(' ').skip(1))
                        .any(|(w, next)| next == "of" && w.eq_ignore_ascii_case(head)))
        })
    }

    /// The entity a capitalised name at token `k` names, from its mention there or, for a
    /// name mentioned before but not yet reached by the scan ("a spokesman for Ames"), from
    /// the names known so far.
    pub fn named_at(&self, k: usize) -> Option<usize> {
        if let Some(s) = self.mention_at(k) {
            return Some(s.ent);
        }
        let l = self.lower(k);
        self.by_name.get(l).or_else(|| self.by_part.get(l)).copied()
    }

    /// The owner of a post named in the description `toks` ("His campaign manager", "Kessin's
    /// head of charging", "the force's deputy chief constable", "her spokesman"): the role of
    /// the person or body whose post it is, with why. A person's post is their employer's,
    /// so "her spokesman" speaks as she does. None when the description names no post with a
    /// possessive before it ("his wife" is kin, no post), or the owner's role is unknown.
    /// `own` is the entity being described, never its own owner.
    pub fn post_owner_role(&self, toks: &[usize], own: Option<usize>) -> Option<(Role, String)> {
        let lo = toks.iter().min().copied()?;
        let hi = toks.iter().max().copied()?;
        // the possessive: a pronoun just before the words, before plain words in front of
        // them ("the union's state secretary"), or among them; or a "'s" mark
        let mut from = lo.saturating_sub(1);
        while from > 0
            && lo - from <= MAX_POST_MODIFIERS
            && self.d.toks[from].kind == Kind::Word
            && !self.d.toks[from].cap
            && !self.d.has(from, FUNC | DET)
            && self.d.toks[from].lower != "'s"
        {
            from -= 1;
        }
        let p = (from..=hi).find(|&p| {
            matches!(self.lower(p), "his" | "her" | "its" | "their" | "'s")
                || p > lo && matches!(self.d.toks[p].text, "'" | "’")
        })?;
        // a title that speaks for whoever holds the post ("spokesman", "chief"); a post of
        // a company or team ("coach", "manager") speaks for a body only as its own kind
        let post = |org_posts: bool| {
            (p + 1..=hi).any(|k| {
                let l = self.lower(k);
                LISTS.affiliated.contains(l)
                    || self.d.has(k, OFFICIAL)
                    || org_posts && LISTS.org_people.contains(l)
            })
        };
        // "the agency's lead scientist": an expert a body of the state employs speaks for it
        let state_expert = !post(true) && (p + 1..=hi).any(|k| self.d.has(k, EXPERT));
        if !post(true) && !state_expert {
            return None;
        }
        let l = self.lower(p);
        let (e, name) = match l {
            "his" | "her" => {
                let female = l == "her";
                let e = self.recent(p, |e| {
                    !e.place
                        && (e.kind == EKind::Person
                            || e.kind == EKind::Unknown && e.female.is_some())
                        && e.female.is_none_or(|f| f == female)
                })?;
                (Some(e), self.ents[e].name.clone())
            }
            "its" | "their" => {
                // ("Tarrow said … Its spokesman": a one-word name no person's, right before
                // a reporting verb)
                let e = self.recent_mentions(p).find_map(|s| {
                    let e = &self.ents[s.ent];
                    let spoke = e.kind == EKind::Unknown
                        && !e.place
                        && e.female.is_none()
                        && self.d.has(s.end, SAY);
                    (e.kind == EKind::Org || spoke).then_some(s.ent)
                })?;
                (Some(e), self.ents[e].name.clone())
            }
            _ => {
                let h = p.checked_sub(1)?;
                // "the authority's manager": the body the noun takes up
                let e = self.named_at(h).or_else(|| {
                    let head = self.lower(h);
                    self.body_by_head(h, head)
                        .or_else(|| self.body_by_noun(h, head))
                });
                match e {
                    Some(e) => (Some(e), self.ents[e].name.clone()),
                    None => (None, self.d.toks[h].text.to_string()),
                }
            }
        };
        if e.is_some() && e == own {
            return None;
        }
        let person = |e: &Entity| {
            e.kind == EKind::Person || e.female.is_some() || e.first_name || e.described
        };
        let role = match e {
            Some(e) if person(&self.ents[e]) => self.ents[e].role.filter(|&r| r != Role::Public)?,
            // a state's coach or player is its team's ("Tunisia's coach")
            Some(_) if !post(false) && self.d.has(p - 1, GOV) && self.d.toks[p - 1].cap => {
                return None
            }
            Some(e) if self.ents[e].kind == EKind::Org && self.ents[e].role.is_some() => {
                self.ents[e].role?
            }
            // "Its chairwoman" after a body no word types: an organization's, as the body is
            Some(e) if self.ents[e].kind != EKind::Person && matches!(l, "its" | "their") => {
                Role::Organization
            }
            _ if matches!(l, "his" | "her" | "its" | "their") => return None,
            // a bare name may be a country's team: "Tunisia's coach" is the team's
            Some(_) if !post(false) => return None,
            Some(e) if self.ents[e].role.is_some() => self.ents[e].role?,
            // a capitalised name the table does not know says nothing of its kind
            _ if self.d.toks[p - 1].cap => return None,
            _ => self.body_role(p.checked_sub(1)?)?,
        };
        // a state's body, not a person ("his lawyer" speaks as an expert)
        if state_expert && (role != Role::Official || e.is_some_and(|e| person(&self.ents[e]))) {
            return None;
        }
        Some((role, format!("a post of {name}")))
    }

    /// The most recent entity mentioned before token `pos` that fits.
    pub fn recent(&self, pos: usize, ok: impl Fn(&Entity) -> bool) -> Option<usize> {
        self.recent_mentions(pos)
            .map(|s| s.ent)
            .find(|&e| ok(&self.ents[e]))
    }

    /// The name mentions that end before token `pos`, latest first, over a bounded window.
    fn recent_mentions(&self, pos: usize) -> impl Iterator<Item = &Seen> {
        // `seen` is in text order
        let upto = self.seen.partition_point(|s| s.end <= pos);
        self.seen[..upto].iter().rev().take(RECENT_WINDOW)
    }
}
