//! The universal part-of-speech tags of Universal Dependencies.

/// A universal part-of-speech tag (UD v2 UPOS), in the order of the model's weight rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Upos {
    /// Adjective: "new", "former", "second".
    Adj,
    /// Adposition: "in", "of", "after".
    Adp,
    /// Adverb: "very", "also", "reportedly".
    Adv,
    /// Auxiliary: "is", "has", "would", "can".
    Aux,
    /// Coordinating conjunction: "and", "or", "but".
    Cconj,
    /// Determiner: "the", "a", "this", "every".
    Det,
    /// Interjection: "yes", "oh", "well" as an exclamation.
    Intj,
    /// Common noun: "committee", "report", "delegates".
    Noun,
    /// Numeral: "5", "45,756", "two".
    Num,
    /// Particle: possessive "'s", negation "not"/"n't", infinitive "to".
    Part,
    /// Pronoun: "he", "it", "who", "themselves".
    Pron,
    /// Proper noun: "Smith", "Reuters", "U.S.".
    Propn,
    /// Punctuation: ".", ",", quotation marks, dashes.
    Punct,
    /// Subordinating conjunction: "that", "if", "because".
    Sconj,
    /// Symbol: "$", "%", "+", "=".
    Sym,
    /// Verb: "said", "adds", "announced".
    Verb,
    /// Other: foreign words, typos, material with no other tag.
    X,
}

impl Upos {
    /// The number of tags.
    pub const COUNT: usize = 17;

    /// Every tag, in index order.
    pub const ALL: [Upos; Upos::COUNT] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as UD writes it ("NOUN", "PROPN").
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// The tag written as UD writes it, if it is one.
    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|t| t.as_str() == s)
    }

    /// The tag's index, 0..17.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The tag at `index`, if in range.
    pub fn from_index(index: usize) -> Option<Upos> {
        Upos::ALL.get(index).copied()
    }
}

impl std::fmt::Display for Upos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_through_text_and_index() {
        for (i, t) in Upos::ALL.iter().enumerate() {
            assert_eq!(t.index(), i);
            assert_eq!(Upos::from_index(i), Some(*t));
            assert_eq!(Upos::parse(t.as_str()), Some(*t));
        }
        assert_eq!(Upos::parse("noun"), None);
        assert_eq!(Upos::from_index(17), None);
    }
}
