//! `report --format html`: one self-contained page (inline CSS and SVG, nothing fetched; a
//! Content-Security-Policy forbids every outside resource and script). One article gives a
//! summary in words, its text with each claim's content, mention (who) and cue marked (loaded
//! cues apart, hover shows source, labels and rule) and the sentences that rest on the writer
//! shaded, the breakdown as an SVG bar chart in labelled groups, and its sources, each once
//! with the numbers of its claims. Several give an index (one chart per outlet, a table of the
//! articles linking to their sections) and then a section per article with the same parts.
//! Every piece of article-derived text goes through [`text`] or [`attr`].

use std::fmt::Write as _;
use std::io::Write;

use crate::error::Result;
use crate::model::{Attribution, Form, Identity, Role, Stance};
use crate::report::marks::{marks, segments_at, Mark};
use crate::report::{breakdown, ArticleReport, Breakdown};

/// Text escaped for an HTML text node.
pub fn text(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

/// Text escaped for a double-quoted HTML attribute.
pub fn attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

const STYLE: &str = r#"
body { font-family: Georgia, serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.6; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; } h3 { font-size: 1rem; margin-top: 1.5rem; }
.meta { color: #555; font-family: sans-serif; font-size: .9rem; }
.summary { font-family: sans-serif; font-size: 1rem; background: #f4f6fa; border-left: 4px solid #5b7db8; padding: .5rem .8rem; }
.summary p { margin: .3rem 0; }
.article { white-space: pre-wrap; }
mark { border-radius: 3px; padding: 0 1px; cursor: help; color: inherit; }
mark.named { background: #c9f0c9; } mark.anonymous { background: #ffe7a3; } mark.unspecified { background: #f4cdf0; }
mark:hover { outline: 2px solid #333; }
.cue { font-weight: bold; text-decoration: underline; }
.cue.loaded { color: #b00020; text-decoration: underline wavy #b00020; }
.who { border-bottom: 3px double #1a4f9c; color: #1a4f9c; font-style: italic; }
.writer { color: #666; background: repeating-linear-gradient(135deg, #f2f2f2 0 6px, #e6e6e6 6px 12px); }
sup.marker { font-family: sans-serif; font-size: .7rem; font-weight: bold; color: #222; background: #fff; border: 1px solid #777; border-radius: .7em; padding: 0 .3em; margin: 0 .15em; }
.legend { font-family: sans-serif; font-size: .85rem; list-style: none; padding: 0; margin: .8rem 0; }
.legend li { display: inline-block; margin: 0 1.2rem .2rem 0; }
.legend span { padding: 0 .3rem; margin-right: .2rem; border-radius: 3px; }
.legend .named { background: #c9f0c9; } .legend .anonymous { background: #ffe7a3; } .legend .unspecified { background: #f4cdf0; }
table { border-collapse: collapse; font-family: sans-serif; font-size: .9rem; }
td, th { border-bottom: 1px solid #ddd; padding: .2rem .6rem; text-align: left; }
td.n { text-align: right; }
ul.sources { list-style: none; padding-left: 0; font-family: sans-serif; font-size: .9rem; }
ul.sources > li { margin-bottom: .6rem; }
ul.sources .name { font-weight: bold; padding: 0 .3rem; border-radius: 3px; }
ul.sources .name.named { background: #c9f0c9; } ul.sources .name.anonymous { background: #ffe7a3; } ul.sources .name.unspecified { background: #f4cdf0; }
ul.sources ol { margin: .2rem 0 0 0; color: #444; }
svg text { font-family: sans-serif; font-size: 12px; }
svg text.group { font-weight: bold; }
nav.back { font-family: sans-serif; font-size: .85rem; margin-top: 1rem; }
"#;

fn head(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        text(title)
    );
}

fn identity_fill(i: Identity) -> &'static str {
    match i {
        Identity::Named => "#4caf50",
        Identity::Anonymous => "#f0b400",
        Identity::Unspecified => "#c050b0",
    }
}

/// A count with its share of all attributions, so neither can be read as the other:
/// "1 · 11%" (the share rounded to a whole percent), or just the count when there are none.
pub fn figure(b: &Breakdown, n: usize) -> String {
    match b.share(n) {
        Some(s) => format!("{n} \u{b7} {:.0}%", s * 100.0),
        None => n.to_string(),
    }
}

/// One bar of the chart: its label, count and colour.
type Bar = (String, usize, &'static str);

/// The breakdown's counts as an inline SVG bar chart in labelled groups: identity, role,
/// form, and the stance of the cue. Each bar is labelled with its count and share
/// ([`figure`]).
pub fn bar_chart(b: &Breakdown, caption: &str) -> String {
    let neutral = b.attributions - b.loaded_cues.min(b.attributions);
    let groups: Vec<(&str, Vec<Bar>)> = vec![
        (
            "identity",
            Identity::ALL
                .iter()
                .map(|&i| (i.to_string(), b.by_identity.get(i), identity_fill(i)))
                .collect(),
        ),
        (
            "role",
            Role::ALL
                .iter()
                .map(|&r| (r.to_string(), b.by_role.get(r), "#5b7db8"))
                .collect(),
        ),
        (
            "form",
            Form::ALL
                .iter()
                .map(|&f| (f.to_string().replace('_', " "), b.by_form.get(f), "#8a8a8a"))
                .collect(),
        ),
        (
            "cue",
            vec![
                ("neutral".to_string(), neutral, "#8a8a8a"),
                ("loaded".to_string(), b.loaded_cues, "#b00020"),
            ],
        ),
    ];
    let max = groups
        .iter()
        .flat_map(|g| g.1.iter().map(|r| r.1))
        .max()
        .unwrap_or(0)
        .max(1);
    let (label_w, bar_w, row_h, group_h, top) = (120.0, 300.0, 20.0, 26.0, 24.0);
    let rows: usize = groups.iter().map(|g| g.1.len()).sum();
    let height = top + row_h * rows as f64 + group_h * groups.len() as f64 + 8.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" height=\"{height}\" \
         viewBox=\"0 0 520 {height}\" role=\"img\" aria-label=\"{}\">\n<title>{}</title>\n\
         <text x=\"0\" y=\"14\" font-weight=\"bold\">{}</text>\n",
        attr(caption),
        text(caption),
        text(caption)
    );
    let mut y = top;
    for (name, rows) in &groups {
        let _ = writeln!(
            s,
            "<g class=\"group\" data-group=\"{name}\"><text class=\"group\" x=\"0\" y=\"{ty}\">{name}</text>",
            ty = y + 18.0
        );
        y += group_h;
        for (label, n, fill) in rows {
            let w = bar_w * (*n as f64) / (max as f64);
            let fig = figure(b, *n);
            let _ = writeln!(
                s,
                "<text x=\"12\" y=\"{ty}\">{label}</text>\
                 <rect class=\"bar\" x=\"{label_w}\" y=\"{y}\" width=\"{w:.1}\" height=\"{h}\" fill=\"{fill}\"><title>{name}, {label}: {fig}</title></rect>\
                 <text class=\"figure\" x=\"{tx:.1}\" y=\"{ty}\">{fig}</text>",
                ty = y + 13.0,
                h = row_h - 5.0,
                tx = label_w + w + 6.0,
                label = text(label),
            );
            y += row_h;
        }
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}

fn hover(m: &Mark) -> String {
    let a: &Attribution = m.attribution;
    let mut s = format!(
        "[{}] {}: {}, {}, {}",
        m.number, a.source, a.identity, a.role, a.form
    );
    if a.hedged {
        s.push_str(", hedged");
    }
    if let Some(v) = &a.via {
        s.push_str(&format!(", via {v}"));
    }
    if let Some(c) = &a.cue {
        s.push_str(&format!("; cue \u{201c}{}\u{201d}", c.text));
        if a.stance() == Stance::Loaded {
            s.push_str(" (loaded)");
        }
    }
    s.push_str(&format!(
        "; rule: {}",
        if a.rule.is_empty() {
            "recorded by hand"
        } else {
            &a.rule
        }
    ));
    s
}

/// `n` with the word for one or many ("1 claim", "3 claims").
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The summary at the top of a page, in words: how many sentences rest on a source and on
/// whose word, how many on the writer alone, and the hedged claims and loaded cues.
pub fn summary(b: &Breakdown, attributions: &[Attribution]) -> String {
    let mut s = String::from("<div class=\"summary\">\n");
    let (n, of) = (b.attributed_sentences, b.sentences);
    let rest = |k: usize| if k == 1 { "rests" } else { "rest" };
    let sentences = if of == 1 { "sentence" } else { "sentences" };
    let first = if b.attributions == 0 {
        format!("None of the {of} {sentences} rests on a source: no claim is attributed.")
    } else {
        format!(
            "{n} of {of} {sentences} {} on a source; {} named, {} anonymous, {} unspecified \
             ({} from {}).",
            rest(n),
            b.by_identity.named,
            b.by_identity.anonymous,
            b.by_identity.unspecified,
            count(b.attributions, "claim", "claims"),
            count(b.distinct_sources, "source", "sources"),
        )
    };
    let _ = writeln!(s, "<p>{}</p>", text(&first));
    let w = b.unattributed_sentences;
    if w > 0 && b.attributions > 0 {
        let _ = writeln!(
            s,
            "<p>{} {} on the writer alone (<span class=\"writer\">shaded</span> in the text).</p>",
            count(w, "sentence", "sentences"),
            rest(w)
        );
    }
    let mut more = Vec::new();
    if b.hedged > 0 {
        more.push(format!(
            "{} hedged",
            if b.hedged == 1 {
                "1 claim is".to_string()
            } else {
                format!("{} claims are", b.hedged)
            }
        ));
    }
    if b.loaded_cues > 0 {
        let mut words: Vec<String> = Vec::new();
        for a in attributions {
            if let (Stance::Loaded, Some(c)) = (a.stance(), &a.cue) {
                let w = c.text.to_lowercase();
                if !words.contains(&w) {
                    words.push(w);
                }
            }
        }
        let quoted: Vec<String> = words
            .iter()
            .map(|w| format!("\u{201c}{w}\u{201d}"))
            .collect();
        more.push(format!(
            "{} a loaded verb ({})",
            if b.loaded_cues == 1 {
                "1 claim uses".to_string()
            } else {
                format!("{} claims use", b.loaded_cues)
            },
            quoted.join(", ")
        ));
    } else if b.attributions > 0 {
        more.push("every cue is neutral (no loaded verb)".to_string());
    }
    if !more.is_empty() {
        let mut line = more.join("; ");
        if let Some(c) = line.get(..1) {
            line = c.to_uppercase() + &line[1..];
        }
        let _ = writeln!(s, "<p>{}.</p>", text(&line));
    }
    s.push_str("</div>\n");
    s
}

/// When the text's first line is the title (an article stored with its headline): where
/// that line ends and where the text goes on below it (code points). The page shows the title
/// once: that line, marked as the rest of the text is, is its heading.
fn title_line(article_text: &str, title: Option<&str>) -> Option<(usize, usize)> {
    let title = title.map(str::trim).filter(|t| !t.is_empty())?;
    let first = article_text.lines().next()?;
    if !first.trim().eq_ignore_ascii_case(title) {
        return None;
    }
    let line = first.chars().count();
    let blank = article_text
        .chars()
        .skip(line)
        .take_while(|c| c.is_whitespace())
        .count();
    Some((line, line + blank))
}

/// The article text with its attributions: each claim's content a `<mark>` coloured by
/// identity, its cue in `.cue` (`.cue.loaded` for a loaded one), its mention in `.who`, a
/// numbered `<sup class="marker">` at each claim's start (one badge a claim, id
/// `{prefix}c{number}`), and the sentences that rest on no source in `.writer`.
pub fn highlighted(article_text: &str, attributions: &[Attribution], prefix: &str) -> String {
    let n = article_text.chars().count();
    format!(
        "<div class=\"article\">{}</div>\n",
        marked(article_text, attributions, prefix, 0..n)
    )
}

/// The part `range` (code points) of the article text, marked as [`highlighted`] says.
fn marked(
    article_text: &str,
    attributions: &[Attribution],
    prefix: &str,
    range: std::ops::Range<usize>,
) -> String {
    let chars: Vec<char> = article_text.chars().collect();
    let marks = marks(chars.len(), attributions);
    let sentences = crate::extract::sentences(article_text);
    let writer: Vec<(usize, usize)> = sentences
        .iter()
        .zip(breakdown::attributed(&sentences, attributions))
        .filter(|(_, on_source)| !on_source)
        .map(|(s, _)| (s.start, s.end))
        .collect();
    let mut edges: Vec<usize> = writer.iter().flat_map(|&(s, e)| [s, e]).collect();
    edges.extend([range.start, range.end]);
    let mut s = String::new();
    for seg in segments_at(chars.len(), &marks, &edges) {
        if seg.start < range.start || seg.end > range.end {
            continue;
        }
        let body: String = chars[seg.start..seg.end].iter().collect();
        for &i in &seg.claims {
            if marks[i].start == seg.start {
                let n = marks[i].number;
                let _ = write!(s, "<sup class=\"marker\" id=\"{prefix}c{n}\">{n}</sup>");
            }
        }
        let mut inner = text(&body);
        if seg.who {
            inner = format!("<span class=\"who\">{inner}</span>");
        }
        if seg.cue {
            let class = if seg.loaded { "cue loaded" } else { "cue" };
            inner = format!("<span class=\"{class}\">{inner}</span>");
        }
        let mut piece = match seg.claims.last() {
            Some(&last) => {
                let m = &marks[last];
                let title: Vec<String> = seg.claims.iter().map(|&i| hover(&marks[i])).collect();
                let numbers: Vec<String> = seg
                    .claims
                    .iter()
                    .map(|&i| marks[i].number.to_string())
                    .collect();
                format!(
                    "<mark class=\"{}\" data-claims=\"{}\" title=\"{}\">{inner}</mark>",
                    m.attribution.identity,
                    numbers.join(" "),
                    attr(&title.join("\n"))
                )
            }
            None => inner,
        };
        if writer
            .iter()
            .any(|&(ws, we)| ws <= seg.start && seg.end <= we)
        {
            piece = format!(
                "<span class=\"writer\" title=\"no source: this sentence rests on the writer\">{piece}</span>"
            );
        }
        s.push_str(&piece);
    }
    s
}

fn legend() -> String {
    let mut s = String::from("<ul class=\"legend\">\n<li>claims whose source is ");
    for &i in Identity::ALL {
        let _ = write!(s, "<span class=\"{i}\">{i}</span>");
    }
    s.push_str(
        "</li>\n<li><span class=\"who\">who</span> the source as the text names it</li>\n\
         <li><span class=\"cue\">cue</span> the words that report</li>\n\
         <li><span class=\"cue loaded\">loaded cue</span> a word that tilts the reader \
         (\u{201c}claimed\u{201d}, \u{201c}admitted\u{201d}, \u{201c}insisted\u{201d}), \
         where \u{201c}said\u{201d} would be neutral</li>\n\
         <li><span class=\"writer\">shaded</span> a sentence that rests on no source: on the \
         writer</li>\n\
         <li><sup class=\"marker\">1</sup> the claim\u{2019}s number; hover a claim for its \
         labels and rule</li>\n</ul>\n",
    );
    s
}

fn meta_line(r: &ArticleReport) -> String {
    let a = &r.article;
    let parts: Vec<&str> = [&a.outlet, &a.author, &a.date, &a.external_id]
        .into_iter()
        .flatten()
        .map(|s| s.as_str())
        .collect();
    format!(
        "<p class=\"meta\">article {}{}{} · claims by {}</p>\n",
        a.id,
        if parts.is_empty() { "" } else { " · " },
        text(&parts.join(" · ")),
        text(&r.annotator)
    )
}

/// The sources of an article, each once with the numbers of its claims (links to their
/// markers), then a line per claim with its labels, cue and rule.
fn sources(marks: &[Mark], prefix: &str) -> String {
    let mut groups: Vec<(String, Vec<&Mark>)> = Vec::new();
    for m in marks {
        let name = m.attribution.source.trim().to_string();
        match groups.iter_mut().find(|g| g.0 == name) {
            Some(g) => g.1.push(m),
            None => groups.push((name, vec![m])),
        }
    }
    let mut s = String::from("<ul class=\"sources\">\n");
    for (name, ms) in &groups {
        let first = ms[0].attribution;
        let mut labels: Vec<String> = Vec::new();
        for m in ms {
            let l = format!("{} \u{b7} {}", m.attribution.identity, m.attribution.role);
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        let links: Vec<String> = ms
            .iter()
            .map(|m| format!("<a href=\"#{prefix}c{0}\">{0}</a>", m.number))
            .collect();
        let shown = if name.is_empty() {
            "(no source named)"
        } else {
            name
        };
        let _ = writeln!(
            s,
            "<li><span class=\"name {}\">{}</span> {} \u{2014} {} {}\n<ol>",
            first.identity,
            text(shown),
            text(&labels.join("; ")),
            if ms.len() == 1 { "claim" } else { "claims" },
            links.join(", ")
        );
        for m in ms {
            let a = m.attribution;
            let mut line = a.form.to_string().replace('_', " ");
            if a.hedged {
                line.push_str(", hedged");
            }
            if let Some(v) = &a.via {
                line.push_str(&format!(", via {v}"));
            }
            let cue = match &a.cue {
                Some(c) if a.stance() == Stance::Loaded => format!(
                    "; cue <span class=\"cue loaded\">{}</span> (loaded)",
                    text(&c.text)
                ),
                Some(c) => format!("; cue \u{201c}{}\u{201d}", text(&c.text)),
                None => String::new(),
            };
            let rule = if a.rule.is_empty() {
                "recorded by hand"
            } else {
                &a.rule
            };
            let _ = writeln!(
                s,
                "<li value=\"{}\">{}{cue}; rule: {}</li>",
                m.number,
                text(&line),
                text(rule)
            );
        }
        s.push_str("</ol></li>\n");
    }
    s.push_str("</ul>\n");
    s
}

/// The body of one article's report: its heading (`level` 1 for a page, 2 for a section),
/// the meta line, the summary, the legend, the marked text, the chart and the sources. Ids
/// start with `prefix`.
fn article_body(
    report: &ArticleReport,
    article_text: &str,
    attributions: &[Attribution],
    level: u8,
    prefix: &str,
) -> String {
    let title = report
        .article
        .title
        .clone()
        .unwrap_or_else(|| format!("article {}", report.article.id));
    let n = article_text.chars().count();
    let title_line = title_line(article_text, report.article.title.as_deref());
    let sub = level + 1;
    let mut s = String::new();
    let from = match title_line {
        Some((line, below)) => {
            let _ = writeln!(
                s,
                "<h{level}>{}</h{level}>",
                marked(article_text, attributions, prefix, 0..line)
            );
            below
        }
        None => {
            let _ = writeln!(s, "<h{level}>{}</h{level}>", text(&title));
            0
        }
    };
    s.push_str(&meta_line(report));
    s.push_str(&summary(&report.breakdown, attributions));
    s.push_str(&legend());
    let _ = writeln!(
        s,
        "<div class=\"article\">{}</div>",
        marked(article_text, attributions, prefix, from..n)
    );
    let _ = writeln!(s, "<h{sub}>Breakdown</h{sub}>");
    s.push_str(&bar_chart(
        &report.breakdown,
        "claims by identity, role, form and cue",
    ));
    let _ = writeln!(s, "<h{sub}>Sources</h{sub}>");
    s.push_str(&sources(
        &marks(article_text.chars().count(), attributions),
        prefix,
    ));
    s
}

/// One article's page.
pub fn article_page(
    out: &mut dyn Write,
    report: &ArticleReport,
    article_text: &str,
    attributions: &[Attribution],
) -> Result<()> {
    let title = report
        .article
        .title
        .clone()
        .unwrap_or_else(|| format!("article {}", report.article.id));
    let mut s = String::new();
    head(&mut s, &title);
    s.push_str(&article_body(report, article_text, attributions, 1, ""));
    s.push_str("</body>\n</html>\n");
    out.write_all(s.as_bytes())?;
    Ok(())
}

/// The id of an article's section on the index page.
fn section_id(r: &ArticleReport) -> String {
    format!("article-{}", r.article.id)
}

/// The report of several articles on one page: an index (a table of the articles linking to
/// their sections, then one chart per outlet, articles without one under "no outlet"),
/// then a section per article with everything its own page has. `load` gives an article's
/// text and the claims its report counts; the sections are written one at a time.
pub fn index_page(
    out: &mut dyn Write,
    reports: &[ArticleReport],
    mut load: impl FnMut(&ArticleReport) -> Result<(String, Vec<Attribution>)>,
) -> Result<()> {
    let mut s = String::new();
    head(&mut s, "whosaid report");
    let _ = writeln!(
        s,
        "<h1 id=\"index\">Attribution report</h1>\n<p class=\"meta\">{}</p>",
        count(reports.len(), "article", "articles")
    );
    let mut outlets: Vec<(String, usize, Breakdown)> = Vec::new();
    for r in reports {
        let name = r
            .article
            .outlet
            .clone()
            .unwrap_or_else(|| "no outlet".into());
        match outlets.iter_mut().find(|o| o.0 == name) {
            Some(o) => {
                o.1 += 1;
                o.2.add_counts(&r.breakdown);
            }
            None => {
                let mut b = Breakdown::default();
                b.add_counts(&r.breakdown);
                outlets.push((name, 1, b));
            }
        }
    }
    s.push_str("<h2>Articles</h2>\n<table>\n<tr><th>id</th><th>title</th><th>outlet</th><th>date</th><th>claims by</th><th>claims</th><th>named</th><th>anonymous</th><th>unspecified</th><th>loaded cues</th></tr>\n");
    for r in reports {
        let a = &r.article;
        let b = &r.breakdown;
        let title = a
            .title
            .clone()
            .unwrap_or_else(|| format!("article {}", a.id));
        let _ = writeln!(
            s,
            "<tr><td class=\"n\">{}</td><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            a.id,
            section_id(r),
            text(&title),
            text(a.outlet.as_deref().unwrap_or("")),
            text(a.date.as_deref().unwrap_or("")),
            text(&r.annotator),
            b.attributions,
            b.by_identity.named,
            b.by_identity.anonymous,
            b.by_identity.unspecified,
            b.loaded_cues
        );
    }
    s.push_str("</table>\n");
    s.push_str("<h2>By outlet</h2>\n");
    for (name, n, b) in &outlets {
        let _ = writeln!(
            s,
            "<section class=\"outlet\">\n<h3>{}</h3>\n<p class=\"meta\">{}, {}</p>",
            text(name),
            count(*n, "article", "articles"),
            count(b.attributions, "claim", "claims")
        );
        s.push_str(&bar_chart(b, &format!("{name}: claims")));
        s.push_str("</section>\n");
    }
    out.write_all(s.as_bytes())?;
    for r in reports {
        let (article_text, attributions) = load(r)?;
        let mut s = format!(
            "<section class=\"article-report\" id=\"{}\">\n",
            section_id(r)
        );
        s.push_str(&article_body(
            r,
            &article_text,
            &attributions,
            2,
            &format!("a{}-", r.article.id),
        ));
        s.push_str(
            "<nav class=\"back\"><a href=\"#index\">back to the index</a></nav>\n</section>\n",
        );
        out.write_all(s.as_bytes())?;
    }
    out.write_all(b"</body>\n</html>\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleInfo, Span};

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            text("<script>&</script>"),
            "&lt;script&gt;&amp;&lt;/script&gt;"
        );
        assert!(!attr("\" onmouseover=\"x").contains('"'));
    }

    #[test]
    fn hostile_text_is_escaped_in_spans_and_titles() {
        let body = "<script>alert(1)</script> said \"<b>x</b>\".";
        let n = body.chars().count();
        let a = Attribution {
            cue: Some(Span {
                start: 26,
                end: 30,
                text: "said".into(),
            }),
            content: Some(Span {
                start: 0,
                end: n,
                text: body.into(),
            }),
            role: Role::Public,
            form: Form::DirectQuote,
            ..Attribution::of("<img src=x onerror=alert(2)>")
        };
        let h = highlighted(body, &[a], "");
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("<img"), "{h}");
        assert!(!h.contains("<b>"), "{h}");
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{h}");
        assert!(h.contains("<span class=\"cue\">said</span>"), "{h}");
    }

    const BUDGET: &str = "Budget row\n\nThe minister admitted that the deadline had slipped. \
                          Officials said the plan was sound. The road will open in 2027.";

    fn info(id: i64, title: &str) -> ArticleInfo {
        ArticleInfo {
            id,
            external_id: None,
            title: Some(title.into()),
            outlet: Some("Wire".into()),
            author: None,
            date: None,
            url: None,
        }
    }

    /// The page of `text` as the engine finds its claims.
    fn page(text: &str, title: &str) -> String {
        let attributions = crate::extract::extract(text);
        let report = ArticleReport {
            article: info(1, title),
            annotator: "auto".into(),
            breakdown: crate::report::breakdown_of(text, &attributions),
        };
        let mut out = Vec::new();
        article_page(&mut out, &report, text, &attributions).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_page_says_in_words_on_whose_word_the_article_rests() {
        let html = page(BUDGET, "Budget row");
        assert!(
            html.contains(
                "<p>2 of 4 sentences rest on a source; 0 named, 2 anonymous, 0 unspecified \
                 (2 claims from 2 sources).</p>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<p>2 sentences rest on the writer alone"),
            "{html}"
        );
        assert!(
            html.contains("<p>1 claim uses a loaded verb (\u{201c}admitted\u{201d}).</p>"),
            "{html}"
        );
    }

    #[test]
    fn who_cue_loaded_cue_and_the_writer_are_marked_in_the_text() {
        let html = page(BUDGET, "Budget row");
        let body = &html[html.find("<div class=\"article\">").unwrap()..];
        let body = &body[..body.find("</div>").unwrap()];
        assert!(
            body.contains("<span class=\"who\">The minister</span>"),
            "{body}"
        );
        assert!(
            body.contains("<span class=\"who\">Officials</span>"),
            "{body}"
        );
        assert!(
            body.contains("<span class=\"cue loaded\">admitted</span>"),
            "{body}"
        );
        assert!(body.contains("<span class=\"cue\">said</span>"), "{body}");
        assert!(
            body.contains(
                "<span class=\"writer\" title=\"no source: this sentence rests on the \
                 writer\">The road will open in 2027.</span>"
            ),
            "{body}"
        );
        // the title is the page's heading, once: the text's first line, marked as the rest
        // (it rests on the writer), and the text goes on below it
        assert!(!body.contains("Budget row"), "{body}");
        assert_eq!(
            html.matches("Budget row").count(),
            2,
            "title and h1: {html}"
        );
        assert!(
            html.contains(
                "<h1><span class=\"writer\" title=\"no source: this sentence rests on the \
                 writer\">Budget row</span></h1>"
            ),
            "{html}"
        );
        assert!(
            body.starts_with("<div class=\"article\"><span class=\"who\">The minister</span>"),
            "{body}"
        );
        // the legend names every mark
        for class in ["who", "cue", "cue loaded", "writer"] {
            assert!(
                html.contains(&format!("<li><span class=\"{class}\">")),
                "{class}"
            );
        }
    }

    #[test]
    fn a_title_line_that_holds_a_claim_is_marked_in_the_heading() {
        let text = "Mayor says the bridge will reopen\n\nThe mayor said the bridge will reopen.";
        assert_eq!(
            crate::extract::extract(text)
                .iter()
                .filter(|a| a.cue.as_ref().is_some_and(|c| c.start < 10))
                .count(),
            1,
            "the engine finds the headline's claim"
        );
        let html = page(text, "Mayor says the bridge will reopen");
        let h1 = &html[html.find("<h1>").unwrap()..html.find("</h1>").unwrap()];
        assert!(h1.contains("<span class=\"cue\">says</span>"), "{h1}");
        assert!(
            h1.contains("<sup class=\"marker\" id=\"c1\">1</sup>"),
            "{h1}"
        );
        let body = &html[html.find("<div class=\"article\">").unwrap()..];
        assert!(
            body.starts_with("<div class=\"article\"><span class=\"who\">The mayor</span>"),
            "{body}"
        );
        assert!(body.contains("id=\"c2\""), "{body}");
    }

    #[test]
    fn markers_at_one_place_are_separate_badges() {
        let text = "Officials said the talks failed.";
        let span = |start: usize, t: &str| Span {
            start,
            end: start + t.chars().count(),
            text: t.into(),
        };
        let content = span(15, "the talks failed");
        let a = Attribution {
            cue: Some(span(10, "said")),
            content: Some(content.clone()),
            ..Attribution::of("Officials")
        };
        let b = Attribution {
            content: Some(content),
            ..Attribution::of("NBC News")
        };
        let h = highlighted(text, &[a, b], "x-");
        assert!(
            h.contains("<sup class=\"marker\" id=\"x-c1\">1</sup><sup class=\"marker\" id=\"x-c2\">2</sup>"),
            "{h}"
        );
        // a badge of its own: a border, and room on both sides
        assert!(STYLE.contains("sup.marker {") && STYLE.contains("border: 1px solid #777"));
        assert!(STYLE.contains("margin: 0 .15em"));
    }

    #[test]
    fn figures_cannot_be_misread() {
        let b = Breakdown {
            attributions: 9,
            ..Breakdown::default()
        };
        assert_eq!(figure(&b, 1), "1 \u{b7} 11%");
        assert_eq!(figure(&b, 9), "9 \u{b7} 100%");
        assert_eq!(figure(&Breakdown::default(), 0), "0");
        let chart = bar_chart(&b, "c");
        let groups: Vec<&str> = chart
            .match_indices("<text class=\"group\"")
            .map(|(i, _)| &chart[i..i + 60])
            .collect();
        assert_eq!(groups.len(), 4, "{chart}");
        for name in ["identity", "role", "form", "cue"] {
            assert!(chart.contains(&format!("data-group=\"{name}\"")), "{name}");
        }
        assert_eq!(chart.matches("<rect class=\"bar\"").count(), 14);
    }

    #[test]
    fn sources_are_listed_once_with_their_claim_numbers() {
        let text = "Officials said the talks failed. Officials added that a deal was near. \
                    NBC News reported the talks would resume.";
        let html = page(text, "Talks");
        let list = &html[html.find("<ul class=\"sources\">").unwrap()..];
        assert_eq!(list.matches(">Officials</span>").count(), 1, "{list}");
        assert!(
            list.contains("claims <a href=\"#c1\">1</a>, <a href=\"#c2\">2</a>"),
            "{list}"
        );
        assert!(list.contains(">NBC News</span>"), "{list}");
        assert!(html.contains("id=\"c1\""), "{html}");
    }

    #[test]
    fn several_articles_get_a_section_each_linked_from_the_index() {
        let texts = [BUDGET, "Officials said the talks failed."];
        let reports: Vec<ArticleReport> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| ArticleReport {
                article: info(i as i64 + 1, if i == 0 { "Budget row" } else { "Talks" }),
                annotator: "auto".into(),
                breakdown: crate::report::breakdown_of(t, &crate::extract::extract(t)),
            })
            .collect();
        let mut out = Vec::new();
        index_page(&mut out, &reports, |r| {
            let t = texts[r.article.id as usize - 1];
            Ok((t.to_string(), crate::extract::extract(t)))
        })
        .unwrap();
        let html = String::from_utf8(out).unwrap();
        for id in [1, 2] {
            assert!(
                html.contains(&format!("<a href=\"#article-{id}\">")),
                "{html}"
            );
            assert!(
                html.contains(&format!(
                    "<section class=\"article-report\" id=\"article-{id}\">"
                )),
                "{html}"
            );
            // marker ids are unique on the page
            assert!(html.contains(&format!("id=\"a{id}-c1\"")), "{html}");
        }
        assert_eq!(html.matches(">Budget row</span></h2>").count(), 1, "{html}");
        assert_eq!(html.matches("<h2>Talks</h2>").count(), 1, "{html}");
        assert_eq!(html.matches("<div class=\"summary\">").count(), 2);
        assert!(html.ends_with("</body>\n</html>\n"));
    }
}
