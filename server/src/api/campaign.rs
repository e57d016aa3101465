//! `GET /campaign`: who may book when.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use yeyak_protocol::{BookingWindow, CampaignResponse, Cohort, Notice, ScheduleDay};

use crate::campaign::Window;
use crate::clock::rfc3339;
use crate::AppState;

/// Cohort, window, today's digit and the published schedule, helpline and notices.
#[utoipa::path(get, path = "/campaign", tag = "campaign",
    responses((status = 200, body = CampaignResponse)))]
pub async fn get_campaign(State(state): State<AppState>) -> impl IntoResponse {
    let now = state.clock.now();
    let campaign = state.settings.campaign;
    let booking_day = campaign.booking_day(now);
    let (opens, closes, always_open) = match campaign.window {
        Window::Daily { opens, closes } => (opens, closes, false),
        Window::AlwaysOpen => (chrono::NaiveTime::MIN, chrono::NaiveTime::MIN, true),
    };
    let body = CampaignResponse {
        cohort: Cohort {
            birth_year_from: campaign.cohort.0,
            birth_year_to: campaign.cohort.1,
        },
        window: BookingWindow {
            opens: opens.format("%H:%M").to_string(),
            closes: closes.format("%H:%M").to_string(),
            always_open,
        },
        server_time: rfc3339(now),
        booking_day: booking_day.map(|d| d.to_string()),
        today_digit: booking_day.and_then(|d| campaign.digit_for(d)),
        open_now: booking_day.is_some(),
        next_opens_at: booking_day
            .is_none()
            .then(|| campaign.next_opening(now).map(rfc3339))
            .flatten(),
        schedule: campaign
            .schedule()
            .into_iter()
            .map(|(date, digit)| ScheduleDay {
                date: date.to_string(),
                digit,
            })
            .collect(),
        helpline: state.settings.helpline.clone(),
        notices: vec![
            Notice {
                ko: "본인 인증 후 대기열에 들어갑니다. 대기 중에 새로고침하거나 다시 접속하지 마세요. 이 화면이 순서를 지켜 줍니다.".into(),
                en: "You join the queue after verifying. Do not reload or reconnect while waiting: this page keeps your place.".into(),
            },
            Notice {
                ko: "간편인증서는 하루 전에 미리 발급해 두세요. 21시 이후에 접속하면 더 빠릅니다.".into(),
                en: "Get your simple-authentication certificate a day early. Coming after 21:00 is faster.".into(),
            },
        ],
        demo: state.settings.demo,
    };
    ([(header::CACHE_CONTROL, "public, max-age=30")], Json(body))
}
