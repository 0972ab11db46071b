//! The lower-case form of a token, kept without a heap allocation for nearly every word:
//! a word with no capital is its own lower-case form (borrowed from the text), and the
//! lower-case copy of a short capitalised word is held inline.

use std::fmt;
use std::ops::Deref;

/// The longest lower-case form held inline, in bytes (the enum stays the size of a `&str`
/// plus one word).
const INLINE: usize = 22;

/// A short lower-case copy held inline; its fields are private, so only `Lower::of_ascii`
/// builds one.
#[derive(Clone)]
pub struct Short {
    len: u8,
    bytes: [u8; INLINE],
}

/// A token's lower-case form.
#[derive(Clone)]
pub enum Lower<'a> {
    /// The text itself, or a fixed spelling (the straight "'s" for a curly one).
    Text(&'a str),
    /// A copy of up to `INLINE` bytes.
    Inline(Short),
    /// A longer or non-ASCII copy.
    Heap(Box<str>),
}

impl<'a> Lower<'a> {
    /// The lower-case form of an ASCII `word`, borrowing it when it has no capital.
    pub fn of_ascii(word: &'a str) -> Lower<'a> {
        let b = word.as_bytes();
        debug_assert!(b.is_ascii());
        if !b.iter().any(u8::is_ascii_uppercase) {
            Lower::Text(word)
        } else if b.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..b.len()].copy_from_slice(b);
            bytes[..b.len()].make_ascii_lowercase();
            Lower::Inline(Short {
                len: b.len() as u8,
                bytes,
            })
        } else {
            Lower::Heap(word.to_ascii_lowercase().into_boxed_str())
        }
    }

    /// The lower-case form of a word with a non-ASCII letter.
    pub fn of_unicode(word: &'a str) -> Lower<'a> {
        if word.chars().any(char::is_uppercase) {
            Lower::Heap(word.to_lowercase().into_boxed_str())
        } else {
            Lower::Text(word)
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Lower::Text(s) => s,
            Lower::Inline(Short { len, bytes }) => {
                let b = &bytes[..usize::from(*len)];
                // SAFETY: `Inline` is only built by `of_ascii`, from the whole of a `&str`
                // with its ASCII letters lowered in place, which keeps it valid UTF-8.
                unsafe { std::str::from_utf8_unchecked(b) }
            }
            Lower::Heap(s) => s,
        }
    }
}

impl Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Lower<'_> {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Lower<'_> {
    fn eq(&self, other: &Lower) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Lower<'_> {}

impl PartialEq<str> for Lower<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for Lower<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Lower<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_forms_borrow_inline_or_allocate() {
        assert!(matches!(Lower::of_ascii("said"), Lower::Text("said")));
        let short = Lower::of_ascii("McDonald");
        assert!(matches!(short, Lower::Inline(_)));
        assert_eq!(short, "mcdonald");
        let long = Lower::of_ascii("Internationalisation-Minded");
        assert!(matches!(long, Lower::Heap(_)));
        assert_eq!(long.as_str(), "internationalisation-minded");
        assert_eq!(Lower::of_unicode("Élan"), "élan");
        assert!(matches!(Lower::of_unicode("élan"), Lower::Text(_)));
        assert_eq!(std::mem::size_of::<Lower>(), 24);
    }
}
