//! Reading one content file safely: a size limit, UTF-8 with a clear position for the first bad
//! byte, a byte-order mark dropped and CRLF line endings normalised, so every later stage sees the
//! same clean text and the same line numbers the contributor's editor shows.

use std::fs;
use std::path::Path;

use crate::diagnostics::Diagnostic;

/// Entries are a few kilobytes; anything past this is a mistake (a pasted binary, a data dump).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

pub fn read_text(path: &Path, display: &str) -> Result<String, Diagnostic> {
    let size = fs::metadata(path).map(|m| m.len()).map_err(|e| io_error(display, &e))?;
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            "file-too-large",
            display,
            "the file is too large to be a directory entry",
        )
        .found(format!("{size} bytes"))
        .expected(format!("at most {MAX_FILE_BYTES} bytes"))
        .hint("keep entries to text; put large documents elsewhere and link to them"));
    }
    let bytes = fs::read(path).map_err(|e| io_error(display, &e))?;
    decode(bytes, display)
}

fn io_error(display: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error("unreadable-file", display, format!("the file cannot be read: {error}"))
}

/// Decodes bytes as UTF-8, dropping a BOM and turning CRLF (and lone CR) into LF.
pub fn decode(mut bytes: Vec<u8>, display: &str) -> Result<String, Diagnostic> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
            let bad = e.as_bytes()[valid.len()];
            return Err(
                Diagnostic::error("not-utf8", display, "the file is not valid UTF-8 text")
                    .at(line, column)
                    .found(format!("the byte 0x{bad:02X}"))
                    .expected("UTF-8 text")
                    .hint("save the file as UTF-8 (most editors offer it under \"Save with encoding\")"),
            );
        }
    };
    if text.contains('\r') {
        Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_normalised() {
        let text = decode(b"\xEF\xBB\xBF---\r\nname: a\r\n---\r\n".to_vec(), "x.md").unwrap();
        assert_eq!(text, "---\nname: a\n---\n");
    }

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let d = decode(b"---\nname: caf\xE9\n".to_vec(), "x.md").unwrap_err();
        assert_eq!((d.code, d.line, d.column), ("not-utf8", 2, 10));
    }
}
