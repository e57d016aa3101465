//! Never overbooked, never booked twice: real concurrent HTTP requests.

use std::sync::Arc;

use reqwest::StatusCode;
use tokio::task::JoinSet;
use yeyak_protocol::ReservationResponse;

use crate::support::{self, problem};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn five_hundred_people_race_for_twenty_places() {
    let server = Arc::new(support::start().await);
    let (_, slot) = server.first_slot("2026-08-13").await;
    server.set_capacity(slot, 20).await;

    // 500 different people, each verified, queued and admitted over HTTP.
    let mut admitting = JoinSet::new();
    for i in 0..500 {
        let server = server.clone();
        admitting.spawn(async move { server.admitted(1_000 + i).await });
    }
    let admissions: Vec<String> = admitting.join_all().await;

    // All at once for the same slot.
    let mut racing = JoinSet::new();
    for (i, admission) in admissions.into_iter().enumerate() {
        let server = server.clone();
        racing.spawn(async move { server.reserve(&admission, &format!("race-{i}"), slot).await });
    }
    let mut booked = 0;
    let mut full = 0;
    for response in racing.join_all().await {
        match response.status() {
            StatusCode::CREATED => booked += 1,
            StatusCode::CONFLICT => {
                let body = problem(response).await;
                assert_eq!(body.code, "slot_full");
                assert!(
                    !body.alternatives.unwrap_or_default().is_empty(),
                    "a full slot offers alternatives"
                );
                full += 1;
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!((booked, full), (20, 480));
    let (rows, taken) = server
        .count(
            "SELECT (SELECT count(*) FROM reservations WHERE slot_id = $1), booked FROM slots WHERE id = $1",
            slot,
        )
        .await;
    assert_eq!((rows, taken), (20, 20));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_retries_with_one_key_make_one_reservation() {
    let server = Arc::new(support::start().await);
    let (_, slot) = server.first_slot("2026-08-14").await;
    let admission = Arc::new(server.admitted(7_000).await);
    let mut retries = JoinSet::new();
    for _ in 0..1_000 {
        let (server, admission) = (server.clone(), admission.clone());
        retries.spawn(async move {
            let response = server
                .reserve(&admission, "one-key-for-one-tap", slot)
                .await;
            assert_eq!(response.status(), StatusCode::CREATED);
            response.json::<ReservationResponse>().await.unwrap().number
        });
    }
    let numbers = retries.join_all().await;
    assert_eq!(numbers.len(), 1_000);
    assert!(
        numbers.iter().all(|n| *n == numbers[0]),
        "every retry sees the same reservation"
    );
    let (count, _) = server
        .count("SELECT count(*) FROM reservations WHERE slot_id = $1", slot)
        .await;
    assert_eq!(count, 1);
}
