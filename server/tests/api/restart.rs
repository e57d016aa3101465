//! Killing the server (SIGKILL, no shutdown) keeps every reservation and every ticket's place.

use reqwest::{Client, StatusCode};
use serde_json::json;
use yeyak_protocol::{QueueTicketResponse, ReservationResponse, VerificationResponse};

use crate::support::{fresh_store, operator, person, spawn_server, Spawned, ADMIN, BIRTH_TODAY};

fn launch(db: &str) -> Spawned {
    spawn_server(db, &[operator()])
}

async fn verify(client: &Client, base: &str, i: usize) -> String {
    let (name, birth_date, phone) = person(i);
    let mut session: VerificationResponse = client
        .post(format!("{base}/auth/sessions"))
        .json(&json!({"provider": "toss", "name": name, "birth_date": birth_date, "phone": phone, "device_id": format!("device-r{i:04}")}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    while session.token.is_none() {
        session = client
            .get(format!("{base}/auth/sessions/{}", session.session_id))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    }
    session.token.unwrap()
}

async fn join(client: &Client, base: &str, token: &str) -> (StatusCode, QueueTicketResponse) {
    let response = client
        .post(format!("{base}/queue/tickets"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

#[tokio::test]
async fn a_killed_server_restarts_with_every_reservation_and_place() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_store(dir.path()).as_arg();
    let client = Client::new();
    let first = launch(&db);
    let base = first.url("");

    // One person books.
    let token = verify(&client, &base, 1).await;
    let (_, ticket) = join(&client, &base, &token).await;
    let admission: serde_json::Value = loop {
        let response = client
            .post(format!("{base}/queue/tickets/{}/admission", ticket.ticket))
            .send()
            .await
            .unwrap();
        if response.status().is_success() {
            break response.json().await.unwrap();
        }
    };
    let availability: serde_json::Value = client
        .get(format!("{base}/centers/5/availability"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let slot = availability["days"][2]["slots"][4]["slot_id"]
        .as_i64()
        .unwrap();
    let booked: ReservationResponse = client
        .post(format!("{base}/reservations"))
        .bearer_auth(admission["admission_token"].as_str().unwrap())
        .header("Idempotency-Key", "restart-1")
        .json(&json!({"slot_id": slot}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    // The queue is paused; three people wait in line.
    let paused = client
        .post(format!("{base}/admin/queue"))
        .bearer_auth(ADMIN)
        .json(&json!({"paused": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(paused.status(), StatusCode::OK);
    let mut waiting = Vec::new();
    for i in 2..5 {
        let token = verify(&client, &base, i).await;
        let (_, ticket) = join(&client, &base, &token).await;
        waiting.push((token, ticket));
    }

    // SIGKILL: no graceful shutdown, no flush.
    drop(first);

    let second = launch(&db);
    let base = second.url("");
    let (name, _, _) = person(1);
    let found = client
        .post(format!("{base}/reservations/lookup"))
        .json(&json!({"name": name, "birth_date": BIRTH_TODAY, "number": booked.number}))
        .send()
        .await
        .unwrap();
    assert_eq!(found.status(), StatusCode::OK);
    let found: ReservationResponse = found.json().await.unwrap();
    assert_eq!(
        (found.first_dose, found.center.id),
        (booked.first_dose, booked.center.id)
    );
    for (token, ticket) in &waiting {
        let (status, again) = join(&client, &base, token).await;
        assert_eq!(status, StatusCode::OK, "the same place, not a new ticket");
        assert_eq!(
            (again.sequence, &again.ticket),
            (ticket.sequence, &ticket.ticket)
        );
    }
    let stats: serde_json::Value = client
        .get(format!("{base}/admin/stats"))
        .bearer_auth(ADMIN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats["reservations_active"], 1);
    assert_eq!(
        stats["progress"]["paused"], true,
        "operator settings survive too"
    );
}
