//! Reading the index's own binary files (the packed blob, the head of the parts): little-endian
//! numbers and length-prefixed texts, never past the end, each problem a `BlobError`.

use std::ops::Range;

use crate::directory::BlobError;

pub(crate) struct Cursor<'a> {
    raw: &'a [u8],
    at: usize,
    /// What the bytes are, for errors ("its head").
    what: &'static str,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(raw: &'a [u8], what: &'static str) -> Cursor<'a> {
        Cursor { raw, at: 0, what }
    }

    /// The range of the next `n` bytes, which it passes.
    pub(crate) fn take(&mut self, n: usize) -> Result<Range<usize>, BlobError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.raw.len())
            .ok_or_else(|| BlobError(format!("{} ends too early", self.what)))?;
        let range = self.at..end;
        self.at = end;
        Ok(range)
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Result<&'a [u8], BlobError> {
        let range = self.take(n)?;
        Ok(&self.raw[range])
    }

    pub(crate) fn u32(&mut self) -> Result<u32, BlobError> {
        Ok(u32::from_le_bytes(self.bytes(4)?.try_into().expect("4 bytes")))
    }

    pub(crate) fn u64(&mut self) -> Result<u64, BlobError> {
        Ok(u64::from_le_bytes(self.bytes(8)?.try_into().expect("8 bytes")))
    }

    /// A text written as its length (`u32`) and its UTF-8 bytes.
    pub(crate) fn text(&mut self) -> Result<String, BlobError> {
        let len = self.u32()? as usize;
        String::from_utf8(self.bytes(len)?.to_vec()).map_err(|e| BlobError(e.to_string()))
    }
}
