//! A part of the journey kept as its JSON text and read only where it is used.
//!
//! Every page restores the journey from sessionStorage at start, so whatever that restore parses
//! is in the first download. The centre, the slot and the reservation are only read by the
//! booking pages (a later chunk): kept as text, their parsers stay in that chunk, and the start
//! page loads some 5 KB less. The text is the value's own JSON, so what is stored is the same as
//! when these were plain fields.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// A `T`, kept as JSON text.
pub struct Stored<T> {
    raw: Box<RawValue>,
    kind: PhantomData<T>,
}

impl<T: Serialize> Stored<T> {
    /// Keeps `value`.
    pub fn new(value: &T) -> Option<Self> {
        let raw = serde_json::value::to_raw_value(value).ok()?;
        Some(Self {
            raw,
            kind: PhantomData,
        })
    }
}

impl<T: DeserializeOwned> Stored<T> {
    /// The value (`None` only if what was stored is no longer a `T`).
    pub fn get(&self) -> Option<T> {
        self.peek()
    }
}

impl<T> Stored<T> {
    /// A few fields of the value, read without parsing the rest (`U` names only those).
    pub fn peek<U: DeserializeOwned>(&self) -> Option<U> {
        serde_json::from_str(self.raw.get()).ok()
    }
}

impl<T> Clone for Stored<T> {
    fn clone(&self) -> Self {
        Self {
            raw: self.raw.clone(),
            kind: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for Stored<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.raw.get())
    }
}

impl<T> PartialEq for Stored<T> {
    fn eq(&self, other: &Self) -> bool {
        self.raw.get() == other.raw.get()
    }
}

impl<T> Eq for Stored<T> {}

impl<T> Serialize for Stored<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

impl<'de, T> Deserialize<'de> for Stored<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self {
            raw: Box::<RawValue>::deserialize(deserializer)?,
            kind: PhantomData,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Slot {
        id: i64,
        time: String,
    }

    #[derive(Deserialize)]
    struct JustId {
        id: i64,
    }

    #[test]
    fn keeps_the_values_own_json_and_reads_it_back() {
        let slot = Slot {
            id: 7,
            time: "09:30".into(),
        };
        let kept = Stored::new(&slot).unwrap();
        assert_eq!(kept.get(), Some(slot));
        assert_eq!(kept.peek::<JustId>().map(|j| j.id), Some(7));
        // Stored inside a struct, it is written as the value itself (as a plain field was).
        let text = serde_json::to_string(&Some(kept.clone())).unwrap();
        assert_eq!(text, r#"{"id":7,"time":"09:30"}"#);
        let back: Option<Stored<Slot>> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, Some(kept));
        let none: Option<Stored<Slot>> = serde_json::from_str("null").unwrap();
        assert_eq!(none, None);
    }
}
