//! A stable 64-bit hash of whatever is written into it: what the build memo stores to tell whether
//! a page's inputs changed. It must give the same value in every run and on every machine (the
//! memo outlives the process), so it is not `std`'s randomly keyed hasher.
//!
//! It takes eight bytes per step rather than one (FNV did one, and hashing every page's view was a
//! few percent of a build); input comes in pieces, so up to seven bytes wait for the next one.
//! Values are fed by a serializer of their own (`feed_value`), not as JSON. Not for adversarial input: a collision only means a page is not rendered again in a
//! contributor's own incremental build.

const K1: u64 = 0x87c3_7b91_1142_53d5;
const K2: u64 = 0x4cf5_ad43_2745_937f;

#[derive(Clone)]
pub struct ContentHash {
    state: u64,
    tail: u64,
    tail_len: u32,
    len: u64,
}

impl Default for ContentHash {
    fn default() -> Self {
        ContentHash::seeded(0x9e37_79b9_7f4a_7c15)
    }
}

impl ContentHash {
    /// Starts from an earlier hash, so that a shared prefix is hashed once.
    pub fn seeded(seed: u64) -> ContentHash {
        ContentHash {
            state: seed,
            tail: 0,
            tail_len: 0,
            len: 0,
        }
    }

    pub fn feed(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        while self.tail_len > 0 && !bytes.is_empty() {
            self.tail |= u64::from(bytes[0]) << (8 * self.tail_len);
            self.tail_len += 1;
            bytes = &bytes[1..];
            if self.tail_len == 8 {
                self.mix(self.tail);
                self.tail = 0;
                self.tail_len = 0;
            }
        }
        if bytes.is_empty() {
            return;
        }
        // The tail is empty here: either it was, or it just filled up and was mixed in.
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.mix(u64::from_le_bytes(word.try_into().expect("eight bytes")));
        }
        for (i, b) in words.remainder().iter().enumerate() {
            self.tail |= u64::from(*b) << (8 * i);
        }
        self.tail_len = words.remainder().len() as u32;
    }

    pub fn feed_u64(&mut self, value: u64) {
        self.feed(&value.to_le_bytes());
    }

    /// Feeds what `value` serialises to: every string, number and field name with a tag and a
    /// length, so that different values never feed the same bytes. Cheaper than hashing the value
    /// as JSON, which escapes every string and formats every number first (hashing each page's
    /// view that way was a few percent of a build).
    pub fn feed_value<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), serde_json::Error> {
        let mut feeder = value_feed::Feeder::new(self);
        value.serialize(&mut feeder)?;
        feeder.flush();
        Ok(())
    }

    fn mix(&mut self, word: u64) {
        let k = word.wrapping_mul(K1).rotate_left(31).wrapping_mul(K2);
        self.state = (self.state ^ k)
            .rotate_left(27)
            .wrapping_mul(5)
            .wrapping_add(0x52dc_e729);
    }

    pub fn finish(&self) -> u64 {
        let mut h = self.state ^ self.tail.wrapping_mul(K2).rotate_left(33) ^ self.len;
        // The finaliser of MurmurHash3: every input bit reaches every output bit.
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

impl std::io::Write for ContentHash {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.feed(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

mod value_feed;

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(pieces: &[&[u8]]) -> u64 {
        let mut h = ContentHash::default();
        for p in pieces {
            h.feed(p);
        }
        h.finish()
    }

    #[test]
    fn how_the_input_is_split_does_not_matter() {
        let text = "Atelier in Gent, 25 m², vanaf 1 januari.".as_bytes();
        let whole = hash(&[text]);
        for cut in 0..text.len() {
            assert_eq!(hash(&[&text[..cut], &text[cut..]]), whole, "cut at {cut}");
        }
        let bytes: Vec<&[u8]> = text.chunks(3).collect();
        assert_eq!(hash(&bytes), whole);
    }

    fn value_hash<T: serde::Serialize>(value: &T) -> u64 {
        let mut h = ContentHash::default();
        h.feed_value(value).unwrap();
        h.finish()
    }

    #[test]
    fn values_that_differ_anywhere_hash_differently() {
        use serde_json::json;
        let page =
            json!({"title": "Atelier", "facts": [{"term": "Prijs", "html": "€ 5"}], "draft": false, "size": 25.5});
        assert_eq!(value_hash(&page), value_hash(&page.clone()));
        let variants = [
            json!({"title": "Atelier ", "facts": [{"term": "Prijs", "html": "€ 5"}], "draft": false, "size": 25.5}),
            json!({"title": "Atelier", "facts": [{"term": "Prijs", "html": "€ 6"}], "draft": false, "size": 25.5}),
            json!({"title": "Atelier", "facts": [{"term": "Prijs", "html": "€ 5"}], "draft": true, "size": 25.5}),
            json!({"title": "Atelier", "facts": [{"term": "Prijs", "html": "€ 5"}], "draft": false, "size": 25.0}),
            json!({"title": "Atelier", "facts": [{"term": "Prijs", "html": "€ 5"}, {}], "draft": false, "size": 25.5}),
            json!({"title": "Atelier", "facts": [], "draft": false, "size": 25.5}),
            json!({"titel": "Atelier", "facts": [{"term": "Prijs", "html": "€ 5"}], "draft": false, "size": 25.5}),
            json!({"title": "Atelier", "facts": [{"term": "Prijs", "html": "€ 5"}], "draft": false}),
        ];
        for v in &variants {
            assert_ne!(value_hash(v), value_hash(&page), "{v}");
        }
        // Where one string ends and the next begins is part of the value.
        assert_ne!(value_hash(&("ab", "c")), value_hash(&("a", "bc")));
        assert_ne!(value_hash(&(vec!["a"], "b")), value_hash(&(vec!["a", "b"],)));
        assert_ne!(value_hash(&Some("")), value_hash(&None::<&str>));
        assert_ne!(value_hash(&1u32), value_hash(&1.0f64));
    }

    #[test]
    fn a_changed_byte_or_length_changes_the_hash() {
        let text = b"Atelier in Gent, 25 m2".to_vec();
        let base = hash(&[&text]);
        for i in 0..text.len() {
            let mut changed = text.clone();
            changed[i] ^= 1;
            assert_ne!(hash(&[&changed]), base, "byte {i}");
        }
        // Trailing zero bytes are input too.
        assert_ne!(hash(&[b"ab"]), hash(&[b"ab\0"]));
        assert_ne!(hash(&[b""]), hash(&[b"\0\0\0\0\0\0\0\0"]));
    }
}
