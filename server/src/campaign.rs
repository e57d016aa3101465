//! The campaign's rules, pure: cohort, booking window, and the 10부제 schedule.
//!
//! The schedule: from the first booking day, ten days each open to one last digit of the birth
//! date (the digit of that day's own date, so people born on the 9th, 19th and 29th book on the
//! 9th), then open days for the whole cohort. A booking day `d` runs from `opens` on `d` to
//! `closes` on `d + 1` (20:00 to 18:00 by default).

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone};

use crate::clock::kst;

/// Days of 10부제 before booking opens to the whole cohort.
pub const DIGIT_DAYS: i64 = 10;
/// Days of open booking after the 10부제 days.
pub const OPEN_DAYS: i64 = 4;

/// The daily window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Opens at `opens` on the booking day, closes at `closes` (the next day if earlier).
    Daily {
        /// Opening time.
        opens: NaiveTime,
        /// Closing time.
        closes: NaiveTime,
    },
    /// Always open (demos and tests); the booking day is the calendar day.
    AlwaysOpen,
}

impl Window {
    /// 20:00 to 18:00 the next day, as in 2021.
    pub fn standard() -> Self {
        Window::Daily {
            opens: NaiveTime::from_hms_opt(20, 0, 0).expect("valid"),
            closes: NaiveTime::from_hms_opt(18, 0, 0).expect("valid"),
        }
    }

    /// Parses `20:00-18:00` or `always`.
    pub fn parse(text: &str) -> Result<Self, String> {
        if text == "always" {
            return Ok(Window::AlwaysOpen);
        }
        let (opens, closes) = text
            .split_once('-')
            .ok_or_else(|| format!("window `{text}` is not HH:MM-HH:MM or `always`"))?;
        let time = |t: &str| {
            NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| format!("`{t}` is not HH:MM"))
        };
        Ok(Window::Daily {
            opens: time(opens)?,
            closes: time(closes)?,
        })
    }
}

/// The campaign's fixed facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Campaign {
    /// First booking day.
    pub start: NaiveDate,
    /// Eligible birth years, inclusive.
    pub cohort: (i32, i32),
    /// Daily hours.
    pub window: Window,
}

/// Why someone may not book now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Born outside the cohort's years.
    NotInCohort,
    /// The window is closed; it opens next at this instant (None: the campaign is over).
    OutsideWindow(Option<DateTime<FixedOffset>>),
    /// Today is another digit's day; these are the person's booking days.
    NotYourDay(Vec<NaiveDate>),
}

impl Campaign {
    /// The last booking day.
    pub fn last_day(&self) -> NaiveDate {
        self.start + Duration::days(DIGIT_DAYS + OPEN_DAYS - 1)
    }

    /// The digit that books on `day`, `None` on open days; only for days in the campaign.
    pub fn digit_for(&self, day: NaiveDate) -> Option<u8> {
        let offset = (day - self.start).num_days();
        (0..DIGIT_DAYS)
            .contains(&offset)
            .then(|| ((self.start.day() as i64 + offset) % 10) as u8)
    }

    /// Every booking day with its digit.
    pub fn schedule(&self) -> Vec<(NaiveDate, Option<u8>)> {
        let mut day = self.start;
        let mut days = Vec::new();
        while day <= self.last_day() {
            days.push((day, self.digit_for(day)));
            day += Duration::days(1);
        }
        days
    }

    /// The booking day under way at `now`, or None when the window is closed.
    pub fn booking_day(&self, now: DateTime<FixedOffset>) -> Option<NaiveDate> {
        let local = now.with_timezone(&kst());
        let (date, time) = (local.date_naive(), local.time());
        let day = match self.window {
            Window::AlwaysOpen => Some(date),
            Window::Daily { opens, closes } if closes <= opens => {
                if time >= opens {
                    Some(date)
                } else if time < closes {
                    date.pred_opt()
                } else {
                    None
                }
            }
            Window::Daily { opens, closes } => (time >= opens && time < closes).then_some(date),
        }?;
        (self.start..=self.last_day()).contains(&day).then_some(day)
    }

    /// A birth date that may book at `now` (for demonstrations): in the middle of the cohort,
    /// on a day of the month ending in today's digit; `None` while booking is closed.
    pub fn sample_birth_date(&self, now: DateTime<FixedOffset>) -> Option<NaiveDate> {
        let day = self.booking_day(now)?;
        let day_of_month = match self.digit_for(day) {
            Some(0) => 10,
            Some(digit) => 10 + u32::from(digit),
            None => 15,
        };
        let year = (self.cohort.0 + self.cohort.1) / 2;
        NaiveDate::from_ymd_opt(year, 3, day_of_month)
    }

    /// When the window opens next after `now` (None when the campaign has ended).
    pub fn next_opening(&self, now: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
        let opens = match self.window {
            Window::AlwaysOpen => NaiveTime::MIN,
            Window::Daily { opens, .. } => opens,
        };
        let today = now.with_timezone(&kst()).date_naive();
        let mut day = today.max(self.start);
        while day <= self.last_day() {
            let at = kst()
                .from_local_datetime(&day.and_time(opens))
                .single()
                .expect("KST has no gaps");
            if at > now {
                return Some(at);
            }
            day += Duration::days(1);
        }
        None
    }

    /// The booking days on which a person born on `birth_date` may book.
    pub fn days_for(&self, birth_date: NaiveDate) -> Vec<NaiveDate> {
        let digit = (birth_date.day() % 10) as u8;
        self.schedule()
            .into_iter()
            .filter(|(_, d)| d.is_none() || *d == Some(digit))
            .map(|(day, _)| day)
            .collect()
    }

    /// Whether a person born on `birth_date` may book at `now`, and why not.
    pub fn check(&self, birth_date: NaiveDate, now: DateTime<FixedOffset>) -> Result<(), Refusal> {
        let (from, to) = self.cohort;
        if !(from..=to).contains(&birth_date.year()) {
            return Err(Refusal::NotInCohort);
        }
        let Some(day) = self.booking_day(now) else {
            return Err(Refusal::OutsideWindow(self.next_opening(now)));
        };
        match self.digit_for(day) {
            Some(digit) if digit != (birth_date.day() % 10) as u8 => {
                Err(Refusal::NotYourDay(self.days_for(birth_date)))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn campaign() -> Campaign {
        Campaign {
            start: date("2026-08-09"),
            cohort: (1967, 1976),
            window: Window::standard(),
        }
    }

    #[test]
    fn the_ninth_books_digit_nine_and_the_schedule_covers_every_digit_once() {
        let c = campaign();
        assert_eq!(c.digit_for(date("2026-08-09")), Some(9));
        assert_eq!(c.digit_for(date("2026-08-10")), Some(0));
        assert_eq!(
            c.digit_for(date("2026-08-19")),
            None,
            "open day after ten digit days"
        );
        let mut digits: Vec<u8> = c.schedule().iter().filter_map(|(_, d)| *d).collect();
        digits.sort();
        assert_eq!(digits, (0..10).collect::<Vec<_>>());
        assert_eq!(c.schedule().len(), 14);
    }

    #[test]
    fn the_window_runs_from_eight_pm_to_six_pm_the_next_day() {
        let c = campaign();
        assert_eq!(c.booking_day(at("2026-08-09T19:59:59+09:00")), None);
        assert_eq!(
            c.booking_day(at("2026-08-09T20:00:00+09:00")),
            Some(date("2026-08-09"))
        );
        assert_eq!(
            c.booking_day(at("2026-08-10T17:59:00+09:00")),
            Some(date("2026-08-09"))
        );
        assert_eq!(c.booking_day(at("2026-08-10T18:00:00+09:00")), None);
        // The same instant written in UTC is the same booking day.
        assert_eq!(
            c.booking_day(at("2026-08-09T11:30:00Z")),
            Some(date("2026-08-09"))
        );
    }

    #[test]
    fn outside_the_window_says_when_it_opens() {
        let c = campaign();
        let refusal = c.check(date("1970-03-19"), at("2026-08-10T19:00:00+09:00"));
        assert_eq!(
            refusal,
            Err(Refusal::OutsideWindow(Some(at(
                "2026-08-10T20:00:00+09:00"
            ))))
        );
        let before = c.check(date("1970-03-19"), at("2026-08-01T12:00:00+09:00"));
        assert_eq!(
            before,
            Err(Refusal::OutsideWindow(Some(at(
                "2026-08-09T20:00:00+09:00"
            ))))
        );
        let after = c.check(date("1970-03-19"), at("2026-09-30T21:00:00+09:00"));
        assert_eq!(after, Err(Refusal::OutsideWindow(None)));
    }

    #[test]
    fn ten_bu_je_admits_the_digit_of_the_day_and_tells_others_their_days() {
        let c = campaign();
        let evening = at("2026-08-09T21:00:00+09:00");
        assert_eq!(c.check(date("1970-03-19"), evening), Ok(()));
        assert_eq!(c.check(date("1970-03-29"), evening), Ok(()));
        match c.check(date("1970-03-12"), evening) {
            Err(Refusal::NotYourDay(days)) => {
                assert_eq!(days[0], date("2026-08-12"));
                assert!(
                    days.contains(&date("2026-08-19")),
                    "open days are listed too"
                );
            }
            other => panic!("expected NotYourDay, got {other:?}"),
        }
        // On an open day everyone in the cohort may book.
        assert_eq!(
            c.check(date("1970-03-12"), at("2026-08-20T21:00:00+09:00")),
            Ok(())
        );
    }

    #[test]
    fn the_cohort_is_checked_first() {
        let c = campaign();
        let evening = at("2026-08-09T21:00:00+09:00");
        assert_eq!(
            c.check(date("1966-12-29"), evening),
            Err(Refusal::NotInCohort)
        );
        assert_eq!(
            c.check(date("1977-01-09"), evening),
            Err(Refusal::NotInCohort)
        );
        assert_eq!(c.check(date("1967-01-09"), evening), Ok(()));
    }

    #[test]
    fn always_open_uses_the_calendar_day() {
        let c = Campaign {
            window: Window::AlwaysOpen,
            ..campaign()
        };
        assert_eq!(
            c.booking_day(at("2026-08-09T03:00:00+09:00")),
            Some(date("2026-08-09"))
        );
        assert_eq!(Window::parse("always"), Ok(Window::AlwaysOpen));
        assert_eq!(Window::parse("20:00-18:00"), Ok(Window::standard()));
        assert!(Window::parse("8pm").is_err());
    }
}
