//! Rules for what people type, shared so the client checks exactly what the server enforces.

/// The longest name accepted, in characters.
pub const NAME_MAX_CHARS: usize = 40;

/// A trimmed name of letters (spaces, `-`, `.`, `'` allowed), 1 to [`NAME_MAX_CHARS`]; `None`
/// when empty or unusable.
pub fn name(text: &str) -> Option<String> {
    let name = text.trim();
    let allowed = |c: char| c.is_alphabetic() || matches!(c, ' ' | '-' | '.' | '\'');
    let ok = !name.is_empty()
        && name.chars().count() <= NAME_MAX_CHARS
        && name.chars().all(allowed)
        && name.chars().any(char::is_alphabetic);
    ok.then(|| name.to_owned())
}

/// The digits of a Korean mobile number (010 numbers have 11 digits; the old 011 and 016-019
/// ranges 10 or 11), ignoring dashes and spaces; `None` otherwise.
pub fn mobile_digits(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    let prefix_ok = ["010", "011", "016", "017", "018", "019"]
        .iter()
        .any(|p| digits.starts_with(p));
    let length_ok = if digits.starts_with("010") {
        digits.len() == 11
    } else {
        (10..=11).contains(&digits.len())
    };
    (digits.chars().all(|c| c.is_ascii_digit()) && prefix_ok && length_ok).then_some(digits)
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
        assert_eq!(
            mobile_digits("010-1234-5678").as_deref(),
            Some("01012345678")
        );
        assert_eq!(mobile_digits("011 123 4567").as_deref(), Some("0111234567"));
        for bad in [
            "02-123-4567",
            "010-1234-567",
            "0101234567890",
            "010-abcd-5678",
            "",
        ] {
            assert_eq!(mobile_digits(bad), None, "{bad:?}");
        }
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
