//! Checks of what a person types: names, dates, phone numbers, device ids.

use chrono::NaiveDate;
use yeyak_protocol::rules::{self, DateProblem, PhoneProblem};

use crate::problem::ApiProblem;

/// A trimmed name of letters and spaces (the shared rule in `yeyak_protocol::rules`).
pub fn name(raw: &str) -> Result<String, ApiProblem> {
    if raw.trim().is_empty() {
        return Err(ApiProblem::invalid_field("name", "is empty"));
    }
    rules::name(raw)
        .ok_or_else(|| ApiProblem::invalid_field("name", "must be 1 to 40 letters and spaces"))
}

/// A birth date between 1900-01-01 and `today`, as people type it (the shared rule in
/// `yeyak_protocol::rules::calendar_date`: `1970-03-19`, `19700319`, full-width digits).
pub fn birth_date(raw: &str, today: NaiveDate) -> Result<NaiveDate, ApiProblem> {
    let (year, month, day) = rules::calendar_date(raw).map_err(|problem| {
        let why = match problem {
            DateProblem::Empty => "is empty",
            DateProblem::NotDigit => "must be digits, like 1970-03-19 or 19700319",
            DateProblem::Length => "must be 8 digits (year 4, month 2, day 2), like 1970-03-19",
            DateProblem::NoSuchDay => "is not a day of the calendar",
        };
        ApiProblem::invalid_field("birth_date", why)
    })?;
    let date = NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| ApiProblem::invalid_field("birth_date", "is not a day of the calendar"))?;
    let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid");
    if date < earliest || date > today {
        return Err(ApiProblem::invalid_field(
            "birth_date",
            "is not a possible birth date",
        ));
    }
    Ok(date)
}

/// A real calendar date `YYYY-MM-DD` (a query's dates, written by programs).
pub fn date(field: &str, raw: &str) -> Result<NaiveDate, ApiProblem> {
    if raw.len() != 10 {
        return Err(ApiProblem::invalid_field(field, "is not a date YYYY-MM-DD"));
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| ApiProblem::invalid_field(field, "is not a real date YYYY-MM-DD"))
}

/// A Korean mobile number (the shared rule, full-width digits accepted), normalised to
/// `010-1234-5678`.
pub fn phone(raw: &str) -> Result<String, ApiProblem> {
    let digits = rules::mobile_digits(raw).map_err(|problem| {
        let why = match problem {
            PhoneProblem::Empty => "is empty",
            PhoneProblem::NotDigit => "must be digits and dashes, like 010-1234-5678",
            PhoneProblem::NotMobile => {
                "is not a mobile number (010, 011, 016 to 019), like 010-1234-5678"
            }
            PhoneProblem::Length010 => "must have 11 digits for 010, like 010-1234-5678",
            PhoneProblem::LengthOld => "must have 10 or 11 digits, like 011-123-4567",
        };
        ApiProblem::invalid_field("phone", why)
    })?;
    let (head, rest) = digits.split_at(3);
    let (middle, last) = rest.split_at(rest.len() - 4);
    Ok(format!("{head}-{middle}-{last}"))
}

/// A device id: 8 to 64 of `A-Z a-z 0-9 - _`.
pub fn device_id(raw: &str) -> Result<String, ApiProblem> {
    let ok = (8..=64).contains(&raw.len())
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(raw.to_owned())
    } else {
        Err(ApiProblem::invalid_field(
            "device_id",
            "must be 8 to 64 letters, digits, - or _",
        ))
    }
}

/// `홍길동` → `홍*동`, `홍길` → `홍*`: enough to recognise, not enough to identify.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    match chars.len() {
        0 | 1 => name.to_owned(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 8, 9).unwrap()
    }

    #[test]
    fn names() {
        assert_eq!(name("  홍길동 ").unwrap(), "홍길동");
        assert_eq!(name("Kim Min-ji").unwrap(), "Kim Min-ji");
        assert!(name("").is_err());
        assert!(name("   ").is_err());
        assert!(name("<script>").is_err());
        assert!(name("홍\u{0}동").is_err());
        assert!(name(&"가".repeat(41)).is_err());
    }

    #[test]
    fn birth_dates() {
        assert_eq!(
            birth_date("1970-03-19", today()).unwrap().to_string(),
            "1970-03-19"
        );
        // What people type, full-width digits included (the shared rule's).
        for typed in ["19700319", "１９７０－０３－１９", "1970.03.19"] {
            assert_eq!(
                birth_date(typed, today()).unwrap().to_string(),
                "1970-03-19"
            );
        }
        for bad in [
            "1970-02-30",
            "1970-13-01",
            "2027-01-01",
            "1899-12-31",
            "1970-3-19",
            "",
        ] {
            assert!(birth_date(bad, today()).is_err(), "{bad}");
        }
    }

    #[test]
    fn phones_are_normalised_with_dashes() {
        // Which numbers are valid is the shared rule's (tested in yeyak_protocol::rules).
        assert_eq!(phone("01012345678").unwrap(), "010-1234-5678");
        assert_eq!(phone("011 123 4567").unwrap(), "011-123-4567");
        assert_eq!(
            phone("０１０－１２３４－５６７８").unwrap(),
            "010-1234-5678"
        );
        assert_eq!(phone("02-123-4567").unwrap_err().0.code, "invalid_field");
    }

    #[test]
    fn device_ids_and_masks() {
        assert!(device_id("device-1234").is_ok());
        assert!(device_id("short").is_err());
        assert!(device_id("has space 12345").is_err());
        assert_eq!(mask_name("홍길동"), "홍*동");
        assert_eq!(mask_name("남궁민수"), "남**수");
        assert_eq!(mask_name("홍길"), "홍*");
    }
}
