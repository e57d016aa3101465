//! The campaign and herd rules, each with the allowed and the refused case.

use chrono::{DateTime, Duration};
use reqwest::{Method, StatusCode};
use serde_json::json;
use yeyak_protocol::{ProvidersResponse, QueueProgressResponse, ReservationResponse};

use crate::support::{self, problem, TestServer};

async fn verify_with(
    server: &TestServer,
    name: &str,
    birth_date: &str,
    phone: &str,
    device: &str,
) -> reqwest::Response {
    server
        .client
        .post(server.url("/auth/sessions"))
        .json(&json!({"provider": "naver", "name": name, "birth_date": birth_date, "phone": phone, "device_id": device}))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_second_device_within_ten_minutes_is_locked_until_the_first_ages() {
    let server = support::start().await;
    assert_eq!(
        server
            .start_verification(7, "device-aaaa", "kakao")
            .await
            .status(),
        StatusCode::CREATED
    );
    // The same device may try again.
    assert_eq!(
        server
            .start_verification(7, "device-aaaa", "naver")
            .await
            .status(),
        StatusCode::CREATED
    );
    // Another device is locked, and told until when.
    let locked = server.start_verification(7, "device-bbbb", "kakao").await;
    assert_eq!(locked.status(), StatusCode::LOCKED);
    assert!(locked.headers().contains_key("retry-after"));
    let body = problem(locked).await;
    assert_eq!(body.code, "device_locked");
    let until = DateTime::parse_from_rfc3339(body.locked_until.as_deref().unwrap()).unwrap();
    // Ten minutes after the first device verified (the test clock runs from 21:00:00).
    let expected = DateTime::parse_from_rfc3339("2026-08-09T21:10:00+09:00").unwrap();
    assert!(
        (until - expected).num_seconds().abs() <= 5,
        "locked until {until}"
    );
    // Another person on that device is not affected.
    assert_eq!(
        server
            .start_verification(8, "device-bbbb", "kakao")
            .await
            .status(),
        StatusCode::CREATED
    );
    // Ten minutes after the first device's last verification, the second may verify.
    server.state.clock.advance(Duration::minutes(11));
    assert_eq!(
        server
            .start_verification(7, "device-bbbb", "kakao")
            .await
            .status(),
        StatusCode::CREATED
    );
}

/// ASCII digits as a full-width keyboard or a copied text gives them (`0` → `０`, `-` → `－`).
fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            _ => c,
        })
        .collect()
}

#[tokio::test]
async fn full_width_digits_are_the_same_person_and_refusals_say_what_is_wrong() {
    let server = support::start().await;
    let (name, birth, phone) = support::person(9);
    let typed = verify_with(
        &server,
        &name,
        &full_width(&birth),
        &full_width(&phone),
        "device-wide",
    )
    .await;
    assert_eq!(
        typed.status(),
        StatusCode::CREATED,
        "{:?}",
        typed.text().await
    );
    // The same person in ASCII on another device: one person, so the one-device rule applies.
    let ascii = verify_with(&server, &name, &birth, &phone, "device-ascii").await;
    assert_eq!(ascii.status(), StatusCode::LOCKED);
    // A date in dots and a number with an ideographic space are that person too.
    let dotted = verify_with(
        &server,
        &name,
        &birth.replace('-', "."),
        &phone.replace('-', "\u{3000}"),
        "device-wide",
    )
    .await;
    assert_eq!(dotted.status(), StatusCode::CREATED);
    for (birth_date, phone, says) in [
        (
            "1970-03-19",
            "010-1234-567",
            "phone: must have 11 digits for 010, like 010-1234-5678",
        ),
        ("1970-03-19", "02-123-4567", "phone: is not a mobile number"),
        (
            "1970-03-19",
            "010-ab12-3456",
            "phone: must be digits and dashes",
        ),
        ("1970319", "010-1234-5678", "birth_date: must be 8 digits"),
        (
            "１９７０－０２－３０",
            "010-1234-5678",
            "birth_date: is not a day of the calendar",
        ),
    ] {
        let refused = verify_with(&server, &name, birth_date, phone, "device-wide").await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let detail = problem(refused).await.detail.unwrap_or_default();
        assert!(detail.starts_with(says), "{birth_date} {phone}: {detail}");
    }
}

#[tokio::test]
async fn ten_bu_je_admits_todays_digit_and_tells_others_their_days() {
    let server = support::start().await;
    let allowed = verify_with(
        &server,
        "김민서",
        "1970-03-29",
        "010-2000-0001",
        "device-1111",
    )
    .await;
    assert_eq!(allowed.status(), StatusCode::CREATED);
    let refused = verify_with(
        &server,
        "이민서",
        "1970-03-12",
        "010-2000-0002",
        "device-2222",
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let body = problem(refused).await;
    assert_eq!(body.code, "not_your_day");
    let dates = body.your_dates.unwrap();
    assert_eq!(dates[0], "2026-08-12", "born on the 12th: the digit-2 day");
    assert!(
        dates.contains(&"2026-08-19".to_string()),
        "and the open days"
    );
}

#[tokio::test]
async fn outside_the_window_says_when_it_opens() {
    let server = support::start().await;
    server
        .state
        .clock
        .set(DateTime::parse_from_rfc3339("2026-08-10T19:00:00+09:00").unwrap());
    let refused = verify_with(
        &server,
        "김민서",
        "1970-03-10",
        "010-2000-0003",
        "device-3333",
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let body = problem(refused).await;
    assert_eq!(body.code, "outside_window");
    assert_eq!(body.opens_at.as_deref(), Some("2026-08-10T20:00:00+09:00"));
    server
        .state
        .clock
        .set(DateTime::parse_from_rfc3339("2026-08-10T20:30:00+09:00").unwrap());
    let allowed = verify_with(
        &server,
        "김민서",
        "1970-03-10",
        "010-2000-0003",
        "device-3333",
    )
    .await;
    assert_eq!(
        allowed.status(),
        StatusCode::CREATED,
        "the digit-0 person books at 20:30 on the 10th"
    );
}

#[tokio::test]
async fn only_the_cohort_may_verify() {
    let server = support::start().await;
    let refused = verify_with(
        &server,
        "박지현",
        "1966-05-09",
        "010-2000-0004",
        "device-4444",
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(problem(refused).await.code, "not_in_cohort");
    let allowed = verify_with(
        &server,
        "박지현",
        "1976-05-09",
        "010-2000-0004",
        "device-4444",
    )
    .await;
    assert_eq!(allowed.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn one_active_reservation_per_person() {
    let server = support::start().await;
    let (_, slot) = server.first_slot("2026-08-12").await;
    let admission = server.admitted(20).await;
    assert_eq!(
        server.reserve(&admission, "first", slot).await.status(),
        StatusCode::CREATED
    );
    // A second booking with a new key is refused.
    let again = server.reserve(&admission, "second", slot + 1).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(problem(again).await.code, "already_reserved");
    // Queueing again is refused too.
    let token = server.verify(20, "device-000020").await;
    let join = server.join_raw(&token).await;
    assert_eq!(join.status(), StatusCode::CONFLICT);
    assert_eq!(problem(join).await.code, "already_reserved");
}

#[tokio::test]
async fn an_idempotency_key_replays_its_first_result_and_refuses_another_body() {
    let server = support::start().await;
    let (_, slot) = server.first_slot("2026-08-12").await;
    let admission = server.admitted(21).await;
    let first = server.reserve(&admission, "same-key", slot).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: ReservationResponse = first.json().await.unwrap();
    let retry = server.reserve(&admission, "same-key", slot).await;
    assert_eq!(retry.status(), StatusCode::CREATED);
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    let retry: ReservationResponse = retry.json().await.unwrap();
    assert_eq!(retry.number, first.number);
    let other_body = server.reserve(&admission, "same-key", slot + 1).await;
    assert_eq!(other_body.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem(other_body).await.code, "idempotency_key_reused");
    let missing = server
        .client
        .post(server.url("/reservations"))
        .bearer_auth(&admission)
        .json(&json!({"slot_id": slot}))
        .send()
        .await
        .unwrap();
    assert_eq!(problem(missing).await.code, "idempotency_key_missing");
}

#[tokio::test]
async fn the_booking_window_expires_and_extends_a_bounded_number_of_times() {
    let server = support::start().await;
    let (_, slot) = server.first_slot("2026-08-12").await;
    let admission = server.admitted(22).await;
    let extend = || {
        server
            .client
            .post(server.url("/admission/extend"))
            .bearer_auth(&admission)
            .send()
    };
    for left in [2, 1, 0] {
        let response = extend().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body: yeyak_protocol::AdmissionResponse = response.json().await.unwrap();
        assert_eq!(body.extensions_left, left);
    }
    let exhausted = extend().await.unwrap();
    assert_eq!(problem(exhausted).await.code, "extensions_exhausted");
    server.state.clock.advance(Duration::minutes(11));
    let expired = server.reserve(&admission, "late", slot).await;
    assert_eq!(expired.status(), StatusCode::GONE);
    assert_eq!(problem(expired).await.code, "admission_expired");
}

#[tokio::test]
async fn a_booking_sent_as_the_window_closes_is_honoured_and_its_retry_returns_it() {
    let server = support::start().await;
    let (_, slot) = server.first_slot("2026-08-12").await;
    // Pressed in the last second, carried in 5 s late by a congested network: booked.
    let late = server.admitted(23).await;
    let booked_before = server.admitted(24).await;
    let first = server.reserve(&booked_before, "in-time", slot).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let number = first.json::<serde_json::Value>().await.unwrap()["number"].clone();
    server
        .state
        .clock
        .advance(Duration::minutes(10) + Duration::seconds(5));
    let in_flight = server.reserve(&late, "in-flight", slot).await;
    assert_eq!(in_flight.status(), StatusCode::CREATED);
    // A retry of a booking made in time (its answer was lost) returns it, whatever the hour.
    server.state.clock.advance(Duration::minutes(30));
    let retry = server.reserve(&booked_before, "in-time", slot).await;
    assert_eq!(retry.status(), StatusCode::CREATED);
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    assert_eq!(
        retry.json::<serde_json::Value>().await.unwrap()["number"],
        number
    );
    // Sent well after the end: refused.
    let too_late = server.admitted(25).await;
    server
        .state
        .clock
        .advance(Duration::minutes(10) + Duration::seconds(15));
    let refused = server.reserve(&too_late, "too-late", slot).await;
    assert_eq!(problem(refused).await.code, "admission_expired");
}

#[tokio::test]
async fn the_queue_admits_at_the_rate_skips_leavers_and_holds_places_for_the_grace_period() {
    let server = support::start_with(|c| c.admissions_per_minute = 60).await;
    let pause =
        |paused: bool| server.admin(Method::POST, "/admin/queue", json!({"paused": paused}));
    assert_eq!(pause(true).await.status(), StatusCode::OK);
    let mut tickets = Vec::new();
    for i in 0..5 {
        let token = server.verify(30 + i, &format!("device-q{i:04}")).await;
        tickets.push(server.join(&token).await.1);
    }
    // Not yet: 409 with a retry hint.
    let early = server.redeem(&tickets[0].ticket).await;
    assert_eq!(early.status(), StatusCode::CONFLICT);
    assert!(early.headers().contains_key("retry-after"));
    assert_eq!(problem(early).await.code, "not_yet_served");
    // The second person leaves; at one admission a second, two seconds admit the 1st and 3rd.
    let leave = server
        .send(
            Method::DELETE,
            &format!("/queue/tickets/{}", tickets[1].ticket),
        )
        .await;
    assert_eq!(leave.status(), StatusCode::NO_CONTENT);
    assert_eq!(pause(false).await.status(), StatusCode::OK);
    server.state.clock.advance(Duration::milliseconds(2_000));
    let progress: QueueProgressResponse = server.get_json("/queue/progress").await;
    assert_eq!(
        progress.served, tickets[2].sequence,
        "leavers do not use up admissions"
    );
    assert_eq!(progress.tail, tickets[4].sequence);
    assert_eq!(
        server.redeem(&tickets[2].ticket).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(
        server.redeem(&tickets[1].ticket).await.status(),
        StatusCode::GONE,
        "a ticket that left stays gone"
    );
    // Number 1 dozes off past the grace period: its turn has passed; joining again goes to the back.
    server.state.clock.advance(Duration::minutes(11));
    let late = server.redeem(&tickets[0].ticket).await;
    assert_eq!(late.status(), StatusCode::GONE);
    assert_eq!(problem(late).await.code, "ticket_expired");
    let token = server.verify(30, "device-q0000").await;
    let (status, fresh) = server.join(&token).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(fresh.sequence > tickets[4].sequence);
}

#[tokio::test]
async fn status_lights_are_cacheable_and_follow_operator_overrides() {
    let server = support::start().await;
    let first = server.get("/providers").await;
    assert_eq!(first.status(), StatusCode::OK);
    assert!(first.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("max-age"));
    let etag = first.headers()["etag"].clone();
    let lights: ProvidersResponse = first.json().await.unwrap();
    assert_eq!(lights.providers.len(), 8);
    assert!(lights
        .providers
        .iter()
        .all(|p| p.status == yeyak_protocol::ProviderStatus::Smooth));
    let unchanged = server
        .client
        .get(server.url("/providers"))
        .header("if-none-match", etag.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);

    let set = server
        .admin(
            Method::PUT,
            "/admin/providers/pass",
            json!({"status": "unavailable", "reason": "점검 중"}),
        )
        .await;
    assert_eq!(set.status(), StatusCode::OK);
    let changed = server
        .client
        .get(server.url("/providers"))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(
        changed.status(),
        StatusCode::OK,
        "a changed light is a new ETag"
    );
    let lights: ProvidersResponse = changed.json().await.unwrap();
    let pass = lights.providers.iter().find(|p| p.id == "pass").unwrap();
    assert_eq!(pass.status, yeyak_protocol::ProviderStatus::Unavailable);
    assert_eq!(pass.reason.as_deref(), Some("점검 중"));
    let refused = server.start_verification(40, "device-pass", "pass").await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert_eq!(problem(refused).await.code, "provider_unavailable");

    let wrong = server
        .client
        .get(server.url("/admin/stats"))
        .bearer_auth("guess")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_simulated_providers_take_longer_under_load() {
    let server = support::start_with(|c| c.auth_delay_scale = 1.0).await;
    let before: ProvidersResponse = server.get_json("/providers").await;
    let wait = |r: &ProvidersResponse| {
        r.providers
            .iter()
            .find(|p| p.id == "ipin")
            .unwrap()
            .estimated_wait_seconds
    };
    for i in 0..60 {
        server
            .start_verification(100 + i, &format!("device-l{i:04}"), "ipin")
            .await;
    }
    let after: ProvidersResponse = server.get_json("/providers").await;
    assert!(
        wait(&after) > wait(&before),
        "{} -> {}",
        wait(&before),
        wait(&after)
    );
    let ipin = after.providers.iter().find(|p| p.id == "ipin").unwrap();
    assert_eq!(
        ipin.status,
        yeyak_protocol::ProviderStatus::Delayed,
        "60 waiting on a capacity of 100"
    );
}

#[tokio::test]
async fn bad_input_gets_a_clear_4xx_problem() {
    let server = support::start().await;
    let post = |path: &str, body: &'static str, content_type: &'static str| {
        server
            .client
            .post(server.url(path))
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let cases: Vec<(reqwest::Response, u16, &str)> = vec![
        (
            post("/auth/sessions", "{\"provider\":", "application/json")
                .await
                .unwrap(),
            400,
            "malformed_json",
        ),
        (
            post("/auth/sessions", "{\"provider\": 3}", "application/json")
                .await
                .unwrap(),
            422,
            "invalid_field",
        ),
        (
            post(
                "/auth/sessions",
                "provider=kakao",
                "application/x-www-form-urlencoded",
            )
            .await
            .unwrap(),
            415,
            "unsupported_media_type",
        ),
        (
            server
                .start_verification_raw(json!({"birth_date": "1970-02-30"}))
                .await,
            422,
            "invalid_field",
        ),
        (
            server
                .start_verification_raw(json!({"phone": "02-123-4567"}))
                .await,
            422,
            "invalid_field",
        ),
        (
            server
                .start_verification_raw(json!({"provider": "myspace"}))
                .await,
            422,
            "invalid_field",
        ),
        (server.get("/auth/sessions/nope").await, 404, "not_found"),
        (
            server.get("/centers/abc/availability").await,
            404,
            "not_found",
        ),
        (
            server.get("/centers/999999/availability").await,
            404,
            "not_found",
        ),
        (
            server.get("/centers/1/availability?from=2026-02-30").await,
            400,
            "invalid_query",
        ),
        (server.get("/centers").await, 400, "invalid_query"),
        (
            server
                .send(Method::POST, "/queue/tickets/forged.1.x/admission")
                .await,
            404,
            "invalid_ticket",
        ),
        (
            server.send(Method::POST, "/queue/tickets").await,
            401,
            "unauthorized",
        ),
        (
            server.send(Method::PATCH, "/campaign").await,
            405,
            "method_not_allowed",
        ),
    ];
    for (response, status, code) in cases {
        let url = response.url().to_string();
        assert_eq!(response.status().as_u16(), status, "{url}");
        assert_eq!(problem(response).await.code, code, "{url}");
    }
    let huge = "x".repeat(64 * 1024);
    let big = server
        .client
        .post(server.url("/auth/sessions"))
        .header("content-type", "application/json")
        .body(format!("{{\"name\":\"{huge}\"}}"))
        .send()
        .await
        .unwrap();
    assert_eq!(big.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(problem(big).await.code, "payload_too_large");
}

#[tokio::test]
async fn a_client_over_its_rate_gets_429_with_retry_after() {
    let server = support::start_with(|c| c.rate_limit_per_second = 5).await;
    let mut statuses = Vec::new();
    for _ in 0..15 {
        statuses.push(server.get("/campaign").await);
    }
    let limited = statuses
        .into_iter()
        .find(|r| r.status() == StatusCode::TOO_MANY_REQUESTS)
        .expect("some requests limited");
    assert!(limited.headers().contains_key("retry-after"));
    assert_eq!(problem(limited).await.code, "rate_limited");
}

impl TestServer {
    /// A verification request with a valid body but for the fields in `overrides`.
    async fn start_verification_raw(&self, overrides: serde_json::Value) -> reqwest::Response {
        let mut body = json!({"provider": "kakao", "name": "김민수", "birth_date": "1970-03-19", "phone": "010-1234-5678", "device_id": "device-raw-1"});
        for (key, value) in overrides.as_object().unwrap() {
            body[key] = value.clone();
        }
        self.client
            .post(self.url("/auth/sessions"))
            .json(&body)
            .send()
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn change_and_cancel_close_the_day_before_the_first_dose() {
    let server = support::start().await;
    let (_, slot) = server.first_slot("2026-08-11").await;
    let admission = server.admitted(50).await;
    let booked: ReservationResponse = server
        .reserve(&admission, "cutoff", slot)
        .await
        .json()
        .await
        .unwrap();
    assert!(booked.changeable);
    // On the day before, changes are still allowed (the lookup says so too).
    server
        .state
        .clock
        .set(DateTime::parse_from_rfc3339("2026-08-10T23:00:00+09:00").unwrap());
    let (name, birth_date, _) = support::person(50);
    let lookup = || {
        server
            .client
            .post(server.url("/reservations/lookup"))
            .json(&json!({"name": name, "birth_date": birth_date, "number": booked.number}))
            .send()
    };
    let before: ReservationResponse = lookup().await.unwrap().json().await.unwrap();
    assert!(before.changeable);
    // On the day of the first dose, neither change nor cancel.
    server
        .state
        .clock
        .set(DateTime::parse_from_rfc3339("2026-08-11T08:00:00+09:00").unwrap());
    let found: ReservationResponse = lookup().await.unwrap().json().await.unwrap();
    assert!(!found.changeable);
    let cancel = server
        .client
        .delete(server.url(&format!("/reservations/{}", booked.number)))
        .bearer_auth(&found.manage_token)
        .send()
        .await
        .unwrap();
    assert_eq!(cancel.status(), StatusCode::CONFLICT);
    assert_eq!(problem(cancel).await.code, "change_cutoff_passed");
    let change = server
        .client
        .put(server.url(&format!("/reservations/{}", booked.number)))
        .bearer_auth(&found.manage_token)
        .json(&json!({"slot_id": slot + 40}))
        .send()
        .await
        .unwrap();
    assert_eq!(problem(change).await.code, "change_cutoff_passed");
}
