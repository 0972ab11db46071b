//! Behaviour of the engine on sentences written for these tests.

use super::extract;
use super::label::tests::by_cue;
use super::Rule;
use crate::model::{Attribution, Form, Identity, Role};

fn one(text: &str) -> Attribution {
    let all = extract(text);
    assert_eq!(
        all.len(),
        1,
        "expected one attribution in {text:?}, got {all:#?}"
    );
    all.into_iter().next().expect("one attribution")
}

fn cue(a: &Attribution) -> &str {
    a.cue.as_ref().map(|s| s.text.as_str()).unwrap_or("")
}

fn content(a: &Attribution) -> &str {
    a.content.as_ref().map(|s| s.text.as_str()).unwrap_or("")
}

fn mention(a: &Attribution) -> &str {
    a.mention.as_ref().map(|s| s.text.as_str()).unwrap_or("")
}

#[test]
fn curly_quote_then_pronoun_speaker() {
    let text = "Maria Lopez runs the bakery. “We open at six,” she said.";
    let a = one(text);
    assert_eq!(cue(&a), "said");
    assert_eq!(content(&a), "“We open at six,”");
    assert_eq!(a.source, "Maria Lopez");
    assert_eq!(a.identity, Identity::Named);
    assert_eq!(a.form, Form::DirectQuote);
    assert_eq!(a.rule, "quote_then_speaker");
}

#[test]
fn straight_quote_then_inverted_speaker_with_apposition() {
    let a = one("\"The bridge will reopen in May,\" said Jane Doe, a city spokeswoman.");
    assert_eq!(mention(&a), "Jane Doe");
    assert_eq!(a.source, "Jane Doe");
    assert_eq!(content(&a), "\"The bridge will reopen in May,\"");
    assert_eq!(a.role, Role::Official);
}

#[test]
fn speaker_then_quote_after_comma() {
    let a = one("Tom Berry said, “The harvest was poor this year.”");
    assert_eq!(a.source, "Tom Berry");
    assert_eq!(content(&a), "“The harvest was poor this year.”");
    assert_eq!(a.rule, "speaker_then_quote");
}

#[test]
fn told_outlet_that_quote() {
    let a = one("A senior diplomat told Reuters that “talks have stalled.”");
    assert_eq!(cue(&a), "told");
    assert_eq!(content(&a), "“talks have stalled.”");
    assert_eq!(a.identity, Identity::Anonymous);
    assert_eq!(a.role, Role::Official);
}

#[test]
fn colon_lead_in() {
    let text = "Ana Ruiz chairs the board. She said in a statement: “We will appeal.”";
    let a = one(text);
    assert_eq!(a.source, "Ana Ruiz");
    assert_eq!(content(&a), "“We will appeal.”");
    assert_eq!(a.rule, "colon_lead_in");
}

#[test]
fn partial_quote_inside_paraphrase_is_direct() {
    let a = one("Senator Kim Hall said the bill was “dead on arrival” in the House.");
    assert_eq!(a.form, Form::DirectQuote);
    assert_eq!(a.source, "Kim Hall");
    assert_eq!(a.role, Role::Official);
}

#[test]
fn quote_over_several_paragraphs() {
    let text = "Ben Ortiz said: “We trained hard all winter.\n\n“Nobody expected this result.”\n\nThe season starts soon.";
    let all = extract(text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(content(&all[0]), "“We trained hard all winter.");
    assert_eq!(content(&all[1]), "“Nobody expected this result.”");
    assert_eq!(all[1].source, "Ben Ortiz");
    assert_eq!(all[1].rule, "quote_continuation");
}

#[test]
fn stray_quote_marks_do_not_swallow_the_article() {
    let text = "The mayor said “the budget is final.\n\nLater, Paul Green said the vote was close.";
    let all = extract(text);
    let paul = all
        .iter()
        .find(|a| a.source == "Paul Green")
        .expect("Paul Green found");
    assert_eq!(content(paul), "the vote was close");
    for a in &all {
        assert!(
            !content(a).contains("Paul"),
            "a stray mark swallowed text: {a:?}"
        );
    }
}

#[test]
fn reported_speech_with_that_and_adverbs() {
    let a = one("The minister has publicly denied that the deal was signed.");
    assert_eq!(cue(&a), "denied");
    let a = one("Ruth Bell has herself confirmed that the plant will close.");
    assert_eq!(cue(&a), "confirmed");
    assert_eq!(content(&a), "the plant will close");
}

#[test]
fn content_then_speaker() {
    let a = one("Prices will rise again next year, analysts warned.");
    assert_eq!(cue(&a), "warned");
    assert_eq!(content(&a), "Prices will rise again next year");
    assert_eq!(a.role, Role::Expert);
    assert_eq!(a.identity, Identity::Anonymous);
}

#[test]
fn told_hearer_without_that() {
    let a = one("Officials told reporters the road would stay closed.");
    assert_eq!(content(&a), "the road would stay closed");
    assert_eq!(a.role, Role::Official);
}

#[test]
fn broad_verbs_in_any_tense() {
    for (text, verb) in [
        ("The union stressed that no strike was planned.", "stressed"),
        (
            "The company will announce that profits fell.",
            "will announce",
        ),
        (
            "Doctors have argued that the rules are unsafe.",
            "have argued",
        ),
        ("The witness testified that she saw the car.", "testified"),
        ("The actor tweeted that the show was cancelled.", "tweeted"),
    ] {
        let a = one(text);
        assert_eq!(cue(&a), verb, "{text}");
    }
}

#[test]
fn noun_readings_are_not_cues() {
    assert!(extract("Asylum claims rose sharply last year.").is_empty());
    assert!(extract("He declined to comment on the report.").is_empty());
    assert!(extract("The spokesman did not say when the talks resume.").is_empty());
}

#[test]
fn according_to_a_named_outlet() {
    let a = one("According to the Daily Herald, the factory will close in June.");
    assert_eq!(cue(&a), "According to");
    assert_eq!(content(&a), "the factory will close in June");
    assert_eq!(a.role, Role::Media);
    assert_eq!(a.identity, Identity::Named);
}

#[test]
fn according_to_reports_is_hedged_and_unspecified() {
    let a = one("The senator, according to reports, is planning to resign.");
    assert_eq!(a.identity, Identity::Unspecified);
    assert!(a.hedged);
    assert_eq!(content(&a), "is planning to resign");
}

#[test]
fn citing_chain_gives_one_attribution_per_source() {
    let all = extract("CBS News, citing two police officers, said the suspect fled.");
    assert_eq!(all.len(), 2, "{all:#?}");
    let cbs = all
        .iter()
        .find(|a| a.source == "CBS News")
        .expect("the citing outlet");
    assert_eq!(cue(cbs), "said");
    assert_eq!(cbs.role, Role::Media);
    let cops = all
        .iter()
        .find(|a| cue(a) == "citing")
        .expect("the cited source");
    assert_eq!(cops.via.as_deref(), Some("CBS News"));
    assert_eq!(cops.role, Role::Official);
    assert_eq!(cops.identity, Identity::Anonymous);
}

#[test]
fn hedges_without_an_agent() {
    let a = one("The singer reportedly cancelled the tour.");
    assert_eq!(a.identity, Identity::Unspecified);
    assert!(a.hedged);
    assert_eq!(a.rule, "hedge_adverb");
    let a = one("The general is said to be furious about the leak.");
    assert_eq!(cue(&a), "is said to");
    assert!(a.hedged);
    let a = one("The pair allegedly stole three cars.");
    assert_eq!(a.source, "unspecified");
}

#[test]
fn documents_and_data() {
    let a = one("Census figures indicate that the town shrank by a third.");
    assert_eq!(a.form, Form::Document);
    assert_eq!(cue(&a), "indicate");
    let a = one("A report by Amnesty International found widespread abuse in the camps.");
    assert_eq!(a.form, Form::Document);
    assert_eq!(a.source, "Amnesty International");
    let a = one("Data from the World Bank show rising debt across the region.");
    assert_eq!(a.form, Form::Document);
    assert_eq!(a.source, "World Bank");
}

#[test]
fn pronouns_and_surnames_resolve_to_the_full_name() {
    let text = "Laura Chen, the city's mayor, spoke on Monday. She said the budget was balanced. \
                Chen added that taxes would not rise.";
    let all = extract(text);
    assert_eq!(all.len(), 2, "{all:#?}");
    for a in &all {
        assert_eq!(a.source, "Laura Chen");
        assert_eq!(a.identity, Identity::Named);
        assert_eq!(a.role, Role::Official, "the title carries over: {a:?}");
    }
}

#[test]
fn titles_resolve_to_the_named_holder() {
    let text = "Acme Corporation cut 300 jobs. The company said demand had collapsed.";
    let a = one(text);
    assert_eq!(a.source, "Acme Corporation");
    assert_eq!(a.role, Role::Organization);
}

#[test]
fn apposition_gives_the_role() {
    let a = one("Rosa Diaz, the Chilean foreign minister, said the treaty was fair.");
    assert_eq!(a.source, "Rosa Diaz");
    assert_eq!(mention(&a), "Rosa Diaz");
    assert_eq!(a.role, Role::Official);
}

#[test]
fn anonymity_phrases_make_sources_anonymous() {
    let a = one("People familiar with the matter said the merger was off.");
    assert_eq!(a.identity, Identity::Anonymous);
    let a = one("Residents said the water had risen overnight.");
    assert_eq!(a.role, Role::Public);
    assert_eq!(a.identity, Identity::Anonymous);
}

#[test]
fn quotation_standing_alone_continues_the_speaker() {
    let text = "“We lost everything,” said Omar Haddad, a farmer.\n\n“The river took the house and the barn.”";
    let all = extract(text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(all[1].source, "Omar Haddad");
    assert_eq!(all[1].rule, "quote_continuation");
    assert!(all[1].cue.is_none());
}

#[test]
fn cues_inside_quotations_are_the_speaker_s_words() {
    let all = extract("“My father said we should leave,” Ana Costa told the court.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].source, "Ana Costa");
}

#[test]
fn offsets_are_code_points() {
    let text = "Zoë Ødegaard, the coach, said: “Ça va très bien.”";
    let a = one(text);
    let chars: Vec<char> = text.chars().collect();
    for s in [&a.mention, &a.cue, &a.content].into_iter().flatten() {
        let got: String = chars[s.start..s.end].iter().collect();
        assert_eq!(got, s.text);
    }
}

#[test]
fn every_attribution_explains_itself() {
    for a in extract(include_str!("../../samples/cartels.txt")) {
        assert!(!a.rule.is_empty());
        assert!(a.trigger.starts_with("cue "), "{}", a.trigger);
    }
}

#[test]
fn a_participle_apposition_keeps_the_subject_and_marks_anonymity() {
    let a =
        one("A ministry official, speaking on condition of anonymity, said the plan was dropped.");
    assert_eq!(mention(&a), "A ministry official");
    assert_eq!(a.identity, Identity::Anonymous);
    assert_eq!(a.role, Role::Official);
}

#[test]
fn told_hearer_then_place_after_a_quote() {
    let text = "Mira Patel leads the union. “We will not give up,” Patel told reporters in Leeds.";
    let a = one(text);
    assert_eq!(content(&a), "“We will not give up,”");
    assert_eq!(a.source, "Mira Patel");
    assert_eq!(a.rule, "quote_then_speaker");
}

#[test]
fn content_stops_at_but() {
    let a = one("The minister said the bridge would open, but engineers remain doubtful of it.");
    assert_eq!(content(&a), "the bridge would open");
}

#[test]
fn a_phrase_between_subject_and_verb() {
    let a =
        one("Harbour master Ines Kolar, in remarks to a local paper, said \"The pier is closed.\"");
    assert_eq!(a.source, "Ines Kolar");
    assert_eq!(cue(&a), "said");
    assert_eq!(content(&a), "\"The pier is closed.\"");
    let a = one("The treasurer, speaking to donors on Friday, said the fund was short.");
    assert_eq!(mention(&a), "The treasurer");
    assert_eq!(content(&a), "the fund was short");
    let a = one("Tomas Weller, in an interview with a radio station, said the mine would close.");
    assert_eq!(a.source, "Tomas Weller");
}

#[test]
fn a_stray_comma_between_subject_and_verb() {
    let a = one("The hosting company Netvault.com, has said that no data was lost.");
    assert_eq!(a.source, "Netvault.com");
    assert_eq!(content(&a), "no data was lost");
    let a = one("The water board, has warned that supplies are low.");
    assert_eq!(a.source, "The water board");
    assert_eq!(cue(&a), "has warned");
}

#[test]
fn names_with_particles_and_lowercase_titles() {
    let a = one("Rui da Costa, undersecretary to the finance minister, said \"We will pay.\"");
    assert_eq!(a.source, "Rui da Costa");
    assert_eq!(a.identity, Identity::Named);
    assert_eq!(a.role, Role::Official);
    let a = one("Karim el-Masri, a spokesman, said the port had reopened.");
    assert_eq!(a.source, "Karim el-Masri");
    assert_eq!(a.identity, Identity::Named);
    let a = one("Pieter van der Berg said the dikes would hold.");
    assert_eq!(a.source, "Pieter van der Berg");
}

#[test]
fn more_reporting_verbs() {
    for (text, cue_text) in [
        (
            "The auditor reasoned that the losses were temporary.",
            "reasoned",
        ),
        (
            "The coach maintained that the team was ready.",
            "maintained",
        ),
        (
            "The senator pointed out that the bill had no funding.",
            "pointed out",
        ),
        (
            "The mayor countered that the budget was balanced.",
            "countered",
        ),
        ("The witness recalled that the car was red.", "recalled"),
        ("The director conceded that mistakes were made.", "conceded"),
        ("The engineer cautioned that the dam was old.", "cautioned"),
        (
            "The minister emphasised that the plan was final.",
            "emphasised",
        ),
        ("The firm disclosed that profits fell.", "disclosed"),
        ("The nurse remarked that the ward was full.", "remarked"),
    ] {
        assert_eq!(cue(&one(text)), cue_text, "{text}");
    }
    // plain actions are no reports
    for text in [
        "The company maintained its forecast.",
        "Toyota recalled a million cars.",
        "He pointed to the map.",
    ] {
        assert!(extract(text).is_empty(), "{text}");
    }
}

#[test]
fn requests_are_not_claims() {
    for text in [
        "The party asks the regional government to reconsider the cuts.",
        "The union urged officials to reopen the talks.",
        "The mayor called on residents to stay indoors.",
        "Villagers signed a petition asking the council to respect the old boundary.",
        "Pupils were encouraged to draw a logo and suggest what the school motto should be.",
    ] {
        assert!(extract(text).is_empty(), "{text}: {:#?}", extract(text));
    }
    // a coordinated report after a place phrase still counts
    assert_eq!(
        one("He went to the market and said that prices were up.").rule,
        "shared_subject"
    );
}

#[test]
fn pronouns_resolve_to_persons_not_places() {
    let text = "Freedonia's Prime Minister Rufus Teal said the count was fair. Turnout was high \
                across Freedonia. Of the count, he said, \"It was open.\"";
    let all = extract(text);
    let last = all.last().expect("attributions");
    assert_eq!(mention(last), "he");
    assert_eq!(last.source, "Rufus Teal");
    // an unknown single word is no antecedent for "he"
    let a = one("Visit example.com today. He said it works.");
    assert_eq!(a.source, "He");
}

#[test]
fn a_bare_surname_followed_by_he_is_a_person() {
    let all = extract("Ortega said the plan was sound. Later he said, \"We have the votes.\"");
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].source, "Ortega");
    assert_eq!(all[0].role, Role::Unknown);
    assert_eq!(all[1].source, "Ortega");
}

#[test]
fn a_title_with_its_department_then_the_name() {
    let a = one("Minister of Health Lina Moretti said the clinics would reopen.");
    assert_eq!(a.source, "Lina Moretti");
    assert_eq!(a.role, Role::Official);
    let a = one("Undersecretary for Transport Mr. Galli says \"The line is funded.\"");
    assert_eq!(a.source, "Galli");
    assert_eq!(a.identity, Identity::Named);
    assert_eq!(a.role, Role::Official);
}

#[test]
fn called_with_a_quoted_judgement_after_a_long_subject() {
    let a = one(
        "The president of the Federation of Bakers (FOB), Lars Holm, has called the tax \
         \"absurd\" and \"unfair\".",
    );
    assert_eq!(a.source, "Lars Holm");
    assert_eq!(cue(&a), "has called");
    assert_eq!(a.form, Form::DirectQuote);
}

#[test]
fn a_quoted_title_after_the_speaker_is_not_the_content() {
    let a = one("\"Tickets go on sale in May,\" the theatre says on \"The Stage Door\" blog.");
    assert_eq!(content(&a), "\"Tickets go on sale in May,\"");
    assert_eq!(a.rule, "quote_then_speaker");
    let a = one("\"It is over,\" she said in \"The Evening Hour\" interview.");
    assert_eq!(content(&a), "\"It is over,\"");
}

#[test]
fn a_document_owned_by_a_named_source() {
    let a = one(
        "Metro Daily's latest review of its own subscriber records concluded, \"Print is \
         holding up.\"",
    );
    assert_eq!(a.source, "Metro Daily");
    assert_eq!(a.identity, Identity::Named);
    let a = one("The Courier's new survey found that most voters were undecided.");
    assert_eq!(a.source, "Courier");
}

#[test]
fn a_person_s_government_makes_an_official() {
    let all = extract(
        "Critics blamed Ana Ruiz's government for the delays. Ana Ruiz said the deal was done.",
    );
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].source, "Ana Ruiz");
    assert_eq!(all[0].role, Role::Official);
}

#[test]
fn time_words_between_subject_and_verb() {
    let a = one("Officials yesterday said the road would reopen.");
    assert_eq!(mention(&a), "Officials");
    assert_eq!(content(&a), "the road would reopen");
    let a = one("The minister on Tuesday announced that the tax would be cut.");
    assert_eq!(mention(&a), "The minister");
    assert_eq!(cue(&a), "announced");
    let a = one("The pilots' union last week said that the strike would go on.");
    assert_eq!(cue(&a), "said");
    assert_eq!(content(&a), "the strike would go on");
    let a = one("Acme Freight (AF) announced that it would cut 40 routes.");
    assert_eq!(mention(&a), "Acme Freight");
}

#[test]
fn coordinated_subjects_give_one_attribution_each() {
    let all = extract("Anna Bell and Peter Crane said the merger was off.");
    let sources: Vec<&str> = all.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(sources, ["Anna Bell", "Peter Crane"]);
    assert!(all.iter().all(|a| cue(a) == "said"));
    let all = extract("The Port of Lund, the Rail Board and the Ferry Office jointly announced that fares would fall.");
    assert_eq!(all.len(), 3, "{all:#?}");
    // in the order the text gives them, after an opening phrase with a preposition too
    let all = extract(
        "At 9 a.m. local time, the Port of Lund, the Rail Board and the Ferry Office said that fares would fall.",
    );
    let sources: Vec<&str> = all.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(sources, ["Port of Lund", "Rail Board", "Ferry Office"]);
    // an opening phrase is none of them
    for text in [
        "At noon, Anna Bell and Peter Crane said the merger was off.",
        "Speaking in Rome, Anna Bell and Peter Crane said the merger was off.",
    ] {
        let all = extract(text);
        let sources: Vec<&str> = all.iter().map(|a| a.source.as_str()).collect();
        assert_eq!(sources, ["Anna Bell", "Peter Crane"], "{text}");
    }
    let all = extract("In a statement, the union and the company said the talks would resume.");
    assert_eq!(all.len(), 2, "{all:#?}");
    // titles joined by "and" name one person
    let all =
        extract("The president and chief executive of Borel Foods Ian Wex said sales had grown.");
    assert_eq!(all.len(), 1, "{all:#?}");
}

#[test]
fn multiword_cues() {
    let a = one("Dana Ruiz went on to say that the funds were missing.");
    assert_eq!(cue(&a), "went on to say");
    assert_eq!(content(&a), "the funds were missing");
    let a = one("The chancellor made it clear that taxes would not rise.");
    assert_eq!(cue(&a), "made it clear");
    let a = one("The analyst pointed to weak demand as the reason for the fall.");
    assert_eq!(cue(&a), "pointed to");
    assert_eq!(content(&a), "weak demand as the reason for the fall");
    let a = one("The agency put the figure at 300 deaths.");
    assert_eq!(cue(&a), "put the figure at");
    assert_eq!(content(&a), "300 deaths");
    // the first word alone is no cue
    assert!(extract("The agency put the files on the desk.").is_empty());
    assert!(extract("The coach pointed the players at the goal.").is_empty());
}

#[test]
fn verbs_with_an_object_as_content() {
    let a = one("She compared the crisis to a slow flood.");
    assert_eq!(cue(&a), "compared");
    assert_eq!(content(&a), "the crisis to a slow flood");
    let a = one("The mayor attributed the delay to a shortage of steel.");
    assert_eq!(cue(&a), "attributed");
    let a = one("Prosecutors charge that the firm hid its losses.");
    assert_eq!(cue(&a), "charge");
    let a = one("The governor posted that the storm had passed.");
    assert_eq!(cue(&a), "posted");
    let a = one("The senator repeated that the deal was dead.");
    assert_eq!(cue(&a), "repeated");
    // a participle before a preposition is no report
    assert!(extract("The new hull is light compared to steel.").is_empty());
}

#[test]
fn transcript_lines() {
    let text = "The exchange was read out in court.\n\nLena Frost: \"We have no comment at this time.\"\n\nDeputy Mayor Ian Cole: \"Nor do we.\"";
    let all = extract(text);
    let sources: Vec<&str> = all.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(sources, ["Lena Frost", "Ian Cole"], "{all:#?}");
    assert!(all
        .iter()
        .all(|a| a.cue.is_none() && a.form == Form::DirectQuote));
    // a sentence with a verb before its colon is no transcript line
    let all = extract("Ada Moss wrote a letter: \"Dear friends.\"");
    assert!(all.iter().all(|a| a.rule != "transcript_line"), "{all:#?}");
}

#[test]
fn two_apostrophes_and_other_marks_quote() {
    let a = one("Rosa Diaz said ''we will win the final'' before the match.");
    assert_eq!(a.form, Form::DirectQuote);
    assert!(content(&a).starts_with("''we will win"), "{a:#?}");
    let a = one("‹We will win the final,› said Rosa Diaz.");
    assert_eq!(content(&a), "‹We will win the final,›");
    assert_eq!(a.source, "Rosa Diaz");
}

#[test]
fn quoted_as_saying_keeps_the_content() {
    let all = extract("The site quoted the minister as saying the border would stay shut.");
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(all
        .iter()
        .all(|a| content(a) == "the border would stay shut"));
    let cited = all
        .iter()
        .find(|a| mention(a) == "the minister")
        .expect("the minister");
    assert_eq!(cue(cited), "as saying");
}

#[test]
fn according_to_any_noun_phrase() {
    for (text, source) in [
        (
            "The school will close, according to Mr. Smith.",
            "Mr. Smith",
        ),
        (
            "The loan was repaid in March, according to an email seen by the paper.",
            "an email",
        ),
        (
            "The mayor accepted the gifts, according to the complaint.",
            "the complaint",
        ),
        (
            "The mayor accepted the gifts, according to the indictment.",
            "the indictment",
        ),
        (
            "The senator was unhappy, according to his aides.",
            "his aides",
        ),
    ] {
        let a = one(text);
        assert_eq!(cue(&a), "according to", "{text}");
        assert_eq!(mention(&a), source, "{text}");
        assert!(!content(&a).contains("according"), "{text}");
    }
}

#[test]
fn any_noun_phrase_can_be_a_postposed_speaker() {
    let a = one("The budget is too small, said the committee.");
    assert_eq!(mention(&a), "the committee");
    assert_eq!(content(&a), "The budget is too small");
    let a = one("\"The contract is void,\" said the ruling.");
    assert_eq!(mention(&a), "the ruling");
    // a document as the speaker: the form is document
    assert_eq!(a.form, Form::Document);
}

#[test]
fn cue_words_inside_noun_phrases_are_no_cues() {
    for text in [
        "The party has 300 pledged delegates.",
        "The update adds features for small firms.",
        "Fans read a blog post about the match.",
    ] {
        assert!(extract(text).is_empty(), "{text}: {:#?}", extract(text));
    }
    // the same verbs with a clause report
    assert_eq!(cue(&one("The firm adds that prices will rise.")), "adds");
}

#[test]
fn cite_with_an_object_that_is_no_source() {
    let a = one("The report cites rising costs as the main cause.");
    assert_eq!(cue(&a), "cites");
    assert_eq!(content(&a), "rising costs as the main cause");
    // a cited source is its own attribution
    let all = extract("The agency, citing Reuters, said the port was closed.");
    assert!(all.iter().any(|a| a.source == "Reuters"), "{all:#?}");
}

#[test]
fn appositions_and_relatives_between_subject_and_verb() {
    let a = one("Maria Venn, head of the port authority, said the cranes would be replaced.");
    assert_eq!(a.source, "Maria Venn");
    assert_eq!(content(&a), "the cranes would be replaced");
    let a = one("Tomas Reyes, who heads the tenants' union, said rents had doubled.");
    assert_eq!(a.source, "Tomas Reyes");
    assert_eq!(content(&a), "rents had doubled");
    // a name after a postposed description is the source
    let a =
        one("\"We will strike on Monday,\" said the general secretary of the union, Paula Grant.");
    assert_eq!(a.source, "Paula Grant");
    // no clause before the comma: the phrase after the verb is its object
    let a = one("Ines Lobo, the mayor at that time, publicly denied any plan to sell the land.");
    assert_eq!(a.source, "Ines Lobo");
    assert_eq!(cue(&a), "denied");
}

#[test]
fn passives_with_an_agent() {
    let a = one("The new schedule was announced by Ford on Monday.");
    assert_eq!(a.source, "Ford");
    assert_eq!(content(&a), "The new schedule");
    assert_eq!(a.rule, "passive_agent");
    let a = one("The figure, cited by Reuters, was lower than expected.");
    assert_eq!(a.source, "Reuters");
    // a passive whose agent is no source is no attribution
    assert!(extract("The bridge was described by its shape.").is_empty());
}

#[test]
fn statements_and_their_issuers() {
    let a = one("The company issued a statement saying the recall was voluntary.");
    assert_eq!(mention(&a), "The company");
    assert_eq!(content(&a), "the recall was voluntary");
    let a = one("The firm replied in an email, which reads: \"We regret the delay.\"");
    assert_eq!(content(&a), "\"We regret the delay.\"");
}

#[test]
fn a_speaker_reported_by_another_source() {
    let all = extract("The border will stay shut, the minister said, according to the paper.");
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(
        all.iter()
            .all(|a| content(a) == "The border will stay shut"),
        "{all:#?}"
    );
}

#[test]
fn a_quotation_split_by_its_tag_gives_two() {
    let text = "\"The dam is safe,\" the engineer said, \"and the road will open soon.\"";
    let all = extract(text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(cue(&all[0]), "said");
    assert!(all[1].cue.is_none());
    assert_eq!(all[1].source, all[0].source);
    assert_eq!(content(&all[1]), "\"and the road will open soon.\"");
}

#[test]
fn content_edges() {
    // a phrase naming the medium before the quotation is not content
    let a = one("Lia Koss wrote in a blog post \"The vote was a farce from start to end.\"");
    assert_eq!(content(&a), "\"The vote was a farce from start to end.\"");
    // a time phrase before it is
    let a = one("Lia Koss said that by then \"the vote was a farce\" in her view.");
    assert!(content(&a).starts_with("by then"), "{a:#?}");
    // "to" joins a title to its office
    let a = one("According to an aide to the governor, the bill will be signed.");
    assert_eq!(mention(&a), "an aide to the governor");
}

#[test]
fn asides_quantifiers_and_acronyms_before_the_verb() {
    let a = one("Food banks, such as Harvest Aid, said that donations had fallen.");
    assert_eq!(cue(&a), "said");
    assert_eq!(content(&a), "donations had fallen");
    let a = one("The lawsuit, filed in March, claims that the firm broke the contract.");
    assert_eq!(mention(&a), "The lawsuit");
    let all = extract("The Courier and the Gazette both report that the mill will close.");
    assert_eq!(all.len(), 2, "{all:#?}");
    // an acronym in capitals is a name, not the relative "who"
    let a = one("The health agency is clear. WHO say the dose is safe.");
    assert_eq!(mention(&a), "WHO");
}

#[test]
fn verbs_with_a_particle_or_a_colon() {
    let a = one("The carmakers warned of imminent bankruptcy.");
    assert_eq!(cue(&a), "warned of");
    assert_eq!(content(&a), "imminent bankruptcy");
    let a = one("The spokeswoman Ana Pires spoke about the fire: \"Nobody was hurt.\"");
    assert_eq!(content(&a), "\"Nobody was hurt.\"");
    // speaking with no quotation is no report
    assert!(extract("The mayor spoke about the fire for an hour.").is_empty());
}

#[test]
fn single_curly_quotation_marks() {
    let text = "Ann Bode runs the shop. ‘We open at nine,’ she said, ‘and close at six.’";
    let all = extract(text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(content(&all[0]), "‘We open at nine,’");
    assert_eq!(all[0].form, Form::DirectQuote);
    assert!(all[1].cue.is_none());
    // an apostrophe inside or after a word is no quotation mark
    let a = one("The workers’ union said the plant’s future was safe.");
    assert_eq!(a.form, Form::Paraphrase);
}

#[test]
fn tags_keep_verbs_out_of_noun_phrases() {
    // a verb before a cue word is no source
    assert!(extract("The bank ignored repeated warnings from its staff.").is_empty());
    // a participle with its preposition stays inside the source
    let a = one("Two people involved in the talks said the deal was close.");
    assert_eq!(mention(&a), "Two people involved in the talks");
    // a clause verb needs a finite verb in its content
    assert!(extract("The new app adds features for small shops, including discounts.").is_empty());
    // a passive's subject is its content even when no noun phrase is found
    let a = one("A training plan for laid-off workers was announced by Governor Ann Lowe.");
    assert_eq!(a.source, "Ann Lowe");
}

/// One canonical sentence for each rule, with the whole attribution it must give: (text,
/// source, cue, content, identity, form). A new rule must add its row here.
fn canonical(
    rule: Rule,
) -> (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Identity,
    Form,
) {
    use Form::*;
    use Identity::*;
    match rule {
        Rule::SpeakerSaid => (
            "Ana Ruiz said the bridge was unsafe.",
            "Ana Ruiz",
            "said",
            "the bridge was unsafe",
            Named,
            Paraphrase,
        ),
        Rule::SpeakerSaidThat => (
            "Ana Ruiz said that the bridge was unsafe.",
            "Ana Ruiz",
            "said",
            "the bridge was unsafe",
            Named,
            Paraphrase,
        ),
        Rule::SpeakerThenQuote => (
            "Ana Ruiz said, \"The bridge is unsafe.\"",
            "Ana Ruiz",
            "said",
            "\"The bridge is unsafe.\"",
            Named,
            DirectQuote,
        ),
        Rule::QuoteThenSpeaker => (
            "\"The bridge is unsafe,\" said Ana Ruiz.",
            "Ana Ruiz",
            "said",
            "\"The bridge is unsafe,\"",
            Named,
            DirectQuote,
        ),
        Rule::ContentThenSpeaker => (
            "The bridge is unsafe, Ana Ruiz said.",
            "Ana Ruiz",
            "said",
            "The bridge is unsafe",
            Named,
            Paraphrase,
        ),
        Rule::ColonLeadIn => (
            "Ana Ruiz said in a statement: \"The bridge is unsafe.\"",
            "Ana Ruiz",
            "said",
            "\"The bridge is unsafe.\"",
            Named,
            DirectQuote,
        ),
        Rule::Parenthetical => (
            "The bridge, Ana Ruiz said, was unsafe for trucks.",
            "Ana Ruiz",
            "said",
            "The bridge, Ana Ruiz said, was unsafe for trucks",
            Named,
            Paraphrase,
        ),
        Rule::SharedSubject => (
            "Ana Ruiz closed the bridge on Monday, saying it was unsafe.",
            "Ana Ruiz",
            "saying",
            "it was unsafe",
            Named,
            Paraphrase,
        ),
        Rule::DocumentVerb => (
            "The Transport Ministry's report found that the bridge was unsafe.",
            "Transport Ministry",
            "found",
            "the bridge was unsafe",
            Named,
            Document,
        ),
        Rule::ExpertFinding => (
            "Engineers found that the bridge was unsafe.",
            "Engineers",
            "found",
            "the bridge was unsafe",
            Anonymous,
            Paraphrase,
        ),
        Rule::HedgePassive => (
            "The bridge is said to be unsafe.",
            "reports",
            "is said to",
            "be unsafe",
            Unspecified,
            Paraphrase,
        ),
        Rule::HedgeAdverb => (
            "The bridge was reportedly unsafe.",
            "reports",
            "reportedly",
            "unsafe",
            Unspecified,
            Paraphrase,
        ),
        Rule::AccordingTo => (
            "The bridge is unsafe, according to the inspectors.",
            "the inspectors",
            "according to",
            "The bridge is unsafe",
            Anonymous,
            Paraphrase,
        ),
        Rule::InTheWordsOf => (
            "In the words of one engineer, the bridge is unsafe.",
            "one engineer",
            "In the words of",
            "the bridge is unsafe",
            Anonymous,
            Paraphrase,
        ),
        Rule::Citing => (
            "The agency, citing Ana Ruiz, said the bridge was unsafe.",
            "Ana Ruiz",
            "citing",
            "",
            Named,
            Paraphrase,
        ),
        Rule::QuotedSource => (
            "The Daily Post quoted Ana Ruiz as saying the bridge was unsafe.",
            "Daily Post",
            "quoted",
            "the bridge was unsafe",
            Named,
            Paraphrase,
        ),
        Rule::QuoteContinuation => (
            "\"The bridge is unsafe,\" said Ana Ruiz. \"We will close it for the whole winter.\"",
            "Ana Ruiz",
            "",
            "\"We will close it for the whole winter.\"",
            Named,
            DirectQuote,
        ),
        Rule::TranscriptLine => (
            "The hearing went on.\n\nAna Ruiz: \"The bridge is unsafe.\"",
            "Ana Ruiz",
            "",
            "\"The bridge is unsafe.\"",
            Named,
            DirectQuote,
        ),
        Rule::PassiveAgent => (
            "The closure was announced by Ana Ruiz.",
            "Ana Ruiz",
            "announced by",
            "The closure",
            Named,
            Paraphrase,
        ),
        Rule::NounClause => (
            "Ana Ruiz repeated her claim that the bridge was unsafe.",
            "Ana Ruiz",
            "claim",
            "the bridge was unsafe",
            Named,
            Paraphrase,
        ),
    }
}

#[test]
fn every_rule_finds_its_canonical_sentence() {
    let mut wrong = Vec::new();
    for rule in Rule::ALL {
        let (text, source, cue_text, content_text, identity, form) = canonical(rule);
        let all = extract(text);
        let Some(a) = all.iter().find(|a| a.rule == rule.name()) else {
            wrong.push(format!("{}: nothing from {text:?}: {all:#?}", rule.name()));
            continue;
        };
        let got = (a.source.as_str(), cue(a), content(a), a.identity, a.form);
        if got != (source, cue_text, content_text, identity, form) {
            wrong.push(format!("{}: {got:?}", rule.name()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn quoted_names_are_no_speech() {
    // a product name in quotation marks before a noun makes no direct quote
    let a = one("The firm said its \"Thunder\" blenders would be recalled.");
    assert_eq!(a.form, Form::Paraphrase);
    let a = one("The firm said the blenders were \"perfectly safe\" to use.");
    assert_eq!(a.form, Form::DirectQuote);
}

#[test]
fn content_openings_and_asides() {
    // a time phrase before "that" belongs to the cue
    let a = one("The mayor said on Wednesday that the bridge would reopen.");
    assert_eq!(content(&a), "the bridge would reopen");
    // a participle aside after "according to X" is skipped
    let a = one("According to the complaint, filed on Tuesday, the plant leaked gas for weeks.");
    assert_eq!(content(&a), "the plant leaked gas for weeks");
    // a statement phrase after a postposed speaker is no content
    let a = one("\"We have nothing to hide,\" the manager said in an interview at the plant gate.");
    assert_eq!(content(&a), "\"We have nothing to hide,\"");
    // a clause verb with a clause only after a comma reports nothing
    let all = extract("Employers added 210,000 jobs, the ministry said.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(cue(&all[0]), "said");
}

#[test]
fn look_alikes_are_no_attributions() {
    for text in [
        "Prices rose sharply in what he called a panic.",
        "The city agreed to lease the land.",
        "Say what you want about the plan.",
        "The store sells the \"Thunder\" blender at a discount.",
        "Toyota recalled a million cars.",
    ] {
        assert!(extract(text).is_empty(), "{text}: {:#?}", extract(text));
    }
}

#[test]
fn complementizers_after_time_words_and_asides() {
    let a = one("The minister said last month that the plan had \"broad support\" in parliament.");
    assert_eq!(content(&a), "the plan had \"broad support\" in parliament");
    let a = one("The council's page explains, in plain words, that the fee will double.");
    assert_eq!(content(&a), "the fee will double");
    let a = one("The paper has learned that according to a court filing, the mine will close.");
    assert_eq!(content(&a), "the mine will close");
}

#[test]
fn party_labels_asides_and_courts() {
    let a = one("Rep. Nina Voss (D-Calif.) said in a statement that the cuts were cruel.");
    assert_eq!(a.source, "Nina Voss");
    assert_eq!(content(&a), "the cuts were cruel");
    // an indefinite apposition describes the subject, it does not replace it
    let a = one("The senator, a Democrat from Ohio, said the vote was a mistake.");
    assert_eq!(mention(&a), "The senator");
    let a = one("Two people briefed on the plan said it would be announced next week.");
    assert_eq!(mention(&a), "Two people briefed on the plan");
    let a = one("The Supreme Court ruled that the law was void.");
    assert_eq!(cue(&a), "ruled");
    assert!(extract("The umpire will rule on the appeal.").is_empty());
    // a subordinator left by a cut is no content
    let all =
        extract("Unions argued that the rule was unfair, while employers insisted it was fair.");
    assert_eq!(content(&all[0]), "the rule was unfair");
    // an aside with an adverb and a passive participle
    let all = extract("The memo, first reported by the Ledger, says the agency will cut 200 jobs.");
    assert!(
        all.iter()
            .any(|a| cue(a) == "says" && content(a) == "the agency will cut 200 jobs"),
        "{all:#?}"
    );
}

#[test]
fn a_restrictive_relative_between_source_and_verb() {
    let a = one("A person who declined to be named said the deal was close.");
    assert_eq!(mention(&a), "A person");
    assert_eq!(a.identity, Identity::Anonymous);
    let a =
        one("An aide who did not want to be identified told reporters that the vote would slip.");
    assert_eq!(mention(&a), "An aide");
    assert_eq!(content(&a), "the vote would slip");
    // a relative clause that reports is the report, not a subject
    let all = extract("The lawyer who said the case was weak resigned.");
    assert!(all.iter().all(|a| cue(a) != "resigned"), "{all:#?}");
}

#[test]
fn company_suffixes_with_a_dot_stay_in_the_source() {
    let a = one("Borel Corp. chief executive Dana Fisk said costs would rise.");
    assert_eq!(mention(&a), "Borel Corp. chief executive Dana Fisk");
    assert_eq!(a.source, "Dana Fisk");
    assert_eq!(a.role, Role::Organization);
    let a = one("Costs will rise, according to Borel Inc.");
    assert_eq!(mention(&a), "Borel Inc");
    // the dot of a company's or a name's abbreviation before the verb
    let a = one("Shares fell after Borel Inc. said it would cut 200 jobs.");
    assert_eq!(mention(&a), "Borel Inc");
    assert_eq!(content(&a), "it would cut 200 jobs");
    let a = one("Rep. Alan Ruiz Jr. said the bill was fair.");
    assert_eq!(a.source, "Alan Ruiz Jr");
    // "&" between names inside one name
    let a = one("Analysts at Pell & Crane wrote that margins would shrink.");
    assert_eq!(mention(&a), "Analysts at Pell & Crane");
    assert_eq!(a.role, Role::Expert);
}

#[test]
fn political_copy_constructions() {
    // a name before a weak verb's noun is a compound, not a subject
    let all = extract("Dorn said in a Truth Social post that the tariffs would stay.");
    assert_eq!(all.len(), 1, "{all:#?}");
    // a complementizer after a noun when a subject follows it
    let a = one("Ray Ochoa later posted on X that taxpayers had been \"handed the bill.\"");
    assert_eq!(cue(&a), "posted");
    assert_eq!(content(&a), "taxpayers had been \"handed the bill.\"");
    // a weak verb with a prepositional phrase reports nothing by itself
    let all = extract("Speaking on the Senate floor, Lane called the bill \"a disaster.\"");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(cue(&all[0]), "called");
    // an apostrophe after a name in s marks its possessor
    let a = one("Harris\u{2019} campaign said the ad was misleading.");
    assert_eq!(mention(&a), "Harris\u{2019} campaign");
    // the relative clause ends the content
    let a = one("The bill, which Republicans say will cut taxes, passed the House.");
    assert_eq!(content(&a), "will cut taxes");
    // unnamed reports with a clause
    let a = one("The firm recalled the heaters after reports that they could overheat.");
    assert_eq!(cue(&a), "reports");
    assert_eq!(a.identity, Identity::Unspecified);
    assert!(a.hedged);
    assert_eq!(content(&a), "they could overheat");
}

#[test]
fn a_statement_released_by_a_participle_is_the_speaker_s() {
    let all = extract(
        "Senator Ann Lowe said she was shocked, releasing a statement saying \"The decision is wrong.\"",
    );
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(all.iter().all(|a| a.source == "Ann Lowe"), "{all:#?}");
}

#[test]
fn a_long_text_is_read_in_parts_cut_at_paragraph_breaks() {
    let para = "The mayor said the bridge would reopen in May. “We are ready,” said Ana Ruiz, \
                the city engineer. Critics, however, doubt it.";
    let text = [para; 12].join("\n\n");
    let whole = super::in_parts(&text, usize::MAX, true);
    // parts of about three paragraphs: every cut falls on a paragraph break
    let cut = super::in_parts(&text, 3 * para.len() + 7, true);
    assert_eq!(super::parts(&text, 3 * para.len() + 7).len(), 4);
    assert_eq!(cut.0, whole.0);
    let chars: Vec<char> = text.chars().collect();
    for a in &cut.0.attributions {
        let c = a.content.as_ref().unwrap();
        assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.text);
    }
    let ruiz = |es: &[crate::model::Entity]| {
        es.iter()
            .find(|e| e.name == "Ana Ruiz")
            .map(|e| (e.mentions, e.claims))
    };
    assert_eq!(ruiz(&cut.1), ruiz(&whole.1));
    assert_eq!(ruiz(&whole.1).map(|m| m.1), Some(12));
}

#[test]
fn a_text_without_breaks_is_cut_at_a_space_or_any_character_boundary() {
    let spaced = "word ".repeat(100);
    let parts = super::parts(&spaced, 64);
    assert!(
        parts.iter().all(|p| p.len() <= 64 && p.ends_with(' ')),
        "{parts:?}"
    );
    assert_eq!(parts.concat(), spaced);
    let solid = "é".repeat(100);
    let parts = super::parts(&solid, 63);
    assert!(parts.iter().all(|p| p.len() <= 63));
    assert_eq!(parts.concat(), solid);
}

#[test]
fn the_engines_claims_carry_the_stance_of_their_cue() {
    let text = "The mayor admitted that the budget was short. The treasurer said that \
                taxes would rise. Critics claimed that the plan was rushed.";
    let found: Vec<(String, crate::model::Stance)> = extract(text)
        .iter()
        .map(|a| (a.cue.as_ref().unwrap().text.clone(), a.stance()))
        .collect();
    assert_eq!(
        found,
        vec![
            ("admitted".to_string(), crate::model::Stance::Loaded),
            ("said".to_string(), crate::model::Stance::Neutral),
            ("claimed".to_string(), crate::model::Stance::Loaded),
        ]
    );
}

#[test]
fn an_inverted_speaker_may_be_followed_by_a_participle_phrase() {
    let a = one(
        "The ferry service lost money for six years, said the Harbour Audit Office in a report \
         issued on Monday.",
    );
    assert_eq!(a.source, "Harbour Audit Office");
    assert_eq!(content(&a), "The ferry service lost money for six years");
    // a verb of its own after the phrase makes it a clause, not the speaker's phrase
    assert!(
        extract("The ferry service lost money, said the board in a report it rejects.")
            .iter()
            .all(|a| a.source != "the board in a report it rejects")
    );
}

#[test]
fn a_relative_clause_after_the_subject_leaves_a_bare_clause_its_content() {
    // a data verb ("proved", "showed") in a content clause without "that"
    for (text, said) in [
        (
            "Marta Quill, who chairs the finance panel, later said the figures proved her case.",
            "the figures proved her case",
        ),
        (
            "The mayor, who opposed the plan from the start, said the audit showed its flaws.",
            "the audit showed its flaws",
        ),
        (
            "Ivo Brandt, the councillor who lost the vote, said the result exposed their tactics.",
            "the result exposed their tactics",
        ),
    ] {
        let a = one(text);
        assert_eq!(cue(&a), "said", "{text}");
        assert_eq!(content(&a), said, "{text}");
        assert_ne!(mention(&a), "the figures", "{text}");
        assert!(!content(&a).contains("who"), "{text}");
    }
    assert_eq!(
        one("Marta Quill, who chairs the finance panel, later said the figures proved her case.")
            .source,
        "Marta Quill"
    );
    // a participle phrase after an inverted source still ends it, also with a time phrase
    for text in [
        "The ferry lost money for years, said the report released the day before.",
        "The ferry lost money for years, said the report released a day earlier.",
    ] {
        let a = one(text);
        assert_eq!(mention(&a), "the report", "{text}");
        assert_eq!(content(&a), "The ferry lost money for years", "{text}");
    }
    // a clause before the relative clause still makes the source after the verb inverted
    let a = one("Costs climbed again, which hurt families, said Tom Berry.");
    assert_eq!(a.source, "Tom Berry");
    assert!(content(&a).starts_with("Costs climbed again"));
}

#[test]
fn a_clause_whose_verb_reads_as_a_noun_before_an_inverted_source() {
    // "rose" read as a noun: the manner adverb after it shows the verb
    for (text, source, said) in [
        (
            "Rents rose steeply last year, said Omar Field, an analyst at Dunmore Bank.",
            "Omar Field",
            "Rents rose steeply last year",
        ),
        (
            "Wages rose sharply in April, said Omar Field.",
            "Omar Field",
            "Wages rose sharply in April",
        ),
        // no adverb: after a plural noun, a word before a comma is no noun it modifies
        ("Fares rose, said Omar Field.", "Omar Field", "Fares rose"),
        (
            "Taxes rose in May, said Omar Field.",
            "Omar Field",
            "Taxes rose in May",
        ),
    ] {
        let a = one(text);
        assert_eq!(a.source, source, "{text}");
        assert_eq!(cue(&a), "said", "{text}");
        assert_eq!(content(&a), said, "{text}");
    }
    // no clause before the comma: the phrase after the verb is no inverted source
    for text in [
        "The bank's chief economist, Ann Lee, said the rates in May.",
        "Omar Field, a housing analyst recently, said the rents in April.",
    ] {
        assert!(
            extract(text)
                .iter()
                .all(|a| !mention(a).starts_with("the r")),
            "{text}: {:#?}",
            extract(text)
        );
    }
    // "said to be": a hedge, not a cue with an inverted source
    assert!(
        extract("Prices of houses sold in May, said to be rising, worried buyers.")
            .iter()
            .all(|a| a.source != "buyers" && mention(a) != "houses")
    );
}

#[test]
fn a_capitalised_verb_opening_a_name_is_no_cue() {
    let all = extract(
        "State Sen. Thomas Reddick, who has served eight years, said the governor was wrong.",
    );
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(cue(&all[0]), "said");
}

#[test]
fn a_participle_phrase_opening_the_sentence_shares_the_main_subject() {
    // the main verb reports nothing of its own: the participle is the cue, the main
    // clause's subject the source, the words after the main verb the content
    let a =
        one("Writing on his website, Oliver Lind of the Valley Courier branded the vote “a sham”.");
    assert_eq!(cue(&a), "Writing");
    assert_eq!(mention(&a), "Oliver Lind of the Valley Courier");
    assert_eq!(a.source, "Oliver Lind");
    assert_eq!(content(&a), "the vote “a sham”");
    assert_eq!(a.rule, "shared_subject");
    // the main verb reports: one attribution, by the main verb
    let a = one("Writing in an op-ed on Sunday, Greta Moss described the deal as “a giveaway”.");
    assert_eq!(a.source, "Greta Moss");
    assert_eq!(cue(&a), "described");
    let a = one("Speaking to reporters on Monday, the harbour master said the dock would close.");
    assert_eq!(cue(&a), "said");
    assert_eq!(content(&a), "the dock would close");
    // a main clause that quotes no words tells what someone did, no claim
    for text in [
        "Speaking at a rally in Dover, the senator thanked the crowd.",
        "Commenting on the ruling, the mayor praised the jury.",
    ] {
        assert!(extract(text).is_empty(), "{text}: {:#?}", extract(text));
    }
    // a clause of its own in the phrase keeps the participle's content
    let all = extract("Writing that the levy was “unfair”, Nadia Kerr urged a recount.");
    assert!(
        all.iter()
            .any(|a| cue(a) == "Writing" && content(a) == "the levy was “unfair”"),
        "{all:#?}"
    );
}

#[test]
fn a_phrase_that_counts_time_is_no_subject() {
    // "several times", "three times" before a coordinated verb: the verb shares the
    // subject of the clause before
    for text in [
        "The coach thanked the fans and several times described the season as “a miracle”.",
        "The coach thanked the fans and three times described the season as “a miracle”.",
    ] {
        let all = extract(text);
        let a = all
            .iter()
            .find(|a| cue(a) == "described")
            .unwrap_or_else(|| panic!("{text}: {all:#?}"));
        assert_eq!(a.source, "The coach", "{text}");
        assert_eq!(content(a), "the season as “a miracle”", "{text}");
        assert!(
            all.iter().all(|a| !content(a).ends_with("times")),
            "{all:#?}"
        );
    }
    // between a subject and its verb
    let a = one("The agency many times said the dam was safe.");
    assert_eq!(mention(&a), "The agency");
    assert_eq!(content(&a), "the dam was safe");
}

#[test]
fn the_agent_of_a_participle_after_the_subject_is_not_the_source() {
    // the one who saw or held the document is not its source
    let a = one("A confidential report seen by the Daily Ledger says the plant “must close”.");
    assert_eq!(mention(&a), "A confidential report");
    assert_eq!(a.form, Form::Document);
    assert_ne!(a.source, "Daily Ledger");
    let a = one("A woman held by the guards said she was never charged.");
    assert_eq!(mention(&a), "A woman");
    let a = one("Those affected by the floods said the aid came too late.");
    assert_eq!(mention(&a), "Those");
    // a document its agent wrote: the author is the source
    let a = one("The letter written by Ann Lee says the school will close.");
    assert_eq!(a.source, "Ann Lee");
}

#[test]
fn according_to_research_done_by_a_named_body() {
    let a = one("Exports fell in June, according to research done by the Carver Foundation.");
    assert_eq!(mention(&a), "the Carver Foundation");
    assert_eq!(a.identity, Identity::Named);
    assert_eq!(a.form, Form::Document);
    assert_eq!(content(&a), "Exports fell in June");
    // one who only saw the document is not its maker
    let a = one("Exports fell in June, according to a memo seen by the Carver Gazette.");
    assert_eq!(mention(&a), "a memo");
    assert_ne!(a.identity, Identity::Named);
}

#[test]
fn a_participle_with_a_time_phrase_after_a_noun_is_no_cue() {
    let a = one("Traders said the rates announced the day before were a mistake.");
    assert_eq!(cue(&a), "said");
    assert_eq!(
        content(&a),
        "the rates announced the day before were a mistake"
    );
    assert!(extract("Rents reported on Friday were far too high.").is_empty());
    // a source before the verb keeps the report, the time phrase opening its clause
    let a = one("The ministry reported Friday was the busiest day of the year.");
    assert_eq!(cue(&a), "reported");
    assert_eq!(content(&a), "Friday was the busiest day of the year");
    let a = one("The ministry announced last week that rents had risen.");
    assert_eq!(content(&a), "rents had risen");
}

#[test]
fn a_title_chain_before_a_name_gives_one_named_source() {
    // titles joined by "and" after an inverted verb: one person
    let a = one(
        "“Demand is soft,” said the vice president and treasurer of Corlen Foods Inc. Paul Hart.",
    );
    assert_eq!(a.source, "Paul Hart");
    assert_eq!(a.identity, Identity::Named);
    assert_eq!(
        mention(&a),
        "the vice president and treasurer of Corlen Foods Inc. Paul Hart"
    );
    // a body's name with "on" in it and a long chain: the person's name is the mention
    for text in [
        "Deputy director of the Maine branch of the Board on Coastal Affairs Susan Pratt said the dunes were eroding.",
        "“The dunes are eroding,” said the director of the Board on Coastal Affairs Susan Pratt.",
    ] {
        let a = one(text);
        assert_eq!(a.source, "Susan Pratt", "{text}");
        assert_eq!(mention(&a), "Susan Pratt", "{text}");
        assert_eq!(a.identity, Identity::Named, "{text}");
    }
    // a capitalised run after "of" is read apart from the name already: the chain stays
    let a = one("Mayor of Halden Paul Hart said the dunes were eroding.");
    assert_eq!(a.source, "Paul Hart");
    assert_eq!(mention(&a), "Mayor of Halden Paul Hart");
    // a time word after "on" is no part of a name
    let a = one("Susan Pratt on Monday said the dunes were eroding.");
    assert_eq!(mention(&a), "Susan Pratt");
}

#[test]
fn a_quotation_after_a_statement_is_its_issuers() {
    let text = "Governor Lena Park, a Republican, released a statement after the verdict. \
                “Today the families of this city finally have an answer.”";
    let a = one(text);
    assert_eq!(a.rule, "quote_continuation");
    assert_eq!(a.source, "Lena Park");
    assert_eq!(a.identity, Identity::Named);
    assert!(a.mention.is_none() && a.cue.is_none());
    // a second quotation after the first is the issuer's too
    let all = extract(
        "Omar Field, a Democrat, put out a statement on Friday. \
         “The families of this city deserve far better than this.” \
         “We will keep pushing until the council finally acts.”",
    );
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(all.iter().all(|a| a.source == "Omar Field"), "{all:#?}");
    let a = one("The ferry company put out a brief statement on Sunday. \
                 “Every sailing will run as planned through the holidays.”");
    assert_eq!(a.source, "The ferry company");
    // posted on a platform
    let a = one("Lena Park posted on X late on Sunday. \
                 “Every sailing will run as planned through the holidays.”");
    assert_eq!(a.source, "Lena Park");
    // a sentence with a statement but no issuer leaves the quotation unattributed
    assert!(extract(
        "A statement came late on Sunday. \
                     “Every sailing will run as planned through the holidays.”"
    )
    .is_empty());
}

#[test]
fn a_document_that_is_no_statement_makes_no_speaker() {
    // "filed a lawsuit": the quotation after it is not the filer's by that sentence alone
    let text = "Omar Field filed a lawsuit against the county on Monday. \
                “The county has ignored the problem for a decade.”";
    assert!(extract(text).is_empty(), "{:#?}", extract(text));
}

#[test]
fn a_think_tank_is_no_cue() {
    let all = extract("A report from the Harmon Institute, a conservative think tank, was cited.");
    assert!(
        all.iter()
            .all(|a| a.cue.as_ref().is_none_or(|c| c.text != "think")),
        "{all:#?}"
    );
}

#[test]
fn a_verb_of_accusation_reports_what_it_accuses_of() {
    let all = extract("Gov. Ann Marsh accused her rival of planning to \"gut\" public schools.");
    let a = all
        .iter()
        .find(|a| a.cue.as_ref().is_some_and(|c| c.text == "accused"))
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(a.source, "Ann Marsh");
    assert_eq!(
        a.content.as_ref().map(|c| c.text.as_str()),
        Some("planning to \"gut\" public schools")
    );
    // without "of" nothing is reported
    let all = extract("The senator accused the agency in a long speech.");
    assert!(
        all.iter()
            .all(|a| a.cue.as_ref().is_none_or(|c| c.text != "accused")),
        "{all:#?}"
    );
}

#[test]
fn a_few_quoted_words_before_a_noun_are_quoted_words() {
    let a = one("Ivo Brandt said the cuts risked \"hollowing out\" policing in rural areas.");
    assert_eq!(a.form, Form::DirectQuote);
    // a quoted name after a determiner stays a name
    let a = one("Ivo Brandt said the \"Thunder\" model would sell well.");
    assert_eq!(a.form, Form::Paraphrase);
}

#[test]
fn a_verb_that_needs_a_quotation_reports_nothing_after_a_modal() {
    let all = extract(
        "While health checks will continue, officials will scrap the interview to \
         \"streamline\" processing.",
    );
    assert!(all.iter().all(|a| cue(a) != "will continue"), "{all:#?}");
}

#[test]
fn words_after_a_quotation_and_its_tag_say_how_it_was_said() {
    let all = extract("\"I liked him too, last week,\" he said, laughing.");
    let a = by_cue(&all, "said");
    assert_eq!(content(a), "\"I liked him too, last week,\"");
    assert_eq!(a.form, Form::DirectQuote);
    let all = extract(
        "\"We controlled the game for 70 minutes,\" Ivo Steen said through an interpreter.",
    );
    assert_eq!(
        content(by_cue(&all, "said")),
        "\"We controlled the game for 70 minutes,\""
    );
    // a clause after the tag is its own content
    let all = extract("\"It was close,\" Ivo Steen said, adding that the referee had been fair.");
    assert!(
        all.iter()
            .any(|a| content(a) == "the referee had been fair"),
        "{all:#?}"
    );
}

#[test]
fn the_hearer_of_told_is_never_the_speaker() {
    let all = extract(
        "\"We did not take this lightly,\" Acme's chief operating officer, Rena Sol, told \
         reporters on a conference call.",
    );
    let a = by_cue(&all, "told");
    assert_eq!(a.source, "Rena Sol", "{}", a.trigger);
}

#[test]
fn the_object_of_a_relative_clause_is_not_the_speaker() {
    let all = extract("Financial analysts who follow the sport say the club is losing money.");
    let a = by_cue(&all, "say");
    assert_eq!(a.source, "Financial analysts", "{}", a.trigger);
    assert_eq!(a.role, Role::Expert);
}

#[test]
fn people_briefed_on_something_are_one_description() {
    let all =
        extract("The deal was struck on Friday, according to three people briefed on the talks.");
    let a = by_cue(&all, "according to");
    assert_eq!(
        a.source, "three people briefed on the talks",
        "{}",
        a.trigger
    );
    assert_eq!(a.identity, Identity::Anonymous);
}

#[test]
fn a_source_cited_after_the_report_backs_it() {
    let all = extract(
        "The brewery will close its canal-side taproom in June, the Canal Clarion \
         reported on Friday, citing three employees briefed on the decision.",
    );
    let cited = by_cue(&all, "citing");
    assert!(cited.source.starts_with("three employees"), "{cited:#?}");
    assert_eq!(cited.via.as_deref(), Some("Canal Clarion"));
    assert!(content(cited).starts_with("The brewery will close"));
    // a reason after "citing" is no source
    let all = extract("The festival director stepped down, the board said, citing poor health.");
    assert_eq!(all.len(), 1, "{all:#?}");
    // "according to X, citing Y": what X says is the clause before
    let all = extract(
        "The ferry line will drop its winter route, according to the Harbour Post, citing \
         leaked documents.",
    );
    let a = by_cue(&all, "according to");
    assert_eq!(content(a), "The ferry line will drop its winter route");
    let cited = by_cue(&all, "citing");
    assert_eq!(cited.form, Form::Document);
}

#[test]
fn a_party_and_state_label_after_a_name_is_an_aside() {
    let all =
        extract("Rep. Oren Vasquez, R-Idaho, the panel's ranking member, said the bill was dead.");
    assert_eq!(all[0].source, "Oren Vasquez", "{all:#?}");
    assert_eq!(all[0].role, Role::Official);
}

#[test]
fn a_capitalised_word_after_an_owner_describes_the_name_after_it() {
    let all =
        extract("The caucus's senior Republican, Sen. Ilsa Brandvold, said the vote would slip.");
    assert_eq!(all[0].source, "Ilsa Brandvold", "{all:#?}");
    assert_eq!(all[0].identity, Identity::Named);
}

#[test]
fn a_town_before_its_state_in_an_apposition_is_not_the_subject() {
    let all = extract(
        "One of the callers, Nadia Pruitt, a nurse in Harlow, Kansas, said the line was \
         always busy.",
    );
    assert_eq!(all[0].source, "Nadia Pruitt", "{all:#?}");
}

#[test]
fn a_participle_aside_before_said_leaves_the_subject_before_it() {
    let all = extract(
        "A spokesman for the league, speaking to reporters, said video replays showed \"a clear \
         foul\".",
    );
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(mention(&all[0]), "A spokesman for the league");
}

#[test]
fn appositions_with_an_adverb_a_part_of_a_group_or_a_verb_as_modifier() {
    let all = extract("Mara Quist, also a Democrat, told reporters that the vote would slip.");
    assert_eq!(all[0].source, "Mara Quist", "{all:#?}");
    let all = extract("One of them, Ilan Voss, said the ferry had left early.");
    assert_eq!(all[0].source, "Ilan Voss", "{all:#?}");
    // "state" reads as a verb, but here it modifies "senator"
    let all = extract("Hollis Brandt, a longtime state senator, said the bill was doomed.");
    assert_eq!(all[0].source, "Hollis Brandt", "{all:#?}");
}

#[test]
fn a_time_after_by_is_no_agent() {
    let all = extract("A ruling is expected by Friday, the court clerk said.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(
        all[0].mention.as_ref().map(|m| m.text.as_str()),
        Some("the court clerk")
    );
}

#[test]
fn data_set_off_after_the_clause_they_report() {
    let a = one("Rents rose 4 percent in March, Housing Ministry figures show.");
    assert_eq!(cue(&a), "show");
    assert_eq!(content(&a), "Rents rose 4 percent in March");
    assert_eq!(a.source, "Housing Ministry");
    assert_eq!(a.form, Form::Document);
    // a clause of the writer's after the data's subject, or a time after the verb
    let a =
        one("Rents rose 4 percent in March, a Dalton Polling survey shows, and tenants are angry.");
    assert_eq!(content(&a), "Rents rose 4 percent in March");
    let a =
        one("Rents rose 4 percent in March, figures from the Housing Ministry showed on Friday.");
    assert_eq!(content(&a), "Rents rose 4 percent in March");
    // the data before what they show keep it after them
    let a = one("Housing Ministry figures show rents rose 4 percent in March.");
    assert_eq!(content(&a), "rents rose 4 percent in March");
}

#[test]
fn a_whose_clause_is_an_aside_before_the_verb() {
    let a = one("Dana Pruitt, whose son was hurt in the crash, said the road was unsafe.");
    assert_eq!(a.source, "Dana Pruitt");
    assert_eq!(content(&a), "the road was unsafe");
    // a noun after "whose" that is also a reporting verb ("state") is a noun
    let a = one(
        "Sen. Lyle Brand, a Utah Republican whose state has many mines, said the bill was unfair.",
    );
    assert_eq!(a.source, "Lyle Brand");
    // a party label set off after a name is no source's name
    let a = one(
        "A spokesperson for Sen. Lyle Brand, R-Utah, whose state has many mines, said the bill \
         was unfair.",
    );
    assert_eq!(a.identity, Identity::Anonymous, "{}", a.trigger);
    assert_eq!(mention(&a), "A spokesperson for Sen. Lyle Brand");
}

#[test]
fn ordinary_men_and_women_are_the_public() {
    let a = one("A woman who lives across the road said she saw a van.");
    assert_eq!(mention(&a), "A woman");
    assert_eq!(a.role, Role::Public);
    assert_eq!(a.identity, Identity::Anonymous);
}

#[test]
fn quoted_as_saying_past_words_the_noun_phrase_leaves_out() {
    for (text, cited) in [
        (
            "The Ledger quoted a person close to the mayor as saying that she would resign.",
            "a person close to the mayor",
        ),
        (
            "The Ledger quoted the council leader, Rhys Allard, as saying that she would resign.",
            "the council leader, Rhys Allard",
        ),
    ] {
        let all = extract(text);
        let a = by_cue(&all, "as saying");
        assert_eq!(mention(a), cited, "{text}");
        assert_eq!(content(a), "she would resign", "{text}");
        assert_eq!(a.via.as_deref(), Some("Ledger"), "{text}");
    }
}

#[test]
fn whom_a_verb_goes_to_or_what_it_asks_for_is_no_claim() {
    for text in [
        "The tenants' union would write to the housing minister this week.",
        "Inspectors had asked for a full account of the leak.",
    ] {
        assert!(extract(text).is_empty(), "{text}: {:#?}", extract(text));
    }
    // a clause after the hearer still reports
    let a = one("The union wrote to the minister that the plan would fail.");
    assert_eq!(content(&a), "the plan would fail");
}
