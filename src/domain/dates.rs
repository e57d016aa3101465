//! Calendar dates as the API writes them (`YYYY-MM-DD`), without a date library's bytes.

use yeyak_protocol::rules;

use crate::i18n::{Locale, Msg};

/// A valid calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1-12.
    pub month: u32,
    /// Day of month.
    pub day: u32,
}

impl Date {
    /// A date if it exists on the calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        ((1..=12).contains(&month) && day >= 1 && day <= rules::days_in_month(year, month))
            .then_some(Self { year, month, day })
    }

    /// Reads a date as people type it (`YYYY-MM-DD`, `YYYYMMDD`, `YYYY.MM.DD`, full-width digits):
    /// the server's own rule, `yeyak_protocol::rules::calendar_date`.
    pub fn parse_loose(text: &str) -> Option<Self> {
        let (year, month, day) = rules::calendar_date(text).ok()?;
        Some(Self { year, month, day })
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Day of the week, 0 = Sunday (Sakamoto's method).
    pub fn weekday(self) -> usize {
        const OFFSETS: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let year = if self.month < 3 {
            self.year - 1
        } else {
            self.year
        };
        let day = year + year / 4 - year / 100
            + year / 400
            + OFFSETS[self.month as usize - 1]
            + self.day as i32;
        day.rem_euclid(7) as usize
    }

    /// "8월 12일 (수)" / "Wed 12 August": the weekday matters to someone fitting in a visit.
    pub fn human(self, locale: Locale) -> String {
        let month = Msg::MonthNames
            .text(locale)
            .split(',')
            .nth(self.month as usize - 1);
        let weekday = Msg::WeekdayNames
            .text(locale)
            .split(',')
            .nth(self.weekday());
        Msg::DateFormat.fill(
            locale,
            &[
                &self.day.to_string(),
                month.unwrap_or_default(),
                weekday.unwrap_or_default(),
            ],
        )
    }
}

/// The date and `HH:MM` of an RFC 3339 instant as written by the server (in Korea time).
pub fn split_instant(instant: &str) -> Option<(Date, String)> {
    let date = Date::parse_loose(instant.get(..10)?)?;
    let time = instant.get(11..16)?.to_owned();
    Some((date, time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type_and_refuses_impossible_dates() {
        let expected = Date::new(1970, 3, 19).unwrap();
        for text in [
            "19700319",
            "1970-03-19",
            "1970.03.19",
            " 1970 03 19 ",
            "１９７０－０３－１９",
        ] {
            assert_eq!(Date::parse_loose(text), Some(expected), "{text}");
        }
        for text in [
            "1970-02-30",
            "19701301",
            "1970319",
            "abcdefgh",
            "2023-02-29",
        ] {
            assert_eq!(Date::parse_loose(text), None, "{text}");
        }
        assert!(Date::parse_loose("2024-02-29").is_some());
    }

    #[test]
    fn formats_for_each_language() {
        let date = Date::new(2026, 8, 12).unwrap();
        assert_eq!(date.iso(), "2026-08-12");
        assert_eq!(date.human(Locale::Ko), "8월 12일 (수)");
        assert_eq!(date.human(Locale::En), "Wed 12 August");
        // Today (a Sunday), a leap day and a new year's day.
        assert_eq!(Date::new(2026, 11, 22).unwrap().weekday(), 0);
        assert_eq!(
            Date::new(2024, 2, 29).unwrap().human(Locale::Ko),
            "2월 29일 (목)"
        );
        assert_eq!(
            Date::new(2027, 1, 1).unwrap().human(Locale::En),
            "Fri 1 January"
        );
        let (day, time) = split_instant("2026-08-12T20:00:00+09:00").unwrap();
        assert_eq!((day, time.as_str()), (date, "20:00"));
    }
}
