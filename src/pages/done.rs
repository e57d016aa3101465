//! The confirmation: reservation number, both doses, what to bring, print, calendar file.

use leptos::prelude::*;
use leptos_router::components::A;
use yeyak_protocol::ReservationResponse;

use crate::boot::config::at;
use crate::components::notice::{Notice, NoticeKind};
use crate::components::page_title::use_page_title;
use crate::domain::dates::Date;
use crate::i18n::{use_i18n, LaterMsg, Locale, Msg};
use crate::pages::book::vaccine_name;
use crate::state::journey::use_journey;
use crate::state::stored::Stored;

/// A calendar entry's words in both languages ("… / …"): the file outlives the page's choice.
fn both(msg: Msg, arg: &str) -> String {
    format!(
        "{} / {}",
        msg.fill(Locale::Ko, &[arg]),
        msg.fill(Locale::En, &[arg])
    )
}

/// An iCalendar file with both doses (times are Korea time).
pub fn ics(reservation: &ReservationResponse, stamp_utc: &str) -> String {
    let event = |n: u8, date: &str, time: &str| {
        format!(
            "BEGIN:VEVENT\r\nUID:{number}-{n}@yeyak\r\nDTSTAMP:{stamp_utc}\r\nDTSTART;TZID=Asia/Seoul:{d}T{t}00\r\nDURATION:PT30M\r\nSUMMARY:{summary}\r\nLOCATION:{place}\r\nDESCRIPTION:{description}\r\nEND:VEVENT\r\n",
            number = reservation.number,
            summary = both(Msg::IcsSummary, &n.to_string()),
            description = both(Msg::IcsDescription, &reservation.number),
            d = date.replace('-', ""),
            t = time.replace(':', ""),
            place = format!("{}\\, {}", reservation.center.name, reservation.center.address).replace(';', "\\;"),
        )
    };
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//yeyak//KO\r\n{}{}END:VCALENDAR\r\n",
        event(
            1,
            &reservation.first_dose.date,
            &reservation.first_dose.time
        ),
        event(
            2,
            &reservation.second_dose.date,
            &reservation.second_dose.time
        )
    )
}

fn object_url(text: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/calendar;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// The reservation's details as a description list (also used by the manage page).
#[component]
pub fn ReservationDetails(reservation: ReservationResponse) -> impl IntoView {
    let i18n = use_i18n();
    let dose = move |date: String, time: String, locale: Locale| {
        Date::parse_loose(&date)
            .map(|d| Msg::DoseAt.fill(locale, &[&d.human(locale), &time]))
            .unwrap_or(date)
    };
    let r = reservation;
    view! {
        <dl class="yy-summary">
            <div class="yy-summary__row"><dt>{i18n.t(LaterMsg::DoneNumber)}</dt><dd class="yy-number">{r.number.clone()}</dd></div>
            <div class="yy-summary__row"><dt>{i18n.t(LaterMsg::ReviewCenter)}</dt><dd><span lang="ko">{r.center.name.clone()}</span><br/><span lang="ko">{r.center.address.clone()}</span><br/>{r.center.phone.clone()}</dd></div>
            <div class="yy-summary__row"><dt>{i18n.t(LaterMsg::ReviewVaccine)}</dt><dd>{
                let vaccine = r.center.vaccine.clone();
                move || vaccine_name(&vaccine, i18n.locale.get())
            }</dd></div>
            <div class="yy-summary__row"><dt>{i18n.t(LaterMsg::ReviewFirstDose)}</dt><dd>{
                let (d, t) = (r.first_dose.date.clone(), r.first_dose.time.clone());
                move || dose(d.clone(), t.clone(), i18n.locale.get())
            }</dd></div>
            <div class="yy-summary__row"><dt>{i18n.t(LaterMsg::ReviewSecondDose)}</dt><dd>{
                let (d, t) = (r.second_dose.date.clone(), r.second_dose.time.clone());
                move || dose(d.clone(), t.clone(), i18n.locale.get())
            }</dd></div>
        </dl>
    }
}

/// `/done`.
#[component]
pub fn DonePage() -> impl IntoView {
    let i18n = use_i18n();
    let journey = use_journey();
    let (reservation, changed) =
        journey.with_untracked(|j| (j.reservation.as_ref().and_then(Stored::get), j.changed));
    let title = if changed {
        Msg::ChangedTitle
    } else {
        Msg::DoneTitle
    };
    use_page_title(title);
    let stamp: String = String::from(crate::browser::timing::service_date().to_iso_string())
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(15)
        .collect::<String>()
        + "Z";
    let calendar = reservation
        .as_ref()
        .and_then(|r| object_url(&ics(r, &stamp)));
    if let Some(url) = calendar.clone() {
        on_cleanup(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
    }
    let print = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <div class="yy-page yy-done">
            {match reservation {
                None => view! {
                    <h1 class="yy-page__title">{i18n.t(Msg::ManageTitle)}</h1>
                    <A href=at("/manage") attr:class="yy-link">{i18n.t(Msg::ManageLink)}</A>
                }.into_any(),
                Some(r) => view! {
                    <Notice kind=NoticeKind::Success>
                        <h1 class="yy-page__title">{i18n.t(title)}</h1>
                    </Notice>
                    <ReservationDetails reservation=r/>
                    <p>{i18n.t(LaterMsg::DoneBring)}</p>
                    <p>{i18n.t(LaterMsg::DoneSms)}</p>
                    <div class="yy-button-row yy-no-print">
                        <button type="button" class="yy-button yy-button--secondary" on:click=print>{i18n.t(LaterMsg::Print)}</button>
                        {calendar.map(|url| view! {
                            <a class="yy-button yy-button--secondary" href=url download="yeyak-vaccination.ics">{i18n.t(LaterMsg::Calendar)}</a>
                        })}
                    </div>
                    <p class="yy-no-print"><A href=at("/manage") attr:class="yy-link">{i18n.t(Msg::ManageLink)}</A></p>
                }.into_any(),
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yeyak_protocol::{Accessibility, Center, Dose, ReservationStatus, Vaccine};

    #[test]
    fn calendar_file_has_both_doses_in_korea_time() {
        let r = ReservationResponse {
            number: "YY-ABCDE23456".into(),
            status: ReservationStatus::Active,
            name_masked: "김*수".into(),
            center: Center {
                id: 1,
                name: "종로구 예방접종센터".into(),
                district_code: "11-001".into(),
                address: "서울특별시 종로구 중앙로 1".into(),
                phone: "02-123-4567".into(),
                vaccine: Vaccine {
                    code: "pfizer".into(),
                    name_ko: "화이자".into(),
                    name_en: "Pfizer".into(),
                    second_dose_interval_days: 21,
                },
                accessibility: Accessibility {
                    wheelchair: true,
                    elevator: true,
                    parking: true,
                },
            },
            first_dose: Dose {
                date: "2026-08-10".into(),
                time: "09:30".into(),
            },
            second_dose: Dose {
                date: "2026-08-31".into(),
                time: "09:30".into(),
            },
            changeable: true,
            manage_token: String::new(),
        };
        let text = ics(&r, "20260809T120000Z");
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
        assert!(text.contains("DTSTART;TZID=Asia/Seoul:20260810T093000"));
        assert!(text.contains("DTSTART;TZID=Asia/Seoul:20260831T093000"));
        assert!(text.contains("LOCATION:종로구 예방접종센터\\, 서울특별시"));
        assert!(text.contains("SUMMARY:코로나19 백신 2차 접종 / COVID-19 vaccine dose 2\r\n"));
        assert!(
            text.ends_with("END:VCALENDAR\r\n"),
            "lines end in CRLF as RFC 5545 asks"
        );
    }
}
