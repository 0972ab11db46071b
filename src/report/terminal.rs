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

fn needs_escape(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

#[cfg(test)]
mod tests {
    use super::safe;

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
}
