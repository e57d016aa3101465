//! Checks of the forms: the rules the server applies (shared in `yeyak_protocol::rules`), so most
//! mistakes are caught before a request, with a message for each field.

use yeyak_protocol::rules::{self, DateProblem, PhoneProblem};

use super::dates::Date;
use crate::i18n::Msg;

/// A field of the verification form, with its element id for the error summary's links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Name.
    Name,
    /// Birth date.
    BirthDate,
    /// Mobile number.
    Phone,
    /// Reservation number (manage page).
    Number,
    /// The booking's consent checkbox (review page).
    Consent,
}

impl Field {
    /// The input's id.
    pub fn id(self) -> &'static str {
        match self {
            Field::Name => "yy-name",
            Field::BirthDate => "yy-birth",
            Field::Phone => "yy-phone",
            Field::Number => "yy-number",
            Field::Consent => "yy-consent",
        }
    }
}

/// A name (the server's own rule, from `yeyak_protocol::rules`).
pub fn name(text: &str) -> Result<String, Msg> {
    if text.trim().is_empty() {
        return Err(Msg::FieldNameMissing);
    }
    rules::name(text).ok_or(Msg::FieldNameInvalid)
}

/// A birth date as typed (the server's own rule); what is wrong with it otherwise.
pub fn birth_date(text: &str) -> Result<Date, Msg> {
    let (year, month, day) = rules::calendar_date(text).map_err(|problem| match problem {
        DateProblem::Empty => Msg::FieldBirthMissing,
        DateProblem::NotDigit => Msg::FieldBirthNotDigit,
        DateProblem::Length => Msg::FieldBirthLength,
        DateProblem::NoSuchDay => Msg::FieldBirthNoSuchDay,
    })?;
    Date::new(year, month, day)
        .filter(|d| d.year >= 1900)
        .ok_or(Msg::FieldBirthRange)
}

/// A Korean mobile number (the server's own rule); returns digits only, or what is wrong.
pub fn phone(text: &str) -> Result<String, Msg> {
    rules::mobile_digits(text).map_err(|problem| match problem {
        PhoneProblem::Empty => Msg::FieldPhoneMissing,
        PhoneProblem::NotDigit => Msg::FieldPhoneNotDigit,
        PhoneProblem::NotMobile => Msg::FieldPhoneNotMobile,
        PhoneProblem::Length010 => Msg::FieldPhoneLength010,
        PhoneProblem::LengthOld => Msg::FieldPhoneLengthOld,
    })
}

/// A reservation number like `YY-ABCDE23456` (the server's own rule).
pub fn reservation_number(text: &str) -> Result<String, Msg> {
    if text.trim().is_empty() {
        return Err(Msg::FieldNumberMissing);
    }
    rules::reservation_number(text).ok_or(Msg::FieldNumberInvalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_phones_follow_the_servers_rules() {
        assert_eq!(name(" 홍길동 "), Ok("홍길동".into()));
        assert_eq!(name(""), Err(Msg::FieldNameMissing));
        assert_eq!(name("홍길동1"), Err(Msg::FieldNameInvalid));
        assert_eq!(phone("010-1234-5678"), Ok("01012345678".into()));
        assert_eq!(phone("010-1234-567"), Err(Msg::FieldPhoneLength010));
        assert_eq!(phone("02-123-4567"), Err(Msg::FieldPhoneNotMobile));
        assert_eq!(phone("010-l234-5678"), Err(Msg::FieldPhoneNotDigit));
        assert_eq!(phone("016-123-45"), Err(Msg::FieldPhoneLengthOld));
        assert_eq!(
            phone("０１０－１２３４－５６７８"),
            Ok("01012345678".into())
        );
        assert_eq!(phone("011 123 4567"), Ok("0111234567".into()));
        assert_eq!(phone(""), Err(Msg::FieldPhoneMissing));
    }

    #[test]
    fn birth_dates_and_numbers() {
        assert_eq!(birth_date("19700319").unwrap().iso(), "1970-03-19");
        assert_eq!(
            birth_date("１９７０．０３．１９").unwrap().iso(),
            "1970-03-19"
        );
        assert_eq!(birth_date("1970-02-30"), Err(Msg::FieldBirthNoSuchDay));
        assert_eq!(birth_date("1970319"), Err(Msg::FieldBirthLength));
        assert_eq!(birth_date("1970년3월"), Err(Msg::FieldBirthNotDigit));
        assert_eq!(birth_date("18991231"), Err(Msg::FieldBirthRange));
        assert_eq!(birth_date(" "), Err(Msg::FieldBirthMissing));
        assert_eq!(
            reservation_number("yy-abcde23456"),
            Ok("YY-ABCDE23456".into())
        );
        assert_eq!(reservation_number("12345"), Err(Msg::FieldNumberInvalid));
        assert_eq!(Field::Phone.id(), "yy-phone");
    }
}
