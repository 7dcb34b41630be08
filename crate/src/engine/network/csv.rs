//! An RFC 4180 reader: fields separated by commas, records by CR LF, LF or a
//! lone CR; a field in double quotes may hold commas, line breaks and `""`
//! for a quote; the last record may end without a line break. Written by
//! hand: the `csv` crate would add its whole reader (and `memchr`) to the
//! background's wasm module for the ~50 lines the four files here need.
//! A byte-order mark is taken off by the caller (`network::read`).

/// The records of a CSV text in order, each with its row number as a
/// spreadsheet shows it (1 for the first; a quoted line break does not start
/// a row). An empty line is a record of one empty field.
pub struct Records<'a> {
    text: &'a str,
    at: usize,
    row: usize,
}

impl<'a> Records<'a> {
    pub fn new(text: &'a str) -> Records<'a> {
        Records { text, at: 0, row: 0 }
    }

    /// One field from `self.at`, which is left on the byte after it (a
    /// comma, a line break or the end).
    fn field(&mut self) -> Result<String, (usize, &'static str)> {
        let bytes = self.text.as_bytes();
        if bytes.get(self.at) != Some(&b'"') {
            let end = bytes[self.at..].iter().position(|b| matches!(b, b',' | b'\r' | b'\n'));
            let end = end.map_or(bytes.len(), |e| self.at + e);
            let field = self.text[self.at..end].to_owned();
            self.at = end;
            return Ok(field);
        }
        let mut field = String::new();
        let mut from = self.at + 1;
        loop {
            let Some(quote) = bytes[from..].iter().position(|b| *b == b'"').map(|q| from + q) else {
                return Err((self.row, "a quoted field is never closed"));
            };
            field.push_str(&self.text[from..quote]);
            if bytes.get(quote + 1) == Some(&b'"') {
                field.push('"');
                from = quote + 2;
            } else {
                self.at = quote + 1;
                break;
            }
        }
        // Anything between the closing quote and the next separator (not
        // RFC 4180, but what spreadsheets keep) stays part of the field.
        let rest = self.field()?;
        field.push_str(&rest);
        Ok(field)
    }
}

impl Iterator for Records<'_> {
    type Item = Result<(usize, Vec<String>), (usize, &'static str)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.text.len() {
            return None;
        }
        self.row += 1;
        let mut fields = Vec::new();
        loop {
            match self.field() {
                Ok(field) => fields.push(field),
                Err(e) => {
                    self.at = self.text.len();
                    return Some(Err(e));
                }
            }
            let bytes = self.text.as_bytes();
            // After a field: a comma, a line break (CR LF, LF or CR) or the end.
            let step = match bytes.get(self.at) {
                Some(b',') => {
                    self.at += 1;
                    continue;
                }
                Some(b'\r') if bytes.get(self.at + 1) == Some(&b'\n') => 2,
                Some(_) => 1,
                None => 0,
            };
            self.at += step;
            break;
        }
        Some(Ok((self.row, fields)))
    }
}
