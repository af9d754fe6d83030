//! A serde serializer that feeds a value's parts into a `ContentHash` instead of formatting them.
//! Every part starts with a tag byte; strings and bytes carry their length; sequences, maps and
//! structs end with a tag of their own. So two different values never feed the same bytes, which
//! is all the memo needs. Parts collect in a buffer that goes to the hash in runs.

use serde::ser::{self, Serialize};

use super::ContentHash;

type Error = serde_json::Error;

const BUFFER: usize = 4096;

mod tag {
    pub const NONE: u8 = 1;
    pub const SOME: u8 = 2;
    pub const UNIT: u8 = 3;
    pub const BOOL: u8 = 4;
    pub const INT: u8 = 5;
    pub const UINT: u8 = 6;
    pub const FLOAT: u8 = 7;
    pub const CHAR: u8 = 8;
    pub const STR: u8 = 9;
    pub const BYTES: u8 = 10;
    pub const VARIANT: u8 = 11;
    pub const SEQ: u8 = 12;
    pub const MAP: u8 = 13;
    pub const STRUCT: u8 = 14;
    pub const FIELD: u8 = 15;
    pub const END: u8 = 16;
    pub const I128: u8 = 17;
    pub const U128: u8 = 18;
}

pub struct Feeder<'h> {
    hash: &'h mut ContentHash,
    buffer: Vec<u8>,
}

impl<'h> Feeder<'h> {
    pub fn new(hash: &'h mut ContentHash) -> Feeder<'h> {
        Feeder {
            hash,
            buffer: Vec::with_capacity(BUFFER),
        }
    }

    /// Hands what is left in the buffer to the hash.
    pub fn flush(&mut self) {
        self.hash.feed(&self.buffer);
        self.buffer.clear();
    }

    fn put(&mut self, bytes: &[u8]) {
        if self.buffer.len() + bytes.len() > BUFFER {
            self.flush();
            if bytes.len() > BUFFER {
                self.hash.feed(bytes);
                return;
            }
        }
        self.buffer.extend_from_slice(bytes);
    }

    fn tagged(&mut self, tag: u8, bytes: &[u8]) {
        self.put(&[tag]);
        self.put(bytes);
    }

    /// A tag, the length, then the bytes: where one string ends is part of the value.
    fn measured(&mut self, tag: u8, bytes: &[u8]) {
        self.tagged(tag, &(bytes.len() as u64).to_le_bytes());
        self.put(bytes);
    }
}

impl<'a, 'h> ser::Serializer for &'a mut Feeder<'h> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.tagged(tag::BOOL, &[u8::from(v)]);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.tagged(tag::INT, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.tagged(tag::I128, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.tagged(tag::UINT, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.tagged(tag::U128, &v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.tagged(tag::FLOAT, &v.to_bits().to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.tagged(tag::CHAR, &u32::from(v).to_le_bytes());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.measured(tag::STR, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.measured(tag::BYTES, v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.put(&[tag::NONE]);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.put(&[tag::SOME]);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.put(&[tag::UNIT]);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        self.measured(tag::VARIANT, variant.as_bytes());
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.measured(tag::VARIANT, variant.as_bytes());
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Error> {
        self.put(&[tag::SEQ]);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, Error> {
        self.measured(tag::VARIANT, variant.as_bytes());
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self, Error> {
        self.put(&[tag::MAP]);
        Ok(self)
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Error> {
        self.put(&[tag::STRUCT]);
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Error> {
        self.measured(tag::VARIANT, variant.as_bytes());
        self.put(&[tag::STRUCT]);
        Ok(self)
    }
}

/// The compound parts: their elements (or fields, with their names) one after the other, then
/// the end tag. The traits differ only in their names.
macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for &mut Feeder<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Error> {
                self.put(&[tag::END]);
                Ok(())
            }
        }
    )*};
}

macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for &mut Feeder<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
                self.measured(tag::FIELD, key.as_bytes());
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Error> {
                self.put(&[tag::END]);
                Ok(())
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);
fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for &mut Feeder<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Error> {
        self.put(&[tag::END]);
        Ok(())
    }
}
