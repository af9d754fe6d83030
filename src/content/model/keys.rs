//! Closed lists of values that the content writes by key (`per-uur`, `beperkt`): every value and
//! its key, taken from serde's own names, so the key a contributor writes, the one open data
//! publishes and the one a filter or label is looked up by cannot differ.

use serde::ser::{self, Impossible, Serialize};

/// An enum whose values the content writes as keys.
pub trait Keyed: Serialize + Copy + Eq + 'static {
    /// Every value, in the order the enum declares them (the order lists and figures use).
    const ALL: &'static [Self];

    /// The key as the content writes it: serde's name of the value.
    fn key(self) -> &'static str {
        self.serialize(VariantName)
            .expect("a keyed enum serialises as a unit variant")
    }

    /// The value whose key is `key`.
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.key() == key)
    }
}

/// Implements [`Keyed`] for an enum of unit variants. Naming a variant twice or leaving one out
/// does not compile: the list must match the enum.
#[macro_export]
macro_rules! keyed {
    ($ty:ty { $($variant:ident),+ $(,)? }) => {
        impl $crate::content::model::keys::Keyed for $ty {
            const ALL: &'static [Self] = &[$(<$ty>::$variant),+];
        }
        const _: () = {
            #[allow(dead_code)]
            fn every_variant_is_listed(value: $ty) {
                match value {
                    $(<$ty>::$variant => {}),+
                }
            }
        };
    };
}

/// Captures the name serde gives a unit variant; anything else is not a key.
struct VariantName;

#[derive(Debug)]
struct NotAKey;

impl std::fmt::Display for NotAKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a unit variant")
    }
}

impl std::error::Error for NotAKey {}

impl ser::Error for NotAKey {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        NotAKey
    }
}

type Never = Impossible<&'static str, NotAKey>;

impl ser::Serializer for VariantName {
    type Ok = &'static str;
    type Error = NotAKey;
    type SerializeSeq = Never;
    type SerializeTuple = Never;
    type SerializeTupleStruct = Never;
    type SerializeTupleVariant = Never;
    type SerializeMap = Never;
    type SerializeStruct = Never;
    type SerializeStructVariant = Never;

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<&'static str, NotAKey> {
        Ok(variant)
    }

    fn serialize_bool(self, _: bool) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_i8(self, _: i8) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_i16(self, _: i16) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_i32(self, _: i32) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_i64(self, _: i64) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_u8(self, _: u8) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_u16(self, _: u16) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_u32(self, _: u32) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_u64(self, _: u64) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_f32(self, _: f32) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_f64(self, _: f64) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_char(self, _: char) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_str(self, _: &str) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_none(self) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_unit(self) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Never, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_tuple(self, _: usize) -> Result<Never, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Never, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Never, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Never, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Never, NotAKey> {
        Err(NotAKey)
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Never, NotAKey> {
        Err(NotAKey)
    }
}

#[cfg(test)]
mod tests {
    use super::Keyed;
    use crate::content::model::guide::{GuideCategory, Level, YesNoDepends};
    use crate::content::model::practice::GovernmentRole;
    use crate::content::model::request::AccessNeed;
    use crate::content::model::space::{Audience, AvailabilityStatus, JaNee, PriceModel, TenureKind, Wheelchair};

    /// Every key reads back as its value, as YAML would give it; no two values share a key.
    fn round_trip<T: Keyed + serde::de::DeserializeOwned + std::fmt::Debug>() {
        let mut seen = std::collections::HashSet::new();
        for value in T::ALL {
            let key = value.key();
            assert!(seen.insert(key), "{key} twice");
            let read: T = serde_yaml::from_str(key).unwrap();
            assert_eq!(read, *value);
            assert_eq!(T::from_key(key), Some(*value));
        }
        assert_eq!(T::from_key("no-such-key"), None);
    }

    #[test]
    fn keys_are_serde_names_and_read_back() {
        round_trip::<PriceModel>();
        round_trip::<Wheelchair>();
        round_trip::<JaNee>();
        round_trip::<TenureKind>();
        round_trip::<AvailabilityStatus>();
        round_trip::<Audience>();
        round_trip::<GuideCategory>();
        round_trip::<Level>();
        round_trip::<YesNoDepends>();
        round_trip::<GovernmentRole>();
        round_trip::<AccessNeed>();
        assert_eq!(PriceModel::PerUur.key(), "per-uur");
        assert_eq!(AccessNeed::StepFreeEntrance.key(), "step_free_entrance");
    }
}
