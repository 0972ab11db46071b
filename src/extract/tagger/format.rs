//! The model file: a header, the feature weights and the known words, little-endian.
//!
//! ```text
//! offset  size           field
//! 0       8              magic "WSPOSTAG"
//! 8       4   u32        format version (2)
//! 12      4   u32        feature set the keys were made with (features::FEATURE_SET)
//! 16      4   u32        number of tags (17)
//! 20      4   f32        scale: a weight is its stored i16 times the scale
//! 24      4   u32        F, number of features
//! 28      4   u32        W, number of known words
//! 32      8*F u64        feature keys, strictly ascending, none 0
//! ..      2*17*F i16     the weights, one row of 17 per feature, in tag order
//! ..      8*W u64        known-word keys (features::word_key), strictly ascending, none 0
//! ..      4*W u32        each word's class: bit i set when tag index i was seen with it
//!                        (bits 0-16, at least one), bit 31 set for a dictionary word,
//!                        which then has exactly one tag bit
//! ```
//!
//! The file ends there; any other length is an error.

use super::features::{DICT, FEATURE_SET, TAG_BITS};
use super::upos::Upos;

const MAGIC: &[u8; 8] = b"WSPOSTAG";
const VERSION: u32 = 2;
const HEADER: usize = 32;

/// One feature's weights, one per tag.
pub(crate) type Row = [i16; Upos::COUNT];

/// Why a model file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("tagger model: not a model file (bad magic bytes)")]
    Magic,
    #[error("tagger model: format version {0} is not supported (expected {VERSION})")]
    Version(u32),
    #[error("tagger model: made with feature set {0}, this build uses {FEATURE_SET}; retrain it")]
    FeatureSet(u32),
    #[error("tagger model: {0} tags, expected {n}", n = Upos::COUNT)]
    Tags(u32),
    #[error("tagger model: the file is {actual} bytes, its header describes {expected}")]
    Length { expected: u64, actual: u64 },
    #[error("tagger model: {0}")]
    Invalid(&'static str),
}

/// The decoded contents of a model file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ModelData {
    pub scale: f32,
    /// Feature keys, ascending, with their weight rows.
    pub features: Vec<(u64, Row)>,
    /// The known words' classes, by word key, ascending.
    pub words: Vec<(u64, u32)>,
}

impl ModelData {
    pub(crate) fn encode(&self) -> Vec<u8> {
        let (f, w) = (self.features.len(), self.words.len());
        let mut out = Vec::with_capacity(HEADER + f * (8 + 2 * Upos::COUNT) + w * 12);
        out.extend_from_slice(MAGIC);
        for v in [VERSION, FEATURE_SET, Upos::COUNT as u32] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.scale.to_le_bytes());
        for n in [f, w] {
            let n = u32::try_from(n).expect("fewer than 2^32 features and words");
            out.extend_from_slice(&n.to_le_bytes());
        }
        for (k, _) in &self.features {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for (_, row) in &self.features {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        for (k, _) in &self.words {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for (_, c) in &self.words {
            out.extend_from_slice(&c.to_le_bytes());
        }
        out
    }

    pub(crate) fn decode(bytes: &[u8]) -> Result<ModelData, ModelError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ModelError::Magic);
        }
        if bytes.len() < HEADER {
            return Err(ModelError::Length {
                expected: HEADER as u64,
                actual: bytes.len() as u64,
            });
        }
        let u32_at = |o: usize| u32::from_le_bytes(bytes[o..o + 4].try_into().expect("4 bytes"));
        let version = u32_at(8);
        if version != VERSION {
            return Err(ModelError::Version(version));
        }
        let set = u32_at(12);
        if set != FEATURE_SET {
            return Err(ModelError::FeatureSet(set));
        }
        let tags = u32_at(16);
        if tags as usize != Upos::COUNT {
            return Err(ModelError::Tags(tags));
        }
        let scale = f32::from_le_bytes(bytes[20..24].try_into().expect("4 bytes"));
        if !scale.is_finite() || scale <= 0.0 {
            return Err(ModelError::Invalid(
                "the weight scale is not a positive number",
            ));
        }
        let (f, w) = (u64::from(u32_at(24)), u64::from(u32_at(28)));
        let expected = HEADER as u64 + f * (8 + 2 * Upos::COUNT as u64) + w * 12;
        if bytes.len() as u64 != expected {
            return Err(ModelError::Length {
                expected,
                actual: bytes.len() as u64,
            });
        }
        let (f, w) = (f as usize, w as usize);
        let u64_at = |o: usize| u64::from_le_bytes(bytes[o..o + 8].try_into().expect("8 bytes"));
        let keys_at = HEADER;
        let rows_at = keys_at + 8 * f;
        let words_at = rows_at + 2 * Upos::COUNT * f;
        let classes_at = words_at + 8 * w;
        let mut features = Vec::with_capacity(f);
        for i in 0..f {
            let mut row = [0i16; Upos::COUNT];
            let o = rows_at + 2 * Upos::COUNT * i;
            for (t, w) in row.iter_mut().enumerate() {
                *w = i16::from_le_bytes([bytes[o + 2 * t], bytes[o + 2 * t + 1]]);
            }
            features.push((u64_at(keys_at + 8 * i), row));
        }
        let mut words = Vec::with_capacity(w);
        for i in 0..w {
            let class = u32_at(classes_at + 4 * i);
            let tags = class & TAG_BITS;
            if tags == 0 || class & !(TAG_BITS | DICT) != 0 {
                return Err(ModelError::Invalid(
                    "a word's class is empty or out of range",
                ));
            }
            if class & DICT != 0 && tags.count_ones() != 1 {
                return Err(ModelError::Invalid(
                    "a dictionary word has more than one tag",
                ));
            }
            words.push((u64_at(words_at + 8 * i), class));
        }
        fn ascending(keys: impl Iterator<Item = u64>) -> bool {
            let mut prev = 0u64;
            for k in keys {
                if k <= prev {
                    return false;
                }
                prev = k;
            }
            true
        }
        if !ascending(features.iter().map(|f| f.0)) {
            return Err(ModelError::Invalid(
                "the feature keys are not strictly ascending and non-zero",
            ));
        }
        if !ascending(words.iter().map(|w| w.0)) {
            return Err(ModelError::Invalid(
                "the word keys are not strictly ascending and non-zero",
            ));
        }
        Ok(ModelData {
            scale,
            features,
            words,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ModelData {
        let mut row = [0i16; Upos::COUNT];
        row[3] = -7;
        row[16] = 300;
        ModelData {
            scale: 0.5,
            features: vec![(5, row), (9, [1; Upos::COUNT])],
            words: vec![(2, 1 << 7 | 1 << 15), (u64::MAX, DICT | 1 << 12)],
        }
    }

    #[test]
    fn a_model_round_trips() {
        let m = sample();
        let bytes = m.encode();
        assert_eq!(bytes.len(), 32 + 2 * (8 + 34) + 2 * 12);
        assert_eq!(ModelData::decode(&bytes), Ok(m));
    }

    #[test]
    fn damaged_files_are_refused_with_a_reason() {
        let good = sample().encode();
        assert_eq!(ModelData::decode(&[]), Err(ModelError::Magic));
        assert_eq!(ModelData::decode(b"WSPOS"), Err(ModelError::Magic));
        assert_eq!(
            ModelData::decode(b"not a model file at all, really!"),
            Err(ModelError::Magic)
        );
        for cut in [8, 31, 32, good.len() - 1] {
            assert!(matches!(
                ModelData::decode(&good[..cut]),
                Err(ModelError::Length { .. })
            ));
        }
        let mut long = good.clone();
        long.push(0);
        assert!(matches!(
            ModelData::decode(&long),
            Err(ModelError::Length { .. })
        ));
        let mut v = good.clone();
        v[8] = 9;
        assert_eq!(ModelData::decode(&v), Err(ModelError::Version(9)));
        let mut v = good.clone();
        v[12] = 200;
        assert_eq!(ModelData::decode(&v), Err(ModelError::FeatureSet(200)));
        let mut v = good.clone();
        v[16] = 12;
        assert_eq!(ModelData::decode(&v), Err(ModelError::Tags(12)));
        let mut v = good.clone();
        v[24..28].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(
            ModelData::decode(&v),
            Err(ModelError::Length { .. })
        ));
        let n = good.len();
        for bad in [0, 1 << 20, DICT | 3, DICT] {
            let mut v = good.clone();
            v[n - 4..].copy_from_slice(&bad.to_le_bytes());
            assert!(matches!(ModelData::decode(&v), Err(ModelError::Invalid(_))));
        }
        let mut v = good;
        v[32..40].copy_from_slice(&9u64.to_le_bytes());
        assert!(matches!(ModelData::decode(&v), Err(ModelError::Invalid(_))));
    }
}
