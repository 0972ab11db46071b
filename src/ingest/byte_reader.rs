//! A reader for the readers' tests.

/// A reader that hands out one byte per read, so every line end straddles a buffer.
pub(crate) struct ByteByByte(pub std::io::Cursor<Vec<u8>>);

impl std::io::Read for ByteByByte {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(1);
        self.0.read(&mut buf[..n])
    }
}
