//! Labels for the candidates: the resolved source (pronouns, titles, surnames, acronyms),
//! identity, role, form, and the words that explain them.

use super::doc::{Doc, Kind};
use super::lexicon::*;
use super::rules::{is_pronoun, Cand, Finder, Subject};
use crate::model::{Attribution, Form, Identity, Role};
use rustc_hash::FxHashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EKind {
    Person,
    Org,
    Unknown,
}

#[derive(Debug, Clone)]
struct Entity {
    name: String,
    kind: EKind,
    role: Option<Role>,
    role_why: String,
    /// Lowercase title and institution words said of the entity ("president", "company").
    titles: Vec<String>,
    female: Option<bool>,
    words: Vec<String>,
    /// Has been the source of an attribution or carries a title: a likely antecedent.
    salient: bool,
    /// Used as a place ("in New Zealand", "New Zealand's government"): never "he" or "she".
    place: bool,
}

/// One mention of an entity: the token range of its name.
#[derive(Debug, Clone, Copy)]
struct Seen {
    start: usize,
    end: usize,
    ent: usize,
}

const FEMALE: [&str; 16] = [
    "she",
    "her",
    "mrs",
    "ms",
    "spokeswoman",
    "chairwoman",
    "congresswoman",
    "queen",
    "princess",
    "mother",
    "wife",
    "sister",
    "daughter",
    "widow",
    "woman",
    "businesswoman",
];
const MALE: [&str; 14] = [
    "he",
    "him",
    "his",
    "mr",
    "spokesman",
    "chairman",
    "congressman",
    "king",
    "prince",
    "father",
    "husband",
    "brother",
    "son",
    "businessman",
];
/// Title words that take their role from the body they speak for ("Apple spokesman").
const GENERIC: [&str; 11] = [
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "spokesmen",
    "representative",
    "chief",
    "head",
    "director",
    "leader",
    "official",
];

/// Organization words that name a person's post ("CEO"), not a body ("company").
const ORG_PERSON: [&str; 20] = [
    "ceo",
    "cfo",
    "coo",
    "executive",
    "executives",
    "chairman",
    "chairwoman",
    "founder",
    "co-founder",
    "manager",
    "managers",
    "employee",
    "employees",
    "activist",
    "activists",
    "advocate",
    "campaigner",
    "organizer",
    "owner",
    "staff",
];

/// How many earlier name mentions a pronoun or title may reach back over.
const RECENT_WINDOW: usize = 40;

fn gender_of(lower: &str) -> Option<bool> {
    if FEMALE.contains(&lower) {
        Some(true)
    } else if MALE.contains(&lower) {
        Some(false)
    } else {
        None
    }
}

fn word_role(flags: u64) -> Option<Role> {
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

pub struct Labeler<'d, 'a> {
    d: &'d Doc<'a>,
    f: Finder<'d, 'a>,
    ents: Vec<Entity>,
    seen: Vec<Seen>,
    /// Entities by full name, by one part of a person's name, and by initials.
    by_name: FxHashMap<String, usize>,
    by_part: FxHashMap<String, usize>,
    by_initials: FxHashMap<String, usize>,
    /// Scratch buffer for the joined name key of a run.
    key_buf: String,
}

struct Resolved {
    source: String,
    identity: Identity,
    role: Role,
    why: String,
}

impl<'d, 'a> Labeler<'d, 'a> {
    pub fn new(d: &'d Doc<'a>) -> Self {
        let mut l = Labeler {
            d,
            f: Finder::new(d),
            ents: Vec::new(),
            by_name: FxHashMap::default(),
            by_part: FxHashMap::default(),
            by_initials: FxHashMap::default(),
            key_buf: String::new(),
            seen: Vec::new(),
        };
        l.scan_names();
        l
    }

    fn lower(&self, i: usize) -> &str {
        self.d.toks.get(i).map(|t| t.lower.as_ref()).unwrap_or("")
    }

    /// A capitalised word that can be part of a name here (not a common noun that opens
    /// a sentence, not inside a quotation).
    fn name_tok(&self, i: usize) -> bool {
        if !self.d.is_name(i) || self.d.inside_quote(i) {
            return false;
        }
        let t = &self.d.toks[i];
        let sent_start =
            self.d.sents[t.sent].0 == i || (i > 0 && self.d.toks[i - 1].kind == Kind::Quote);
        !(sent_start && t.flags & !(GOV | OUTLET | ORG | OFFICIAL) != 0)
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
            while j < n {
                if self.name_tok(j) && self.d.toks[j].sent == self.d.toks[i].sent {
                    j += 1;
                } else if matches!(
                    self.lower(j),
                    "of" | "for" | "de" | "&" | "von" | "van" | "al"
                ) && self.name_tok(j + 1)
                {
                    j += 2;
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
        const TITLE: u64 = OFFICIAL | EXPERT | MEDIA | ORG | GOV | OUTLET | PUBLIC;
        let last_title = (i..j).rev().find(|&k| self.d.has(k, TITLE));
        let (name_start, title_part) = match last_title {
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
            if let Some(c) = (name_start..j).rev().find(|&k| !self.d.toks[k].cap) {
                name_start = c + 1;
                // "Minister of Education Stefania Rossi": the department, then a full name
                if matches!(self.lower(c), "of" | "for") && j >= name_start + 3 {
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
            .map(|k| d.toks[k].lower.as_ref())
            .filter(|w| !matches!(*w, "of" | "the" | "for" | "&" | "de"))
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
        let institution = (name_start..j).any(|k| self.d.has(k, GOV | OUTLET | ORG))
            || j - name_start > 1 && (name_start..j).any(is_acronym);
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
                    .filter(|&e| self.ents[e].kind != EKind::Org),
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
        } else if !institution {
            let mut k = name_start;
            let mut title_seen = false;
            while k > 0 && name_start - k < 4 {
                k -= 1;
                let t = &self.d.toks[k];
                if t.kind != Kind::Word || self.d.inside_quote(k) {
                    break;
                }
                let honorific = matches!(t.lower.as_ref(), "mr" | "mrs" | "ms" | "dr" | "prof");
                let title = t.flags & (NOUNISH & !DOC) != 0 && !t.cap;
                if title || honorific || t.cap && title_seen && t.flags & FUNC == 0 {
                    considered.push(k);
                    title_seen |= title;
                } else if !(t.flags & (ADJ | DET) != 0 && t.flags & FUNC == 0) {
                    break;
                }
            }
            // "the state prosecutor, Ann Lee": a describing phrase before a comma
            if considered.is_empty()
                && name_start >= 2
                && self.d.is_punct(name_start - 1, ",")
                && self
                    .d
                    .has(name_start - 2, OFFICIAL | EXPERT | MEDIA | PUBLIC)
                && !self.d.toks[name_start - 2].cap
            {
                let mut k = name_start - 1;
                while k > 0
                    && name_start - k < 6
                    && self.d.toks[k - 1].kind == Kind::Word
                    && self.d.toks[k - 1].flags & (SAY | AUX) == 0
                {
                    k -= 1;
                    considered.push(k);
                }
            }
        }
        // "named Ann Lee as its new chief executive"
        if self.lower(j) == "as" {
            let mut k = j + 1;
            while k < self.d.toks.len()
                && k < j + 6
                && self.d.toks[k].kind == Kind::Word
                && (self.d.has(k, DET | ADJ | NOUNISH)
                    || matches!(self.lower(k), "new" | "its" | "both"))
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
        if matches!(
            self.lower(jj),
            "administration" | "government" | "cabinet" | "presidency"
        ) {
            considered.insert(0, jj);
        }
        // ", the Mexican president," / ", spokesman for the Indonesian military,"
        if self.d.is_punct(j, ",") {
            let mut e = j + 1;
            while e < self.d.toks.len()
                && e < j + 14
                && self.d.toks[e].kind == Kind::Word
                && (self.d.toks[e].cap || self.d.toks[e].flags & (SAY | AUX | BELIEF) == 0)
            {
                e += 1;
            }
            let closed = e < self.d.toks.len() && matches!(self.d.toks[e].text, "," | "." | ")");
            if closed && e > j + 1 && (self.d.has(j + 1, DET | NOUNISH) || self.d.is_name(j + 1)) {
                let stop = (j + 2..e)
                    .find(|&k| {
                        matches!(self.lower(k), "of" | "for" | "at" | "in" | "from" | "with")
                    })
                    .unwrap_or(e);
                considered.extend((j + 1..stop).rev());
                considered.extend(stop..e);
            }
        }
        let mut titles = Vec::new();
        let mut female = None;
        for &k in &considered {
            let t = &self.d.toks[k];
            if let Some(g) = gender_of(&t.lower) {
                female.get_or_insert(g);
            }
            if t.flags & (OFFICIAL | EXPERT | MEDIA | ORG | PUBLIC | GOV | OUTLET) != 0 && !t.cap {
                titles.push(t.lower.to_string());
            }
        }
        let (mut role, mut role_why) = match self.role_of(&considered) {
            Some((r, w)) => (Some(r), w),
            None => (None, String::new()),
        };
        if institution {
            role = if (name_start..j).any(|k| self.d.has(k, OUTLET)) {
                Some(Role::Media)
            } else {
                (name_start..j)
                    .rev()
                    .find_map(|k| word_role(self.d.toks[k].flags & (GOV | ORG)))
            };
            role_why = format!("name \"{text}\"");
        }
        // "in New Zealand", "across Freedonia", "New Zealand's government": a place
        let place = kind != EKind::Org
            && title_part.is_none()
            && (name_start > 0
                && matches!(
                    self.lower(name_start - 1),
                    "in" | "across" | "throughout" | "within" | "near"
                )
                && self.lower(j) != "'s"
                || self.lower(j) == "'s"
                    && matches!(
                        self.lower(j + 1),
                        "capital" | "economy" | "border" | "borders" | "coast" | "north" | "south"
                    ));
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

    /// The role named by title words, closest first: a person's own title wins; a
    /// spokesperson-like title takes the role of the body it names; else a body's role.
    fn role_of(&self, toks: &[usize]) -> Option<(Role, String)> {
        let mut generic = None;
        for &k in toks {
            let t = &self.d.toks[k];
            // a capitalised word before a name is a title ("President", "Professor",
            // "CEO"), not a modifier ("Refugee Council")
            let person_title = if t.cap {
                t.flags & (OFFICIAL | EXPERT) != 0 || ORG_PERSON.contains(&t.lower.as_ref())
            } else {
                t.flags & (OFFICIAL | EXPERT | MEDIA | PUBLIC) != 0
                    || ORG_PERSON.contains(&t.lower.as_ref())
            };
            if GENERIC.contains(&t.lower.as_ref()) {
                generic.get_or_insert(k);
            } else if person_title && (!t.cap || t.flags & (GOV | OUTLET) == 0) {
                if let Some(r) = word_role(t.flags) {
                    return Some((r, format!("title \"{}\"", t.text)));
                }
            }
        }
        let body = |bits: u64| toks.iter().copied().find(|&k| self.d.has(k, bits));
        if let Some(g) = generic {
            let gt = self.d.toks[g].text;
            if let Some(k) = body(GOV) {
                return Some((Role::Official, format!("\"{} {gt}\"", self.d.toks[k].text)));
            }
            if let Some(k) = body(OUTLET) {
                return Some((Role::Media, format!("\"{} {gt}\"", self.d.toks[k].text)));
            }
            if let Some(k) = toks
                .iter()
                .copied()
                .find(|&k| self.d.has(k, ORG) || self.d.is_name(k))
            {
                return Some((
                    Role::Organization,
                    format!("\"{} {gt}\"", self.d.toks[k].text),
                ));
            }
            return Some((Role::Official, format!("title \"{gt}\"")));
        }
        if let Some(k) = body(OUTLET) {
            return Some((Role::Media, format!("\"{}\"", self.d.toks[k].text)));
        }
        toks.iter().find_map(|&k| {
            word_role(self.d.toks[k].flags)
                .map(|r| (r, format!("word \"{}\"", self.d.toks[k].text)))
        })
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
            }
        }
    }

    /// "he", "she", "his" or "her" comes after token `end`, in its sentence or the next,
    /// before any other name: the name before is a person's.
    fn pronoun_follows(&self, end: usize) -> bool {
        let Some(t) = self.d.toks.get(end) else {
            return false;
        };
        let last = (t.sent + 1).min(self.d.sents.len() - 1);
        let stop = self.d.sents[last].1;
        for k in end..stop {
            if self.d.inside_quote(k) {
                continue;
            }
            if matches!(self.lower(k), "he" | "she" | "his" | "her" | "him") {
                return true;
            }
            if self.name_tok(k) {
                return false;
            }
        }
        false
    }

    /// The most recent entity mentioned before token `pos` that fits.
    fn recent(&self, pos: usize, ok: impl Fn(&Entity) -> bool) -> Option<usize> {
        // `seen` is in text order: look back from `pos`, over a bounded window
        let upto = self.seen.partition_point(|s| s.end <= pos);
        self.seen[..upto]
            .iter()
            .rev()
            .take(RECENT_WINDOW)
            .map(|s| s.ent)
            .find(|&e| ok(&self.ents[e]))
    }

    fn named(&mut self, e: usize, why: String, fallback: Role) -> Resolved {
        self.ents[e].salient = true;
        let ent = &self.ents[e];
        let role = ent.role.unwrap_or(fallback);
        let rwhy = if ent.role.is_some() {
            ent.role_why.clone()
        } else {
            "no title".to_string()
        };
        Resolved {
            source: ent.name.clone(),
            identity: Identity::Named,
            role,
            why: format!("{why} → named, {role} ({rwhy})"),
        }
    }

    /// Resolve a description in the text.
    fn resolve(
        &mut self,
        ms: usize,
        me: usize,
        appos: Option<(usize, usize)>,
        last_group: Option<&Resolved>,
    ) -> Resolved {
        let mtext = self.d.text_of(ms, me).to_string();
        let h = self.f.head(ms, me);
        let hl = self.lower(h).to_string();
        // pronouns
        if me - ms == 1 && is_pronoun(&hl) {
            let g = gender_of(&hl);
            let found = match hl.as_str() {
                "he" | "she" => self
                    .recent(ms, |e| {
                        e.kind == EKind::Person
                            && e.salient
                            && (g.is_none() || e.female.is_none() || e.female == g)
                    })
                    .or_else(|| {
                        self.recent(ms, |e| {
                            e.kind == EKind::Person
                                && !e.place
                                && (g.is_none() || e.female.is_none() || e.female == g)
                        })
                    })
                    // a bare surname the article has quoted before ("Smith said")
                    .or_else(|| {
                        self.recent(ms, |e| e.kind == EKind::Unknown && e.salient && !e.place)
                    }),
                "it" => self.recent(ms, |e| e.kind != EKind::Person),
                _ => None,
            };
            if let Some(e) = found {
                if self.ents[e].female.is_none() {
                    self.ents[e].female = g;
                }
                return self.named(
                    e,
                    format!("pronoun \"{mtext}\" → \"{}\"", self.ents[e].name),
                    Role::Unknown,
                );
            }
            if hl == "they" {
                if let Some(r) = last_group {
                    return Resolved {
                        source: r.source.clone(),
                        identity: r.identity,
                        role: r.role,
                        why: format!("pronoun \"they\" → \"{}\"", r.source),
                    };
                }
            }
            let identity = if matches!(hl.as_str(), "he" | "she" | "i") {
                Identity::Named
            } else {
                Identity::Anonymous
            };
            return Resolved {
                source: mtext.clone(),
                identity,
                role: Role::Unknown,
                why: format!("pronoun \"{mtext}\" unresolved"),
            };
        }
        let anon_phrase = self.anonymity(ms, me);
        // names inside the description
        let lo = self.seen.partition_point(|s| s.start < ms);
        let hi = self.seen.partition_point(|s| s.start < me);
        let inside = &self.seen[lo..hi];
        let ent = inside
            .iter()
            .rev()
            .find(|s| s.end <= me && s.start <= h + 1 && s.end > h)
            .or_else(|| inside.iter().rev().find(|s| s.end <= me && s.end <= h + 1))
            .or_else(|| {
                let doc = self.d.has(h, DOC);
                inside.iter().find(|s| doc && s.end <= me)
            })
            .copied();
        let head_is_name = self.d.is_name(h)
            && !self
                .d
                .has(h, OFFICIAL | EXPERT | PUBLIC | MEDIA | ANON | DOC)
            || self.d.has(h, GOV | OUTLET) && self.d.is_name(h);
        let head_institution = self.d.has(h, GOV | OUTLET | ORG)
            && !self.d.has(h, OFFICIAL | EXPERT | PUBLIC | MEDIA | ANON)
            && !matches!(
                hl.as_str(),
                "executive" | "executives" | "staff" | "employees" | "activists"
            );
        let head_doc = self.d.has(h, DOC) && !self.d.has(h, OFFICIAL | EXPERT | PUBLIC);
        let role_words = self.role_from(ms, me, h, appos);
        if let Some(s) = ent {
            if !anon_phrase && (head_is_name || s.end > h || head_institution || head_doc) {
                let mut r = self.named(
                    s.ent,
                    format!("name \"{}\"", self.ents[s.ent].name),
                    Role::Unknown,
                );
                if let Some((role, why)) = role_words.clone() {
                    if self.ents[s.ent].role.is_none() || s.end <= h {
                        r.role = role;
                        r.why =
                            format!("name \"{}\" → named, {role} ({why})", self.ents[s.ent].name);
                    }
                }
                if self.ents[s.ent].role.is_none() {
                    if let Some((role, why)) = role_words {
                        self.ents[s.ent].role = Some(role);
                        self.ents[s.ent].role_why = why;
                    }
                }
                if r.role == Role::Unknown
                    && self.ents[s.ent].kind == EKind::Unknown
                    && self.pronoun_follows(s.end)
                {
                    // "Ortega said … He added": a bare surname, a person
                    self.ents[s.ent].kind = EKind::Person;
                }
                if r.role == Role::Unknown && self.ents[s.ent].kind != EKind::Person {
                    // a one-word name that is no person and no state: a company or group
                    r.role = Role::Organization;
                    r.why.push_str("; an organization's name");
                }
                return r;
            }
        }
        let (role, rwhy) = role_words.unwrap_or((Role::Unknown, "no role word".to_string()));
        if self.d.has(h, UNSPEC_MEDIA) && !self.d.is_name(h) {
            return Resolved {
                source: mtext.clone(),
                identity: Identity::Unspecified,
                role: Role::Media,
                why: format!("\"{mtext}\" → unspecified, media (no agent named)"),
            };
        }
        let definite = matches!(self.lower(ms), "the" | "this" | "that" | "these" | "those");
        // "the sources", "the officials": the unnamed group quoted just before
        if definite && me - ms <= 3 && self.d.has(h, ANON) && hl.ends_with('s') {
            if let Some(g) = last_group.filter(|g| g.identity == Identity::Anonymous) {
                return Resolved {
                    source: g.source.clone(),
                    identity: g.identity,
                    role: g.role,
                    why: format!("\"{mtext}\" → \"{}\" (the group quoted before)", g.source),
                };
            }
        }
        if definite && !anon_phrase && me - ms <= 4 {
            // "the company", "the president", "the bank chief"
            let org_noun = self.d.has(h, ORG) && !self.d.has(h, OFFICIAL | EXPERT | PUBLIC);
            let found = if org_noun {
                self.recent(ms, |e| {
                    e.kind != EKind::Person && e.role == Some(Role::Organization)
                })
            } else if self.d.has(h, OFFICIAL | EXPERT | MEDIA | ORG) && !hl.ends_with('s') {
                self.recent(ms, |e| e.kind != EKind::Org && e.titles.contains(&hl))
            } else {
                None
            };
            if let Some(e) = found {
                let mut r = self.named(
                    e,
                    format!("description \"{mtext}\" → \"{}\"", self.ents[e].name),
                    role,
                );
                if self.ents[e].role.is_none() {
                    r.role = role;
                }
                return r;
            }
            if head_institution && self.d.has(h, GOV) {
                return Resolved {
                    source: mtext.clone(),
                    identity: Identity::Named,
                    role: Role::Official,
                    why: format!("\"{mtext}\" → named (an institution), official ({rwhy})"),
                };
            }
        }
        if head_doc {
            let role = if role == Role::Unknown && self.d.has(h, DOC_OFFICIAL) {
                Role::Official
            } else {
                role
            };
            return Resolved {
                source: mtext.clone(),
                identity: Identity::Unspecified,
                role,
                why: format!("document \"{mtext}\" with no named author → unspecified, {role}"),
            };
        }
        if (head_is_name || head_institution && definite) && !anon_phrase {
            let role = if role == Role::Unknown && self.d.has(h, GOV) {
                Role::Official
            } else {
                role
            };
            return Resolved {
                source: mtext.clone(),
                identity: Identity::Named,
                role,
                why: format!("name \"{mtext}\" → named, {role} ({rwhy})"),
            };
        }
        let why = if anon_phrase {
            "anonymity phrase".to_string()
        } else {
            format!("descriptor \"{}\"", self.d.toks[h].text)
        };
        Resolved {
            source: mtext.clone(),
            identity: Identity::Anonymous,
            role,
            why: format!("mention \"{mtext}\" → anonymous ({why}), {role} ({rwhy})"),
        }
    }

    /// An anonymity phrase inside the description or right after it.
    fn anonymity(&self, ms: usize, me: usize) -> bool {
        let end = (me + 8).min(self.d.toks.len());
        let lowers: Vec<&str> = (ms..end).map(|k| self.lower(k)).collect();
        LEXICON.anonymity_phrases.iter().any(|p| {
            lowers
                .windows(p.len())
                .any(|w| w.iter().zip(p).all(|(a, b)| *a == b.as_str()))
        }) || (ms..me).any(|k| matches!(self.lower(k), "anonymous" | "unnamed" | "unidentified"))
    }

    /// The role named by the words of a description: its head first (unless the head is a
    /// spokesperson-like word that takes the role of its body), then the other words, then
    /// the apposition.
    fn role_from(
        &self,
        ms: usize,
        me: usize,
        h: usize,
        appos: Option<(usize, usize)>,
    ) -> Option<(Role, String)> {
        let generic = GENERIC.contains(&self.lower(h));
        // "the Xinhua news agency": an institution named as news is the press
        if self.d.has(h, GOV | ORG)
            && !self.d.has(h, OFFICIAL)
            && (ms..me).any(|k| self.d.has(k, OUTLET))
        {
            return Some((
                Role::Media,
                format!("outlet \"{}\"", self.d.text_of(ms, me)),
            ));
        }
        let mut order: Vec<usize> = Vec::new();
        if !generic {
            order.push(h);
        }
        order.extend((ms..h).rev());
        order.extend(h + 1..me);
        if let Some((a, b)) = appos {
            order.extend(a..b);
        }
        for k in order {
            let t = &self.d.toks[k];
            if let Some(r) = word_role(t.flags) {
                if GENERIC.contains(&t.lower.as_ref()) && k != h {
                    continue;
                }
                return Some((r, format!("word \"{}\"", t.text)));
            }
            if generic && t.cap && k < h && t.kind == Kind::Word && t.flags & (FUNC | DET) == 0 {
                return Some((
                    Role::Organization,
                    format!("\"{}\" {}", t.text, self.d.toks[h].text),
                ));
            }
        }
        if generic {
            return Some((Role::Official, format!("title \"{}\"", self.d.toks[h].text)));
        }
        None
    }

    pub fn label(mut self, cands: &[Cand]) -> Vec<Attribution> {
        let mut out: Vec<Option<(Resolved, usize)>> = Vec::with_capacity(cands.len());
        let mut last: Option<(Resolved, usize)> = None; // (resolved, paragraph)
        let mut last_group: Option<Resolved> = None;
        for c in cands {
            let para = self.d.toks[c.pos].para;
            let r = match c.subject {
                Subject::Fixed(src) => Some(Resolved {
                    source: src.to_string(),
                    identity: Identity::Unspecified,
                    role: Role::Unknown,
                    why: "no agent named → unspecified".to_string(),
                }),
                Subject::Mention(ms, me) => {
                    Some(self.resolve(ms, me, c.appos, last_group.as_ref()))
                }
                Subject::Previous => {
                    last.as_ref()
                        .filter(|(_, p)| para <= p + 3)
                        .map(|(r, _)| Resolved {
                            source: r.source.clone(),
                            identity: r.identity,
                            role: r.role,
                            why: format!("quotation continues \"{}\"", r.source),
                        })
                }
                Subject::Inherit => None,
            };
            if let (Some(r), Subject::Mention(..)) = (&r, c.subject) {
                last = Some((clone(r), para));
                if r.identity != Identity::Named
                    || self.lower(c.subject_start()) == "they"
                    || r.role == Role::Organization
                {
                    last_group = Some(clone(r));
                }
            }
            out.push(r.map(|r| (r, para)));
        }
        // shared subjects: the attribution before in the sentence, else the one after, else
        // the phrase that opens the sentence
        for i in 0..cands.len() {
            if cands[i].subject != Subject::Inherit || out[i].is_some() {
                continue;
            }
            let s = cands[i].sent;
            let prev = (0..i).rev().take_while(|&j| cands[j].sent == s).find(|&j| {
                out[j].is_some()
                    && matches!(cands[j].subject, Subject::Mention(..))
                    && cands[j].via.is_none()
            });
            let next = (i + 1..cands.len())
                .take_while(|&j| cands[j].sent == s)
                .find(|&j| {
                    out[j].is_some()
                        && matches!(cands[j].subject, Subject::Mention(..))
                        && cands[j].via.is_none()
                });
            let pick = prev.or(next);
            let r = match pick {
                Some(j) => out[j].as_ref().map(|(r, p)| {
                    (
                        Resolved {
                            source: r.source.clone(),
                            identity: r.identity,
                            role: r.role,
                            why: format!("shares the subject \"{}\"", r.source),
                        },
                        *p,
                    )
                }),
                None => {
                    let (a, b) = self.d.sents[s];
                    self.f.right_np(a, b).map(|(x, y)| {
                        let r = self.resolve(x, y, None, None);
                        (
                            Resolved {
                                why: format!("subject of the sentence: {}", r.why),
                                ..r
                            },
                            self.d.toks[a].para,
                        )
                    })
                }
            };
            out[i] = r;
        }
        let mut res = Vec::with_capacity(cands.len());
        for (i, c) in cands.iter().enumerate() {
            let Some((r, _)) = &out[i] else { continue };
            let via = c.via.and_then(|v| match v {
                Subject::Mention(ms, me) => {
                    // the citing attribution, labelled in this sentence
                    let lo = (0..i)
                        .rev()
                        .take_while(|&j| cands[j].sent == c.sent)
                        .last()
                        .unwrap_or(i);
                    let hi = (i..cands.len())
                        .take_while(|&j| cands[j].sent == c.sent)
                        .last()
                        .unwrap_or(i);
                    (lo..=hi)
                        .find(|&j| {
                            cands[j].subject == Subject::Mention(ms, me) && cands[j].via.is_none()
                        })
                        .and_then(|j| out[j].as_ref().map(|(r, _)| r.source.clone()))
                        .or_else(|| Some(self.d.text_of(ms, me).to_string()))
                }
                _ => (i + 1..cands.len())
                    .take_while(|&j| cands[j].sent == c.sent)
                    .find(|&j| cands[j].via.is_none() && out[j].is_some())
                    .and_then(|j| out[j].as_ref().map(|(r, _)| r.source.clone())),
            });
            let mention = match c.subject {
                Subject::Mention(ms, me) => self.d.span(ms, me),
                _ => None,
            };
            let cue = c.cue.and_then(|(x, y)| self.d.span(x, y));
            let content = c.content.and_then(|(x, y)| self.d.span(x, y));
            let quoted = c
                .content
                .is_some_and(|(x, y)| (x..y).any(|k| self.d.is_quote(k)));
            let form = if c.document {
                Form::Document
            } else if quoted {
                Form::DirectQuote
            } else {
                Form::Paraphrase
            };
            let cue_text = cue.as_ref().map(|s| s.text.as_str()).unwrap_or("none");
            let trigger = format!(
                "cue \"{cue_text}\"; {}; {}",
                r.why,
                match form {
                    Form::Document => "document source",
                    Form::DirectQuote => "quotation marks in content",
                    Form::Paraphrase => "no quotation marks",
                }
            );
            res.push(Attribution {
                source: r.source.clone(),
                mention,
                cue,
                content,
                identity: r.identity,
                role: r.role,
                form,
                hedged: c.hedged
                    || c.subject == Subject::Fixed("reports")
                    || c.subject == Subject::Fixed("unspecified"),
                via,
                rule: c.rule.name().to_string(),
                trigger,
            });
        }
        res
    }
}

fn clone(r: &Resolved) -> Resolved {
    Resolved {
        source: r.source.clone(),
        identity: r.identity,
        role: r.role,
        why: r.why.clone(),
    }
}

impl Cand {
    fn subject_start(&self) -> usize {
        match self.subject {
            Subject::Mention(ms, _) => ms,
            _ => self.pos,
        }
    }
}
