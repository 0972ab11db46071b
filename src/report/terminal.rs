//! Text on its way to a terminal: control characters and escape sequences in user text (a
//! title, an outlet, a source, an article) are shown, not obeyed. Files (CSV, JSON, HTML)
//! keep the text as it is.

use std::borrow::Cow;

/// `s` with every control character but line feeds and tabs replaced by one visible
/// character, so that no escape sequence reaches the terminal and code-point positions are
/// kept: a C0 control by its Unicode control picture (ESC → ␛), DEL by ␡, a C1 control (the
/// one-byte CSI among them) by �, and a carriage return by a space.
pub fn safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\r' => ' ',
                c if (c as u32) < 0x20 && needs_escape(c) => {
                    char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')
                }
                '\u{7f}' => '\u{2421}',
                c if needs_escape(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// `s` as one line of a message: [`safe`], and a line feed shown as ␊ too, so that a name
/// holding one (a file name, an id) cannot start a line of its own.
pub fn line(s: &str) -> Cow<'_, str> {
    match safe(s) {
        Cow::Borrowed(b) if !b.contains('\n') => Cow::Borrowed(b),
        shown => Cow::Owned(shown.replace('\n', "\u{240a}")),
    }
}

/// `s`, JSON text, with DEL and the C1 controls (which JSON writers leave as they are, and
/// which can only stand inside its strings) written as `\u` escapes: the same JSON, safe on
/// a terminal.
pub fn json_line(s: &str) -> Cow<'_, str> {
    let c1 = |c: char| c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c);
    if !s.chars().any(c1) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if c1(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

#[cfg(test)]
mod tests {
    use super::{json_line, line, safe};

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        assert_eq!(safe("plain title"), "plain title");
        assert_eq!(safe("red\u{1b}[31m!\u{7}"), "red\u{241b}[31m!\u{2407}");
        assert_eq!(safe("a\u{9b}2J\u{7f}"), "a\u{fffd}2J\u{2421}");
        assert_eq!(safe("line\r\nnext\ttab"), "line \nnext\ttab");
        // one character for one: code-point offsets stay valid
        let s = "x\u{1b}y\u{85}z";
        assert_eq!(safe(s).chars().count(), s.chars().count());
    }

    #[test]
    fn a_message_stays_on_one_line() {
        assert_eq!(line("a.txt\nwhosaid: fake"), "a.txt\u{240a}whosaid: fake");
        assert_eq!(line("x\u{1b}[2J"), "x\u{241b}[2J");
        assert_eq!(line("plain"), "plain");
    }

    #[test]
    fn json_keeps_its_value_and_loses_its_c1_controls() {
        let v = serde_json::json!({"id": "g\u{9b}2J\u{7f}", "e": "\u{1b}"});
        let text = v.to_string();
        let shown = json_line(&text);
        assert!(!shown.chars().any(|c| c.is_control()), "{shown}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&shown).unwrap(),
            v
        );
    }
}
