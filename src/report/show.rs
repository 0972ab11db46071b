//! The article in the terminal with its attributions highlighted: `whosaid show` and
//! `analyze --show`. Each claim is wrapped in a numbered marker (`[1N …]`: claim 1, a named
//! source; A anonymous, U unspecified), its cue in braces, and a numbered source list and a
//! legend follow. With colour, the claim is also coloured by identity and the cue underlined.
//! Markers are placed by the stored code-point offsets before the text is wrapped, so wrapping
//! never moves them.

use std::io::Write;

use anstyle::{AnsiColor, Effects, Style};

use crate::error::Result;
use crate::model::{Attribution, Identity};
use crate::report::marks::{marks, segments, Mark};

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct ShowOptions {
    /// Wrap to this many columns.
    pub width: usize,
    /// Use ANSI colours.
    pub color: bool,
}

fn letter(i: Identity) -> char {
    match i {
        Identity::Named => 'N',
        Identity::Anonymous => 'A',
        Identity::Unspecified => 'U',
    }
}

fn identity_style(i: Identity) -> Style {
    let color = match i {
        Identity::Named => AnsiColor::Green,
        Identity::Anonymous => AnsiColor::Yellow,
        Identity::Unspecified => AnsiColor::Magenta,
    };
    Style::new().fg_color(Some(color.into()))
}

/// `s` in `style` when colouring, each line styled on its own so wrapping and line breaks
/// never leave a colour open.
fn paint(out: &mut String, s: &str, style: Style, color: bool) {
    if !color || style == Style::new() {
        out.push_str(s);
        return;
    }
    for (i, part) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !part.is_empty() {
            out.push_str(&format!("{}{part}{}", style.render(), style.render_reset()));
        }
    }
}

/// The marked-up article text, before wrapping.
pub fn marked_text(text: &str, marks: &[Mark], color: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let segs = segments(chars.len(), marks);
    let mut out = String::with_capacity(text.len() * 2);
    let bold = Style::new().effects(Effects::BOLD);
    for (k, seg) in segs.iter().enumerate() {
        let prev_cue = k > 0 && segs[k - 1].cue;
        for &i in &seg.claims {
            let m = &marks[i];
            if m.start == seg.start {
                let marker = format!("[{}{} ", m.number, letter(m.attribution.identity));
                paint(
                    &mut out,
                    &marker,
                    identity_style(m.attribution.identity).effects(Effects::BOLD),
                    color,
                );
            }
        }
        if seg.cue && !prev_cue {
            paint(&mut out, "{", bold, color);
        }
        let body: String = chars[seg.start..seg.end].iter().collect();
        let mut style = seg.claims.last().map_or(Style::new(), |&i| {
            identity_style(marks[i].attribution.identity)
        });
        if seg.cue {
            style = style.effects(Effects::BOLD | Effects::UNDERLINE);
        }
        paint(&mut out, &body, style, color);
        let next_cue = segs.get(k + 1).is_some_and(|s| s.cue);
        if seg.cue && !next_cue {
            paint(&mut out, "}", bold, color);
        }
        for &i in seg.claims.iter().rev() {
            let m = &marks[i];
            if m.end == seg.end {
                paint(
                    &mut out,
                    "]",
                    identity_style(m.attribution.identity).effects(Effects::BOLD),
                    color,
                );
            }
        }
    }
    // Claims without any span sit at the end of the text.
    for m in marks.iter().filter(|m| m.start == m.end) {
        let marker = format!("[{}{}]", m.number, letter(m.attribution.identity));
        paint(&mut out, &marker, bold, color);
    }
    out
}

fn source_line(m: &Mark) -> String {
    let a: &Attribution = m.attribution;
    let mut s = format!(
        "[{}] {} ({}, {}, {}",
        m.number, a.source, a.identity, a.role, a.form
    );
    if a.hedged {
        s.push_str(", hedged");
    }
    s.push(')');
    if let Some(via) = &a.via {
        s.push_str(&format!(", via {via}"));
    }
    if let Some(c) = &a.cue {
        s.push_str(&format!("; cue \"{}\"", c.text));
    }
    if !a.rule.is_empty() {
        s.push_str(&format!("; rule {}", a.rule));
    }
    s
}

pub fn wrap_into(out: &mut dyn Write, text: &str, width: usize, indent: &str) -> Result<()> {
    for line in text.split('\n') {
        if line.trim().is_empty() {
            writeln!(out)?;
            continue;
        }
        let opts = textwrap::Options::new(width.max(20))
            .subsequent_indent(indent)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        // A style open where a line wraps is closed at its end and reopened on the next.
        let mut open = String::new();
        for l in textwrap::wrap(line, opts) {
            let l = l.trim_end();
            let reopen = open.clone();
            let mut rest = l;
            while let Some(at) = rest.find('\u{1b}') {
                let seq_end = rest[at..].find('m').map_or(rest.len(), |e| at + e + 1);
                let seq = &rest[at..seq_end];
                if seq == "\u{1b}[0m" {
                    open.clear();
                } else {
                    open.push_str(seq);
                }
                rest = &rest[seq_end..];
            }
            let close = if open.is_empty() { "" } else { "\u{1b}[0m" };
            writeln!(out, "{reopen}{l}{close}")?;
        }
    }
    Ok(())
}

/// Render `text` with `attributions` highlighted, then the source list and the legend.
pub fn render(
    out: &mut dyn Write,
    text: &str,
    attributions: &[Attribution],
    opts: ShowOptions,
) -> Result<()> {
    // control characters shown, one for one, so the marks' code-point positions hold
    let text = super::terminal::safe(text.trim_end());
    let marks = marks(text.chars().count(), attributions);
    let body = marked_text(&text, &marks, opts.color);
    wrap_into(out, &body, opts.width, "")?;
    writeln!(out)?;
    if marks.is_empty() {
        writeln!(out, "no attributions")?;
    } else {
        writeln!(out, "Sources")?;
        for m in &marks {
            let mut line = String::new();
            paint(
                &mut line,
                &super::terminal::safe(&source_line(m)),
                identity_style(m.attribution.identity),
                opts.color,
            );
            wrap_into(out, &line, opts.width, "    ")?;
        }
    }
    writeln!(out)?;
    let mut legend = String::from("Legend: [1N …] claim 1 resting on a Named source (A anonymous, U unspecified); {…} its cue; the number points to the source list");
    if opts.color {
        legend.push_str("; colours: ");
        for (i, id) in Identity::ALL.iter().enumerate() {
            if i > 0 {
                legend.push_str(", ");
            }
            paint(&mut legend, id.as_str(), identity_style(*id), true);
        }
    }
    wrap_into(out, &legend, opts.width, "  ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Role, Span};

    fn claim(start: usize, end: usize, identity: Identity) -> Attribution {
        Attribution {
            cue: Some(Span {
                start: 4,
                end: 8,
                text: "said".into(),
            }),
            content: Some(Span {
                start,
                end,
                text: String::new(),
            }),
            identity,
            role: Role::Public,
            ..Attribution::of("Ana")
        }
    }

    #[test]
    fn plain_markers_sit_at_the_offsets() {
        let text = "Ana said the river rose. Then it fell.";
        let a = [claim(9, 23, Identity::Named)];
        let m = marks(text.chars().count(), &a);
        assert_eq!(
            marked_text(text, &m, false),
            "Ana {said} [1N the river rose]. Then it fell."
        );
    }

    #[test]
    fn claims_starting_at_the_same_place_nest() {
        let text = "Ana said the river rose fast. Then it fell.";
        // the shorter one first: the longer still opens first and closes last
        let a = [
            claim(9, 23, Identity::Named),
            claim(9, 28, Identity::Anonymous),
        ];
        let m = marks(text.chars().count(), &a);
        assert_eq!(
            marked_text(text, &m, false),
            "Ana {said} [1A [2N the river rose] fast]. Then it fell."
        );
    }

    #[test]
    fn colour_is_closed_on_every_line() {
        let text = "Ana said the river\nrose. Then it fell.";
        let a = [claim(9, 24, Identity::Anonymous)];
        let mut out = Vec::new();
        render(
            &mut out,
            text,
            &a,
            ShowOptions {
                width: 30,
                color: true,
            },
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("\u{1b}["), "{out:?}");
        for line in out.lines().filter(|l| l.contains('\u{1b}')) {
            let last = line.rfind('\u{1b}').unwrap();
            assert!(
                line[last..].starts_with("\u{1b}[0m"),
                "colour left open: {line:?}"
            );
        }
    }
}
