//! Sources and labels on sentences written for these tests: the entity table, resolution of
//! later mentions, and roles from affiliation.

use crate::extract::extract;
use crate::model::{Attribution, Form, Identity, Role};

fn by_source<'a>(all: &'a [Attribution], source: &str) -> &'a Attribution {
    all.iter()
        .find(|a| a.source == source)
        .unwrap_or_else(|| panic!("no attribution from {source:?} in {all:#?}"))
}

/// The attribution whose cue is `cue` (the engine's other tests use it too).
pub(in crate::extract) fn by_cue<'a>(all: &'a [Attribution], cue: &str) -> &'a Attribution {
    all.iter()
        .find(|a| a.cue.as_ref().is_some_and(|c| c.text == cue))
        .unwrap_or_else(|| panic!("no attribution with the cue {cue:?} in {all:#?}"))
}

/// The attribution whose mention is `mention`.
fn by_mention<'a>(all: &'a [Attribution], mention: &str) -> &'a Attribution {
    all.iter()
        .find(|a| a.mention.as_ref().is_some_and(|m| m.text == mention))
        .unwrap_or_else(|| panic!("no attribution with the mention {mention:?} in {all:#?}"))
}

/// The attribution whose content holds `words`.
fn by_content<'a>(all: &'a [Attribution], words: &str) -> &'a Attribution {
    all.iter()
        .find(|a| a.content.as_ref().is_some_and(|c| c.text.contains(words)))
        .unwrap_or_else(|| panic!("no attribution saying {words:?} in {all:#?}"))
}

#[test]
fn a_company_president_is_an_organization_person() {
    let all = extract("Globex Corp. vice president Tomas Hale said sales would rise.");
    let a = by_source(&all, "Tomas Hale");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
}

#[test]
fn a_country_president_is_an_official() {
    let all = extract("Freedonian President Tomas Hale said the border would reopen.");
    let a = by_source(&all, "Tomas Hale");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn a_campaign_manager_is_political() {
    let all = extract("Campaign manager Rita Vance said the senator would win.");
    assert_eq!(by_source(&all, "Rita Vance").role, Role::Official);
}

#[test]
fn a_coach_speaks_for_a_team() {
    let all = extract("After the game, Freedonia coach Oskar Brandt said the team had tried hard.");
    assert_eq!(by_source(&all, "Oskar Brandt").role, Role::Organization);
}

#[test]
fn a_central_bank_is_the_state() {
    let all = extract("The Freedonian Central Bank said it would keep rates unchanged.");
    let a = by_source(&all, "Freedonian Central Bank");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
    assert_eq!(a.identity, Identity::Named);
}

#[test]
fn a_field_of_expertise_makes_an_expert() {
    let all = extract(
        "\"Prices will fall,\" said Dana Whit, chief investment officer at Acme Capital Partners.",
    );
    assert_eq!(by_source(&all, "Dana Whit").role, Role::Expert);
}

#[test]
fn a_person_named_without_title_is_public_and_keeps_it() {
    let text = "Susan Marlow watched the fire from her porch. \"It was terrifying,\" Marlow said.";
    let all = extract(text);
    let a = by_source(&all, "Susan Marlow");
    assert_eq!(a.role, Role::Public, "{}", a.trigger);
    assert_eq!(a.identity, Identity::Named);
}

#[test]
fn a_title_given_once_carries_over() {
    let text = "Sen. Maria Okafor spoke on Monday. Later, Okafor said the bill would pass.";
    let all = extract(text);
    assert_eq!(by_source(&all, "Maria Okafor").role, Role::Official);
}

#[test]
fn a_pronoun_continues_the_current_speaker_not_the_last_name() {
    let text = "Mayor Paul Brent spoke about his rival. \"He has no plan,\" Brent said of \
                Victor Lamb, the challenger. He added that taxes would fall.";
    let all = extract(text);
    let added = all
        .iter()
        .find(|a| a.cue.as_ref().is_some_and(|c| c.text == "added"))
        .expect("an attribution with the cue 'added'");
    assert_eq!(added.source, "Paul Brent", "{}", added.trigger);
}

#[test]
fn a_new_subject_takes_over_from_the_speaker() {
    let text = "\"We will appeal,\" said Paul Brent. Victor Lamb disagreed. He said the ruling \
                was fair.";
    let all = extract(text);
    let said = all.last().expect("attributions");
    assert_eq!(said.source, "Victor Lamb", "{}", said.trigger);
}

#[test]
fn a_description_after_a_name_and_comma_is_its_apposition() {
    let all = extract("Ann Delacroix, president and CEO of Globex Corp, said profits rose.");
    let a = all.first().expect("an attribution");
    assert_eq!(a.source, "Ann Delacroix", "{}", a.trigger);
    assert_eq!(a.identity, Identity::Named);
    assert_eq!(a.role, Role::Organization);
}

#[test]
fn a_statement_is_its_owners() {
    let text = "Sen. Ann Corwin issued a statement. Corwin's statement added, \"The plan fails.\"";
    let all = extract(text);
    let a = all.last().expect("an attribution");
    assert_eq!(a.source, "Ann Corwin", "{}", a.trigger);
    assert_eq!(a.role, Role::Official);
}

/// The text of an attribution's anonymity reason, checked against its offsets in `text`.
fn reason_of(text: &str, a: &Attribution) -> Option<String> {
    let r = a.anonymity_reason.as_ref()?;
    let at: String = text.chars().skip(r.start).take(r.end - r.start).collect();
    assert_eq!(at, r.text, "offsets of {r:?}");
    Some(r.text.clone())
}

#[test]
fn a_reason_in_a_relative_clause_runs_to_the_end_of_its_clause() {
    let text = "An aide, who spoke on condition of anonymity because she was not authorized to \
                discuss the budget, said the vote would slip.";
    let all = extract(text);
    let a = by_source(&all, "An aide");
    assert_eq!(a.identity, Identity::Anonymous);
    assert_eq!(
        reason_of(text, a).as_deref(),
        Some(
            "spoke on condition of anonymity because she was not authorized to discuss the \
             budget"
        )
    );
}

#[test]
fn a_reason_after_according_to_runs_on_to_its_cause() {
    let text = "The bank had sold, according to a person who didn't want to be identified \
                because the talks were private.";
    let all = extract(text);
    let a = by_source(&all, "a person");
    assert_eq!(a.identity, Identity::Anonymous, "{}", a.trigger);
    assert_eq!(
        reason_of(text, a).as_deref(),
        Some("didn't want to be identified because the talks were private")
    );
}

#[test]
fn a_reason_in_the_next_sentence_explains_the_sources_before() {
    let text = "Two diplomats said the talks had stalled. They requested anonymity to discuss \
                private negotiations.\n\nMayor Ann Lee said the city would wait.";
    let all = extract(text);
    let a = by_source(&all, "Two diplomats");
    assert_eq!(
        reason_of(text, a).as_deref(),
        Some("requested anonymity to discuss private negotiations")
    );
    assert_eq!(by_source(&all, "Ann Lee").anonymity_reason, None);
}

#[test]
fn a_new_person_in_the_next_sentence_keeps_their_own_reason() {
    // "A resident who asked not to be identified" opens a new subject: not the officials'
    let text = "Officials said the water was safe. A resident who asked not to be identified \
                described the smell.";
    let all = extract(text);
    assert_eq!(by_source(&all, "Officials").anonymity_reason, None);
}

#[test]
fn a_reason_goes_to_the_nearest_anonymous_source_before_it() {
    let text = "Officials said the plant was safe, but a worker, who declined to be named, said \
                the alarms had failed.";
    let all = extract(text);
    assert_eq!(
        by_source(&all, "Officials").anonymity_reason,
        None,
        "{all:#?}"
    );
    let w = by_source(&all, "a worker");
    assert_eq!(reason_of(text, w).as_deref(), Some("declined to be named"));
}

#[test]
fn a_named_source_has_no_anonymity_reason() {
    let text = "Mayor Ann Lee said the city would wait. She spoke on condition of anonymity.";
    let all = extract(text);
    let a = by_source(&all, "Ann Lee");
    assert_eq!(a.identity, Identity::Named);
    assert_eq!(a.anonymity_reason, None);
}

#[test]
fn the_president_may_be_the_head_of_the_administration_named_last() {
    let text = "Victor Holt wants troops at the border. Sara Lind, the Freedonian president, \
                rejected the plan. The Holt administration has pressed ahead anyway. According \
                to the president, the border is a threat.";
    let all = extract(text);
    let a = all.last().expect("an attribution");
    assert_eq!(a.source, "Victor Holt", "{}", a.trigger);
    assert_eq!(a.identity, Identity::Named);
}

#[test]
fn the_president_is_the_last_person_called_so() {
    let text = "Victor Holt wants troops at the border. Sara Lind, the Freedonian president, \
                rejected the plan. According to the president, the border is safe.";
    let all = extract(text);
    let a = all.last().expect("an attribution");
    assert_eq!(a.source, "Sara Lind", "{}", a.trigger);
}

#[test]
fn a_person_the_text_shows_as_a_woman_or_man_is_public_without_a_title() {
    // neither first name is in the census list: the apposition and the honorific tell
    let all = extract(
        "Zuleika Varga, a young woman, said the water rose overnight. \
         Mr Okonkwo said his shop was flooded.",
    );
    let a = by_source(&all, "Zuleika Varga");
    assert_eq!(a.role, Role::Public, "{}", a.trigger);
    let b = by_source(&all, "Okonkwo");
    assert_eq!(b.role, Role::Public, "{}", b.trigger);
}

#[test]
fn a_spokeswoman_with_no_body_speaks_for_the_company_the_article_is_about() {
    let all = extract(
        "Globex reported higher sales on Monday. Globex also said it would hire. \
         Spokeswoman Dana Whit said the plant would stay open.",
    );
    let a = by_source(&all, "Dana Whit");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    // with a state body named in the title, the title is the state's
    let all = extract("Central Bank chairman Ivan Petrov said rates would stay unchanged.");
    let b = by_source(&all, "Ivan Petrov");
    assert_eq!(b.role, Role::Official, "{}", b.trigger);
}

#[test]
fn posters_and_individuals_are_the_public() {
    let all = extract("Several posters said the site was down for hours.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].role, Role::Public, "{}", all[0].trigger);
    assert_eq!(all[0].identity, Identity::Anonymous);
}

#[test]
fn a_nationality_inside_a_name_is_not_the_state() {
    let all = extract(
        "Ivo Brandt, the president of Freedonian Steel Workers, said the strike would go on.",
    );
    let a = by_source(&all, "Ivo Brandt");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    let all = extract("Ivo Brandt, the Freedonian president, said the border would stay open.");
    assert_eq!(by_source(&all, "Ivo Brandt").role, Role::Official);
}

#[test]
fn a_title_in_capitals_before_a_name_is_a_title() {
    let all = extract("The firm's CFO, Ada Kell, said costs rose in the spring.");
    let a = by_source(&all, "Ada Kell");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    assert_eq!(a.mention.as_ref().unwrap().text, "Ada Kell");
}

#[test]
fn a_name_then_its_description_without_the_closing_comma() {
    let all = extract(
        "Mara Quist, the president of the Northland Steel Union said the strike would go on.",
    );
    assert_eq!(all.len(), 1, "{all:#?}");
    let a = by_source(&all, "Mara Quist");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    // a place before the comma is no name of the speaker
    let all = extract(
        "Speaking at a forum in Eastport, the union president said the strike would go on.",
    );
    assert!(all.iter().all(|a| a.source != "Eastport"), "{all:#?}");
}

#[test]
fn titles_joined_before_a_name_are_one_person() {
    let all = extract("The company president and CEO Ada Kell said sales rose.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].source, "Ada Kell");
    assert_eq!(all[0].identity, Identity::Named);
}

#[test]
fn a_document_by_a_named_author_rests_on_the_author() {
    let all = extract(
        "Acme Research is a survey firm. Sales rose, according to figures released on Monday by Acme Research.",
    );
    let a = by_source(&all, "Acme Research");
    assert_eq!(a.identity, Identity::Named, "{}", a.trigger);
    // with no author the document is unspecified
    let all = extract("Sales rose, according to figures released on Monday.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].identity, Identity::Unspecified);
}

#[test]
fn a_description_takes_up_the_body_its_name_ends_in() {
    let all = extract(
        "Nurses at the Kellan Valley Health Trust voted to strike. \
         The Marrow Nursing Union had asked for a pay rise of 9 percent. \
         The union said talks had failed.",
    );
    let a = all
        .iter()
        .find(|a| a.cue.as_ref().is_some_and(|c| c.text == "said"));
    let a = a.unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(a.source, "Marrow Nursing Union", "{}", a.trigger);
    assert_eq!(a.identity, Identity::Named);
    assert_eq!(a.role, Role::Organization);
}

#[test]
fn the_company_is_the_last_body_with_nothing_of_a_person() {
    // "Tollen Brakes" has no first name, title or pronoun: the company the text takes up;
    // the place after a place and a comma is no candidate
    let all = extract(
        "Drivers sued Tollen Brakes over faulty pads sold in Harlow County, Ohio. \
         The company said its pads were safe.",
    );
    let a = by_source(&all, "Tollen Brakes");
    assert_eq!(a.identity, Identity::Named, "{}", a.trigger);
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    // a person is not "the company"
    let all = extract("Dana Whitlow sued the bakery. The company said the claim was false.");
    assert!(all.iter().all(|a| a.source != "Dana Whitlow"), "{all:#?}");
}

#[test]
fn the_paper_is_the_outlet_named_before() {
    let all = extract(
        "The Harbour Gazette first reported the closure. \
         The mill will shut in May, the paper said.",
    );
    let a = by_source(&all, "Harbour Gazette");
    assert_eq!(a.role, Role::Media, "{}", a.trigger);
}

#[test]
fn a_document_is_its_owners() {
    let all = extract(
        "Senator Ana Ruiz spoke at the rally. Her remarks indicated that the bill had stalled.",
    );
    let a = by_source(&all, "Ana Ruiz");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
    let all = extract(
        "Tollen Brakes cut 200 jobs on Monday. \
         Its profits halved last year, according to the company's annual report.",
    );
    let a = by_source(&all, "Tollen Brakes");
    assert_eq!(a.identity, Identity::Named, "{}", a.trigger);
}

#[test]
fn a_councillor_is_an_official() {
    let all = extract("Councilwoman Petra Lind said the park would stay open.");
    assert_eq!(by_source(&all, "Petra Lind").role, Role::Official);
}

#[test]
fn the_coach_is_the_person_called_coach() {
    let all = extract(
        "The team lost again under coach Emil Varga. \
         \"We will come back,\" the coach said after the match.",
    );
    let a = by_source(&all, "Emil Varga");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
}

#[test]
fn a_ruling_by_a_judge_rests_on_the_judge() {
    let all = extract("The fees were unlawful, said the ruling by Judge Ines Morrow.");
    let a = by_source(&all, "Ines Morrow");
    assert_eq!(a.identity, Identity::Named, "{}", a.trigger);
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn a_noun_before_a_noun_is_no_head() {
    // "consumer group": the group, not its consumers, gives the role
    let all = extract("Ivo Brandt of the consumer group Fair Deal said the prices were too high.");
    assert!(all.iter().all(|a| a.role == Role::Organization), "{all:#?}");
    let all = extract(
        "Lea Moss, president of the Upland Growers’ Federation, said the harvest was lost.",
    );
    let a = by_source(&all, "Lea Moss");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
}

#[test]
fn the_body_a_person_leads_gives_the_role() {
    let all =
        extract("Major Olga Fenn, who leads the residents' association, said the road was unsafe.");
    let a = by_source(&all, "Olga Fenn");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
}

#[test]
fn she_takes_up_the_unnamed_person_just_quoted() {
    let all = extract(
        "A fire destroyed a barn near Elmstead. A neighbour, who asked not to be named, said \
         the flames were visible for miles. \"We could feel the heat,\" she said.",
    );
    // the reason for anonymity is no attribution of its own
    assert!(
        all.iter()
            .all(|a| a.cue.as_ref().is_none_or(|c| c.text != "asked")),
        "{all:#?}"
    );
    assert_eq!(all.len(), 2, "{all:#?}");
    for a in &all {
        assert_eq!(a.source, "A neighbour", "{}", a.trigger);
        assert_eq!(a.identity, Identity::Anonymous);
    }
    // a named person quoted in between takes the pronoun
    let all = extract(
        "A neighbour, who asked not to be named, said the flames were visible for miles. \
         Fire chief Arne Holt said the barn was empty. \"It burned fast,\" he said.",
    );
    assert!(
        all.iter()
            .any(|a| a.source == "Arne Holt" && a.mention.as_ref().is_some_and(|m| m.text == "he")),
        "{all:#?}"
    );
}

#[test]
fn a_body_is_typed_by_a_description_anywhere_in_the_article() {
    // "Orrin Freight" is called "the company" only after it has spoken
    let all = extract(
        "Orrin Freight said on Monday that it would close two depots. \
         The company blamed rising fuel costs.",
    );
    let a = by_source(&all, "Orrin Freight");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    // a name described as a person is not taken up by "the company"
    let all = extract(
        "The mayor, Ilse Brant, met the bus firm. Her deputy, Oskar Pell, said fares would \
         stay the same. The company said nothing.",
    );
    let a = by_source(&all, "Oskar Pell");
    assert_ne!(a.role, Role::Organization, "{}", a.trigger);
}

#[test]
fn a_clause_after_a_name_is_no_apposition() {
    let all = extract(
        "According to Dunmore Ferries, the boats seat 200 passengers. \
         Dunmore Ferries said the crossing takes an hour.",
    );
    assert!(all.iter().all(|a| a.role != Role::Public), "{all:#?}");
}

#[test]
fn a_first_name_and_a_press_word_are_a_person() {
    let all = extract(
        "Sales fell, the carmaker's chairman Jim Times said on Monday. \
         Buyers will come back, Times said.",
    );
    for a in &all {
        assert_eq!(a.source, "Jim Times", "{}", a.trigger);
        assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    }
    assert_eq!(all.len(), 2, "{all:#?}");
}

#[test]
fn a_word_inside_a_company_name_is_no_nationality() {
    let all = extract("Harlan & Danish spokeswoman Ruth Ode said the recall was voluntary.");
    let a = by_source(&all, "Ruth Ode");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
}

#[test]
fn a_quotation_reached_twice_is_one_attribution() {
    // a quotation closed by the wrong mark, then one that never closes: the continuation
    // rule reaches the same quotation twice
    let all = extract(
        "The mayor's statement added, \"The port should have won. It is an affront to the \
         workers of the harbour.\u{201c} However, the port will get a smaller grant.\n\n\
         In a statement, Governor Ada Kell said, \"The museum put a great effort into the bid. \
         The city would have been a fine home. I am disappointed that the board did not \
         choose it.\n\n\
         \"We thank every town that applied,\" said Hal Ruiz to the crowd. \"It was a hard \
         choice.\"",
    );
    let mut keys: Vec<_> = all
        .iter()
        .map(|a| {
            let s = |x: &Option<crate::model::Span>| x.as_ref().map(|s| (s.start, s.end));
            (s(&a.mention), s(&a.cue), s(&a.content), a.source.clone())
        })
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n, "{all:#?}");
    assert!(all.iter().any(|a| a.source == "Hal Ruiz"), "{all:#?}");
}

#[test]
fn a_chief_officer_is_a_company_executive() {
    let all = extract("Chief Operating Officer Lars Vik told investors that orders had doubled.");
    let a = by_source(&all, "Lars Vik");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
}

#[test]
fn the_utility_types_the_body_it_takes_up() {
    let all =
        extract("Brightwater Power reported a loss on Monday. The utility blamed the mild winter.");
    let a = by_source(&all, "Brightwater Power");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
}

#[test]
fn a_press_noun_before_a_name_makes_an_outlet() {
    let all = extract("The fans were angry, the football website GoalLine reported.");
    let a = by_source(&all, "GoalLine");
    assert_eq!(a.role, Role::Media, "{}", a.trigger);
}

#[test]
fn officials_take_the_role_of_the_body_after_them() {
    let all = extract("Water officials in Dunmore County confirmed that the pipes had burst.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].role, Role::Official, "{}", all[0].trigger);
}

#[test]
fn a_title_phrase_before_a_name_names_the_person_and_types_the_body() {
    let all = extract(
        "The chief executive of Dunlin Bakeries, Ruth Amsel, told reporters that flour had \
         doubled in price. \"We cannot absorb it,\" Amsel said. Dunlin also said it would \
         close a shop.",
    );
    let firsts: Vec<_> = all.iter().filter(|a| a.source == "Ruth Amsel").collect();
    assert_eq!(firsts.len(), 2, "{all:#?}");
    assert!(
        firsts.iter().all(|a| a.role == Role::Organization),
        "{all:#?}"
    );
    let body = by_source(&all, "Dunlin Bakeries");
    assert_eq!(body.role, Role::Organization, "{}", body.trigger);
}

#[test]
fn a_post_after_a_name_gives_the_role_of_its_body() {
    let all = extract("Ivo Lund, head of sales at Dunlin Bakeries, said orders fell.");
    let a = by_source(&all, "Ivo Lund");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
}

#[test]
fn an_expert_the_state_employs_is_an_official() {
    let all = extract("The county engineer, Rhea Tamm, told the board that the bridge was safe.");
    let a = by_source(&all, "Rhea Tamm");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn a_doctor_is_an_expert_unless_a_post_says_otherwise() {
    let all = extract(
        "Dr. Nils Aro, who heads the burns unit at Kellan Hospital, said most patients were \
         children.",
    );
    assert_eq!(by_source(&all, "Nils Aro").role, Role::Expert);
    let all = extract("\"Schools will reopen,\" said the district superintendent, Dr. Ada Rusk.");
    assert_eq!(by_source(&all, "Ada Rusk").role, Role::Official);
}

#[test]
fn a_states_bank_is_its_central_bank() {
    let all = extract("Freedonian bank chief Ivo Lund said rates would stay low.");
    assert_eq!(by_source(&all, "Ivo Lund").role, Role::Official);
    let all = extract("The bank chief Ivo Lund said profits rose.");
    assert_ne!(by_source(&all, "Ivo Lund").role, Role::Official);
}

#[test]
fn a_team_captain_and_a_radio_host_speak_for_their_bodies() {
    let all = extract("The Hawks' captain, Ole Brun, said the team had played badly.");
    assert_eq!(by_source(&all, "Ole Brun").role, Role::Organization);
    // a people's captain leads its national team; an army's captain is an officer
    let all = extract("Norwegian captain Ole Brun said the team had played badly.");
    assert_eq!(by_source(&all, "Ole Brun").role, Role::Organization);
    let all = extract("Army captain Ole Brun said the convoy was attacked.");
    assert_eq!(by_source(&all, "Ole Brun").role, Role::Official);
    let all = extract("KQRT host Mina Dahl said the show drew many calls.");
    assert_eq!(by_source(&all, "Mina Dahl").role, Role::Media);
}

#[test]
fn a_middle_initial_is_part_of_the_name() {
    let all = extract("Governor Ada T. Rusk said the roads would reopen on Monday.");
    let a = by_source(&all, "Ada T. Rusk");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn a_time_of_day_is_no_body() {
    let all = extract(
        "Trading stopped at 2.40 PM on Friday. The Kestrel Exchange said the halt was brief; \
         it noted that no orders were lost.",
    );
    assert!(all.iter().all(|a| a.source != "PM"), "{all:#?}");
}

#[test]
fn an_apposition_after_a_name_is_the_persons() {
    let all = extract(
        "Lena Ortiz, a labour economist at Dunmore University, stated that wages had stalled.",
    );
    let a = by_source(&all, "Lena Ortiz");
    assert_eq!(a.role, Role::Expert, "{}", a.trigger);
}

#[test]
fn a_body_of_states_is_official() {
    let all = extract(
        "The World Health Organization recommends that children be vaccinated by the age of two.",
    );
    let a = by_source(&all, "World Health Organization");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
    // the same words in another body's name do not count
    let all = extract("The World Health Fund recommends that children eat more fruit.");
    assert!(all.iter().all(|a| a.role != Role::Official), "{all:#?}");
}

#[test]
fn a_central_bank_by_its_name_is_official() {
    let all = extract("The Bank of Japan said that it would keep rates on hold until spring.");
    let a = by_source(&all, "Bank of Japan");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
    // a commercial bank with a country in its name is a company
    let all = extract("The Bank of Ireland said that it would close twelve branches in May.");
    let a = by_source(&all, "Bank of Ireland");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
}

#[test]
fn a_post_speaks_as_whose_post_it_is() {
    let all = extract(
        "Mayor Dan Ortega won the vote on Tuesday. His campaign manager, Rosa Klein, said the campaign had raised $2 million.",
    );
    let a = by_source(&all, "Rosa Klein");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
    let all = extract(
        "Brava Foods opened a new plant in Leeds. Brava's head of sales, Ann Lee, said orders had doubled.",
    );
    let a = by_source(&all, "Ann Lee");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    let all = extract(
        "The café's owner, Elena Varga, is recovering at home, her spokesman said on Sunday.",
    );
    let a = by_source(&all, "her spokesman");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    // a state's coach is its team's, and kin hold no post
    let all = extract("Freedonia's coach Tom Weller said the team was ready for the final.");
    let a = by_source(&all, "Tom Weller");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    let all = extract(
        "Senator Paul Brandt voted against the bill. His wife, Mara Brandt, said the family was proud.",
    );
    let a = by_source(&all, "Mara Brandt");
    assert_ne!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn a_pronoun_takes_up_the_new_subject_after_its_titles_or_opening_phrase() {
    let all = extract(
        "Senator Mia Holt criticised the plan. \"It is a mistake,\" she said. U.S. Senator Ruth Dane was also unhappy. \"We were close to a deal,\" she said.",
    );
    let a = by_content(&all, "close to a deal");
    assert_eq!(a.source, "Ruth Dane", "{}", a.trigger);
    let all = extract(
        "Ann Lee spoke first. \"We will appeal,\" she said. In a column on Friday, Joan Fisk called the ruling reckless. \"It will not stand,\" she said.",
    );
    let a = by_content(&all, "not stand");
    assert_eq!(a.source, "Joan Fisk", "{}", a.trigger);
    // a person named inside a clause does not take over
    let all = extract(
        "Ann Lee spoke first. \"We will appeal,\" she said. The court had ruled against Joan Fisk in May. \"It will not stand,\" she said.",
    );
    let a = by_content(&all, "not stand");
    assert_eq!(a.source, "Ann Lee", "{}", a.trigger);
}

#[test]
fn the_statement_is_by_whoever_gave_it_before() {
    let all = extract(
        "Governor Lisa Crane conceded in a brief statement on Tuesday night. The statement said she would return to the Senate in January.",
    );
    let a = by_cue(&all, "said");
    assert_eq!(a.source, "Lisa Crane", "{}", a.trigger);
    assert_eq!(a.form, Form::Document, "{}", a.trigger);
    let all = extract(
        "Hospitals missed their targets for the fifth year, said the Care Quality Board in a report published on Monday. \"Patients wait too long,\" the board said. The report found that staff shortages were to blame.",
    );
    let said = by_cue(&all, "said");
    assert_eq!(
        said.mention.as_ref().map(|m| m.text.as_str()),
        Some("the Care Quality Board")
    );
    let found = by_cue(&all, "found");
    assert_eq!(found.source, "Care Quality Board", "{}", found.trigger);
    // a report no sentence before introduced has no author
    let all = extract("Rents rose again in March. The report found that wages lagged behind.");
    let found = by_cue(&all, "found");
    assert_ne!(found.identity, Identity::Named, "{}", found.trigger);
}

#[test]
fn a_company_word_in_a_name_makes_a_company() {
    let all = extract(
        "Northgate Energy reported a fall in profit on Thursday. Later, Northgate said that it would sell two gas fields.",
    );
    assert!(all.len() >= 2, "{all:#?}");
    for a in &all {
        assert_eq!(a.source, "Northgate Energy", "{}", a.trigger);
        assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    }
    // a government word in the name still decides
    let all = extract("The Department of Energy said that the plant would reopen in May.");
    let a = all
        .iter()
        .find(|a| a.source.contains("Department of Energy"))
        .unwrap();
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn an_apposition_types_the_body_it_follows() {
    let all = extract(
        "Sales of tablets fell 8 percent, according to Kelder Group, a market research firm. The firm said that demand would recover next year.",
    );
    for a in &all {
        assert_eq!(a.source, "Kelder Group", "{}", a.trigger);
        assert_eq!(a.role, Role::Expert, "{}", a.trigger);
    }
    // a list of names is no apposition
    let all = extract(
        "The Bank of Japan, the Kelder Group and the Swiss National Bank said that they would act together.",
    );
    let a = by_source(&all, "Kelder Group");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    // a listed central bank keeps its role after "the" in the middle of a list
    let all = extract(
        "The Kelder Group, the Bank of Japan and Halden Foods said that they would act together.",
    );
    let a = by_source(&all, "Bank of Japan");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn a_seat_of_government_in_a_title_is_official() {
    let all =
        extract("White House spokeswoman Kara Dunne said that the president would sign the bill.");
    let a = by_source(&all, "Kara Dunne");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn a_persons_name_ends_before_the_body_named_after_it() {
    let all =
        extract("Owen Kemp of Brixton Partners commented on the falls. \"It's carnage,\" he said.");
    let a = by_content(&all, "carnage");
    assert_eq!(a.source, "Owen Kemp", "{}", a.trigger);
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    let all = extract("Lydia Marsh of the Food Standards Agency says the rules will change.");
    let a = by_source(&all, "Lydia Marsh");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
    // a place after the name says nothing of a post
    let all = extract("Maria Okafor of Lagos said the water had risen overnight.");
    let a = by_source(&all, "Maria Okafor");
    assert_eq!(a.role, Role::Public, "{}", a.trigger);
    // a middle initial stays inside the name
    let all = extract("Michael R. Golden of the Harlow Steel Company said sales fell.");
    let a = by_source(&all, "Michael R. Golden");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
}

#[test]
fn a_spokesman_for_a_named_body_is_unnamed() {
    for (text, role) in [
        (
            "A spokeswoman for St. Brigid Hospital said the two men were stable.",
            Role::Organization,
        ),
        (
            "A spokesman for Gov. Ray Tolland denied the report on Monday.",
            Role::Official,
        ),
    ] {
        let all = extract(text);
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].identity, Identity::Anonymous, "{}", all[0].trigger);
        assert_eq!(all[0].role, role, "{}", all[0].trigger);
    }
    // a title before a name is the person's own
    let all = extract("European Commissioner for Trade Lena Voss said the tariffs would stay.");
    assert_eq!(all[0].source, "Lena Voss", "{}", all[0].trigger);
}

#[test]
fn an_institutions_common_noun_before_records_names_no_body() {
    let all = extract("Court records show that the firm paid a fine in 2019.");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_ne!(all[0].identity, Identity::Named, "{}", all[0].trigger);
    assert_eq!(all[0].form, Form::Document, "{}", all[0].trigger);
}

#[test]
fn a_campaign_speaks_for_its_candidate() {
    let all = extract(
        "Senator Ruth Dane is running for governor. Her campaign said the advertisement was false.",
    );
    let a = by_cue(&all, "said");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn the_company_is_the_body_named_as_no_prepositions_object() {
    let all = extract(
        "Castlemere Foods raised its offer for Hollin Dairy to £2 billion on Friday, the company said.",
    );
    assert_eq!(all[0].source, "Castlemere Foods", "{}", all[0].trigger);
    let all = extract(
        "Norveth Logistics will close three hubs in the Midwest. The company said the cuts would save $40 million.",
    );
    let a = by_cue(&all, "said");
    assert_eq!(a.source, "Norveth Logistics", "{}", a.trigger);
    // a name before the body's noun is its name
    let all = extract("The Harbour Daily newspaper reported that the deal had been approved.");
    assert_eq!(all[0].source, "Harbour Daily", "{}", all[0].trigger);
    assert_eq!(all[0].identity, Identity::Named, "{}", all[0].trigger);
}

#[test]
fn posts_of_people_named_before_and_of_teams_and_services() {
    let all = extract(
        "Sen. Harold Ames blocked the bill. Kyle Durant, a spokesman for Ames, said the claim was false.",
    );
    let a = by_source(&all, "Kyle Durant");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
    let all = extract(
        "Governor Anika Strand spoke first. Her deputy, Paul Ferrante, said the bank was waiting too long. \"We cannot wait,\" he said.",
    );
    for a in &all[1..] {
        assert_eq!(a.source, "Paul Ferrante", "{}", a.trigger);
        assert_eq!(a.role, Role::Official, "{}", a.trigger);
    }
    let all = extract("Fire Chief Walter Brannigan said the blaze spread quickly.");
    assert_eq!(all[0].role, Role::Official, "{}", all[0].trigger);
    let all = extract("Senior forward Jada Mims said the team was tired.");
    assert_eq!(all[0].role, Role::Organization, "{}", all[0].trigger);
    let all = extract("Alan Brierly of the Hamlin Institute said the plan was costed.");
    assert_eq!(all[0].role, Role::Expert, "{}", all[0].trigger);
}

#[test]
fn a_report_by_a_described_body_is_that_bodys() {
    let all = extract(
        "Nitrate levels rose again, according to a report released Monday by the state Office of Water Quality.",
    );
    assert_eq!(
        all[0].source, "Office of Water Quality",
        "{}",
        all[0].trigger
    );
    assert_eq!(all[0].identity, Identity::Named, "{}", all[0].trigger);
    let all = extract(
        "The debate turned to a report published last month by the nonpartisan Budget Review Office. The report found that the cuts would cost $1 billion a year.",
    );
    let a = by_cue(&all, "found");
    assert_eq!(a.source, "Budget Review Office", "{}", a.trigger);
}

#[test]
fn an_office_owned_by_a_named_person_is_named() {
    let all = extract(
        "State Sen. Thomas Reddick defended his plan on Monday. In a statement, his campaign said the estimate was wrong.",
    );
    let a = by_mention(&all, "his campaign");
    assert_eq!(a.identity, Identity::Named, "{}", a.trigger);
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn an_expert_the_state_employs_is_official() {
    let all = extract("One department scientist said the warning had been softened.");
    assert_eq!(all[0].role, Role::Official, "{}", all[0].trigger);
    let all = extract("One university scientist said the warning had been softened.");
    assert_eq!(all[0].role, Role::Expert, "{}", all[0].trigger);
}

#[test]
fn a_title_in_capitals_after_the_names_the_person_after_it() {
    let all = extract(
        "The Home Secretary, Priya Castell, has insisted that the bill will pass. Castell said the police supported it.",
    );
    assert_eq!(all.len(), 2, "{all:#?}");
    for a in &all {
        assert_eq!(a.source, "Priya Castell", "{}", a.trigger);
        assert_eq!(a.role, Role::Official, "{}", a.trigger);
    }
}

#[test]
fn newspaper_names_and_groups() {
    let all = extract("The Bristow Ledger reported that the mayor had met the developer twice.");
    assert_eq!(all[0].role, Role::Media, "{}", all[0].trigger);
    let all = extract("Farm groups said the delay was already hurting growers.");
    assert_eq!(all[0].role, Role::Organization, "{}", all[0].trigger);
}

#[test]
fn short_names_plurals_and_it_for_bodies() {
    // a company called by its first word
    let all = extract(
        "Sales rose, according to Kelder Group, a market research firm. Kelder said that demand would hold.",
    );
    assert!(all.iter().all(|a| a.source == "Kelder Group"), "{all:#?}");
    // a body of states by its acronym at the start of a sentence
    let all = extract("WHO say that the outbreak is slowing in the north.");
    assert_eq!(all[0].role, Role::Official, "{}", all[0].trigger);
    // makers in the plural are companies, but no one of them
    let all = extract("The manufacturers reported that sales fell in January.");
    assert_eq!(all[0].role, Role::Organization, "{}", all[0].trigger);
    assert_eq!(all[0].identity, Identity::Anonymous, "{}", all[0].trigger);
    // "it" for a body with no other type
    let all =
        extract("Tarvex cancelled the trades. It said that it acted with the other exchanges.");
    let a = all.iter().find(|a| a.source == "Tarvex").unwrap();
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
}

#[test]
fn a_pronoun_of_the_other_sex_than_the_speaker_takes_up_the_new_subject() {
    let all = extract(
        "\"The governor respects the courts,\" Irene Balogun said. Neil Hadley is weighing a challenge to Raymond Costa. Asked about the race, he said only that he was busy.",
    );
    let a = by_mention(&all, "he");
    assert_eq!(a.source, "Neil Hadley", "{}", a.trigger);
}

#[test]
fn a_plural_common_noun_opening_a_sentence_names_no_one() {
    let all =
        extract("Executives from several auto firms said that sales would recover in spring.");
    assert_eq!(all[0].identity, Identity::Anonymous, "{}", all[0].trigger);
    let all = extract("Recent reports have revealed that the plant was leaking for years.");
    assert_ne!(all[0].identity, Identity::Named, "{}", all[0].trigger);
    // a surname named before stays a name
    let all = extract(
        "Apple chief executive Steve Jobs spoke first. Jobs said that the phone would ship in June.",
    );
    let a = by_mention(&all, "Jobs");
    assert_eq!(a.source, "Steve Jobs", "{}", a.trigger);
    assert_eq!(a.identity, Identity::Named, "{}", a.trigger);
}

#[test]
fn a_person_with_who_after_the_name_is_no_body() {
    let all = extract(
        "Gilles Moreau, president of the Valley Farmers' Federation, said the money was late. \"We lost everything,\" said Hélène Bastide, who grows maize near the river. The federation's survey found that 300 farms were flooded.",
    );
    let a = by_source(&all, "Hélène Bastide");
    assert_ne!(a.role, Role::Organization, "{}", a.trigger);
}

#[test]
fn a_title_phrase_after_a_name_and_comma_is_that_persons() {
    let all = extract(
        "Dora Finch, president and CEO of Harwick Aircraft Systems said the plane would fly in May.",
    );
    assert_eq!(all[0].source, "Dora Finch", "{}", all[0].trigger);
}

#[test]
fn with_no_speaker_he_takes_up_the_person_who_opened_a_sentence() {
    let all = extract(
        "Writing in a column on Friday, Owen Marsh of the Daily Ledger called the deal a mistake. He characterized the talks as \"a farce from the start\".",
    );
    let a = by_mention(&all, "He");
    assert_eq!(a.source, "Owen Marsh", "{}", a.trigger);
}

#[test]
fn a_post_given_in_a_relative_clause_is_the_persons() {
    let all = extract(
        "Flora Quist replaces Ivo Lund, who was hired by the board as chief executive in 2011. \
         Lund said he was proud of the work.",
    );
    let a = by_source(&all, "Ivo Lund");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    // a relative clause with no "as" gives no post
    let all = extract("Pia Holm, who was hired by the board in 2011, said the ward was full.");
    assert_eq!(by_source(&all, "Pia Holm").role, Role::Public);
}

#[test]
fn an_apposition_after_an_adverb_of_time_still_describes_the_person() {
    let all = extract(
        "Ann Lee, formerly an Acme executive overseeing sales, has left. Lee said she was proud.",
    );
    let a = by_source(&all, "Ann Lee");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
}

#[test]
fn reported_speech_inside_a_claim_does_not_become_the_speaker() {
    let all = extract(
        "The study's authors say the results show the lake is warming. They call for \
         \"immediate limits on runoff.\"",
    );
    let a = by_content(&all, "immediate limits");
    assert_eq!(a.source, "The study's authors", "{}", a.trigger);
    let all = extract(
        "Dr. Ida Holm noted the data suggest the reef is recovering. \"We know what harms it, \
         and we know how to stop that.\"",
    );
    let a = by_content(&all, "We know what harms it");
    assert_eq!(a.source, "Ida Holm", "{}", a.trigger);
}

#[test]
fn the_report_takes_up_the_document_introduced_before() {
    let all = extract(
        "A new study of school meals has found that children eat too much salt. Parents were \
         surprised. The report says most schools ignore the rules.",
    );
    let a = by_cue(&all, "says");
    assert_eq!(a.role, Role::Expert, "{}", a.trigger);
    assert_eq!(a.identity, Identity::Anonymous, "{}", a.trigger);
    // with no document before, "the report" stays the press's
    let all = extract("Parents were surprised. The report says most schools ignore the rules.");
    assert_eq!(by_cue(&all, "says").role, Role::Media);
}

#[test]
fn a_school_district_is_a_public_body() {
    let all = extract("The Marlow Independent School District said classes would resume.");
    let a = by_source(&all, "Marlow Independent School District");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
    let all = extract("A district spokeswoman said the buses were late.");
    assert_eq!(by_cue(&all, "said").role, Role::Official);
    // a news agency stays an outlet
    let all = extract("The Ruritanian Central News Agency said the talks had failed.");
    assert_eq!(by_cue(&all, "said").role, Role::Media);
}

#[test]
fn a_major_in_a_field_is_a_student() {
    let all = extract("Ivo Lund, a history major at Dunmore University, said fees were too high.");
    assert_eq!(by_source(&all, "Ivo Lund").role, Role::Public);
    let all = extract("An army major, Tom Reed, said the convoy was hit.");
    assert_eq!(by_source(&all, "Tom Reed").role, Role::Official);
}

#[test]
fn the_nouns_before_a_bodys_name_say_what_it_is() {
    let all = extract(
        "A flood study by the consultancy Dunmore Partners found that the wall was too low.",
    );
    assert_eq!(by_source(&all, "Dunmore Partners").role, Role::Expert);
    let all = extract("A survey by the polling firm Kestrel Research found that most oppose it.");
    assert_eq!(by_source(&all, "Kestrel Research").role, Role::Expert);
    // a name that says more than "a body" keeps its own word
    let all = extract("The state news agency Ruritanian Press Agency said the talks failed.");
    assert_eq!(by_cue(&all, "said").role, Role::Media);
}

#[test]
fn a_person_of_an_institute_speaks_as_an_expert() {
    let all = extract("Alan Lund of the Kestrel Institute said rents would rise.");
    assert_eq!(by_source(&all, "Alan Lund").role, Role::Expert);
}

#[test]
fn a_members_body_is_not_the_last_body_named() {
    let all = extract(
        "The consultancy Dunmore Partners found that the wall was too low. The residents' \
         association said it would go to court.",
    );
    let a = by_cue(&all, "said");
    assert_ne!(a.source, "Dunmore Partners", "{}", a.trigger);
}

#[test]
fn a_port_is_a_public_body() {
    let all = extract("The Port of Varna said shipments fell by a third.");
    let a = by_cue(&all, "said");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn names_listed_after_one_description_share_its_role() {
    let all = extract(
        "The two candidates for mayor of Kelso, Ann Berg and Rosa Vitale, met on Tuesday. \
         Vitale, a former school principal, said the budget was \"balanced\".",
    );
    let a = by_source(&all, "Rosa Vitale");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
    // a name joined to one with no description before it gets nothing from it
    let all = extract(
        "Mayor Ann Berg and Rosa Vitale met on Tuesday. Vitale, a former school principal, \
         said the budget was \"balanced\".",
    );
    let a = by_source(&all, "Rosa Vitale");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
}

#[test]
fn a_person_described_by_an_ordinary_life_is_public() {
    let all = extract("\"We lost the harvest,\" said Quillan Dray, who grows barley near Tarrow.");
    assert_eq!(by_source(&all, "Quillan Dray").role, Role::Public);
    let all = extract("\"It took an hour,\" said Quillan Dray, a teacher who drives to work.");
    assert_eq!(by_source(&all, "Quillan Dray").role, Role::Public);
    // with nothing said of the person, the text does not tell
    let all = extract("\"It took an hour,\" said Quillan Dray.");
    assert_eq!(by_source(&all, "Quillan Dray").role, Role::Unknown);
}

#[test]
fn a_peoples_adjective_before_a_common_noun_names_no_body() {
    // a people's adjective before a government's noun is that state's government
    let all = extract("German government said the border would stay open.");
    let a = by_cue(&all, "said");
    assert_eq!(a.source, "German government", "{}", a.trigger);
    assert_eq!(a.identity, Identity::Named, "{}", a.trigger);
    // before any other common noun it is a description of unnamed people
    let all = extract("Chinese airlines said they would buy forty jets.");
    let a = by_cue(&all, "said");
    assert_eq!(a.source, "Chinese airlines", "{}", a.trigger);
    assert_eq!(a.identity, Identity::Anonymous, "{}", a.trigger);
}

#[test]
fn a_scholars_body_named_with_for_or_of_is_one_expert_body() {
    let all = extract("The Institute for Fiscal Research said taxes would rise.");
    let a = by_cue(&all, "said");
    assert_eq!(a.source, "Institute for Fiscal Research", "{}", a.trigger);
    assert_eq!(a.role, Role::Expert, "{}", a.trigger);
    // what a body works on says nothing of what it is
    let all = extract("The Center for Clean Government said the law was weak.");
    assert_ne!(by_cue(&all, "said").role, Role::Official);
}

#[test]
fn a_document_owned_by_a_description_rests_on_the_body_it_takes_up() {
    let all = extract(
        "Brava Foods cut 300 jobs. Sales fell by a third, according to the company's annual \
         report.",
    );
    let a = by_cue(&all, "according to");
    assert_eq!(a.source, "Brava Foods", "{}", a.trigger);
    assert_eq!(a.identity, Identity::Named, "{}", a.trigger);
    // a curly apostrophe is the same possessive
    let all =
        extract("The Labor Department said jobs grew. The department’s figures show wages rose.");
    let a = by_cue(&all, "show");
    assert_eq!(a.source, "Labor Department", "{}", a.trigger);
}

#[test]
fn a_pronoun_after_a_spokesman_for_someone_is_the_spokesman() {
    let all = extract(
        "\"We will not wait,\" a spokesman for Gov. Ivo Lund said. \"The state is ready,\" he \
         said.",
    );
    let a = by_mention(&all, "he");
    assert_eq!(a.identity, Identity::Anonymous, "{}", a.trigger);
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn a_word_of_the_state_in_a_title_chain_makes_an_official() {
    let all = extract("Senate Majority Leader Ada Rusk said the vote would wait.");
    let a = by_source(&all, "Ada Rusk");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn people_of_a_body_are_described_not_named() {
    let all = extract("Analysts at Goldfield Securities estimated that costs would rise.");
    let a = by_cue(&all, "estimated");
    assert_eq!(a.identity, Identity::Anonymous, "{}", a.trigger);
    assert_eq!(a.role, Role::Expert, "{}", a.trigger);
    // the body itself, named, stays named
    let all = extract("Goldfield Securities estimated that costs would rise.");
    assert_eq!(by_cue(&all, "estimated").identity, Identity::Named);
}

#[test]
fn a_chamber_of_commerce_and_a_minority_leader() {
    let all = extract("The Kelso Chamber of Commerce said the law would hurt shops.");
    let a = by_cue(&all, "said");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    // its people speak for it
    let all = extract(
        "The Kelso Chamber of Commerce said it was sad. Its president, Alan Price, said \
         members would sue.",
    );
    assert_eq!(by_source(&all, "Alan Price").role, Role::Organization);
    let all = extract("House Minority Leader Ivo Lund said the law would hurt shops.");
    let a = by_source(&all, "Ivo Lund");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn a_title_written_in_capitals_names_a_later_description() {
    // an abbreviated title stands for its full word
    let all = extract(
        "Gov. Mara Quill signed the transit bill on Friday.\n\nThe governor said the bill \
         would cut waiting times. She added that more money was needed.",
    );
    let a = by_mention(&all, "The governor");
    assert_eq!(a.source, "Mara Quill", "{}", a.trigger);
    assert_eq!(a.identity, Identity::Named);
    assert_eq!(by_mention(&all, "She").source, "Mara Quill");
    // a capitalised title right before the name, opening the sentence
    let all = extract(
        "Professor Ines Roald praised the measure on Monday. The professor said it was long \
         overdue.",
    );
    let a = by_mention(&all, "The professor");
    assert_eq!(a.source, "Ines Roald", "{}", a.trigger);
    assert_eq!(a.role, Role::Expert);
    // a body's word in capitals is no person's title: "the house" is not the speaker
    let all = extract(
        "House Speaker Joan Tell opened the session. The senator said the vote would wait.",
    );
    assert_ne!(by_mention(&all, "The senator").source, "Joan Tell");
}

#[test]
fn a_dateline_is_no_subject() {
    let all = extract(
        "SPRINGFIELD, Ill. (AP) — Gov. Mara Quill signed the transit bill on Friday, calling \
         it \"a promise kept to commuters.\"",
    );
    let a = by_cue(&all, "calling");
    assert_eq!(a.source, "Mara Quill", "{}", a.trigger);
    assert_eq!(a.role, Role::Official);
    // a place in capitals opening a sentence without a dash is the sentence's own
    let all = extract("NATO troops arrived on Friday, saying the border was calm.");
    assert_eq!(by_cue(&all, "saying").source, "NATO troops");
}

#[test]
fn candidates_and_local_posts_are_official_and_players_speak_for_their_team() {
    let all = extract(
        "The Green candidate, Rolf Amsel, who came third, conceded that it had been a hard \
         night. He said his party would learn.",
    );
    assert_eq!(by_source(&all, "Rolf Amsel").role, Role::Official);
    assert_eq!(by_mention(&all, "He").role, Role::Official);
    let all = extract("Town manager Greg Tull said the culvert would be replaced.");
    let a = by_source(&all, "Greg Tull");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
    // a club whose name ends in "Town": its manager runs the team
    let all = extract(
        "Harwick Town beat Ashvale Rovers on Saturday.\n\nTown manager Gareth Lyle said his \
         side had earned it.",
    );
    let a = by_source(&all, "Gareth Lyle");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    let all = extract("Treasurer Allen Ko said no decision had been made.");
    assert_eq!(by_source(&all, "Allen Ko").role, Role::Official);
    let all = extract("Left tackle Jamal Oko said the line had let him down.");
    assert_eq!(by_source(&all, "Jamal Oko").role, Role::Organization);
}

#[test]
fn a_headline_does_not_type_the_name_that_opens_the_next_paragraph() {
    let all = extract(
        "An interview with the party's presidential candidate\n\nKestrel Works today launched a \
         new tablet. Kestrel Works said the tablet would sell well.",
    );
    let a = by_cue(&all, "said");
    assert_ne!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn an_agency_scientist_speaks_for_the_agency() {
    let all = extract(
        "A report published on Tuesday by the National Rivers Agency found plastics in every \
         sample. Dr Ana Pell, the agency's lead freshwater scientist, said the results were \
         alarming.",
    );
    let a = by_source(&all, "Ana Pell");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
    // a company's economist stays an expert
    let all = extract(
        "Shares of Corvel Inc. fell. Ivo Kask, the company's chief economist, said demand was \
         weak.",
    );
    assert_eq!(by_source(&all, "Ivo Kask").role, Role::Expert);
}

#[test]
fn union_and_board_posts_speak_for_their_body() {
    let all = extract(
        "Ray Kowal, president of United Fabrication and Assembly Workers Local 1140, said the \
         union had not been consulted.",
    );
    let a = by_source(&all, "Ray Kowal");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    let all = extract(
        "Quillon Inc. agreed to be bought. Greg Tanner, secretary of the Quillon board, said \
         the board had weighed other offers.",
    );
    let a = by_source(&all, "Greg Tanner");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    // a secretary with no body named is the state's, whatever the article's main body
    let all = extract(
        "Quillon Inc. agreed to be bought. Quillon said the deal was fair. Home Secretary Ana \
         Brava told MPs the plan would work.",
    );
    let a = by_source(&all, "Ana Brava");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn a_body_introduced_by_its_noun_is_a_body() {
    let all = extract(
        "Campaign group Clean Seas Now accused the industry of passing the buck. Its \
         director, Mara Hollis, said firms had paid large dividends.",
    );
    let a = by_source(&all, "Mara Hollis");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    assert!(!all.iter().any(|a| a.source == "Campaign"), "{all:#?}");
}

#[test]
fn an_aide_to_someone_is_the_aide() {
    let all = extract(
        "But a senior aide to Dana Ruck, who spoke on condition of anonymity, said she was \
         likely to campaign with him.",
    );
    let a = by_cue(&all, "said");
    assert_eq!(a.source, "a senior aide to Dana Ruck", "{}", a.trigger);
    assert_eq!(a.identity, Identity::Anonymous);
    assert_eq!(a.role, Role::Official);
}

#[test]
fn a_name_ending_an_opening_clause_is_no_apposition() {
    let all = extract(
        "Both campaigns are courting Gov. Dana Ruck. Ivo Dunn, a congressman, wants her \
         support.\n\nAsked whether she would endorse Dunn, the governor said she was focused \
         on the recovery.",
    );
    let a = by_mention(&all, "the governor");
    assert_eq!(a.source, "Dana Ruck", "{}", a.trigger);
}

#[test]
fn a_participle_after_an_object_shares_the_clause_subject() {
    let all = extract(
        "Conservative MP Helen Marsh, who represents a rural seat, wrote to Ms Amber last \
         week warning that her local force faced a cliff edge.",
    );
    let a = by_cue(&all, "warning");
    assert_eq!(a.source, "Helen Marsh", "{}", a.trigger);
    // "with X saying": the phrase is the participle's own subject
    let all = extract(
        "The board approved the deal on Friday, with Acme spokesman Ivo Brandt saying the \
         price was fair.",
    );
    assert_eq!(by_cue(&all, "saying").source, "Ivo Brandt");
}

#[test]
fn a_captain_in_a_game_leads_a_team() {
    let all = extract(
        "Harlow won the match 2-1, thanks to a late header from captain Kira Mallan. Head \
         coach Fia Dale praised her side.\n\nMallan said the goal was the best of her career.",
    );
    let a = by_source(&all, "Kira Mallan");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    // an army's captain stays an official
    let all = extract("Captain Ivo Rask said the patrol had found nothing.");
    assert_eq!(by_source(&all, "Ivo Rask").role, Role::Official);
}

#[test]
fn a_research_house_is_expert() {
    let all = extract(
        "A new poll by the Iowa-based Harlan Research Group showed the race tied. The poll \
         found that most voters were undecided.",
    );
    let a = by_cue(&all, "found");
    assert_eq!(a.role, Role::Expert, "{}", a.trigger);
    // a company with no such word stays an organization
    let all = extract("Harlan Freight Group said that profits rose.");
    assert_eq!(by_cue(&all, "said").role, Role::Organization);
}

#[test]
fn a_relative_clause_of_expert_work_makes_an_expert() {
    let all = extract(
        "Kenji Morrow, who covers software stocks at Pellham Brothers, said the price was \
         fair.",
    );
    let a = by_source(&all, "Kenji Morrow");
    assert_eq!(a.role, Role::Expert, "{}", a.trigger);
    // other work says nothing of expertise
    let all = extract("Kenji Morrow, who owns a bakery on Main Street, said the price was fair.");
    assert_eq!(by_source(&all, "Kenji Morrow").role, Role::Public);
}

#[test]
fn a_body_word_opening_a_sentence_types_the_title_after_it() {
    let all = extract(
        "Flood sweeps through Millbrook\n\nMILLBROOK, Vt. — A flood tore through Millbrook on \
         Saturday.\n\nPolice Chief Dora Reyes said no one had been killed.",
    );
    let a = by_source(&all, "Dora Reyes");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
}

#[test]
fn a_document_rests_on_the_author_it_names() {
    let all = extract(
        "A report released last month by the department's inspector general found that most \
         applications had stalled.",
    );
    let a = by_cue(&all, "found");
    // the office of a named body rests on that body
    assert_eq!(a.source, "the department", "{}", a.trigger);
    assert_eq!(a.identity, Identity::Named);
    assert_eq!(a.role, Role::Official);
    assert_eq!(a.form, Form::Document);
    let all = extract(
        "Industry data published on Tuesday by Marlow Retail showed that the chain's share \
         was slipping.",
    );
    let a = by_cue(&all, "showed");
    assert_eq!(a.source, "Marlow Retail", "{}", a.trigger);
    assert_eq!(a.identity, Identity::Named);
}

#[test]
fn posts_that_say_whose_they_are_and_experts_of_a_person() {
    // a lawyer a person employs speaks as an expert, not for that person's office
    let all = extract(
        "Sen. Walt Hagan denied the charge. His lawyer, Fay Grant, said that her client had no \
         role in the vote.",
    );
    let a = by_source(&all, "Fay Grant");
    assert_eq!(a.role, Role::Expert, "{}", a.trigger);
    // a press secretary of the White House speaks for it
    let all = extract("White House press secretary Andre Lyle said the talks would resume.");
    let a = by_source(&all, "Andre Lyle");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
    // who commissions a report is not its author
    let all = extract(
        "An expert report commissioned by the court found that the beams had been too weak.",
    );
    assert_ne!(by_cue(&all, "found").source, "the court");
}

#[test]
fn a_plural_possessor_belongs_to_the_name() {
    let all = extract(
        "A tenants' group, Renters' Rights Coalition, said evictions had doubled. Its \
         director, Omar Feld, said landlords were to blame.",
    );
    let a = by_cue(&all, "said");
    assert_eq!(a.source, "Renters' Rights Coalition");
    assert_eq!(a.identity, Identity::Named);
    assert_eq!(a.role, Role::Organization);
    // the director of a body no word types is an organization's person, as the body is
    assert_eq!(by_source(&all, "Omar Feld").role, Role::Organization);
}

#[test]
fn a_country_in_a_longer_name_is_where_the_body_works() {
    let all = extract("The charity Clean Wells Ghana said it had drilled forty boreholes.");
    assert_eq!(all[0].source, "Clean Wells Ghana");
    assert_eq!(all[0].role, Role::Organization, "{}", all[0].trigger);
    // a name no other word types is the state's when it holds a country
    let all = extract("Biosecurity Norway said the salmon farm would be closed.");
    assert_eq!(all[0].role, Role::Official, "{}", all[0].trigger);
}

#[test]
fn a_place_after_a_legislators_name_is_not_the_legislator() {
    let all = extract(
        "The panel's top Democrat, Sen. Harriet Oyelaran of New Mexico, said the mine should \
         close. \"It poisons the river,\" she said.",
    );
    for a in &all {
        assert_eq!(a.source, "Harriet Oyelaran", "{all:#?}");
    }
    assert_eq!(all.len(), 2);
}

#[test]
fn a_name_in_apposition_to_the_opening_description_is_the_new_subject() {
    let all = extract(
        "Mayor Paul Whitfield said the stadium plan would pass. Whitfield's chief of staff, \
         Marcus Obi, rejected the council's figures. He told reporters the numbers were wrong.",
    );
    assert_eq!(by_cue(&all, "told").source, "Marcus Obi", "{all:#?}");
    let all = extract(
        "Sen. Carla Menendez said the farm bill was fair. Her Republican rival, Sen. Joan \
         Ruddock of Iowa, rejected the bill. She said the subsidies were too small.",
    );
    let a = by_content(&all, "subsidies");
    assert_eq!(a.source, "Joan Ruddock", "{all:#?}");
}

#[test]
fn an_owner_before_plain_words_owns_the_post() {
    let all = extract(
        "The Harbour Crane Drivers Federation said the stoppage would last two days. The \
         union's state secretary, Colm Ruane, said talks had failed.",
    );
    assert_eq!(by_source(&all, "Colm Ruane").role, Role::Organization);
}

#[test]
fn a_scholar_by_the_ending_of_the_word_is_an_expert() {
    let all = extract(
        "Dr. Ines Baptiste, a hydrologist at Corliss Memorial Hospital, said the wells were safe.",
    );
    assert_eq!(all[0].role, Role::Expert, "{}", all[0].trigger);
}

#[test]
fn an_and_inside_a_bodys_name_keeps_it_whole() {
    let all = extract(
        "Penwick Dairy is recalling its yogurt, the company and the Food and Drug \
         Administration said on Monday.",
    );
    let sources: Vec<&str> = all.iter().map(|a| a.source.as_str()).collect();
    assert!(
        sources.contains(&"Food and Drug Administration"),
        "{sources:?}"
    );
    assert!(sources.contains(&"Penwick Dairy"), "{sources:?}");
    assert_eq!(all.len(), 2, "{sources:?}");
    let all =
        extract("Cases are rising, according to the Department of Health and Human Services.");
    assert_eq!(all[0].source, "Department of Health and Human Services");
}

#[test]
fn a_place_made_an_adjective_is_no_name() {
    let all = extract(
        "Marlow Foods, an Ohio-based maker of crackers, is closing a plant, the company said.",
    );
    assert_eq!(all[0].source, "Marlow Foods", "{all:#?}");
}

#[test]
fn a_plural_phrase_stands_for_the_named_sources_it_takes_up() {
    let all = extract(
        "Sen. Marta Quill, a Vermont Democrat, and Sen. Owen Pratt, a Utah Republican, said \
         in a joint letter that the rule was unlawful. The two senators said they would sue.",
    );
    // the appositions are no sources of their own
    assert_eq!(all.len(), 4, "{all:#?}");
    let sued: Vec<&str> = all
        .iter()
        .filter(|a| a.content.as_ref().is_some_and(|c| c.text.contains("sue")))
        .map(|a| a.source.as_str())
        .collect();
    assert_eq!(sued, ["Marta Quill", "Owen Pratt"]);
    // "the companies" and "they" right after a cue two bodies shared
    let all = extract(
        "Halden Foods and Brisk Dairy announced on Monday that they would merge. In a joint \
         statement, the companies said the deal would close in May. They said no jobs would \
         be lost.",
    );
    let jobs: Vec<&str> = all
        .iter()
        .filter(|a| a.content.as_ref().is_some_and(|c| c.text.contains("jobs")))
        .map(|a| a.source.as_str())
        .collect();
    assert_eq!(jobs, ["Halden Foods", "Brisk Dairy"], "{all:#?}");
    // a plural with no named group before it stays a description
    let all = extract("The two senators said they would sue.");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].identity, Identity::Anonymous);
}

#[test]
fn a_party_before_a_name_makes_a_politician() {
    let all = extract("Democrat Lena Okafor said the tax plan was a giveaway.");
    assert_eq!(all[0].source, "Lena Okafor");
    assert_eq!(all[0].role, Role::Official, "{}", all[0].trigger);
}

#[test]
fn a_spokesperson_named_in_apposition_takes_the_pronoun_after() {
    let all = extract(
        "Sen. Greta Vole said the hearing would go ahead. A spokeswoman for Vole, Irma Tasker, \
         would not discuss the schedule. She said only that the senator was ready.",
    );
    assert_eq!(by_content(&all, "ready").source, "Irma Tasker", "{all:#?}");
}

#[test]
fn a_dateline_town_is_no_body_a_description_takes_up() {
    let all = extract(
        "HARLOW SPRINGS, Wis. (Valley Press) — The clinic will close in May, the company said.",
    );
    // neither the town nor its state
    assert_eq!(all[0].source, "the company", "{all:#?}");
}

#[test]
fn its_after_a_one_word_name_that_spoke_is_that_bodys() {
    let all = extract(
        "Tarrow said the audit was flawed. Its spokesman, Amos Kell, told reporters the errors \
         were old.",
    );
    assert_eq!(
        by_source(&all, "Amos Kell").role,
        Role::Organization,
        "{all:#?}"
    );
}

#[test]
fn an_owners_report_is_a_document_of_the_owner() {
    let all =
        extract("According to Verlund's annual report, the ferries carried 3 million people.");
    assert_eq!(all[0].source, "Verlund");
    assert_eq!(all[0].form, Form::Document);
    assert_ne!(all[0].role, Role::Media, "{}", all[0].trigger);
}

#[test]
fn an_office_holder_keeps_the_office_whatever_body_they_lead() {
    let all = extract(
        "Sen. Halden Morrow, who chairs the party's fundraising arm, said the money was there.",
    );
    assert_eq!(by_source(&all, "Halden Morrow").role, Role::Official);
    let all =
        extract("Councillor Bea Strand, who leads the Green group, said the plan was rushed.");
    assert_eq!(by_source(&all, "Bea Strand").role, Role::Official);
    // a title of no public office still gives way to the body she leads
    let all = extract("Ann Pryor, who heads the drivers' union, said the strike would go on.");
    assert_eq!(by_source(&all, "Ann Pryor").role, Role::Organization);
}

#[test]
fn the_body_a_person_runs_types_them_by_its_words() {
    let all = extract(
        "Omar Haddad, who directs ambulance services for Fenwick Township, said the delays were \
         dangerous.",
    );
    assert_eq!(by_source(&all, "Omar Haddad").role, Role::Official);
    let all =
        extract("Petra Lind, who runs a small brokerage in Dayton, said buyers had vanished.");
    assert_eq!(by_source(&all, "Petra Lind").role, Role::Organization);
}

#[test]
fn lobbyists_speak_for_organizations_and_workers_are_public() {
    let all = extract("Tessa Brandt, a lobbyist, said the bill was dead.");
    assert_eq!(by_source(&all, "Tessa Brandt").role, Role::Organization);
    let all = extract("Rosa Tamm, a school cleaner, said the heating had failed twice.");
    assert_eq!(by_source(&all, "Rosa Tamm").role, Role::Public);
}

#[test]
fn a_states_post_is_a_public_office() {
    let all = extract("Oregon's health director, Dr. Hal Berne, said cases were falling.");
    assert_eq!(by_source(&all, "Hal Berne").role, Role::Official);
    // a state's name that opens a company's keeps the company's
    let all = extract("Nevada Freight Lines spokesman Kurt Vos said the trucks were late.");
    assert_eq!(by_source(&all, "Kurt Vos").role, Role::Organization);
}

#[test]
fn a_plural_title_opening_a_sentence_is_no_name() {
    let all = extract("Prosecutors said the firm had hidden the losses.");
    let a = by_cue(&all, "said");
    assert_eq!(a.identity, Identity::Anonymous, "{}", a.trigger);
    assert_eq!(a.role, Role::Official);
}

#[test]
fn records_of_a_body_named_before_rest_on_that_body() {
    let all = extract(
        "The High Court of Tessland fined Marrow Fisheries on Monday. According to court \
         records, the firm had ignored three warnings.",
    );
    let a = by_cue(&all, "According to");
    assert_eq!(a.source, "High Court of Tessland", "{}", a.trigger);
    assert_eq!(a.identity, Identity::Named);
    // with no court named, the records stay unspecified
    let all = extract("According to court records, the firm had ignored three warnings.");
    assert_eq!(by_cue(&all, "According to").identity, Identity::Unspecified);
}

#[test]
fn a_name_taken_up_by_its_is_a_bodys() {
    let all =
        extract("Kelmar Marine, one of the largest krill harvesters, said its products were safe.");
    assert_eq!(by_source(&all, "Kelmar Marine").role, Role::Organization);
    // a person described as one of the public keeps that role whatever "its" refers to
    let all = extract("Ngozi Adaeze, a resident, said its roads had never been worse.");
    assert_eq!(by_source(&all, "Ngozi Adaeze").role, Role::Public);
}

#[test]
fn people_close_to_a_body_do_not_take_its_role() {
    let all = extract("Two people close to the Marsh campaign said the candidate was exhausted.");
    assert_eq!(by_cue(&all, "said").role, Role::Unknown);
    let all = extract("A person familiar with the party's plans said the convention would move.");
    assert_eq!(by_cue(&all, "said").role, Role::Unknown);
    // an official close to it is still an official
    let all = extract("Two aides close to the Marsh campaign said the candidate was exhausted.");
    assert_eq!(by_cue(&all, "said").role, Role::Official);
}

#[test]
fn an_expert_a_state_body_employs_speaks_for_it() {
    let all = extract(
        "Dr. Irene Volk, a chemist at the Food Safety Agency, said the samples were clean.",
    );
    let a = by_source(&all, "Irene Volk");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
    let all = extract("A Bureau of Mines geologist, Theo Brandt, said the shaft was unstable.");
    assert_eq!(by_source(&all, "Theo Brandt").role, Role::Official);
    // a university's or an institute's expert stays an expert, as does a country's
    let all = extract(
        "Dr. Irene Volk, a chemist at the University of Talvern, said the samples were clean.",
    );
    assert_eq!(by_source(&all, "Irene Volk").role, Role::Expert);
    let all = extract("Irene Volk, a chemist from Norway, said the samples were clean.");
    assert_eq!(by_source(&all, "Irene Volk").role, Role::Expert);
}

#[test]
fn a_post_of_a_body_called_by_its_noun_takes_the_bodys_role() {
    let all =
        extract("\"We will not back down,\" said the general secretary of the union, Peter Lowe.");
    let a = by_source(&all, "Peter Lowe");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
    let all =
        extract("The chief of the department, Nora Quist, said the roads would reopen on Friday.");
    assert_eq!(by_source(&all, "Nora Quist").role, Role::Official);
}

#[test]
fn a_party_word_before_two_plain_names_is_a_title() {
    // a first name the names list lacks
    let all = extract("Democrat Odalys Pemberton said the tax plan was a giveaway.");
    let a = by_source(&all, "Odalys Pemberton");
    assert_eq!(a.role, Role::Official, "{}", a.trigger);
    // a party's body keeps its whole name
    let all = extract("The Republican National Committee said the vote was fair.");
    assert_eq!(by_cue(&all, "said").source, "Republican National Committee");
}

#[test]
fn the_body_a_leader_heads_is_the_one_the_noun_takes_up() {
    let all = extract(
        "The Dunmore Realty Council, a trade group, released the data on Monday. Ann Lee, who \
         heads the council, said sales fell.",
    );
    let a = by_source(&all, "Ann Lee");
    assert_eq!(a.role, Role::Organization, "{}", a.trigger);
}
