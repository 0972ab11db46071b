//! HTML pages to article text with `dom_smoothie` (a port of Mozilla's Readability): the main
//! content without navigation, scripts and styles, in its formatted text mode so paragraphs
//! stay apart (a blank line between them). The text returned is what gets stored, so claim
//! offsets index it.

use dom_query::Document;
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

/// The deepest nesting of elements a page may have. Readability's work grows with the
/// depth of the page times its size (a page of 17,000 nested `<div>`s, 88 KB, takes seconds;
/// 1 MB of them, hours), and no article nests anywhere near this deep.
pub const MAX_DEPTH: usize = 256;

/// Extract the article from an HTML page. The error says why no article text was found, or
/// that the page nests deeper than [`MAX_DEPTH`] (found in one linear pass, before parsing).
pub fn article(html: &str) -> Result<HtmlArticle, String> {
    if let Some(at) = too_deep(html, MAX_DEPTH) {
        return Err(format!(
            "HTML elements nested more than {MAX_DEPTH} deep at byte offset {at} (expected a \
             page nested at most {MAX_DEPTH} elements deep)"
        ));
    }
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let doc = parse(html)?;
    bound_escaping(&doc);
    let mut r = Readability::with_document(doc, None, Some(cfg)).map_err(|e| e.to_string())?;
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

/// The most nodes (elements, texts, comments) a page may have. Each costs some hundred bytes
/// through Readability; the longest pages of documentation have about 200,000 (the Rust
/// Reference on one page, 4.4 MB) and a news page a few thousand.
pub const MAX_NODES: usize = 300_000;

/// How much of the page the parser reads between two checks of its tree.
const CHUNK: usize = 16 * 1024;

/// Parse the page into a tree, a piece at a time, refusing it once the tree has more than
/// [`MAX_NODES`] nodes. The parser keeps every syntax error it meets as a message of its own
/// (a page of `<` makes one per byte, some 70 bytes each): they are dropped after each
/// piece, so the memory they take is that of one piece's.
fn parse(html: &str) -> Result<Document, String> {
    use html5ever::tendril::{StrTendril, TendrilSink};
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    let mut parser = html5ever::parse_document(Document::default(), opts);
    let too_many = |doc: &Document, at: usize| {
        doc.errors.borrow_mut().clear();
        (doc.tree.len() > MAX_NODES).then(|| {
            format!(
                "HTML of more than {MAX_NODES} nodes (elements, texts and comments), passed \
                 by byte offset {at} (expected a page of at most {MAX_NODES})"
            )
        })
    };
    let mut start = 0;
    while start < html.len() {
        let mut end = (start + CHUNK).min(html.len());
        while !html.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from_slice(&html[start..end]));
        if let Some(e) = too_many(&parser.tokenizer.sink.sink, end) {
            return Err(e);
        }
        start = end;
    }
    let doc = parser.finish();
    match too_many(&doc, html.len()) {
        Some(e) => Err(e),
        None => Ok(doc),
    }
}

/// A text node is cut into pieces of about this many bytes (each piece starting at a
/// character the serializer escapes), and an attribute value is cut to this length: see
/// [`bound_escaping`].
const PIECE: usize = 1024;

/// Whether the HTML serializer escapes `c` in text or attribute values: `&`, and the
/// characters whose UTF-8 starts with the byte 0xC2 (U+0080 to U+00BF, NBSP among them).
fn escaped(c: char) -> bool {
    c == '&' || ('\u{80}'..='\u{bf}').contains(&c)
}

/// Keep Readability's serialization of the page linear. It writes the article's HTML (which
/// is not used here) with html5ever's serializer, whose escaping scans from each `&` or
/// U+0080–U+00BF character to the next `<` or `>` of its text or attribute value (to the
/// end of it when there is none): a text of n `&` takes time n², 100 KB of them minutes. So
/// every text node longer than [`PIECE`] is split, before such a character, into adjacent
/// text nodes of about that size (the page's text stays the same, character for character),
/// and an attribute value longer than [`PIECE`] is cut to it (no article needs one that
/// long; the text never comes from one).
fn bound_escaping(doc: &Document) {
    for node in doc.root().descendants() {
        if node.is_text() {
            let text = node.text();
            if text.len() <= PIECE {
                continue;
            }
            let mut pieces: Vec<&str> = Vec::new();
            let mut start = 0;
            for (i, c) in text.char_indices() {
                if i - start >= PIECE && escaped(c) {
                    pieces.push(&text[start..i]);
                    start = i;
                }
            }
            if pieces.is_empty() {
                continue;
            }
            pieces.push(&text[start..]);
            for piece in pieces {
                node.insert_before(&doc.tree.new_text(piece));
            }
            node.remove_from_parent();
        } else if node.is_element() {
            for attr in node.attrs() {
                if attr.value.len() > PIECE {
                    let mut end = PIECE;
                    while !attr.value.is_char_boundary(end) {
                        end -= 1;
                    }
                    node.set_attr(&attr.name.local, &attr.value[..end]);
                }
            }
        }
    }
}

/// Elements that never hold others (no end tag).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out (the next one of its kind, or its parent's end,
/// closes it): not counted, so `<p>a<p>b` is not taken for nesting.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
];

/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// The byte offset of the start tag that takes the page's nesting past `max` elements, if
/// any. One pass over the bytes: comments, declarations and raw text are skipped, an end
/// tag closes the innermost open element of its name (and those opened inside it), and a
/// tag, comment or quote that never closes ends the scan. The stack never holds more than
/// `max` + 1 names, so the pass is linear in the page.
fn too_deep(html: &str, max: usize) -> Option<usize> {
    let b = html.as_bytes();
    let find = |from: usize, pat: &[u8]| -> Option<usize> {
        b.get(from..)?
            .windows(pat.len())
            .position(|w| w.eq_ignore_ascii_case(pat))
            .map(|i| from + i)
    };
    let mut open: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(lt) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
        let at = i + lt;
        let rest = &b[at + 1..];
        if rest.starts_with(b"!--") {
            i = find(at + 4, b"-->")? + 3;
            continue;
        }
        if rest.first().is_some_and(|&c| c == b'!' || c == b'?') {
            i = find(at + 1, b">")? + 1;
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            i = at + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        // the end of the tag, past quoted attribute values (a quote opens one only right
        // after `=`, as the HTML tokenizer reads it)
        let mut j = name_start + name_len;
        let mut quote = None;
        let mut after_equals = false;
        loop {
            let c = *b.get(j)?;
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if after_equals && (c == b'"' || c == b'\'') => quote = Some(c),
                None if c == b'>' => break,
                None => {}
            }
            if !c.is_ascii_whitespace() {
                after_equals = quote.is_none() && c == b'=';
            }
            j += 1;
        }
        // `<div/>` opens a div in HTML: the slash closes an element only in SVG and MathML
        let foreign = open.iter().any(|n| n == "svg" || n == "math");
        let self_closing = foreign && b[j - 1] == b'/';
        i = j + 1;
        if closing {
            if let Some(k) = open.iter().rposition(|n| *n == name) {
                open.truncate(k);
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let end = format!("</{name}");
            i = find(i, end.as_bytes())?;
            continue;
        }
        if self_closing || VOID.contains(&name.as_str()) || OPTIONAL_END.contains(&name.as_str()) {
            continue;
        }
        open.push(name);
        if open.len() > max {
            return Some(at);
        }
    }
    None
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
    fn nesting_is_measured_in_one_pass() {
        let nested = |n: usize| format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        assert_eq!(too_deep(&nested(5), 5), None);
        assert_eq!(too_deep(&nested(6), 5), Some(25));
        // closed elements, optional end tags, void elements, comments and raw text do not nest
        let flat = "<div></div>".repeat(100) + &"<p>a<li>b<br><img src='>'>".repeat(100);
        assert_eq!(too_deep(&flat, 5), None);
        assert_eq!(
            too_deep(
                "<!-- <div><div> --><script>'<div><div>'</script><b>a</b>",
                1
            ),
            None
        );
        // an end tag closes what was opened inside its element
        assert_eq!(too_deep(&"<div><span><i></div>".repeat(50), 3), None);
        // tags or quotes that never close end the scan
        assert_eq!(too_deep("<div><div class=\"x><div><div>", 2), None);
        // a quote inside an unquoted value is a character; a slash closes nothing in HTML
        assert_eq!(too_deep("<div x=a\"b><div><div>", 2), Some(16));
        assert_eq!(too_deep("<div/><div/><div/>", 2), Some(12));
        assert_eq!(
            too_deep(&format!("<svg>{}</svg>", "<path d='M0'/>".repeat(9)), 2),
            None
        );
        assert_eq!(too_deep("<div><div", 2), None);
        assert_eq!(too_deep(PAGE, MAX_DEPTH), None);
    }

    #[test]
    fn a_page_nested_too_deep_is_refused() {
        let page = format!(
            "<html><body>{}<p>Officials said so.</p>{}</body></html>",
            "<div>".repeat(MAX_DEPTH + 1),
            "</div>".repeat(MAX_DEPTH + 1)
        );
        let err = article(&page).unwrap_err();
        assert!(
            err.starts_with("HTML elements nested more than 256 deep at byte offset"),
            "{err}"
        );
        let ok = page.replacen("<div>", "", 1).replacen("</div>", "", 1);
        assert!(article(&ok).is_ok());
    }

    #[test]
    fn parsing_in_pieces_builds_the_tree_parsing_at_once_does() {
        // a fragment of odd length, so that the pieces' ends fall inside tags, attribute
        // values, character references, CR LF pairs and multi-byte characters
        let fragment =
            "<p class=\"a&amp;b\">caf\u{e9} &eacute;\r\n<b>x</b> 1 < 2 &#x4e2d;\u{1F600}</p>";
        let page = format!(
            "<html><head><title>T</title></head><body>{}</body></html>",
            fragment.repeat(1500)
        );
        assert!(page.len() > 5 * CHUNK);
        let Ok(pieces) = parse(&page) else {
            panic!("refused");
        };
        let whole = Document::from(page.as_str());
        assert_eq!(pieces.html(), whole.html());
        assert!(pieces.errors.borrow().is_empty());
    }

    #[test]
    fn a_page_of_more_nodes_than_the_bound_is_refused() {
        let page = |n: usize| format!("<html><body><p>Officials said so.</p>{}", "<?>".repeat(n));
        // the document, html, head, body, p and its text, then one comment a `<?>`
        let Err(err) = parse(&page(MAX_NODES)) else {
            panic!("a page of more than {MAX_NODES} nodes was read");
        };
        assert!(
            err.starts_with("HTML of more than 300000 nodes (elements, texts and comments)"),
            "{err}"
        );
        let Ok(doc) = parse(&page(MAX_NODES - 6)) else {
            panic!("a page of {MAX_NODES} nodes was refused");
        };
        assert_eq!(doc.tree.len(), MAX_NODES);
    }

    #[test]
    fn tidy_keeps_one_blank_line_between_paragraphs() {
        assert_eq!(tidy("\n\n  A b.  \n\n\n\nC d.\nE.\n\n"), "A b.\n\nC d.\nE.");
    }
}
