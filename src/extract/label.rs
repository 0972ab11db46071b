//! Labels for the candidates: the resolved source (pronouns, titles, surnames, acronyms),
//! identity, role, form, and the words that explain them.

use super::doc::{Doc, Kind};
use super::entities::*;
use super::lexicon::*;
use super::rule::Rule;
use super::rules::{is_pronoun, Cand, Finder, Subject};
use crate::model::{Attribution, Entity, EntityType, Form, Identity, Role};

pub struct Labeler<'d, 'a> {
    d: &'d Doc<'a>,
    f: Finder<'d, 'a>,
    t: Entities<'d, 'a>,
    /// The entity the last resolution named, if any.
    last_named: Option<usize>,
    /// The current speaker: the entity of the last attribution with a mention, its
    /// paragraph and the position of its cue.
    speaker: Option<(usize, usize, usize)>,
    /// The last unnamed single person quoted ("a witness"), its paragraph and the position of
    /// its cue: a "he" or "she" after it may take it up.
    anon_speaker: Option<(Resolved, usize, usize)>,
    /// The sentence and entity of each attribution resolved to a name so far.
    named_in_sent: Vec<(usize, usize)>,
}

struct Resolved {
    source: String,
    identity: Identity,
    role: Role,
    why: String,
}

/// The most words (a participle, a date) between a document and the "by" that names its
/// author.
const MAX_AUTHOR_GAP: usize = 4;
/// The most plain words between an author's preposition and article and the author's name
/// ("by the nonpartisan Legislative Budget Office").
const MAX_AUTHOR_WORDS: usize = 3;
/// The most tokens before a name that opens its sentence: titles ("U.S. Senator"), or an
/// opening phrase and its comma ("Writing in a blog post,").
const MAX_OPENING_WORDS: usize = 8;
/// How many sentences back "the report" may look for the sentence that introduced it
/// (a quotation of two sentences may stand between).
const MAX_DOCUMENT_LOOKBACK: usize = 4;
/// The most words of a plural phrase that stands for several named sources ("both of the
/// senators", "the two union leaders").
const MAX_PLURAL_WORDS: usize = 4;
/// How many sentences after a cue several named shared a "they" may still take them up.
const MAX_GROUP_SENTENCES: usize = 2;

impl<'d, 'a> Labeler<'d, 'a> {
    pub fn new(d: &'d Doc<'a>) -> Self {
        Labeler {
            d,
            f: Finder::new(d),
            t: Entities::build(d),
            last_named: None,
            speaker: None,
            anon_speaker: None,
            named_in_sent: Vec::new(),
        }
    }

    fn lower(&self, i: usize) -> &str {
        self.d.toks.get(i).map(|t| t.lower.as_ref()).unwrap_or("")
    }

    fn named(&mut self, e: usize, why: String, fallback: Role) -> Resolved {
        self.t.ents[e].salient = true;
        self.last_named = Some(e);
        let ent = &self.t.ents[e];
        // a person the article names with no title, post or affiliation anywhere: one of the
        // public ("Maria Okafor, 34, said"); a person by a first name, or by the sex the text
        // shows ("Valeska Ruiz, an Australian woman,", "Ms Ruiz", "she")
        let plain = ent.role.is_none()
            && (ent.kind == EKind::Person
                && (ent.first_name || ent.female.is_some() || ent.described)
                || ent.kind == EKind::Unknown && ent.female.is_some());
        let role = if plain {
            Role::Public
        } else {
            ent.role.unwrap_or(fallback)
        };
        let rwhy = if ent.role.is_some() {
            ent.role_why.clone()
        } else if plain {
            "a person named with no title or affiliation".to_string()
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

    /// The speaker of the quotation run a "he" or "she" at `pos` continues: the source of the
    /// last attribution, in this paragraph or the one before, when its sex agrees and no
    /// other person who agrees has opened a sentence since: then that new subject.
    fn current_speaker(&self, pos: usize, g: Option<bool>) -> Option<usize> {
        let (e, para, at) = self.speaker?;
        let agrees = |x: usize| {
            let ent = &self.t.ents[x];
            ent.kind != EKind::Org && !ent.place && ent.sex_agrees(g)
        };
        if self.d.toks[pos].para > para + 1 || at >= pos {
            return None;
        }
        let rival = self
            .people_opening_sentences(at, pos)
            .rev()
            .find(|s| s.ent != e && agrees(s.ent));
        // a speaker of the other sex leaves the pronoun to a person who has opened a
        // sentence since ("…," she said. Hadley is weighing a run. "…," he said)
        match rival {
            Some(s) => Some(s.ent),
            None => agrees(e).then_some(e),
        }
    }

    /// The mentions of people that open a sentence after token `at` and before `pos`: each
    /// a new subject that may take a pronoun from the speaker before.
    fn people_opening_sentences(
        &self,
        at: usize,
        pos: usize,
    ) -> impl DoubleEndedIterator<Item = &Seen> + use<'_, 'd, 'a> {
        let lo = self.t.seen.partition_point(|s| s.start <= at);
        let hi = self.t.seen.partition_point(|s| s.start < pos).max(lo);
        self.t.seen[lo..hi]
            .iter()
            .filter(|s| self.t.ents[s.ent].kind == EKind::Person && self.opens_sentence(s.start))
    }

    /// A name at token `k` is the sentence's subject as it opens: nothing before it but its
    /// titles ("U.S. Senator Bob Corker was…"), or an opening phrase closed by a comma with
    /// no name of a person in it ("Writing in a blog post, Ann Lee called…").
    fn opens_sentence(&self, k: usize) -> bool {
        let a = self.d.sents[self.d.toks[k].sent].0;
        if k - a > MAX_OPENING_WORDS {
            return false;
        }
        let titles = |from: usize| {
            (from..k).all(|i| {
                let t = &self.d.toks[i];
                t.kind == Kind::Word && (t.cap || self.t.post_word(i)) || self.d.is_punct(i, ".")
            })
        };
        if titles(a) {
            return true;
        }
        // after one comma: an opening phrase ("Writing in a blog post, Ann Lee called"), or
        // a description the name stands in apposition to ("Her counterpart, Sen. Ann Lee,",
        // "Turay's spokesman, Ali Kamara,"), with no person in it but an owner
        let Some(c) = (a..k).rev().find(|&i| self.d.is_punct(i, ",")) else {
            return false;
        };
        // ("A spokeswoman for Platt, Hannah Osei,": a person after a preposition is whose)
        let person_named = (a..c).any(|i| {
            self.t.mention_at(i).is_some_and(|s| {
                s.start == i
                    && self.t.ents[s.ent].kind == EKind::Person
                    && !self.d.is(s.end, "'s")
                    && !(i > a && LEXICON.prepositions.has(self.lower(i - 1)))
            })
        });
        c > a && titles(c + 1) && !person_named && (a..c).all(|i| !self.d.is_punct(i, ","))
    }

    /// The unnamed person a "he" or "she" at `pos` takes up: the last source quoted was one
    /// person described but not named ("A witness, who asked not to be named, said …"), in
    /// this paragraph, and no named person has been quoted or has opened a sentence since.
    fn anonymous_speaker(&self, pos: usize) -> Option<Resolved> {
        let (r, para, at) = self.anon_speaker.as_ref()?;
        if self.d.toks[pos].para != *para || *at >= pos {
            return None;
        }
        if self.speaker.is_some_and(|(_, _, named_at)| named_at > *at) {
            return None;
        }
        let rival = self.people_opening_sentences(*at, pos).next().is_some();
        (!rival).then(|| Resolved {
            why: format!("pronoun → the person quoted before, \"{}\"", r.source),
            ..clone(r)
        })
    }

    /// The person whose apposition a description is: "Ann Lee, the head of Acme, said" or
    /// "Ann Lee, president and CEO of Acme, said" → Ann Lee. The description follows the
    /// name and a comma, with only title words between.
    fn apposition_of(&self, ms: usize) -> Option<Seen> {
        let mut k = ms;
        while k > 0
            && ms - k < 6
            && !self.d.toks[k - 1].cap
            && self.d.toks[k - 1].kind == Kind::Word
            && (self.d.has(k - 1, NOUNISH | DET) || self.lower(k - 1) == "and")
        {
            k -= 1;
        }
        if k < 2 || !self.d.is_punct(k - 1, ",") {
            return None;
        }
        let i = self.t.seen.partition_point(|s| s.end < k - 1);
        let s = *self.t.seen.get(i).filter(|s| s.end == k - 1)?;
        // the name stands where a subject does: opening its sentence, after a comma, a
        // mark or a reporting verb; not as the object of words before it ("Asked whether
        // she would back Dunleavy, the governor said")
        let subject_place = s.start == 0
            || self.d.toks[s.start - 1].sent != self.d.toks[s.start].sent
            || self.d.toks[s.start - 1].kind != Kind::Word
            || self.d.has(s.start - 1, SAY | DET)
            || LEXICON.title_abbreviations.has(self.lower(s.start - 1))
            || self.d.toks[s.start - 1].cap;
        if !subject_place {
            return None;
        }
        (self.t.ents[s.ent].kind == EKind::Person).then_some(Seen {
            start: s.start,
            end: usize::MAX,
            ent: s.ent,
        })
    }

    /// The resolution of tokens `ms..me` when it names someone; otherwise none, and the
    /// last named source stays as it was.
    fn resolve_named(
        &mut self,
        ms: usize,
        me: usize,
        last_group: Option<&Resolved>,
    ) -> Option<Resolved> {
        let saved = self.last_named;
        let r = self.resolve(ms, me, None, last_group);
        if r.identity == Identity::Named {
            Some(r)
        } else {
            self.last_named = saved;
            None
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
        // "Ada T. Rusk" taken from after the initial's dot: the name starts before it
        let ms = if ms > 0 && self.d.is_punct(ms - 1, ".") {
            self.t.mention_at(ms).map_or(ms, |s| s.start)
        } else {
            ms
        };
        // "President George W." cut at an initial's dot: the name runs on ("George W. Bush")
        let me = if self.d.is_punct(me, ".") {
            self.t
                .mention_at(me)
                .filter(|s| s.start >= ms)
                .map_or(me, |s| s.end)
        } else {
            me
        };
        let mtext = self.d.text_of(ms, me).to_string();
        let mut h = self.f.head(ms, me);
        // "a spokesman for Gov. Dale Whitcombe", "a spokeswoman for St. Agnes Hospital": an
        // unnamed person of a named body or person; the names after the preposition say
        // whose, not who
        let mut unnamed_of = false;
        // "Analysts at Goldfield Securities", "economists at the bank": people of a body, no
        // article before them
        let plural_people = {
            let l = self.lower(ms);
            l.ends_with('s')
                && !l.ends_with("ss")
                && self.d.has(ms, OFFICIAL | EXPERT | PUBLIC | ANON | MEDIA)
                && !self.d.has(ms, DOC)
                && (!self.d.toks[ms].cap || self.d.sents[self.d.toks[ms].sent].0 == ms)
                && matches!(self.lower(ms + 1), "at" | "in" | "from" | "with")
        };
        if matches!(self.lower(ms), "a" | "an" | "one") || plural_people {
            let from = if plural_people { ms + 1 } else { ms + 2 };
            if let Some(p) = (from..me).find(|&k| LEXICON.head_ends.has(self.lower(k))) {
                if p <= ms + 4
                    && (!self.d.toks[p - 1].cap || p - 1 == ms)
                    && (self.t.post_word(p - 1) || self.d.has(p - 1, ANON) || plural_people)
                {
                    h = p - 1;
                    unnamed_of = true;
                }
            }
        }
        let mut hl = self.lower(h).to_string();
        // a possessive owner ("her claim that …") resolves as its personal pronoun
        if me - ms == 1 {
            if let Some(p) = personal_of(&hl) {
                hl = p.to_string();
            }
        }
        // pronouns
        if me - ms == 1 && is_pronoun(&hl) {
            let g = gender_of(&hl);
            if matches!(hl.as_str(), "he" | "she") {
                if let Some(r) = self.anonymous_speaker(ms) {
                    return r;
                }
            }
            let found = match hl.as_str() {
                "he" | "she" => self
                    .current_speaker(ms, g)
                    // no speaker: the person who opened a sentence last in this paragraph
                    .or_else(|| {
                        let para = self.d.toks[ms].para;
                        let from = (0..ms)
                            .rev()
                            .find(|&k| self.d.toks[k].para != para)
                            .unwrap_or(0);
                        self.people_opening_sentences(from, ms)
                            .rev()
                            .find(|s| {
                                let e = &self.t.ents[s.ent];
                                !e.place && e.sex_agrees(g)
                            })
                            .map(|s| s.ent)
                    })
                    .or_else(|| {
                        self.t.recent(ms, |e| {
                            e.kind == EKind::Person && e.salient && e.sex_agrees(g)
                        })
                    })
                    .or_else(|| {
                        self.t.recent(ms, |e| {
                            e.kind == EKind::Person && !e.place && e.sex_agrees(g)
                        })
                    })
                    // a bare surname the article has quoted before ("Smith said")
                    .or_else(|| {
                        self.t
                            .recent(ms, |e| e.kind == EKind::Unknown && e.salient && !e.place)
                    }),
                "it" => self.t.recent(ms, |e| e.kind != EKind::Person),
                _ => None,
            };
            if let Some(e) = found {
                if self.t.ents[e].female.is_none() {
                    self.t.ents[e].female = g;
                }
                // "it" for a body that is no state: a company or group
                let fallback = if hl == "it" && !self.t.ents[e].place {
                    Role::Organization
                } else {
                    Role::Unknown
                };
                return self.named(
                    e,
                    format!("pronoun \"{mtext}\" → \"{}\"", self.t.ents[e].name),
                    fallback,
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
            let identity = if LEXICON.singular_person_pronouns.has(hl.as_str()) {
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
        // "his remarks", "the company's quarterly filing": a speech act or document is its
        // owner's, when the owner resolves to someone named
        // "his campaign", "the senator's office": a body of the state that is its owner's
        let owned_office = self.d.has(h, GOV)
            && !self.d.toks[h].cap
            && !self.d.has(h, OFFICIAL | EXPERT | PUBLIC | MEDIA)
            && h == ms + 1
            && personal_of(self.lower(ms)).is_some();
        if (self.d.has(h, DOC | NOUN_CUE) || owned_office) && h > ms && h - ms <= 4 {
            let owner_end = if personal_of(self.lower(ms)).is_some() {
                Some(ms + 1)
            } else {
                (ms + 1..h).find(|&k| self.lower(k) == "'s")
            };
            if let Some(oe) =
                owner_end.filter(|&oe| !self.t.seen.iter().any(|s| s.start >= ms && s.start < oe))
            {
                if let Some(r) = self.resolve_named(ms, oe, last_group) {
                    return Resolved {
                        why: format!("\"{mtext}\" of {}", r.why),
                        ..r
                    };
                }
            }
        }
        let anon_phrase = self.anonymity(ms, me);
        // names inside the description
        let lo = self.t.seen.partition_point(|s| s.start < ms);
        let hi = self.t.seen.partition_point(|s| s.start < me);
        let inside = &self.t.seen[lo..hi];
        // "The chief executive of Harwick Foods, Lena Marsh, told": the person named after
        // a title phrase and a comma
        // (a title in capitals after "the" too: "The Home Secretary, Priya Castell,")
        let the_first = self.d.is(ms, "the");
        let titled = (ms..me).any(|k| {
            (!self.d.toks[k].cap || the_first && k > ms)
                && !self.lower(k).ends_with('s')
                && self.t.post_word(k)
        });
        let named_after = (titled && self.d.is_punct(me, ","))
            .then(|| {
                let i = self.t.seen.partition_point(|s| s.start < me + 1);
                self.t.seen.get(i).copied().filter(|s| {
                    s.start == me + 1
                        && self.t.ents[s.ent].kind != EKind::Org
                        && self.d.is_punct(s.end, ",")
                        // ("a spokesperson for Sen. Ann Lee, R-Ohio,": a party label)
                        && !self.d.party_label(s.start, s.end)
                })
            })
            .flatten();
        // "Charles Lee, a management expert at Stanford University, stated": a description
        // opened by an article after a person's name and a comma is that person's
        let article = matches!(self.lower(ms), "a" | "an" | "the")
            && self.t.post_word(h)
            && !self.d.has(h, DOC);
        // "Scott Carson, president and CEO of Boeing Commercial Airplanes said": a title
        // phrase right after a person's name and a comma is theirs
        let title_first = self.t.post_word(ms)
            && !inside
                .iter()
                .any(|s| s.end == me && self.t.ents[s.ent].first_name);
        let ent = named_after
            .or_else(|| {
                (article || title_first)
                    .then(|| self.apposition_of(ms))
                    .flatten()
            })
            .or_else(|| {
                inside
                    .iter()
                    .rev()
                    .find(|s| s.end <= me && s.start <= h + 1 && s.end > h)
                    .or_else(|| inside.iter().rev().find(|s| s.end <= me && s.end <= h + 1))
                    .or_else(|| {
                        let doc = self.d.has(h, DOC);
                        inside.iter().find(|s| doc && s.end <= me)
                    })
                    .copied()
                    // "the chairman of Acme Jim Press": a title phrase that ends in a person's name
                    .or_else(|| {
                        if unnamed_of {
                            return None;
                        }
                        inside
                            .iter()
                            .rev()
                            .find(|s| {
                                s.end == me
                                    && s.start > h
                                    && self.t.ents[s.ent].kind == EKind::Person
                            })
                            .copied()
                    })
                    .or_else(|| self.apposition_of(ms))
            });
        let head_is_name = self.d.is_name(h)
            && self.t.name_tok(h)
            && !self
                .d
                .has(h, OFFICIAL | EXPERT | PUBLIC | MEDIA | ANON | DOC)
            // ("Prosecutors said" opening a sentence: a plural title, no name)
            || self.d.has(h, GOV | OUTLET)
                && self.d.is_name(h)
                && !(self.d.has(h, OFFICIAL) && hl.ends_with('s') && !self.t.name_tok(h));
        let head_institution = self.d.has(h, GOV | OUTLET | ORG)
            && !self.d.has(h, OFFICIAL | EXPERT | PUBLIC | MEDIA | ANON)
            && !LEXICON.group_people_nouns.has(hl.as_str());
        let head_doc = self.d.has(h, DOC) && !self.d.has(h, OFFICIAL | EXPERT | PUBLIC);
        let role_words = self.role_from(ms, me, h, appos);
        // "Analysts at Goldfield Securities", "economists at the bank": people a body has,
        // described, not named; their own noun gives their role
        if let Some(s) = ent {
            let lead = (ms..s.start).find(|&k| LEXICON.prepositions.has(self.lower(k)));
            if let Some(p) = lead.filter(|&p| {
                p > ms
                    && matches!(self.lower(p), "at" | "in" | "from" | "with")
                    && self.d.toks[p - 1].kind == Kind::Word
                    && !self.d.toks[p - 1].cap
                    && self.lower(p - 1).ends_with('s')
                    && !self.lower(p - 1).ends_with("ss")
                    && !self.d.has(p - 1, DOC)
            }) {
                if let Some(r) = token_role(&self.d.toks[p - 1]) {
                    return Resolved {
                        source: mtext.clone(),
                        identity: Identity::Anonymous,
                        role: r,
                        why: format!(
                            "mention \"{mtext}\" → anonymous (people of \"{}\"), {r}",
                            self.t.ents[s.ent].name
                        ),
                    };
                }
            }
        }
        if let Some(s) = ent {
            // "Acme's statement", "Okafor's announcement": a speech act or document is its
            // owner's
            let owned = self.d.has(h, DOC | NOUN_CUE) && s.end < h && self.lower(s.end) == "'s";
            // ("Skerrway's annual report": the owner's role, not the word "report"'s)
            let role_words = if owned { None } else { role_words.clone() };
            if !anon_phrase && (head_is_name || s.end > h || head_institution || head_doc || owned)
            {
                // "Kelmar Marine, one of the largest harvesters, said its products were safe":
                // a name with nothing of a person but a description, taken up by "its"
                let e = &self.t.ents[s.ent];
                if e.kind == EKind::Person
                    && !e.first_name
                    && e.female.is_none()
                    && e.titles.is_empty()
                    && e.role.is_none()
                    && self.t.its_follows(s.end)
                {
                    self.t.ents[s.ent].kind = EKind::Org;
                }
                let mut r = self.named(
                    s.ent,
                    format!("name \"{}\"", self.t.ents[s.ent].name),
                    Role::Unknown,
                );
                if let Some((role, why)) = role_words.clone() {
                    if self.t.ents[s.ent].role.is_none() || s.end <= h {
                        r.role = role;
                        r.why = format!(
                            "name \"{}\" → named, {role} ({why})",
                            self.t.ents[s.ent].name
                        );
                    }
                }
                if self.t.ents[s.ent].role.is_none() {
                    if let Some((role, why)) = role_words {
                        self.t.ents[s.ent].role = Some(role);
                        self.t.ents[s.ent].role_why = why;
                    }
                }
                if r.role == Role::Unknown
                    && self.t.ents[s.ent].kind == EKind::Unknown
                    && self.t.pronoun_follows(s.end)
                {
                    // "Ortega said … He added": a bare surname, a person
                    self.t.ents[s.ent].kind = EKind::Person;
                }
                if r.role == Role::Unknown && self.t.ents[s.ent].kind != EKind::Person {
                    // a one-word name that is no person and no state: a company or group
                    r.role = Role::Organization;
                    r.why.push_str("; an organization's name");
                }
                return r;
            }
        }
        let (role, rwhy) = role_words.unwrap_or((Role::Unknown, "no role word".to_string()));
        // "X conceded in a statement. The statement said …": the one who gave it
        if let Some(e) = self
            .d
            .has(h, DOC)
            .then(|| self.earlier_document_author(ms, h))
            .flatten()
        {
            let name = &self.t.ents[e].name;
            let why = format!("document \"{mtext}\" given before by \"{name}\"");
            return self.named(e, why, Role::Unknown);
        }
        // "the company's quarterly filing", "the department's figures": the body the owner's
        // noun takes up
        if self.d.has(h, DOC) && matches!(self.lower(ms), "the") && h > ms + 2 {
            let owner = ms + 1;
            if self.d.is(owner + 1, "'s") && !self.d.toks[owner].cap {
                let noun = self.lower(owner);
                if let Some(e) = self
                    .t
                    .body_by_head(owner, noun)
                    .or_else(|| self.t.body_by_noun(owner, noun))
                {
                    let why = format!("document \"{mtext}\" of \"{}\"", self.t.ents[e].name);
                    return self.named(e, why, Role::Unknown);
                }
            }
        }
        // "a report released last month by the inspector general": the author the mention
        // holds, named or described
        if self.d.has(h, UNSPEC_MEDIA | DOC) && !self.d.is_name(h) && ent.is_none() {
            // (who orders or pays for it is no author: "commissioned by the court")
            if let Some(by) = (h + 1..me)
                .find(|&k| self.d.is(k, "by"))
                .filter(|&b| b + 1 < me && !LEXICON.access_participles.has(self.lower(b - 1)))
            {
                let mut r = self.resolve(by + 1, me, None, last_group);
                // "by the bank's own staff": the body whose people they are
                if r.identity != Identity::Named {
                    if let Some(o) = (by + 2..me).find(|&k| self.lower(k) == "'s") {
                        if let Some(owner) = self.resolve_named(by + 1, o, last_group) {
                            r = owner;
                        }
                    }
                }
                return Resolved {
                    why: format!("document \"{mtext}\" by {}", r.why),
                    ..r
                };
            }
        }
        // "a report released Monday by the state Department of Health": its author
        if self.d.has(h, UNSPEC_MEDIA | DOC) && !self.d.is_name(h) && h + 1 == me {
            if let Some(e) = self.document_author(me) {
                let why = format!("document \"{mtext}\" by \"{}\"", self.t.ents[e].name);
                return self.named(e, why, Role::Unknown);
            }
        }
        // "A new study … has revealed … The report says": the one document introduced
        // before, with its word's role
        if self.d.has(h, UNSPEC_MEDIA)
            && !self.d.is_name(h)
            && h + 1 == me
            && !hl.ends_with('s')
            && matches!(self.lower(ms), "the" | "this")
        {
            if let Some(r) = self.earlier_document(ms) {
                return Resolved {
                    source: mtext.clone(),
                    identity: Identity::Anonymous,
                    role: r,
                    why: format!("\"{mtext}\" → the document introduced before, {r}"),
                };
            }
        }
        if self.d.has(h, UNSPEC_MEDIA) && !self.d.is_name(h) {
            return Resolved {
                source: mtext.clone(),
                identity: Identity::Unspecified,
                role: Role::Media,
                why: format!("\"{mtext}\" → unspecified, media (no agent named)"),
            };
        }
        let definite = LEXICON.definite_determiners.has(self.lower(ms));
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
        // "The China Daily newspaper", "the Hollin Dairy company": a name before the noun
        // of a body is that body's name
        let body_noun = LISTS.company.contains(hl.as_str()) || LEXICON.outlet_nouns.has(&hl);
        if definite && body_noun && h > ms + 1 && (ms + 1..h).all(|k| self.d.toks[k].cap) {
            let name = self.d.text_of(ms + 1, h).to_string();
            return Resolved {
                why: format!("\"{mtext}\" → named \"{name}\", {role} ({rwhy})"),
                source: name,
                identity: Identity::Named,
                role,
            };
        }
        if definite && !anon_phrase && me - ms <= 4 {
            // "the union" → "Allied Autoworkers Union", "the department" → "Labor Department":
            // a body named before whose name ends in the head noun
            if let Some(e) = self.t.body_by_head(ms, &hl) {
                let fallback = if self.d.has(h, GOV) {
                    Role::Official
                } else {
                    role
                };
                return self.named(
                    e,
                    format!("description \"{mtext}\" → \"{}\"", self.t.ents[e].name),
                    fallback,
                );
            }
            // "the company", "the carmaker" → the last body that is no person, place, state
            // or outlet, typed a company by the description; "the paper" → the last outlet.
            // "The residents' association" says whose body it is: not just any body
            let members = (ms..h).any(|k| matches!(self.lower(k), "'" | "’" | "'s"));
            if let Some(e) = (!members).then(|| self.t.body_by_noun(ms, &hl)).flatten() {
                self.t.type_as_called(e, &hl, &mtext);
                return self.named(
                    e,
                    format!("description \"{mtext}\" → \"{}\"", self.t.ents[e].name),
                    role,
                );
            }
            // "the coach", "the president", "the bank chief"
            let org_noun = self.d.has(h, ORG)
                && !self.d.has(h, OFFICIAL | EXPERT | PUBLIC)
                && !LISTS.org_people.contains(hl.as_str());
            let found = if org_noun {
                None
            } else if (self.d.has(h, OFFICIAL | EXPERT | MEDIA | ORG)
                || LISTS.org_people.contains(hl.as_str()))
                && !hl.ends_with('s')
            {
                // "the president" is the last person called so, or whose administration the
                // text names ("the Holt administration")
                let head = LISTS.head_titles.contains(hl.as_str());
                self.t.recent(ms, |e| {
                    e.kind != EKind::Org
                        && (e.titles.contains(&hl)
                            || head && e.titles.iter().any(|t| LEXICON.governments.has(t)))
                })
            } else {
                None
            };
            if let Some(e) = found {
                let mut r = self.named(
                    e,
                    format!("description \"{mtext}\" → \"{}\"", self.t.ents[e].name),
                    role,
                );
                if self.t.ents[e].role.is_none() {
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
            // "figures released on Monday by Acme", "research by the institute": its author
            if let Some(e) = self.document_author(me) {
                let why = format!("document \"{mtext}\" by \"{}\"", self.t.ents[e].name);
                return self.named(e, why, Role::Unknown);
            }
            // "court records", "the club's accounts": the body a common noun before the
            // document's names, when the article has named it ("the High Court of Tessland")
            let owner = (ms..h)
                .filter(|&k| self.d.toks[k].kind == Kind::Word && !self.d.toks[k].cap)
                .find_map(|k| {
                    let l = self.lower(k);
                    self.t.body_by_head(ms, l).or_else(|| {
                        LISTS
                            .company
                            .contains(l)
                            .then(|| self.t.body_by_noun(ms, l))
                            .flatten()
                    })
                });
            if let Some(e) = owner {
                let why = format!("document \"{mtext}\" of \"{}\"", self.t.ents[e].name);
                return self.named(e, why, role);
            }

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
        // "the manufacturers": a plural common noun names no one body
        let plural = !self.d.toks[h].cap && hl.ends_with('s') && !hl.ends_with("ss");
        // "Australian government": a people's adjective makes the body that state's own
        let of_a_state = h > ms && (ms..h).all(|k| self.t.nationality(k));
        if (head_is_name || head_institution && (definite || of_a_state) && !plural) && !anon_phrase
        {
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

    /// A description of one person: "a witness", "one resident", "the official" (an article
    /// or "one", a singular head that names a person).
    fn one_person(&self, ms: usize, me: usize) -> bool {
        // "a spokesman for Gov. Ann Lee": the noun before the first preposition
        let h = (ms + 1..me)
            .take_while(|&k| !LEXICON.prepositions.has(self.lower(k)))
            .last()
            .unwrap_or_else(|| self.f.head(ms, me));
        let hl = self.lower(h);
        let singular = match self.lower(ms) {
            "a" | "an" | "one" => true,
            "the" => !hl.ends_with('s') || hl.ends_with("ss"),
            _ => false,
        };
        singular && self.d.has(h, OFFICIAL | EXPERT | PUBLIC | ANON | MEDIA)
    }

    /// An anonymity phrase inside the description or right after it.
    fn anonymity(&self, ms: usize, me: usize) -> bool {
        let end = (me + 8).min(self.d.toks.len());
        let lowers: Vec<&str> = (ms..end).map(|k| self.lower(k)).collect();
        LEXICON.anonymity_phrases.iter().any(|p| {
            lowers
                .windows(p.len())
                .any(|w| w.iter().zip(p).all(|(a, b)| *a == b.as_str()))
        }) || (ms..me).any(|k| LEXICON.anonymity_adjectives.has(self.lower(k)))
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
        let lists = &*LISTS;
        let generic = lists.affiliated.contains(self.lower(h));
        // "people close to the campaign", "a person familiar with the party's plans": what
        // they are close to or know of is not whom they speak for
        let near = h + 1 < me
            && self.d.has(h, ANON)
            && !self.d.has(h, OFFICIAL | EXPERT | ORG | MEDIA)
            && (matches!(self.lower(h + 1), "familiar" | "close")
                || LEXICON.insider_participles.has(self.lower(h + 1)));
        let me = if near { h + 1 } else { me };
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
        if let Some(&k) = order
            .iter()
            .find(|&&k| lists.expert_fields.contains(self.lower(k)))
        {
            return Some((Role::Expert, format!("field \"{}\"", self.d.toks[k].text)));
        }
        // "one department scientist", "the county engineer": an expert the state employs
        if self.d.has(h, EXPERT) && h > ms && !self.d.toks[h - 1].cap && self.d.has(h - 1, GOV) {
            return Some((
                Role::Official,
                format!("\"{} {}\"", self.d.toks[h - 1].text, self.d.toks[h].text),
            ));
        }
        // "her spokesman", "the mayor's aides": the post speaks as its owner
        let own: Vec<usize> = (ms..me).collect();
        if let Some(found) = self.t.post_owner_role(&own, None) {
            return Some(found);
        }
        if generic {
            // "Apple spokesman", "officials at the ministry": the body decides, the one after
            // the title first ("Health officials in Marlow County")
            let after = (h + 1..me).find(|&k| self.t.body_role(k).is_some());
            if let Some(k) = after.or_else(|| {
                order
                    .iter()
                    .copied()
                    .find(|&k| k != h && self.t.body_role(k).is_some())
            }) {
                let r = self.t.body_role(k).unwrap_or(Role::Official);
                return Some((
                    r,
                    format!("\"{}\" {}", self.d.toks[k].text, self.d.toks[h].text),
                ));
            }
        }
        for k in order {
            let t = &self.d.toks[k];
            if let Some(r) = token_role(t) {
                if k != h && (lists.affiliated.contains(t.lower.as_ref()) || self.t.modifier(k)) {
                    continue;
                }
                return Some((r, format!("word \"{}\"", t.text)));
            }
        }
        if generic {
            return Some((Role::Official, format!("title \"{}\"", self.d.toks[h].text)));
        }
        None
    }

    /// The attributions of the candidates, labelled.
    pub fn label(mut self, cands: &[Cand]) -> Vec<Attribution> {
        self.run(cands)
    }

    /// The attributions, and the entity table summed up for a reader.
    pub fn label_with_entities(mut self, cands: &[Cand]) -> (Vec<Attribution>, Vec<Entity>) {
        let res = self.run(cands);
        let ents = self.entity_list(&res);
        (res, ents)
    }

    /// Every person and organisation of the table, in order of first mention: its name
    /// mentions, the mentions of the attributions resolved to it that hold none of its names
    /// ("She", "the president"), the role its attributions carry (else its own), and how
    /// many attributions rest on it. A capitalised word the text shows nothing more of (a
    /// place, a nationality, a heading) is left out unless a claim rests on it.
    fn entity_list(&self, res: &[Attribution]) -> Vec<Entity> {
        let n = self.t.ents.len();
        let mut forms: Vec<Vec<String>> = vec![Vec::new(); n];
        let mut mentions = vec![0usize; n];
        let mut first = vec![usize::MAX; n];
        for s in &self.t.seen {
            let text = self.d.text_of(s.start, s.end);
            mentions[s.ent] += 1;
            first[s.ent] = first[s.ent].min(self.d.toks[s.start].start);
            if !forms[s.ent].iter().any(|f| f == text) {
                forms[s.ent].push(text.to_string());
            }
        }
        let by_name: rustc_hash::FxHashMap<&str, usize> = self
            .t
            .ents
            .iter()
            .enumerate()
            .filter(|(e, _)| mentions[*e] > 0)
            .map(|(e, ent)| (ent.name.as_str(), e))
            .collect();
        let mut claims = vec![0usize; n];
        let mut role: Vec<Option<Role>> = vec![None; n];
        for a in res.iter().filter(|a| a.identity == Identity::Named) {
            let Some(&e) = by_name.get(a.source.as_str()) else {
                continue;
            };
            claims[e] += 1;
            if role[e].is_none() || role[e] == Some(Role::Unknown) {
                role[e] = Some(a.role);
            }
            let Some(m) = &a.mention else { continue };
            // a mention that holds one of its names was counted with the names
            let named_inside = self.t.seen.iter().any(|s| {
                s.ent == e
                    && self.d.toks[s.start].start >= m.start
                    && self.d.toks[s.end - 1].end <= m.end
            });
            if !named_inside {
                mentions[e] += 1;
                if !forms[e].contains(&m.text) {
                    forms[e].push(m.text.clone());
                }
            }
        }
        let mut out: Vec<(usize, Entity)> = Vec::new();
        for (e, ent) in self.t.ents.iter().enumerate() {
            // what the text shows of it besides a capitalised word: a claim, a person's first
            // name, sex or title, an institution's word or initials
            let shown = claims[e] > 0
                || !ent.place
                    && match ent.kind {
                        EKind::Person => {
                            ent.first_name || ent.female.is_some() || !ent.titles.is_empty()
                        }
                        EKind::Org => true,
                        EKind::Unknown => ent.female.is_some() || !ent.titles.is_empty(),
                    };
            if mentions[e] == 0 || !shown {
                continue;
            }
            let role = role[e].or(ent.role).unwrap_or(Role::Unknown);
            // a one-word name never shown to be a person is an organisation's
            let kind = match ent.kind {
                EKind::Person => EntityType::Person,
                EKind::Org => EntityType::Organization,
                EKind::Unknown if ent.female.is_some() => EntityType::Person,
                EKind::Unknown => EntityType::Organization,
            };
            out.push((
                first[e],
                Entity {
                    name: ent.name.clone(),
                    kind,
                    role,
                    mentions: mentions[e],
                    forms: std::mem::take(&mut forms[e]),
                    claims: claims[e],
                },
            ));
        }
        out.sort_by_key(|(at, _)| *at);
        out.into_iter().map(|(_, e)| e).collect()
    }

    fn run(&mut self, cands: &[Cand]) -> Vec<Attribution> {
        let mut out: Vec<Option<(Resolved, usize)>> = Vec::with_capacity(cands.len());
        let mut last: Option<(Resolved, usize)> = None; // (resolved, paragraph)
        let mut last_group: Option<Resolved> = None;
        // several named sources one plural phrase stands for, per candidate
        let mut members: Vec<Vec<Resolved>> = Vec::with_capacity(cands.len());
        // the named sources of the last cue shared by several, and the candidate after
        // which a "they" may still take them up
        let mut named_group: Option<(Vec<usize>, usize, usize)> = None;
        // the entity each candidate's mention resolved to
        let mut named_of: Vec<Option<usize>> = Vec::with_capacity(cands.len());
        for (i, c) in cands.iter().enumerate() {
            let para = self.d.toks[c.pos].para;
            let mut group: Vec<Resolved> = Vec::new();
            if let Subject::Mention(ms, me) = c.subject {
                let ents = self.plural_of_named(ms, me, named_group.as_ref(), i);
                if ents.len() >= 2 {
                    let text = self.d.text_of(ms, me).to_string();
                    for &e in &ents {
                        group.push(self.named(
                            e,
                            format!("\"{text}\" → one of them"),
                            Role::Unknown,
                        ));
                    }
                    self.last_named = None;
                    named_group = Some((ents, i, c.sent));
                }
            }
            let r = match c.subject {
                Subject::Mention(..) if !group.is_empty() => Some(clone(&group[0])),
                Subject::Fixed(src) => Some(Resolved {
                    source: src.to_string(),
                    identity: Identity::Unspecified,
                    role: Role::Unknown,
                    why: "no agent named → unspecified".to_string(),
                }),
                Subject::Mention(ms, me) | Subject::Speaker(ms, me) => {
                    self.last_named = None;
                    let r = self.resolve(ms, me, c.appos, last_group.as_ref());
                    if let Some(e) = self.last_named {
                        self.speaker = Some((e, para, c.pos));
                        self.named_in_sent.push((c.sent, e));
                    }
                    if r.identity == Identity::Anonymous && self.one_person(ms, me) {
                        self.anon_speaker = Some((clone(&r), para, c.pos));
                    }
                    Some(r)
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
            // "The authors say the results confirm it. They call for …": a source whose cue
            // stands inside the content of an earlier attribution of its sentence is reported
            // speech; the outer speaker stays the one a later "they" or quotation takes up
            // ("According to X, a memo showed …" is the memo's own clause)
            let nested = out
                .iter()
                .zip(cands)
                .rev()
                .take_while(|(_, o)| o.sent == c.sent)
                .any(|(r, o)| {
                    r.is_some()
                        && o.rule != Rule::AccordingTo
                        && o.content.is_some_and(|(x, y)| x <= c.pos && c.pos < y)
                });
            // "A and B said": a cue two named sources share makes a group a later "they"
            // or "the two" takes up
            if let (Subject::Mention(..), Some(e), Some(prev)) =
                (c.subject, self.last_named, i.checked_sub(1))
            {
                let shared =
                    cands[prev].cue == c.cue && c.cue.is_some() && cands[prev].sent == c.sent;
                match named_group.as_mut() {
                    Some((ents, at, _)) if shared && *at == prev => {
                        if !ents.contains(&e) {
                            ents.push(e);
                        }
                        *at = i;
                    }
                    _ if shared => {
                        if let Some(p) = named_of[prev].filter(|&p| p != e) {
                            named_group = Some((vec![p, e], i, c.sent));
                        }
                    }
                    _ => {}
                }
            }
            if matches!(c.subject, Subject::Mention(..) | Subject::Speaker(..)) && group.is_empty()
            {
                named_of.push(self.last_named);
            } else {
                named_of.push(None);
            }
            if let (Some(r), Subject::Mention(..), false) = (&r, c.subject, nested) {
                last = Some((clone(r), para));
                if r.identity != Identity::Named
                    || self.lower(c.subject_start()) == "they"
                    || r.role == Role::Organization
                {
                    last_group = Some(clone(r));
                }
            }
            out.push(r.map(|r| (r, para)));
            members.push(group);
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
            if let Some(j) = pick {
                members[i] = members[j].iter().map(clone).collect();
            }
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
                    let a = self.f.after_dateline(a, b);
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
        // each attribution's sentence and where its source stands, for the reasons below
        let mut places: Vec<(usize, usize)> = Vec::with_capacity(cands.len());
        for (i, c) in cands.iter().enumerate() {
            let Some((one, _)) = &out[i] else { continue };
            for r in if members[i].is_empty() {
                std::slice::from_ref(one)
            } else {
                &members[i][..]
            } {
                places.push((c.sent, c.subject_start()));
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
                                cands[j].subject == Subject::Mention(ms, me)
                                    && cands[j].via.is_none()
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
                let quoted = c.content.is_some_and(|(x, y)| self.d.has_speech(x, y));
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
                    anonymity_reason: None,
                });
            }
        }
        // a quotation reached by two rules is one attribution
        let key = |a: &Attribution| {
            let span = |s: &Option<crate::model::Span>| s.as_ref().map(|s| (s.start, s.end));
            (span(&a.mention), span(&a.cue), span(&a.content))
        };
        let mut seen: rustc_hash::FxHashMap<_, usize> = rustc_hash::FxHashMap::default();
        seen.reserve(res.len());
        let keep: Vec<bool> = (0..res.len())
            .map(|i| match seen.entry(key(&res[i])) {
                std::collections::hash_map::Entry::Occupied(o) => {
                    res[*o.get()].source != res[i].source
                }
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(i);
                    true
                }
            })
            .collect();
        if keep.contains(&false) {
            let mut k = keep.iter();
            res.retain(|_| *k.next().unwrap_or(&true));
            let mut k = keep.iter();
            places.retain(|_| *k.next().unwrap_or(&true));
        }
        self.anonymity_reasons(&mut res, &places);
        res
    }

    /// The named people or bodies a plural phrase `(ms, me)` stands for, in the order the
    /// text named them: "the two senators" → the last two people named before it in its
    /// paragraph or the one before ("the two companies": bodies); "the companies" or
    /// "they" → the sources of the cue several named shared (`group`) in the candidate just
    /// before candidate `i`. Empty when the phrase is no such plural or nothing fits.
    fn plural_of_named(
        &self,
        ms: usize,
        me: usize,
        group: Option<&(Vec<usize>, usize, usize)>,
        i: usize,
    ) -> Vec<usize> {
        let first = self.lower(ms);
        let pronoun = me == ms + 1 && first == "they";
        let count = |k: usize| match self.lower(k) {
            "two" | "both" => Some(2),
            "three" => Some(3),
            "four" => Some(4),
            _ => None,
        };
        let mut n = None;
        let mut k = ms;
        if !pronoun {
            // "the two senators", "both senators", "The two" left out of the mention
            let definite = matches!(first, "the" | "both")
                || ms > 0 && matches!(self.lower(ms - 1), "the" | "both") && count(ms).is_some();
            if !definite || me > ms + MAX_PLURAL_WORDS {
                return Vec::new();
            }
            if first == "the" {
                k += 1;
            }
            n = count(k);
            if n.is_some() {
                k += 1;
            }
        }
        let plural = (k..me).find(|&w| {
            let l = self.lower(w);
            // "the two Republicans": members of a party
            let party = l
                .strip_suffix('s')
                .is_some_and(|w| LISTS.political.contains(w));
            (!self.d.toks[w].cap || party)
                && l.ends_with('s')
                && !l.ends_with("ss")
                && (self.d.has(w, OFFICIAL | EXPERT | ORG | PUBLIC | MEDIA)
                    || LISTS.company.contains(l)
                    || party)
        });
        if !pronoun && plural.is_none() {
            return Vec::new();
        }
        // "the companies", "the two unions": bodies; else people
        let bodies = plural.is_some_and(|w| {
            let l = self.lower(w);
            LISTS.company.contains(l)
                || l.strip_suffix('s')
                    .is_some_and(|w| LISTS.company.contains(w))
        });
        let fits = |e: usize| {
            let ent = &self.t.ents[e];
            !ent.place
                && (pronoun
                    || if bodies {
                        // a name no first name, sex or title shows to be a person's
                        ent.kind == EKind::Org
                            || !ent.first_name && ent.female.is_none() && ent.titles.is_empty()
                    } else {
                        ent.kind == EKind::Person
                    })
        };
        if let Some(n) = n {
            let para = self.d.toks[ms].para;
            let hi = self.t.seen.partition_point(|s| s.start < ms);
            let mut found: Vec<usize> = Vec::new();
            for s in self.t.seen[..hi].iter().rev() {
                if self.d.toks[s.start].para + 1 < para {
                    break;
                }
                if fits(s.ent) && !found.contains(&s.ent) {
                    found.push(s.ent);
                    if found.len() == n {
                        found.reverse();
                        return found;
                    }
                }
            }
            return Vec::new();
        }
        match group {
            Some((ents, at, sent))
                if *at + 1 == i
                    && self.d.toks[ms].sent <= sent + MAX_GROUP_SENTENCES
                    && ents.iter().all(|&e| fits(e)) =>
            {
                ents.clone()
            }
            _ => Vec::new(),
        }
    }

    /// The phrase that says why a source is not named, from token `k` to the end of its
    /// clause: `(start, end)` tokens. Matches the longest phrase of the list that starts at
    /// `k` ("n't" counts as "not"), then runs on to a comma, a dash, a bracket, a quotation
    /// mark, the sentence's end or a new reporting verb ("…, who declined to be named, said").
    /// The author of "the statement" or "the report" at `ms` (head `h`) that an earlier
    /// sentence introduced ("conceded in a short statement", "issued a report"): the named
    /// source of an attribution in that sentence, else the person or body that opens it.
    /// Looks back over the four sentences before.
    fn earlier_document_author(&self, ms: usize, h: usize) -> Option<usize> {
        if !matches!(self.lower(ms), "the" | "this" | "that") {
            return None;
        }
        let sent = self.d.toks[ms].sent;
        let lo = self.d.sents[sent.saturating_sub(MAX_DOCUMENT_LOOKBACK)].0;
        let hl = self.lower(h);
        let intro = (lo..self.d.sents[sent].0).rev().find(|&k| {
            self.lower(k) == hl
                && (k.saturating_sub(4)..k)
                    .any(|i| matches!(self.lower(i), "a" | "an" | "its" | "their" | "his" | "her"))
        })?;
        // "a report published last month by the Budget Office": named with it
        if let Some(e) = self.document_author(intro + 1) {
            return Some(e);
        }
        let s0 = self.d.toks[intro].sent;
        self.named_in_sent
            .iter()
            .rev()
            .find(|&&(s, _)| s == s0)
            .map(|&(_, e)| e)
            .or_else(|| {
                let (a, b) = self.d.sents[s0];
                let i = self.t.seen.partition_point(|s| s.start < a);
                self.t.seen[i..]
                    .iter()
                    .take_while(|s| s.start < b)
                    .find(|s| !self.t.ents[s.ent].place && self.opens_sentence(s.start))
                    .map(|s| s.ent)
            })
    }

    /// The role of the latest document of a known kind an earlier sentence introduced with
    /// "a" or "an" ("A new study of school meals has found": expert), the one a later "the
    /// report" takes up.
    fn earlier_document(&self, ms: usize) -> Option<Role> {
        let sent = self.d.toks[ms].sent;
        (0..self.d.sents[sent].0).rev().find_map(|k| {
            (self.d.has(k, DOC)
                && !self.d.toks[k].cap
                && (k.saturating_sub(4)..k).any(|i| matches!(self.lower(i), "a" | "an")))
            .then(|| token_role(&self.d.toks[k]))
            .flatten()
        })
    }

    /// The entity a document ending at `me` is by: a name after "by" or "from", with a
    /// participle and a time phrase allowed between ("figures released April 3 by Acme",
    /// "data from the Labor Department").
    fn document_author(&self, me: usize) -> Option<usize> {
        let n = self.d.toks.len();
        // a time word, a number, or "on" before one
        let time = |k: usize| {
            self.d.has(k, TIME | TIME_UNIT)
                || self.d.toks.get(k).is_some_and(|t| {
                    t.kind == Kind::Word && t.text.bytes().all(|b| b.is_ascii_digit())
                })
        };
        let mut k = me;
        while k < n
            && k < me + MAX_AUTHOR_GAP
            && self.d.toks[k].kind == Kind::Word
            && !LEXICON.author_prepositions.has(self.lower(k))
            && (self.lower(k).ends_with("ed") || time(k) || time(k + 1))
        {
            k += 1;
        }
        if k >= n || !LEXICON.author_prepositions.has(self.lower(k)) {
            return None;
        }
        let det = self.d.has(k + 1, DET);
        let mut start = k + 1 + usize::from(det);
        // "by Judge Anne Kowalczyk": a title before the name, with its abbreviation's dot
        while start < n
            && start < k + 5
            && (self.d.has(start, OFFICIAL | EXPERT) && self.d.toks[start].cap
                || self.d.is_punct(start, "."))
        {
            start += 1;
        }
        // "by the nonpartisan Legislative Budget Office", "by the polling firm Maitland
        // Research": a few plain words before the name
        let mut named = start;
        while named < n
            && named < start + MAX_AUTHOR_WORDS
            && self.d.toks[named].kind == Kind::Word
            && !self.d.toks[named].cap
            && self.d.toks[named].flags & (FUNC | AUX) == 0
        {
            named += 1;
        }
        // "by the Des Moines-based Harlan Research Group": past a place made an adjective
        if let Some(a) = (named..(named + 3).min(n)).find(|&k| self.d.name_adjective(k)) {
            if (named..a).all(|k| self.d.toks[k].cap) {
                named = a + 1;
            }
        }
        if let Some(s) = self.t.mention_at(named).filter(|s| s.start == named) {
            return Some(s.ent);
        }
        // "by the bank's own staff", "from the agency": the body the noun takes up
        if det && named > start {
            let noun = self.lower(start);
            return self
                .t
                .body_by_head(start, noun)
                .or_else(|| self.t.body_by_noun(start, noun));
        }
        None
    }

    fn reason_at(&self, k: usize) -> Option<(usize, usize)> {
        let len = crate::extract::entities::reason_phrase_len(self.d, k)?;
        let sent_end = self.d.sents[self.d.toks[k].sent].1;
        let mut e = k + len;
        while e < sent_end && e < k + len + MAX_REASON_TAIL {
            let t = &self.d.toks[e];
            let new_verb = t.flags & (SAY | TELL) != 0 && self.lower(e - 1) != "to";
            if t.kind != Kind::Word && !self.d.is_punct(e, "-") || new_verb {
                break;
            }
            if self.lower(e) == "and" && self.d.has(e + 1, SAY | TELL) {
                break;
            }
            e += 1;
        }
        Some((k, e))
    }

    /// Whether the words before a reason at `k` are a subject that takes up a source of the
    /// sentence before: nothing, a pronoun, or a definite description with no name ("They
    /// spoke on condition of anonymity", "The officials requested anonymity").
    fn continues_subject(&self, k: usize) -> bool {
        let start = self.d.sents[self.d.toks[k].sent].0;
        if k == start {
            return true;
        }
        if k - start > 8 || (start..k).any(|i| self.t.name_tok(i)) {
            return false;
        }
        LEXICON.subject_openers.has(self.lower(start))
    }

    /// Give each anonymous attribution the words that say why its source is not named, when
    /// the text says it in the attribution's sentence or the next. A reason in the sentence
    /// goes to the anonymous source named closest before it (else the first after it); one
    /// in the next sentence, whose subject takes up a source ("They spoke on condition of
    /// anonymity"), to the last anonymous source of the sentence before. Every attribution
    /// of that source in that sentence gets it.
    fn anonymity_reasons(&self, res: &mut [Attribution], places: &[(usize, usize)]) {
        let is_anon: Vec<bool> = res
            .iter()
            .map(|a| a.identity == Identity::Anonymous)
            .collect();
        let anon = |i: usize| is_anon[i];
        if !is_anon.contains(&true) {
            return;
        }
        let mut sents: Vec<usize> = (0..res.len())
            .filter(|&i| anon(i))
            .flat_map(|i| [places[i].0, places[i].0 + 1])
            .filter(|&s| s < self.d.sents.len())
            .collect();
        sents.dedup();
        sents.sort_unstable();
        sents.dedup();
        for s in sents {
            let (a, b) = self.d.sents[s];
            let mut k = a;
            while k < b {
                let Some((rs, re)) = (!self.d.inside_quote(k))
                    .then(|| self.reason_at(k))
                    .flatten()
                else {
                    k += 1;
                    continue;
                };
                let here: Vec<usize> = (0..res.len())
                    .filter(|&i| places[i].0 == s && anon(i))
                    .collect();
                let owner = here
                    .iter()
                    .filter(|&&i| places[i].1 < rs)
                    .max_by_key(|&&i| places[i].1)
                    .or_else(|| here.iter().min_by_key(|&&i| places[i].1))
                    .copied()
                    .map(|i| (i, s))
                    .or_else(|| {
                        let prev = s.checked_sub(1)?;
                        let same_para =
                            self.d.toks[self.d.sents[prev].0].para == self.d.toks[a].para;
                        (same_para && self.continues_subject(rs)).then_some(())?;
                        (0..res.len())
                            .filter(|&i| places[i].0 == prev && anon(i))
                            .max_by_key(|&i| places[i].1)
                            .map(|i| (i, prev))
                    });
                if let (Some((o, os)), Some(span)) = (owner, self.d.span(rs, re)) {
                    let source = res[o].source.clone();
                    for i in 0..res.len() {
                        if places[i].0 == os && anon(i) && res[i].source == source {
                            res[i].anonymity_reason.get_or_insert_with(|| span.clone());
                        }
                    }
                }
                k = re.max(k + 1);
            }
        }
    }
}

/// The personal pronoun of a possessive one ("her" → "she").
fn personal_of(possessive: &str) -> Option<&'static str> {
    match possessive {
        "his" => Some("he"),
        "her" => Some("she"),
        "its" => Some("it"),
        "their" => Some("they"),
        _ => None,
    }
}

/// The most words a reason runs on past its phrase ("… because they were not authorized to
/// discuss the negotiations with reporters").
const MAX_REASON_TAIL: usize = 24;

fn clone(r: &Resolved) -> Resolved {
    Resolved {
        source: r.source.clone(),
        identity: r.identity,
        role: r.role,
        why: r.why.clone(),
    }
}

#[cfg(test)]
#[path = "label_tests.rs"]
pub(super) mod tests;
