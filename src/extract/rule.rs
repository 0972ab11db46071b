//! The constructions the engine recognises, one variant each. The name is what the JSON,
//! CSV and stored claims carry in `rule`; the doc line is what `--explain` prints.

/// A construction that gives an attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// A source, a reporting verb, then its clause without "that": `Ann Lee said the plan failed`.
    SpeakerSaid,
    /// A source, a reporting verb, then "that" and its clause: `Ann Lee said that the plan failed`.
    SpeakerSaidThat,
    /// A source and a reporting verb, then a quotation: `Ann Lee said, "It failed."`.
    SpeakerThenQuote,
    /// A quotation, then its source and verb, either order: `"It failed," said Ann Lee`.
    QuoteThenSpeaker,
    /// A reported clause, then its source and verb: `The plan failed, the minister said`.
    ContentThenSpeaker,
    /// A source and verb with a colon before the quotation: `She said in a statement: "…"`.
    ColonLeadIn,
    /// A source and verb set inside their clause: `The plan, she said, had failed`.
    Parenthetical,
    /// A verb or participle that shares the subject of its clause: `…, adding that …`.
    SharedSubject,
    /// A document or data set as the subject of its finding: `the report found that …`.
    DocumentVerb,
    /// Experts as the subject of a finding verb: `researchers found that …`.
    ExpertFinding,
    /// A passive that names no agent: `the plan is said to have failed`.
    HedgePassive,
    /// A hedge adverb standing for an unnamed source: `the plan reportedly failed`.
    HedgeAdverb,
    /// `according to` and any noun phrase: `according to the complaint, …`.
    AccordingTo,
    /// `in the words of` and a source: `in the words of one judge, …`.
    InTheWordsOf,
    /// A source cited by another: `NBC, citing officials, said …` (the officials).
    Citing,
    /// The source that quotes or cites another: `the site quoted the minister as saying …`.
    QuotedSource,
    /// A quotation standing alone after its speaker: `"It failed," she said. "We tried."`.
    QuoteContinuation,
    /// A transcript or e-mail line: `Ann Lee: "We will appeal."`.
    TranscriptLine,
    /// A reporting verb in the passive with its agent: `the plan was announced by Acme`.
    PassiveAgent,
    /// A reporting noun with its owner and a "that" clause: `her claim that the vote was rigged`.
    NounClause,
}

impl Rule {
    /// Every rule, in the order of this list.
    pub const ALL: [Rule; 20] = [
        Rule::SpeakerSaid,
        Rule::SpeakerSaidThat,
        Rule::SpeakerThenQuote,
        Rule::QuoteThenSpeaker,
        Rule::ContentThenSpeaker,
        Rule::ColonLeadIn,
        Rule::Parenthetical,
        Rule::SharedSubject,
        Rule::DocumentVerb,
        Rule::ExpertFinding,
        Rule::HedgePassive,
        Rule::HedgeAdverb,
        Rule::AccordingTo,
        Rule::InTheWordsOf,
        Rule::Citing,
        Rule::QuotedSource,
        Rule::QuoteContinuation,
        Rule::TranscriptLine,
        Rule::PassiveAgent,
        Rule::NounClause,
    ];

    /// The stable name stored with each attribution.
    pub fn name(self) -> &'static str {
        match self {
            Rule::SpeakerSaid => "speaker_said",
            Rule::SpeakerSaidThat => "speaker_said_that",
            Rule::SpeakerThenQuote => "speaker_then_quote",
            Rule::QuoteThenSpeaker => "quote_then_speaker",
            Rule::ContentThenSpeaker => "content_then_speaker",
            Rule::ColonLeadIn => "colon_lead_in",
            Rule::Parenthetical => "parenthetical",
            Rule::SharedSubject => "shared_subject",
            Rule::DocumentVerb => "document_verb",
            Rule::ExpertFinding => "expert_finding",
            Rule::HedgePassive => "hedge_passive",
            Rule::HedgeAdverb => "hedge_adverb",
            Rule::AccordingTo => "according_to",
            Rule::InTheWordsOf => "in_the_words_of",
            Rule::Citing => "citing",
            Rule::QuotedSource => "quoted_source",
            Rule::QuoteContinuation => "quote_continuation",
            Rule::TranscriptLine => "transcript_line",
            Rule::PassiveAgent => "passive_agent",
            Rule::NounClause => "noun_clause",
        }
    }

    /// What the rule finds, in one line (its doc comment).
    pub fn describe(self) -> &'static str {
        match self {
            Rule::SpeakerSaid => "a source, a reporting verb, then its clause without \"that\"",
            Rule::SpeakerSaidThat => "a source, a reporting verb, then \"that\" and its clause",
            Rule::SpeakerThenQuote => "a source and a reporting verb, then a quotation",
            Rule::QuoteThenSpeaker => "a quotation, then its source and verb",
            Rule::ContentThenSpeaker => "a reported clause, then its source and verb",
            Rule::ColonLeadIn => "a source and verb with a colon before the quotation",
            Rule::Parenthetical => "a source and verb set inside their clause",
            Rule::SharedSubject => "a verb or participle that shares the subject of its clause",
            Rule::DocumentVerb => "a document or data set as the subject of its finding",
            Rule::ExpertFinding => "experts as the subject of a finding verb",
            Rule::HedgePassive => "a passive that names no agent",
            Rule::HedgeAdverb => "a hedge adverb standing for an unnamed source",
            Rule::AccordingTo => "\"according to\" and any noun phrase",
            Rule::InTheWordsOf => "\"in the words of\" and a source",
            Rule::Citing => "a source cited by another",
            Rule::QuotedSource => "the source that quotes or cites another",
            Rule::QuoteContinuation => "a quotation standing alone after its speaker",
            Rule::TranscriptLine => "a transcript or e-mail line: a name, a colon, a quotation",
            Rule::PassiveAgent => "a reporting verb in the passive with its agent",
            Rule::NounClause => "a reporting noun with its owner and a \"that\" clause",
        }
    }

    /// The rule with this stored name.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::Rule;

    #[test]
    fn names_are_unique_and_round_trip() {
        for r in Rule::ALL {
            assert_eq!(Rule::from_name(r.name()), Some(r));
            assert!(!r.describe().is_empty());
        }
        let mut names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Rule::ALL.len());
    }
}
