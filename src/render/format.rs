//! Numbers, money and dates as a Dutch (or French, English) reader expects them.

use chrono::Datelike;

use crate::content::model::{Date, PartialDate};

/// 265000 → "265.000" (nl, fr use a narrow space in French; en "265,000").
pub fn integer(n: u64, language: &str) -> String {
    let digits = n.to_string();
    let separator = match language {
        "en" => ",",
        "fr" => "\u{202f}",
        _ => ".",
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

/// 35.5 → "35,5"; whole numbers without decimals; -1 → "-1".
pub fn decimal(x: f64, language: &str) -> String {
    let sign = if x < 0.0 { "-" } else { "" };
    let x = x.abs();
    if x.fract() == 0.0 && x < 1e15 {
        return format!("{sign}{}", integer(x as u64, language));
    }
    let text = format!("{:.2}", x);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let whole = integer(whole.parse().unwrap_or(0), language);
    let comma = if language == "en" { "." } else { "," };
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}{comma}{fraction}")
    }
}

pub fn euro(x: f64, language: &str) -> String {
    match language {
        "en" => format!("€{}", decimal(x, language)),
        _ => format!("€ {}", decimal(x, language)),
    }
}

/// 2025-06-01 → "1 juni 2025".
pub fn date(d: Date, language: &str) -> String {
    let month = month_names(language)[d.0.month0() as usize];
    match language {
        "en" => format!("{} {month} {}", d.0.day(), d.0.year()),
        _ => format!("{} {month} {}", d.0.day(), d.0.year()),
    }
}

/// 2019 → "2019", 2023-06 → "juni 2023".
pub fn partial_date(d: &PartialDate, language: &str) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{day} {} {}", month_names(language)[(m - 1) as usize], d.year),
        (Some(m), None) => format!("{} {}", month_names(language)[(m - 1) as usize], d.year),
        _ => d.year.to_string(),
    }
}

/// The month names used in dates, per language.
fn month_names(language: &str) -> [&'static str; 12] {
    match language {
        "fr" => [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        "en" => [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        _ => [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_numbers_and_dates() {
        assert_eq!(integer(265000, "nl"), "265.000");
        assert_eq!(integer(999, "nl"), "999");
        assert_eq!(integer(1251845, "en"), "1,251,845");
        assert_eq!(decimal(35.5, "nl"), "35,5");
        assert_eq!(decimal(120.0, "nl"), "120");
        assert_eq!(decimal(-1.0, "nl"), "-1");
        assert_eq!(decimal(-2.25, "nl"), "-2,25");
        assert_eq!(euro(2500.0, "nl"), "€ 2.500");
        assert_eq!(date(Date::parse("2025-06-01").unwrap(), "nl"), "1 juni 2025");
        assert_eq!(partial_date(&PartialDate::parse("2023-06").unwrap(), "nl"), "juni 2023");
    }
}
