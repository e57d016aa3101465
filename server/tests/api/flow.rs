//! The whole path over HTTP: verify → join → served → admitted → availability → reserve →
//! lookup → change → cancel.

use reqwest::StatusCode;
use serde_json::{json, Value};
use yeyak_protocol::{
    AvailabilityResponse, CampaignResponse, CentersResponse, QueueProgressResponse,
    RegionsResponse, ReservationResponse, ReservationStatus,
};

use crate::support::{self, person, BIRTH_TODAY};

#[tokio::test]
async fn a_citizen_books_looks_up_changes_and_cancels() {
    let server = support::start().await;
    let client = &server.client;

    let campaign: CampaignResponse = server.get_json("/campaign").await;
    assert!(campaign.open_now);
    assert_eq!(campaign.today_digit, Some(9));
    assert_eq!(campaign.schedule.len(), 14);

    // Verify, then join the line.
    let token = server.verify(1, "phone-of-one").await;
    let (status, ticket) = server.join(&token).await;
    assert_eq!(status, StatusCode::CREATED);
    let (again_status, again) = server.join(&token).await;
    assert_eq!(
        again_status,
        StatusCode::OK,
        "asking again returns the same ticket"
    );
    assert_eq!(again.ticket, ticket.ticket);

    // The shared progress response reaches the ticket's number; redeem it.
    let admission = server.admit(&ticket.ticket).await;
    let progress: QueueProgressResponse = server.get_json("/queue/progress").await;
    assert!(progress.served >= ticket.sequence);

    // Where and when.
    let regions: RegionsResponse = server.get_json("/regions").await;
    let seoul = &regions.regions[0];
    assert_eq!(seoul.name, "서울특별시");
    let district = &seoul.districts[0].code;
    let centers: CentersResponse = server
        .get_json(&format!("/centers?district={district}"))
        .await;
    let center = &centers.centers[0];
    let availability: AvailabilityResponse = fetch_availability(&server, center.id).await;
    assert_eq!(
        availability.days.len(),
        14,
        "tomorrow through 14 days of slots"
    );
    assert_eq!(availability.days[0].date, "2026-08-10");
    let slot = &availability.days[0].slots[0];
    assert_eq!(slot.time, "09:00");

    // Reserve.
    let response = server
        .reserve(&admission.admission_token, "key-1", slot.slot_id)
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let booked: ReservationResponse = response.json().await.unwrap();
    assert_eq!(booked.status, ReservationStatus::Active);
    assert_eq!(booked.first_dose.date, "2026-08-10");
    let interval = i64::from(center.vaccine.second_dose_interval_days);
    let second =
        chrono::NaiveDate::from_ymd_opt(2026, 8, 10).unwrap() + chrono::Duration::days(interval);
    assert_eq!(
        booked.second_dose.date,
        second.to_string(),
        "second dose at the vaccine's interval"
    );
    assert_eq!(booked.name_masked.chars().nth(1), Some('*'));
    let remaining = |a: &AvailabilityResponse| a.days[0].slots[0].remaining;
    let after: AvailabilityResponse = fetch_availability(&server, center.id).await;
    assert_eq!(remaining(&after), slot.remaining - 1);

    // Look it up.
    let (name, _, _) = person(1);
    let response = client
        .post(server.url("/reservations/lookup"))
        .json(&json!({"name": name, "birth_date": BIRTH_TODAY, "number": booked.number}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let found: ReservationResponse = response.json().await.unwrap();
    assert_eq!(found.number, booked.number);
    let wrong = client
        .post(server.url("/reservations/lookup"))
        .json(&json!({"name": "홍길동", "birth_date": BIRTH_TODAY, "number": booked.number}))
        .send()
        .await
        .unwrap();
    assert_eq!(support::problem(wrong).await.code, "reservation_not_found");

    // Change to a later slot: the old place returns, the new one is taken.
    let new_slot = availability.days[1].slots[3].clone();
    let response = client
        .put(server.url(&format!("/reservations/{}", booked.number)))
        .bearer_auth(&found.manage_token)
        .json(&json!({"slot_id": new_slot.slot_id}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let changed: ReservationResponse = response.json().await.unwrap();
    assert_eq!(
        (
            changed.first_dose.date.as_str(),
            changed.first_dose.time.as_str()
        ),
        ("2026-08-11", new_slot.time.as_str())
    );
    let after_change: AvailabilityResponse = fetch_availability(&server, center.id).await;
    assert_eq!(
        remaining(&after_change),
        slot.remaining,
        "old place given back"
    );
    assert_eq!(
        after_change.days[1].slots[3].remaining,
        new_slot.remaining - 1
    );

    // Cancel: the place goes back; cancelling again is harmless.
    for _ in 0..2 {
        let response = client
            .delete(server.url(&format!("/reservations/{}", booked.number)))
            .bearer_auth(&found.manage_token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let cancelled: ReservationResponse = response.json().await.unwrap();
        assert_eq!(cancelled.status, ReservationStatus::Cancelled);
    }
    let after_cancel: Value = server
        .get_json(&format!("/centers/{}/availability", center.id))
        .await;
    assert_eq!(
        after_cancel["days"][1]["slots"][3]["remaining"],
        json!(new_slot.remaining)
    );
}

/// A centre's availability for the default range.
async fn fetch_availability(server: &support::TestServer, center_id: i64) -> AvailabilityResponse {
    server
        .get_json(&format!("/centers/{center_id}/availability"))
        .await
}
