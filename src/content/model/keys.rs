//! Closed lists of values that the content writes by key (`per-uur`, `beperkt`): every value and
//! its key, taken from serde's own names, so the key a contributor writes, the one open data
//! publishes and the one a filter or label is looked up by cannot differ.

use serde::ser::{self, Impossible, Serialize};

use super::guide::{Building, GuideCategory, Level, Risk, Staff, Term, Together, YesNoDepends};
use super::practice::{Area, GovernmentRole};
use super::space::{Audience, AvailabilityStatus, JaNee, PriceModel, SpaceStatus, TenureKind, Wheelchair};

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

/// Declares an enum of unit variants and implements [`Keyed`] for it, its list of values made
/// from the declaration itself.
#[macro_export]
macro_rules! keyed {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $($(#[$variant_meta])* $variant),+
        }

        impl $crate::content::model::keys::Keyed for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
        }
    };
}

/// A keyed value people see named: the interface strings call it `{PREFIX}_{key}`
/// (`price_per-uur`), and `content/data/facts.yaml` may give it words in three languages under
/// `{PREFIX}-{key}` (`price-gratis`).
pub trait Labelled: Keyed {
    const PREFIX: &'static str;

    fn label_key(self) -> String {
        format!("{}_{}", Self::PREFIX, self.key())
    }

    fn fact_key(self) -> String {
        format!("{}-{}", Self::PREFIX, self.key())
    }
}

macro_rules! labelled {
    ($($ty:ty => $prefix:literal),+ $(,)?) => {
        $(impl Labelled for $ty {
            const PREFIX: &'static str = $prefix;
        })+

        /// The string key of every value of every labelled enum: each must have a Dutch string.
        pub fn value_label_keys() -> Vec<String> {
            let mut keys = Vec::new();
            $(keys.extend(<$ty as Keyed>::ALL.iter().map(|v| v.label_key()));)+
            keys
        }

        /// The key every value of every labelled enum has in `facts.yaml`.
        pub fn fact_keys() -> Vec<String> {
            let mut keys = Vec::new();
            $(keys.extend(<$ty as Keyed>::ALL.iter().map(|v| v.fact_key()));)+
            keys
        }
    };
}

labelled! {
    PriceModel => "price",
    Wheelchair => "wheelchair",
    JaNee => "janee",
    TenureKind => "tenure",
    AvailabilityStatus => "status",
    SpaceStatus => "space_status",
    Audience => "audience",
    GuideCategory => "category",
    Level => "level",
    YesNoDepends => "yesno",
    GovernmentRole => "role",
    Area => "area",
    Building => "building",
    Term => "term",
    Together => "together",
    Staff => "staff",
    Risk => "risk",
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

/// Serializer methods for what is not a unit variant: each is refused.
macro_rules! not_a_key {
    ($($method:ident($($arg:ty),*)),+ $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result<&'static str, NotAKey> {
            Err(NotAKey)
        })+
    };
}

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

    not_a_key! {
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<&'static str, NotAKey> {
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
    use crate::content::model::space::{
        Audience, AvailabilityStatus, JaNee, PriceModel, SpaceStatus, TenureKind, Wheelchair,
    };

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
        round_trip::<SpaceStatus>();
        round_trip::<Audience>();
        round_trip::<GuideCategory>();
        round_trip::<Level>();
        round_trip::<YesNoDepends>();
        round_trip::<GovernmentRole>();
        round_trip::<crate::content::model::practice::Area>();
        round_trip::<AccessNeed>();
        assert_eq!(PriceModel::PerUur.key(), "per-uur");
        assert_eq!(AccessNeed::StepFreeEntrance.key(), "step_free_entrance");
    }
}
