//! The numbers a space states, such as its floor area and how many people it holds: each is shown
//! on the space's page with its unit and published as a column of `spaces.csv`. A number added to
//! the model needs a line here, and its name in the interface strings.

use crate::content::model::Space;

/// One number of a space.
pub struct Quantity {
    /// Its column in `spaces.csv` (the field's name in the front matter).
    pub column: &'static str,
    /// The interface string that names it on the page.
    pub label: &'static str,
    pub unit: Unit,
    pub value: fn(&Space) -> Option<f64>,
}

/// What follows the number on the page.
pub enum Unit {
    /// A symbol, the same in every language (`m²`).
    Symbol(&'static str),
    /// A word, by its interface string (`personen`).
    Word(&'static str),
    None,
}

/// In the order the page shows them and the CSV lists them.
pub const QUANTITIES: [Quantity; 2] = [
    Quantity {
        column: "size_m2",
        label: "fact_size",
        unit: Unit::Symbol("m²"),
        value: |s| s.size_m2,
    },
    Quantity {
        column: "capacity",
        label: "fact_capacity",
        unit: Unit::Word("fact_capacity_unit"),
        value: |s| s.capacity.map(f64::from),
    },
];
