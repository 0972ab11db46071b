//! HTML pages to article text with `dom_smoothie` (a port of Mozilla's Readability): the main
//! content without navigation, scripts and styles, in its formatted text mode so paragraphs
//! stay apart (a blank line between them). The text returned is what gets stored, so claim
//! offsets index it.

use dom_smoothie::{Config, Readability, TextMode};

/// The readable part of an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlArticle {
    /// From `og:title`, else `<title>` (as Readability chooses), if not blank.
    pub title: Option<String>,
    /// The author line, if the page names one.
    pub byline: Option<String>,
    /// The article's text: paragraphs separated by a blank line, no trailing white space.
    pub text: String,
}

/// Extract the article from an HTML page. The error says why no article text was found.
pub fn article(html: &str) -> Result<HtmlArticle, String> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let mut r = Readability::new(html, None, Some(cfg)).map_err(|e| e.to_string())?;
    let a = r
        .parse()
        .map_err(|e| format!("no article text found in the HTML ({e})"))?;
    let text = tidy(&a.text_content);
    if text.is_empty() {
        return Err("no article text found in the HTML".to_string());
    }
    let clean = |s: &str| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!s.is_empty()).then_some(s)
    };
    Ok(HtmlArticle {
        title: clean(&a.title),
        byline: a.byline.as_deref().and_then(clean),
        text,
    })
}

/// Trim each line's trailing spaces, keep at most one blank line between paragraphs, and drop
/// blank lines at the start and end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0usize;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line.trim_start());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A news page as a site serves it (written for these tests): head metadata, navigation,
    /// a cookie banner, scripts, styles, a sidebar, the article and a footer.
    const PAGE: &str = include_str!("../../samples/port-strike.html");

    #[test]
    fn a_news_page_gives_its_paragraphs_title_and_byline() {
        let a = article(PAGE).unwrap();
        assert_eq!(a.title.as_deref(), Some("Port strike ends after nine days"));
        assert!(
            a.byline
                .as_deref()
                .is_some_and(|b| b.contains("Dana Whitfield")),
            "{:?}",
            a.byline
        );
        // Paragraphs stay apart, separated by a blank line; white space inside is one space.
        assert_eq!(
            a.text,
            "By Dana Whitfield\n\n\
             Dock workers at the city's container port returned to work on Tuesday after a \
             nine-day strike over pay and night shifts, the union said in a statement.\n\n\
             \"We have an agreement that our members can live with,\" said Maria Okafor, the \
             union's regional secretary. She said the deal raised hourly pay by six percent and \
             capped night shifts at three a week.\n\n\
             The port authority said about 40 ships had waited offshore during the stoppage and \
             that it expected the backlog to clear within a week. According to shipping analysts, \
             the delay cost importers millions of dollars.\n\n\
             A spokesperson for the transport ministry, who asked not to be named, told reporters \
             the government had not intervened in the talks."
        );
        for junk in [
            "Home",
            "Sport",
            "cookies",
            "dataLayer",
            "font-family",
            "Most read",
            "All rights reserved",
        ] {
            assert!(!a.text.contains(junk), "{junk:?} in the text:\n{}", a.text);
        }
        assert_eq!(a.text, a.text.trim());
    }

    #[test]
    fn a_page_without_content_is_an_error() {
        let err = article(
            "<html><head><title>x</title><style>p {}</style></head>\
             <body><script>var said = 1;</script></body></html>",
        )
        .unwrap_err();
        assert!(err.contains("no article text"), "{err}");
    }

    #[test]
    fn tidy_keeps_one_blank_line_between_paragraphs() {
        assert_eq!(tidy("\n\n  A b.  \n\n\n\nC d.\nE.\n\n"), "A b.\n\nC d.\nE.");
    }
}
