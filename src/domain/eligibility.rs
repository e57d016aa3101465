//! "Is today my day?": the birth-date check of the start page, from the campaign's schedule.

use yeyak_protocol::CampaignResponse;

use super::dates::Date;

/// What the start page tells a person about their birth date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Eligibility {
    /// Booking is open for them now.
    Today,
    /// Their day comes later: the date and the time the window opens.
    Later {
        /// The booking day.
        date: Date,
        /// `HH:MM` it opens.
        opens: String,
    },
    /// Not in this campaign's birth years.
    NotInCohort {
        /// First eligible year.
        from: i32,
        /// Last eligible year.
        to: i32,
    },
    /// The campaign has no more booking days for them.
    Over,
}

/// Checks a birth date against the published campaign.
pub fn check(campaign: &CampaignResponse, birth: Date) -> Eligibility {
    let (from, to) = (
        campaign.cohort.birth_year_from,
        campaign.cohort.birth_year_to,
    );
    if !(from..=to).contains(&birth.year) {
        return Eligibility::NotInCohort { from, to };
    }
    let digit = (birth.day % 10) as u8;
    let matches = |d: Option<u8>| d.is_none() || d == Some(digit);
    if campaign.open_now && matches(campaign.today_digit) {
        return Eligibility::Today;
    }
    // The first scheduled day for them that has not started yet: after today while open,
    // from the day that opens next while closed.
    let starts_ahead: Box<dyn Fn(&str) -> bool> =
        match (&campaign.booking_day, &campaign.next_opens_at) {
            (Some(today), _) => {
                let today = today.clone();
                Box::new(move |date| date > today.as_str())
            }
            (None, Some(next)) => {
                let next = next.get(..10).unwrap_or_default().to_owned();
                Box::new(move |date| date >= next.as_str())
            }
            (None, None) => return Eligibility::Over,
        };
    campaign
        .schedule
        .iter()
        .filter(|day| starts_ahead(&day.date) && matches(day.digit))
        .find_map(|day| Date::parse_loose(&day.date))
        .map(|date| Eligibility::Later {
            date,
            opens: campaign.window.opens.clone(),
        })
        .unwrap_or(Eligibility::Over)
}

#[cfg(test)]
mod tests {
    use super::*;
    use yeyak_protocol::{BookingWindow, Cohort, ScheduleDay};

    fn campaign(
        open_now: bool,
        today_digit: Option<u8>,
        booking_day: Option<&str>,
        next: Option<&str>,
    ) -> CampaignResponse {
        let schedule = (9..=22)
            .map(|day| ScheduleDay {
                date: format!("2026-08-{day:02}"),
                digit: (day < 19).then_some((day % 10) as u8),
            })
            .collect();
        CampaignResponse {
            cohort: Cohort {
                birth_year_from: 1967,
                birth_year_to: 1976,
            },
            window: BookingWindow {
                opens: "20:00".into(),
                closes: "18:00".into(),
                always_open: false,
            },
            server_time: "2026-08-09T21:00:00+09:00".into(),
            booking_day: booking_day.map(Into::into),
            today_digit,
            open_now,
            next_opens_at: next.map(Into::into),
            schedule,
            helpline: "1339".into(),
            notices: vec![],
            demo: false,
        }
    }

    fn born(day: u32) -> Date {
        Date::new(1970, 3, day).unwrap()
    }

    #[test]
    fn todays_digit_books_today() {
        let open = campaign(true, Some(9), Some("2026-08-09"), None);
        assert_eq!(check(&open, born(19)), Eligibility::Today);
        assert_eq!(check(&open, born(29)), Eligibility::Today);
    }

    #[test]
    fn other_digits_are_told_their_day_and_hour() {
        let open = campaign(true, Some(9), Some("2026-08-09"), None);
        let later = check(&open, born(12));
        assert_eq!(
            later,
            Eligibility::Later {
                date: Date::new(2026, 8, 12).unwrap(),
                opens: "20:00".into()
            }
        );
    }

    #[test]
    fn while_closed_the_day_that_opens_next_counts() {
        let closed = campaign(false, None, None, Some("2026-08-10T20:00:00+09:00"));
        assert_eq!(
            check(&closed, born(10)),
            Eligibility::Later {
                date: Date::new(2026, 8, 10).unwrap(),
                opens: "20:00".into()
            }
        );
    }

    #[test]
    fn open_days_take_everyone_and_the_cohort_is_checked_first() {
        let open_day = campaign(true, None, Some("2026-08-20"), None);
        assert_eq!(check(&open_day, born(3)), Eligibility::Today);
        assert_eq!(
            check(&open_day, Date::new(1980, 1, 1).unwrap()),
            Eligibility::NotInCohort {
                from: 1967,
                to: 1976
            }
        );
        let ended = campaign(false, None, None, None);
        assert_eq!(check(&ended, born(3)), Eligibility::Over);
    }
}
