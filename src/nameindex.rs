//! A name index in one flat byte buffer: sorted keys for exact look-ups, trigram postings for
//! fuzzy candidates.
//!
//! The same layout serves the GeoNames tier, built once at compile time by `build.rs` and
//! embedded, and the curated sites, built at start-up: a look-up reads the buffer in place, so
//! the large tier costs nothing to load. The index knows keys and opaque `u32` payloads only;
//! what a key is (see [`crate::fold`]) and what a payload names is the caller's business.
//!
//! Layout (little-endian): `b"BMNI"`, then `n_keys, n_entries, n_tri, n_post, n_str, n_slots`
//! as u32; keys (`str_off, str_len, first_entry, n_entries`: 4 × u32, sorted by key bytes);
//! entries (payload u32); trigrams (`tri, post_off, post_len`: 3 × u32, sorted by tri);
//! postings (key id u32, ascending); hash slots (key id + 1, or 0 for empty: an open-addressing
//! table over FNV-1a of the key, a power of two at least twice the keys); the key strings.
//! Exact look-ups probe the hash table; the sorted keys serve ordered uses.

const MAGIC: &[u8; 4] = b"BMNI";
const HEADER: usize = 4 + 6 * 4;

/// FNV-1a, 64-bit: the hash of the exact look-up table.
fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Collects `(key, payload)` pairs and lays them out.
#[derive(Default)]
pub struct IndexBuilder {
    pairs: Vec<(String, u32)>,
}

impl IndexBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `payload` under `key`; empty keys are ignored, duplicates kept once.
    pub fn add(&mut self, key: &str, payload: u32) {
        if !key.is_empty() {
            self.pairs.push((key.to_string(), payload));
        }
    }

    /// The laid-out buffer. Only keys that start with `fuzzy_prefix` get trigram postings.
    pub fn build(mut self, fuzzy_prefix: &str) -> Vec<u8> {
        self.pairs.sort_unstable();
        self.pairs.dedup();
        let mut grouped: Vec<(String, Vec<u32>)> = Vec::new();
        for (k, p) in self.pairs {
            match grouped.last_mut() {
                Some((last, ps)) if *last == k => ps.push(p),
                _ => grouped.push((k, vec![p])),
            }
        }
        let mut keys = Vec::new();
        let mut entries: Vec<u32> = Vec::new();
        let mut strings = Vec::new();
        let mut tri_pairs: Vec<(u32, u32)> = Vec::new();
        for (kid, (key, payloads)) in grouped.into_iter().enumerate() {
            keys.push([
                strings.len() as u32,
                key.len() as u32,
                entries.len() as u32,
                payloads.len() as u32,
            ]);
            strings.extend_from_slice(key.as_bytes());
            entries.extend(payloads);
            if let Some(body) = key.strip_prefix(fuzzy_prefix) {
                let mut seen = trigrams(body);
                seen.sort_unstable();
                seen.dedup();
                tri_pairs.extend(seen.into_iter().map(|t| (t, kid as u32)));
            }
        }
        tri_pairs.sort_unstable();
        let mut postings: Vec<u32> = Vec::with_capacity(tri_pairs.len());
        let mut tri_table: Vec<[u32; 3]> = Vec::new();
        for (t, kid) in tri_pairs {
            match tri_table.last_mut() {
                Some(row) if row[0] == t => row[2] += 1,
                _ => tri_table.push([t, postings.len() as u32, 1]),
            }
            postings.push(kid);
        }
        let n_slots = (keys.len() * 2).next_power_of_two().max(2);
        let mut slots = vec![0u32; n_slots];
        for (kid, k) in keys.iter().enumerate() {
            let bytes = &strings[k[0] as usize..(k[0] + k[1]) as usize];
            let mut at = fnv64(bytes) as usize & (n_slots - 1);
            while slots[at] != 0 {
                at = (at + 1) & (n_slots - 1);
            }
            slots[at] = kid as u32 + 1;
        }
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        for n in [
            keys.len(),
            entries.len(),
            tri_table.len(),
            postings.len(),
            strings.len(),
            n_slots,
        ] {
            out.extend_from_slice(&(n as u32).to_le_bytes());
        }
        for k in keys.iter().flatten().chain(entries.iter()) {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for t in tri_table
            .iter()
            .flatten()
            .chain(postings.iter())
            .chain(slots.iter())
        {
            out.extend_from_slice(&t.to_le_bytes());
        }
        out.extend_from_slice(&strings);
        out
    }
}

/// Trigrams of a key padded with `^` and `$`, hashed to u32 (FNV-1a).
pub fn trigrams(key: &str) -> Vec<u32> {
    let chars: Vec<char> = std::iter::once('^')
        .chain(key.chars())
        .chain(std::iter::once('$'))
        .collect();
    chars
        .windows(3)
        .map(|w| {
            let mut h: u32 = 0x811c_9dc5;
            for c in w {
                for b in (*c as u32).to_le_bytes() {
                    h ^= b as u32;
                    h = h.wrapping_mul(0x0100_0193);
                }
            }
            h
        })
        .collect()
}

/// A read-only view of a laid-out index.
#[derive(Clone, Copy)]
pub struct NameIndex<'a> {
    buf: &'a [u8],
    n_keys: usize,
    n_entries: usize,
    n_tri: usize,
    keys_at: usize,
    entries_at: usize,
    tri_at: usize,
    post_at: usize,
    slots_at: usize,
    n_slots: usize,
    str_at: usize,
}

impl<'a> NameIndex<'a> {
    /// Reads a buffer made by [`IndexBuilder::build`]; `None` if it is not one.
    pub fn new(buf: &'a [u8]) -> Option<Self> {
        if buf.len() < HEADER || &buf[..4] != MAGIC {
            return None;
        }
        let h =
            |i: usize| u32::from_le_bytes(buf[4 + 4 * i..8 + 4 * i].try_into().unwrap()) as usize;
        let (n_keys, n_entries, n_tri, n_post, n_str, n_slots) =
            (h(0), h(1), h(2), h(3), h(4), h(5));
        let keys_at = HEADER;
        let entries_at = keys_at + n_keys * 16;
        let tri_at = entries_at + n_entries * 4;
        let post_at = tri_at + n_tri * 12;
        let slots_at = post_at + n_post * 4;
        let str_at = slots_at + n_slots * 4;
        if str_at + n_str != buf.len() || !n_slots.is_power_of_two() || n_slots < n_keys {
            return None;
        }
        Some(NameIndex {
            buf,
            n_keys,
            n_entries,
            n_tri,
            keys_at,
            entries_at,
            tri_at,
            post_at,
            slots_at,
            n_slots,
            str_at,
        })
    }

    fn u32_at(&self, at: usize) -> u32 {
        u32::from_le_bytes(self.buf[at..at + 4].try_into().unwrap())
    }

    /// How many distinct keys the index holds.
    pub fn key_count(&self) -> usize {
        self.n_keys
    }

    /// The bytes of key `kid`.
    fn key_bytes(&self, kid: u32) -> &'a [u8] {
        let at = self.keys_at + kid as usize * 16;
        let off = self.u32_at(at) as usize;
        let len = self.u32_at(at + 4) as usize;
        self.buf
            .get(self.str_at + off..self.str_at + off + len)
            .unwrap_or(&[])
    }

    /// The text of key `kid`.
    pub fn key(&self, kid: u32) -> &'a str {
        // keys were written from `&str`s
        std::str::from_utf8(self.key_bytes(kid)).unwrap_or("")
    }

    /// The payloads stored under key `kid`.
    pub fn payloads(&self, kid: u32) -> impl Iterator<Item = u32> + 'a {
        let at = self.keys_at + kid as usize * 16;
        let first = self.u32_at(at + 8) as usize;
        let n = self.u32_at(at + 12) as usize;
        let me = *self;
        (first..(first + n).min(self.n_entries)).map(move |e| me.u32_at(me.entries_at + e * 4))
    }

    /// The id of `key`, if present.
    pub fn find(&self, key: &str) -> Option<u32> {
        let k = key.as_bytes();
        let mask = self.n_slots - 1;
        let mut at = fnv64(k) as usize & mask;
        // the table is at most half full, so a probe meets an empty slot soon
        for _ in 0..self.n_slots {
            let kid = self.u32_at(self.slots_at + at * 4);
            if kid == 0 {
                return None;
            }
            if self.key_bytes(kid - 1) == k {
                return Some(kid - 1);
            }
            at = (at + 1) & mask;
        }
        None
    }

    fn postings(&self, tri: u32) -> &'a [u8] {
        let (mut lo, mut hi) = (0usize, self.n_tri);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let at = self.tri_at + mid * 12;
            let t = self.u32_at(at);
            if t < tri {
                lo = mid + 1;
            } else if t > tri {
                hi = mid;
            } else {
                let off = self.u32_at(at + 4) as usize;
                let len = self.u32_at(at + 8) as usize;
                return &self.buf[self.post_at + off * 4..self.post_at + (off + len) * 4];
            }
        }
        &[]
    }

    /// Keys sharing the most trigrams with `body` (which is looked up under `prefix`), best
    /// first: `(key id, shared trigrams)`, at most `max`, each sharing at least `min_shared`.
    pub fn fuzzy_candidates(&self, body: &str, max: usize, min_shared: u32) -> Vec<(u32, u32)> {
        let mut tris = trigrams(body);
        tris.sort_unstable();
        tris.dedup();
        let mut counts: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
        for t in tris {
            for chunk in self.postings(t).chunks_exact(4) {
                let kid = u32::from_le_bytes(chunk.try_into().unwrap());
                *counts.entry(kid).or_insert(0) += 1;
            }
        }
        let mut out: Vec<(u32, u32)> = counts
            .into_iter()
            .filter(|&(_, c)| c >= min_shared)
            .collect();
        out.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out.truncate(max);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut b = IndexBuilder::new();
        b.add("E:deirzor", 7);
        b.add("E:deirzor", 9);
        b.add("S:drzr", 7);
        b.add("E:bukamal", 3);
        b.add("", 1);
        let buf = b.build("E:");
        let ix = NameIndex::new(&buf).unwrap();
        assert_eq!(ix.key_count(), 3);
        let k = ix.find("E:deirzor").unwrap();
        assert_eq!(ix.payloads(k).collect::<Vec<_>>(), vec![7, 9]);
        assert!(ix.find("E:deir").is_none());
        // every key is found through the hash table
        for key in ["E:deirzor", "S:drzr", "E:bukamal"] {
            assert_eq!(ix.key(ix.find(key).unwrap()), key);
        }
        let c = ix.fuzzy_candidates("deirzoor", 5, 1);
        assert_eq!(ix.key(c[0].0), "E:deirzor");
        // skeleton keys get no postings
        assert!(c.iter().all(|(k, _)| ix.key(*k).starts_with("E:")));
    }

    #[test]
    fn rejects_foreign_bytes() {
        assert!(NameIndex::new(b"nope").is_none());
        assert!(
            NameIndex::new(b"BMNI\x01\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0").is_none()
        );
    }
}
