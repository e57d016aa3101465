//! Where a person stands before a page shows its controls: what the route needs (a chosen
//! provider, a verification in progress, a place in line, an admission, a chosen slot, a
//! booking) against what this tab holds. A missing piece is a page that says so with one next
//! step, never a form the server will refuse at the end; a booking made stays shown.

/// A route of the journey that needs something first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// `/verify`: choosing a provider.
    ProviderChoice,
    /// `/verify/details`.
    Details,
    /// `/verify/approve`.
    Approve,
    /// `/locked`.
    Locked,
    /// `/queue`.
    Queue,
    /// `/book`.
    Book,
    /// `/review`.
    Review,
    /// `/done`.
    Done,
}

/// What this tab holds (from the journey in sessionStorage).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Holdings {
    /// A provider was chosen.
    pub provider: bool,
    /// A verification is waiting for approval.
    pub session: bool,
    /// The device lock's end is known.
    pub locked: bool,
    /// A place in line.
    pub ticket: bool,
    /// An admission (the booking window).
    pub admission: bool,
    /// A slot chosen in the picker.
    pub slot: bool,
    /// A booking made in this tab.
    pub reservation: bool,
    /// An existing booking is being moved (from the manage page).
    pub changing: bool,
}

impl Holdings {
    /// A booking made here stands (not one being moved from the manage page).
    pub fn booked(self) -> bool {
        self.reservation && !self.changing
    }
}

/// What the start page names first when the tab already holds it: the furthest along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// A booking.
    Booking,
    /// An admission: the turn to book.
    Turn,
    /// A place in line.
    Place,
}

/// What this tab holds that a new journey must not hide, if anything.
pub fn held(has: Holdings) -> Option<Held> {
    if has.booked() {
        Some(Held::Booking)
    } else if has.admission {
        Some(Held::Turn)
    } else if has.ticket {
        Some(Held::Place)
    } else {
        None
    }
}

/// Why a route cannot show its controls, and so which page and next step it shows instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    /// A booking exists: show it, never offer to book again.
    AlreadyBooked,
    /// No provider chosen yet: choose one.
    NoProvider,
    /// No verification in progress: start one.
    NoVerification,
    /// The device is not locked (any more): verify.
    NotLocked,
    /// No place in line: verify again (the same place comes back).
    NoTicket,
    /// In line, but not admitted yet: back to the waiting room.
    NotYourTurn,
    /// Neither in line nor admitted: start.
    NotStarted,
    /// Admitted but no slot chosen: choose one.
    NoSlot,
    /// No booking in this tab: look it up.
    NoBooking,
}

/// What keeps `step` from showing its controls, if anything.
pub fn blocked(step: Step, has: Holdings) -> Option<Blocked> {
    let booked = has.booked();
    let may_book = has.admission || has.changing;
    match step {
        Step::Done => (!has.reservation).then_some(Blocked::NoBooking),
        _ if booked => Some(Blocked::AlreadyBooked),
        Step::ProviderChoice => None,
        Step::Details => (!has.provider).then_some(Blocked::NoProvider),
        Step::Approve => (!has.session).then_some(Blocked::NoVerification),
        Step::Locked => (!has.locked).then_some(Blocked::NotLocked),
        Step::Queue => (!has.ticket && !has.admission).then_some(Blocked::NoTicket),
        Step::Book | Step::Review if !may_book => Some(if has.ticket {
            Blocked::NotYourTurn
        } else {
            Blocked::NotStarted
        }),
        Step::Book => None,
        Step::Review => (!has.slot).then_some(Blocked::NoSlot),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Step; 8] = [
        Step::ProviderChoice,
        Step::Details,
        Step::Approve,
        Step::Locked,
        Step::Queue,
        Step::Book,
        Step::Review,
        Step::Done,
    ];

    #[test]
    fn a_fresh_tab_may_only_choose_a_provider() {
        let none = Holdings::default();
        let got: Vec<_> = ALL.iter().map(|s| blocked(*s, none)).collect();
        assert_eq!(
            got,
            vec![
                None,
                Some(Blocked::NoProvider),
                Some(Blocked::NoVerification),
                Some(Blocked::NotLocked),
                Some(Blocked::NoTicket),
                Some(Blocked::NotStarted),
                Some(Blocked::NotStarted),
                Some(Blocked::NoBooking),
            ]
        );
    }

    #[test]
    fn a_booking_made_stays_shown_on_every_earlier_step() {
        let booked = Holdings {
            ticket: true,
            admission: true,
            slot: true,
            reservation: true,
            ..Holdings::default()
        };
        for step in &ALL[..7] {
            assert_eq!(
                blocked(*step, booked),
                Some(Blocked::AlreadyBooked),
                "{step:?}"
            );
        }
        assert_eq!(blocked(Step::Done, booked), None);
    }

    #[test]
    fn moving_a_booking_opens_the_picker_without_an_admission() {
        let changing = Holdings {
            reservation: true,
            changing: true,
            ..Holdings::default()
        };
        assert_eq!(blocked(Step::Book, changing), None);
        assert_eq!(blocked(Step::Review, changing), Some(Blocked::NoSlot));
        let chosen = Holdings {
            slot: true,
            ..changing
        };
        assert_eq!(blocked(Step::Review, chosen), None);
    }

    #[test]
    fn waiting_is_not_admitted_and_admitted_needs_a_slot_to_review() {
        let waiting = Holdings {
            ticket: true,
            ..Holdings::default()
        };
        assert_eq!(blocked(Step::Queue, waiting), None);
        assert_eq!(blocked(Step::Book, waiting), Some(Blocked::NotYourTurn));
        let admitted = Holdings {
            admission: true,
            ..waiting
        };
        assert_eq!(blocked(Step::Book, admitted), None);
        assert_eq!(blocked(Step::Review, admitted), Some(Blocked::NoSlot));
        assert_eq!(blocked(Step::Queue, admitted), None);
    }

    #[test]
    fn the_start_page_names_the_furthest_holding() {
        let none = Holdings::default();
        assert_eq!(held(none), None);
        let place = Holdings {
            ticket: true,
            ..none
        };
        assert_eq!(held(place), Some(Held::Place));
        let turn = Holdings {
            admission: true,
            ..place
        };
        assert_eq!(held(turn), Some(Held::Turn));
        let booked = Holdings {
            reservation: true,
            ..turn
        };
        assert_eq!(held(booked), Some(Held::Booking));
        // A booking being moved is not a booking that stands: the turn to book comes first.
        let moving = Holdings {
            changing: true,
            ..booked
        };
        assert_eq!(held(moving), Some(Held::Turn));
    }
}
