//! Rules for what people type, shared so the client checks exactly what the server enforces.

/// The longest name accepted, in characters.
pub const NAME_MAX_CHARS: usize = 40;

/// What a keyboard or a copied text may put in place of plain ASCII, folded the way Unicode's
/// NFKC folds it: the full-width forms U+FF01..U+FF5E (`０１０`, `－`, `Ｋｉｍ`) become their ASCII
/// letters, digits and signs, and the ideographic space U+3000 a space. Only those: every other
/// character is kept as it is (the test checks each folded character against NFKC itself), so the
/// client carries no normalisation tables. The client and the server both fold with this.
pub fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// What people put between the groups of a number: spaces, `-`, `.`, `/`, and the dashes a phone
/// keyboard or a document gives instead of `-` (hyphens, en and em dashes, the minus sign).
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '.' | '/' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}'
    )
}

/// The digits of a number as typed: folded, separators dropped; the first other character if
/// there is one.
fn digits_of(text: &str) -> Result<String, char> {
    let mut digits = String::new();
    for c in fold_width(text).chars().filter(|&c| !is_separator(c)) {
        if !c.is_ascii_digit() {
            return Err(c);
        }
        digits.push(c);
    }
    Ok(digits)
}

/// A trimmed name of letters (spaces, `-`, `.`, `'` allowed), 1 to [`NAME_MAX_CHARS`], folded
/// as [`fold_width`]; `None` when empty or unusable.
pub fn name(text: &str) -> Option<String> {
    let folded = fold_width(text);
    let name = folded.trim();
    let allowed = |c: char| c.is_alphabetic() || matches!(c, ' ' | '-' | '.' | '\'');
    let ok = !name.is_empty()
        && name.chars().count() <= NAME_MAX_CHARS
        && name.chars().all(allowed)
        && name.chars().any(char::is_alphabetic);
    ok.then(|| name.to_owned())
}

/// Why a mobile number was refused, so the message can say what to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneProblem {
    /// Nothing typed.
    Empty,
    /// A character that is neither a digit nor a separator (a letter, `+82`'s `+`).
    NotDigit,
    /// Not a mobile range: 010, 011, 016 to 019 (a landline such as 02).
    NotMobile,
    /// A 010 number without 11 digits.
    Length010,
    /// An 011 or 016-019 number without 10 or 11 digits.
    LengthOld,
}

/// The digits of a Korean mobile number (010 numbers have 11 digits; the old 011 and 016-019
/// ranges 10 or 11). Full-width digits and the usual separators are accepted ([`fold_width`]).
pub fn mobile_digits(text: &str) -> Result<String, PhoneProblem> {
    let digits = digits_of(text).map_err(|_| PhoneProblem::NotDigit)?;
    if digits.is_empty() {
        return Err(PhoneProblem::Empty);
    }
    let mobile = ["010", "011", "016", "017", "018", "019"]
        .iter()
        .any(|p| digits.starts_with(p));
    if !mobile {
        // A number cut short after `01` is still a mobile number being typed too short.
        return Err(if digits.len() < 3 && "010".starts_with(&digits) {
            PhoneProblem::Length010
        } else {
            PhoneProblem::NotMobile
        });
    }
    if digits.starts_with("010") {
        return (digits.len() == 11)
            .then_some(digits)
            .ok_or(PhoneProblem::Length010);
    }
    (10..=11)
        .contains(&digits.len())
        .then_some(digits)
        .ok_or(PhoneProblem::LengthOld)
}

/// Why a date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Nothing typed.
    Empty,
    /// A character that is neither a digit nor a separator.
    NotDigit,
    /// Not 8 digits (year 4, month 2, day 2).
    Length,
    /// 8 digits that are no day of the calendar (`19700230`, month 13).
    NoSuchDay,
}

/// Days in a month of the Gregorian calendar.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A calendar date as people type it: `1970-03-19`, `19700319`, `1970.03.19`, `1970 03 19`, in
/// ASCII or full-width digits ([`fold_width`]); (year, month, day).
pub fn calendar_date(text: &str) -> Result<(i32, u32, u32), DateProblem> {
    let digits = digits_of(text).map_err(|_| DateProblem::NotDigit)?;
    if digits.is_empty() {
        return Err(DateProblem::Empty);
    }
    if digits.len() != 8 {
        return Err(DateProblem::Length);
    }
    let number = |range: std::ops::Range<usize>| digits[range].parse().unwrap_or(0);
    let (year, month, day) = (number(0..4) as i32, number(4..6), number(6..8));
    let real = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
    real.then_some((year, month, day))
        .ok_or(DateProblem::NoSuchDay)
}

/// A reservation number, upper-cased: `YY-` and ten letters or digits.
pub fn reservation_number(text: &str) -> Option<String> {
    let number = text.trim().to_uppercase();
    let ok = number.len() == 13
        && number.starts_with("YY-")
        && number[3..].chars().all(|c| c.is_ascii_alphanumeric());
    ok.then_some(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(name("  홍길동 ").as_deref(), Some("홍길동"));
        assert_eq!(name("Kim Min-ji").as_deref(), Some("Kim Min-ji"));
        for bad in ["", "   ", "<script>", "홍\u{0}동", "홍길동1", "--"] {
            assert_eq!(name(bad), None, "{bad:?}");
        }
        assert_eq!(name(&"가".repeat(41)), None);
    }

    #[test]
    fn mobile_numbers() {
        assert_eq!(mobile_digits("010-1234-5678").as_deref(), Ok("01012345678"));
        assert_eq!(mobile_digits("011 123 4567").as_deref(), Ok("0111234567"));
        // Full-width digits and dashes, an ideographic space, an en dash, a slash.
        for typed in [
            "０１０－１２３４－５６７８",
            "０１０\u{3000}１２３４\u{3000}５６７８",
            "010–1234–5678",
            "010/1234/5678",
            "010.1234.5678",
        ] {
            assert_eq!(
                mobile_digits(typed).as_deref(),
                Ok("01012345678"),
                "{typed}"
            );
        }
        for (bad, problem) in [
            ("02-123-4567", PhoneProblem::NotMobile),
            ("010-1234-567", PhoneProblem::Length010),
            ("0101234567890", PhoneProblem::Length010),
            ("01", PhoneProblem::Length010),
            ("016-123-45", PhoneProblem::LengthOld),
            ("010-abcd-5678", PhoneProblem::NotDigit),
            ("+82 10 1234 5678", PhoneProblem::NotDigit),
            ("", PhoneProblem::Empty),
            (" - ", PhoneProblem::Empty),
        ] {
            assert_eq!(mobile_digits(bad), Err(problem), "{bad:?}");
        }
    }

    #[test]
    fn dates() {
        for typed in [
            "1970-03-19",
            "19700319",
            "1970.03.19",
            " 1970 03 19 ",
            "１９７０－０３－１９",
            "１９７０．０３．１９",
            "１９７００３１９",
            "1970/03/19",
        ] {
            assert_eq!(calendar_date(typed), Ok((1970, 3, 19)), "{typed}");
        }
        assert_eq!(calendar_date("2024-02-29"), Ok((2024, 2, 29)));
        for (bad, problem) in [
            ("1970-02-30", DateProblem::NoSuchDay),
            ("2023-02-29", DateProblem::NoSuchDay),
            ("19701301", DateProblem::NoSuchDay),
            ("1970319", DateProblem::Length),
            ("1970-3-19", DateProblem::Length),
            ("abcdefgh", DateProblem::NotDigit),
            ("1970년3월19일", DateProblem::NotDigit),
            ("", DateProblem::Empty),
        ] {
            assert_eq!(calendar_date(bad), Err(problem), "{bad:?}");
        }
    }

    #[test]
    fn folding_is_nfkc_on_every_character_it_changes() {
        use unicode_normalization::UnicodeNormalization;
        for code in 0..=0x10FFFF_u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let text = c.to_string();
            let folded = fold_width(&text);
            if folded != text {
                assert_eq!(folded, text.nfkc().collect::<String>(), "U+{code:04X}");
            }
        }
        // What the rules need from it: digits, dashes and spaces, names in full-width letters.
        assert_eq!(fold_width("０１２３４５６７８９"), "0123456789");
        assert_eq!(
            name("Ｋｉｍ\u{3000}Ｍｉｎ－ｊｉ").as_deref(),
            Some("Kim Min-ji")
        );
        assert_eq!(name("김\u{3000}민준").as_deref(), Some("김 민준"));
    }

    #[test]
    fn reservation_numbers() {
        assert_eq!(
            reservation_number(" yy-abcde23456 ").as_deref(),
            Some("YY-ABCDE23456")
        );
        assert_eq!(reservation_number("YY-ABC"), None);
        assert_eq!(reservation_number("XX-ABCDE23456"), None);
    }
}
