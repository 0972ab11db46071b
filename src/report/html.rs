//! `report --format html`: one self-contained page (inline CSS and SVG, nothing fetched; a
//! Content-Security-Policy forbids every outside resource and script). One article gives its
//! text with the attributions highlighted (hover shows source, labels and rule), the breakdown
//! as an SVG bar chart and the source list; several give an index with one chart per outlet.
//! Every piece of article-derived text goes through [`text`] or [`attr`].

use std::fmt::Write as _;
use std::io::Write;

use crate::error::Result;
use crate::model::{Attribution, Form, Identity, Role};
use crate::report::marks::{marks, segments, Mark};
use crate::report::{percent_text, ArticleReport, Breakdown};

/// Text escaped for an HTML text node.
pub fn text(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

/// Text escaped for a double-quoted HTML attribute.
pub fn attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

const STYLE: &str = r#"
body { font-family: Georgia, serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.5; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.meta { color: #555; font-family: sans-serif; font-size: .9rem; }
.article { white-space: pre-wrap; }
mark { border-radius: 3px; padding: 0 1px; cursor: help; }
mark.named { background: #c9f0c9; } mark.anonymous { background: #ffe7a3; } mark.unspecified { background: #f4cdf0; }
mark:hover { outline: 2px solid #333; }
.cue { font-weight: bold; text-decoration: underline; }
sup.marker { font-family: sans-serif; font-size: .7rem; font-weight: bold; color: #333; }
.legend span { padding: 0 .4rem; margin-right: .5rem; border-radius: 3px; font-family: sans-serif; font-size: .85rem; }
.legend .named { background: #c9f0c9; } .legend .anonymous { background: #ffe7a3; } .legend .unspecified { background: #f4cdf0; }
table { border-collapse: collapse; font-family: sans-serif; font-size: .9rem; }
td, th { border-bottom: 1px solid #ddd; padding: .2rem .6rem; text-align: left; }
td.n { text-align: right; }
ol.sources { list-style: none; padding-left: 0; font-family: sans-serif; font-size: .9rem; }
svg text { font-family: sans-serif; font-size: 12px; }
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

/// The breakdown's counts as an inline SVG bar chart: identity, role and form.
pub fn bar_chart(b: &Breakdown, caption: &str) -> String {
    let mut rows: Vec<(String, usize, &str)> = Vec::new();
    for &i in Identity::ALL {
        rows.push((i.to_string(), b.by_identity.get(i), identity_fill(i)));
    }
    for &r in Role::ALL {
        rows.push((r.to_string(), b.by_role.get(r), "#5b7db8"));
    }
    for &f in Form::ALL {
        rows.push((f.to_string().replace('_', " "), b.by_form.get(f), "#8a8a8a"));
    }
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let (label_w, bar_w, row_h, top) = (110.0, 320.0, 20.0, 24.0);
    let height = top + row_h * rows.len() as f64 + 8.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"500\" height=\"{height}\" \
         viewBox=\"0 0 500 {height}\" role=\"img\" aria-label=\"{}\">\n<title>{}</title>\n\
         <text x=\"0\" y=\"14\" font-weight=\"bold\">{}</text>\n",
        attr(caption),
        text(caption),
        text(caption)
    );
    for (k, (label, n, fill)) in rows.iter().enumerate() {
        let y = top + row_h * k as f64;
        let w = bar_w * (*n as f64) / (max as f64);
        let share = percent_text(b.share(*n));
        let _ = writeln!(
            s,
            "<text x=\"0\" y=\"{ty}\">{label}</text>\
             <rect class=\"bar\" x=\"{label_w}\" y=\"{y}\" width=\"{w:.1}\" height=\"{h}\" fill=\"{fill}\"><title>{label}: {n} {share}</title></rect>\
             <text x=\"{tx:.1}\" y=\"{ty}\">{n} {share}</text>",
            ty = y + 13.0,
            h = row_h - 5.0,
            tx = label_w + w + 6.0,
            label = text(label),
        );
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

/// The article text with its attributions as `<mark>` spans (cues in `.cue`, a numbered
/// `<sup class="marker">` at each claim's start).
pub fn highlighted(article_text: &str, attributions: &[Attribution]) -> String {
    let chars: Vec<char> = article_text.chars().collect();
    let marks = marks(chars.len(), attributions);
    let mut s = String::from("<div class=\"article\">");
    for seg in segments(chars.len(), &marks) {
        let body: String = chars[seg.start..seg.end].iter().collect();
        for &i in &seg.claims {
            if marks[i].start == seg.start {
                let _ = write!(s, "<sup class=\"marker\">{}</sup>", marks[i].number);
            }
        }
        let mut inner = text(&body);
        if seg.cue {
            inner = format!("<span class=\"cue\">{inner}</span>");
        }
        match seg.claims.last() {
            Some(&last) => {
                let m = &marks[last];
                let title: Vec<String> = seg.claims.iter().map(|&i| hover(&marks[i])).collect();
                let numbers: Vec<String> = seg
                    .claims
                    .iter()
                    .map(|&i| marks[i].number.to_string())
                    .collect();
                let _ = write!(
                    s,
                    "<mark class=\"{}\" data-claims=\"{}\" title=\"{}\">{inner}</mark>",
                    m.attribution.identity,
                    numbers.join(" "),
                    attr(&title.join("\n"))
                );
            }
            None => s.push_str(&inner),
        }
    }
    s.push_str("</div>\n");
    s
}

fn legend() -> String {
    let mut s = String::from("<p class=\"legend\">");
    for &i in Identity::ALL {
        let _ = write!(s, "<span class=\"{i}\">{i}</span>");
    }
    s.push_str(" <span class=\"cue\">cue</span> hover a highlighted claim for its source, labels and rule</p>\n");
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
    let _ = write!(s, "<h1>{}</h1>\n{}", text(&title), meta_line(report));
    s.push_str(&legend());
    s.push_str(&highlighted(article_text, attributions));
    let b = &report.breakdown;
    let _ = write!(
        s,
        "<h2>Breakdown</h2>\n<p class=\"meta\">{} sentences, {} attributed; {} attributions, {} distinct sources, {} hedged</p>\n",
        b.sentences, b.attributed_sentences, b.attributions, b.distinct_sources, b.hedged
    );
    s.push_str(&bar_chart(b, "attributions by identity, role and form"));
    s.push_str("<h2>Sources</h2>\n<ol class=\"sources\">\n");
    for m in marks(article_text.chars().count(), attributions) {
        let _ = writeln!(s, "<li value=\"{}\">{}</li>", m.number, text(&hover(&m)));
    }
    s.push_str("</ol>\n</body>\n</html>\n");
    out.write_all(s.as_bytes())?;
    Ok(())
}

fn add(total: &mut Breakdown, b: &Breakdown) {
    total.sentences += b.sentences;
    total.attributed_sentences += b.attributed_sentences;
    total.unattributed_sentences += b.unattributed_sentences;
    total.attributions += b.attributions;
    total.hedged += b.hedged;
    total.anonymous_with_reason += b.anonymous_with_reason;
    total.loaded_cues += b.loaded_cues;
    total.by_identity.named += b.by_identity.named;
    total.by_identity.anonymous += b.by_identity.anonymous;
    total.by_identity.unspecified += b.by_identity.unspecified;
    total.by_role.official += b.by_role.official;
    total.by_role.media += b.by_role.media;
    total.by_role.expert += b.by_role.expert;
    total.by_role.organization += b.by_role.organization;
    total.by_role.public += b.by_role.public;
    total.by_role.unknown += b.by_role.unknown;
    total.by_form.direct_quote += b.by_form.direct_quote;
    total.by_form.paraphrase += b.by_form.paraphrase;
    total.by_form.document += b.by_form.document;
}

/// The index page of several articles: one chart per outlet (articles without one under
/// "no outlet"), then a table of the articles.
pub fn index_page(out: &mut dyn Write, reports: &[ArticleReport]) -> Result<()> {
    let mut s = String::new();
    head(&mut s, "whosaid report");
    let _ = writeln!(
        s,
        "<h1>Attribution report</h1>\n<p class=\"meta\">{} article{}</p>",
        reports.len(),
        if reports.len() == 1 { "" } else { "s" }
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
                add(&mut o.2, &r.breakdown);
            }
            None => {
                let mut b = Breakdown::default();
                add(&mut b, &r.breakdown);
                outlets.push((name, 1, b));
            }
        }
    }
    for (name, n, b) in &outlets {
        let _ = writeln!(
            s,
            "<section class=\"outlet\">\n<h2>{}</h2>\n<p class=\"meta\">{n} article{}, {} attributions</p>",
            text(name),
            if *n == 1 { "" } else { "s" },
            b.attributions
        );
        s.push_str(&bar_chart(b, &format!("{name}: attributions")));
        s.push_str("</section>\n");
    }
    s.push_str("<h2>Articles</h2>\n<table>\n<tr><th>id</th><th>title</th><th>outlet</th><th>date</th><th>claims by</th><th>attributions</th><th>named</th><th>anonymous</th><th>unspecified</th></tr>\n");
    for r in reports {
        let a = &r.article;
        let b = &r.breakdown;
        let _ = writeln!(
            s,
            "<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            a.id,
            text(a.title.as_deref().unwrap_or("")),
            text(a.outlet.as_deref().unwrap_or("")),
            text(a.date.as_deref().unwrap_or("")),
            text(&r.annotator),
            b.attributions,
            b.by_identity.named,
            b.by_identity.anonymous,
            b.by_identity.unspecified
        );
    }
    s.push_str("</table>\n</body>\n</html>\n");
    out.write_all(s.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

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
        let h = highlighted(body, &[a]);
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("<img"), "{h}");
        assert!(!h.contains("<b>"), "{h}");
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{h}");
        assert!(h.contains("<span class=\"cue\">said</span>"), "{h}");
    }
}
