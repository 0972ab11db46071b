//! Finding a CSV quoted cell that never closes. The csv crate reads such a cell to the end of
//! the input, silently swallowing every row after it; this tracker follows the same quoting
//! rules (a quote opens a quoted cell only at the start of a cell, `""` inside it is a quote)
//! over the bytes as they go by, so the reader can refuse the file naming the row.

/// Where a CSV cell is, byte by byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a cell.
    CellStart,
    /// In a cell that did not start with a quote (quotes are plain characters).
    Plain,
    /// In a quoted cell.
    Quoted,
    /// Just after a quote inside a quoted cell: it closed the cell, or starts `""`.
    QuoteInQuoted,
}

/// Follows the quoting of a CSV input fed in pieces.
#[derive(Debug, Clone)]
pub struct QuoteTracker {
    state: State,
    /// Bytes fed so far.
    at: u64,
    /// Where the quoted cell being read opened.
    opened_at: u64,
    /// The byte between cells.
    delimiter: u8,
}

impl Default for QuoteTracker {
    fn default() -> Self {
        QuoteTracker::with_delimiter(b',')
    }
}

impl QuoteTracker {
    /// A tracker for cells separated by `delimiter` (`,`, `;`, a tab).
    pub fn with_delimiter(delimiter: u8) -> Self {
        QuoteTracker {
            state: State::CellStart,
            at: 0,
            opened_at: 0,
            delimiter,
        }
    }

    /// Follow the next bytes of the input.
    pub fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            // The csv crate skips a byte-order mark at the start of the input.
            let in_bom = self.at < 3 && b == [0xEF, 0xBB, 0xBF][self.at as usize];
            if !(in_bom && self.state == State::CellStart) {
                self.state = match (self.state, b) {
                    (State::CellStart, b'"') => {
                        self.opened_at = self.at;
                        State::Quoted
                    }
                    (State::Quoted, b'"') => State::QuoteInQuoted,
                    (State::Quoted, _) => State::Quoted,
                    (State::QuoteInQuoted, b'"') => State::Quoted,
                    (_, b'\n' | b'\r') => State::CellStart,
                    (_, b) if b == self.delimiter => State::CellStart,
                    _ => State::Plain,
                };
            }
            self.at += 1;
        }
    }

    /// At the end of the input: the byte offset of the quote that opened a cell never
    /// closed, if any.
    pub fn unclosed(&self) -> Option<u64> {
        (self.state == State::Quoted).then_some(self.opened_at)
    }
}

/// The byte offset of the quote that opens a cell never closed in `bytes`, if any.
pub fn unclosed_quote(bytes: &[u8]) -> Option<u64> {
    unclosed_quote_with(bytes, b',')
}

/// The same for cells separated by `delimiter`.
pub fn unclosed_quote_with(bytes: &[u8], delimiter: u8) -> Option<u64> {
    let mut t = QuoteTracker::with_delimiter(delimiter);
    t.feed(bytes);
    t.unclosed()
}

#[cfg(test)]
mod tests {
    use super::{unclosed_quote, unclosed_quote_with};

    #[test]
    fn only_a_quote_at_the_start_of_a_cell_opens_one() {
        assert_eq!(unclosed_quote(b"a,b\n1,\"x\n2,y\n"), Some(6));
        assert_eq!(unclosed_quote(b"a,b\n1,\"x\"\"\n2,y\n"), Some(6));
        assert_eq!(unclosed_quote(b"a,b\n1,\"x\"\"y\"\n2,y\n"), None);
        assert_eq!(unclosed_quote(b"a,b\n1,x\"y\n2,\"\"\n"), None);
        assert_eq!(unclosed_quote(b"a,b\r\n1,\"x\r\n\"\r\n"), None);
        assert_eq!(unclosed_quote(b"\xEF\xBB\xBF\"a"), Some(3));
        assert_eq!(unclosed_quote(b"a,\"b\"c,\"d"), Some(7));
    }

    #[test]
    fn other_delimiters_open_cells_too() {
        assert_eq!(unclosed_quote_with(b"a;b\n1;\"x\n2;y\n", b';'), Some(6));
        assert_eq!(unclosed_quote_with(b"a;b\n1;\"x;y\"\n", b';'), None);
        assert_eq!(unclosed_quote_with(b"a\tb\n1\t\"x\n", b'\t'), Some(6));
        // A comma is plain text between semicolons.
        assert_eq!(unclosed_quote_with(b"a;b\n1,\"x;y\n", b';'), None);
    }
}
