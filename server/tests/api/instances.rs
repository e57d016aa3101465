//! Two server processes on one PostgreSQL database behave as one service: no place sold twice,
//! one reservation per Idempotency-Key, one sequence of tickets, and nothing acknowledged by an
//! instance that dies is lost to the other; a change and a cancel sent together both find the
//! reservation, and extensions sent together stop at the limit.
//!
//! They need a PostgreSQL server: `cargo xtask test` runs them in its PostgreSQL pass
//! (`YEYAK_TEST_POSTGRES` set, `--include-ignored`).

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use reqwest::StatusCode;
use serde_json::json;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use yeyak_protocol::ReservationResponse;

use crate::support::{
    new_database, operator, person, problem, spawn_server, Api, Spawned, BIRTH_TODAY,
};

fn launch(db: &str) -> Spawned {
    spawn_server(db, &[operator()])
}

/// A new database and two instances on it, started at the same moment (they migrate and seed
/// one after the other under the start-up lock).
fn two_instances() -> (Arc<Spawned>, Arc<Spawned>, String) {
    let server = std::env::var("YEYAK_TEST_POSTGRES")
        .expect("these tests need YEYAK_TEST_POSTGRES (cargo xtask test sets it)");
    let db = new_database(&server);
    let (first, second) = std::thread::scope(|scope| {
        let a = scope.spawn(|| launch(&db));
        let b = scope.spawn(|| launch(&db));
        (a.join().unwrap(), b.join().unwrap())
    });
    (Arc::new(first), Arc::new(second), db)
}

/// Runs `sql` on the database directly (arranging a fixture or reading what was stored).
fn sql(db: &str, statement: &str) -> Vec<i64> {
    let (db, statement) = (db.to_owned(), statement.to_owned());
    std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&db, postgres::NoTls).unwrap();
        client
            .query(&statement, &[])
            .unwrap()
            .iter()
            .flat_map(|row| {
                (0..row.len())
                    .map(|i| row.get::<_, i64>(i))
                    .collect::<Vec<_>>()
            })
            .collect()
    })
    .join()
    .unwrap()
}

/// Person `i` verified on one instance, queued on the other, admitted on the first: the
/// admission token. Any instance honours what another issued.
async fn admitted_across(one: &Api, other: &Api, i: usize) -> String {
    let token = one.verify(i, &format!("device-{i:06}")).await;
    let (_, ticket) = other.join(&token).await;
    one.admit(&ticket.ticket).await.admission_token
}

/// `count` people admitted, alternating which instance does what; 64 at a time.
async fn admit_many(a: &Arc<Spawned>, b: &Arc<Spawned>, first: usize, count: usize) -> Vec<String> {
    let gate = Arc::new(Semaphore::new(64));
    let mut admitting = JoinSet::new();
    for i in first..first + count {
        let (a, b, gate) = (a.clone(), b.clone(), gate.clone());
        admitting.spawn(async move {
            let _turn = gate.acquire().await.unwrap();
            let token = if i % 2 == 0 {
                admitted_across(&a, &b, i).await
            } else {
                admitted_across(&b, &a, i).await
            };
            (i, token)
        });
    }
    let mut admitted = admitting.join_all().await;
    admitted.sort();
    admitted.into_iter().map(|(_, token)| token).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs a PostgreSQL server (YEYAK_TEST_POSTGRES)"]
async fn a_thousand_people_on_two_instances_race_for_twenty_places() {
    let (a, b, db) = two_instances();
    let (_, slot) = a.first_slot("2026-08-13").await;
    sql(
        &db,
        &format!("UPDATE slots SET capacity = 20 WHERE id = {slot}"),
    );
    let admissions = admit_many(&a, &b, 10_000, 1_000).await;

    let mut racing = JoinSet::new();
    for (i, admission) in admissions.into_iter().enumerate() {
        let instance = if i % 2 == 0 { a.clone() } else { b.clone() };
        racing.spawn(async move {
            let response = instance
                .reserve(&admission, &format!("race-{i}"), slot)
                .await;
            match response.status() {
                StatusCode::CREATED => (i % 2, true),
                StatusCode::CONFLICT => {
                    assert_eq!(problem(response).await.code, "slot_full");
                    (i % 2, false)
                }
                other => panic!("unexpected {other}: {:?}", response.text().await),
            }
        });
    }
    let outcomes = racing.join_all().await;
    let booked = outcomes.iter().filter(|(_, ok)| *ok).count();
    assert_eq!((booked, outcomes.len() - booked), (20, 980));
    let through: HashSet<usize> = outcomes
        .iter()
        .filter(|(_, ok)| *ok)
        .map(|(n, _)| *n)
        .collect();
    assert_eq!(through.len(), 2, "both instances sold places");
    let stored = sql(
        &db,
        &format!(
            "SELECT (SELECT count(*) FROM reservations WHERE slot_id = {slot}), booked::bigint FROM slots WHERE id = {slot}"
        ),
    );
    assert_eq!(stored, vec![20, 20]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs a PostgreSQL server (YEYAK_TEST_POSTGRES)"]
async fn a_thousand_retries_of_one_key_on_two_instances_make_one_reservation() {
    let (a, b, db) = two_instances();
    let (_, slot) = a.first_slot("2026-08-14").await;
    let admission = Arc::new(admit_many(&a, &b, 20_000, 1).await.remove(0));
    let mut retries = JoinSet::new();
    for i in 0..1_000 {
        let instance = if i % 2 == 0 { a.clone() } else { b.clone() };
        let admission = admission.clone();
        retries.spawn(async move {
            let response = instance
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
        "every retry on either instance sees the same reservation"
    );
    assert_eq!(sql(&db, "SELECT count(*) FROM reservations"), vec![1]);
    assert_eq!(
        sql(
            &db,
            &format!("SELECT booked::bigint FROM slots WHERE id = {slot}")
        ),
        vec![1]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs a PostgreSQL server (YEYAK_TEST_POSTGRES)"]
async fn two_hundred_joins_through_two_instances_get_two_hundred_numbers() {
    let (a, b, _db) = two_instances();
    let mut joining = JoinSet::new();
    for i in 0..200 {
        let (one, other) = if i % 2 == 0 {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        joining.spawn(async move {
            let token = one.verify(30_000 + i, &format!("device-j{i:04}")).await;
            let (status, ticket) = other.join(&token).await;
            assert_eq!(status, StatusCode::CREATED);
            ticket.sequence
        });
    }
    let sequences: HashSet<u64> = joining.join_all().await.into_iter().collect();
    assert_eq!(sequences.len(), 200, "200 distinct sequence numbers");
    let progress: serde_json::Value = a.get_json("/queue/progress").await;
    assert!(progress["tail"].as_u64().unwrap() >= 200, "{progress}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs a PostgreSQL server (YEYAK_TEST_POSTGRES)"]
async fn killing_one_instance_mid_load_loses_nothing_the_other_does_not_see() {
    let (a, b, db) = two_instances();
    let (_, slot) = a.first_slot("2026-08-15").await;
    sql(
        &db,
        &format!("UPDATE slots SET capacity = 1000 WHERE id = {slot}"),
    );
    const PEOPLE: usize = 300;
    let admissions = admit_many(&a, &b, 40_000, PEOPLE).await;

    // Everyone books at once, half through each instance; the first is SIGKILLed after 60
    // answers have come back.
    let answered = Arc::new(AtomicUsize::new(0));
    let victim = a.child.id();
    let mut booking = JoinSet::new();
    for (i, admission) in admissions.iter().cloned().enumerate() {
        let instance = if i % 2 == 0 { a.clone() } else { b.clone() };
        let answered = answered.clone();
        booking.spawn(async move {
            let sent = instance
                .client
                .post(instance.url("/reservations"))
                .bearer_auth(&admission)
                .header("Idempotency-Key", format!("kill-{i}"))
                .json(&json!({ "slot_id": slot }))
                .send()
                .await;
            let acknowledged = match sent {
                Ok(response) if response.status() == StatusCode::CREATED => response
                    .json::<ReservationResponse>()
                    .await
                    .ok()
                    .map(|r| r.number),
                Ok(response) => panic!("unexpected {}", response.status()),
                Err(_) => None,
            };
            answered.fetch_add(1, Ordering::SeqCst);
            (i, acknowledged)
        });
    }
    while answered.load(Ordering::SeqCst) < 60 {
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
    let killed = std::process::Command::new("kill")
        .args(["-9", &victim.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let results = booking.join_all().await;
    let acknowledged: Vec<(usize, String)> = results
        .iter()
        .filter_map(|(i, number)| number.clone().map(|n| (*i, n)))
        .collect();
    assert!(
        acknowledged.len() < PEOPLE,
        "the kill landed mid-load ({} of {PEOPLE} acknowledged)",
        acknowledged.len()
    );

    // Every booking an instance acknowledged, the survivor finds.
    for (i, number) in &acknowledged {
        let (name, _, _) = person(40_000 + i);
        let found = b
            .client
            .post(b.url("/reservations/lookup"))
            .json(&json!({"name": name, "birth_date": BIRTH_TODAY, "number": number}))
            .send()
            .await
            .unwrap();
        assert_eq!(
            found.status(),
            StatusCode::OK,
            "reservation {number} survives"
        );
    }
    // The rest retry on the survivor with the same key: each ends with exactly one booking
    // (a replay where the dead instance had committed before it died).
    for (i, number) in &results {
        if number.is_none() {
            let response = b.reserve(&admissions[*i], &format!("kill-{i}"), slot).await;
            assert_eq!(response.status(), StatusCode::CREATED);
        }
    }
    let stored = sql(
        &db,
        &format!(
            "SELECT (SELECT count(*) FROM reservations WHERE slot_id = {slot}), booked::bigint FROM slots WHERE id = {slot}"
        ),
    );
    assert_eq!(
        stored,
        vec![PEOPLE as i64, PEOPLE as i64],
        "one reservation per person, and the slot counts each once"
    );
}

/// The `slot`-th slot of centre 1 on `date`.
async fn slot_on(api: &Api, date: &str, slot: usize) -> i64 {
    let availability: serde_json::Value = api
        .get_json(&format!("/centers/1/availability?from={date}&to={date}"))
        .await;
    availability["days"][0]["slots"][slot]["slot_id"]
        .as_i64()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs a PostgreSQL server (YEYAK_TEST_POSTGRES)"]
async fn a_change_and_a_cancel_sent_together_to_two_instances_both_find_the_reservation() {
    let (a, b, db) = two_instances();
    let from = slot_on(&a, "2026-08-17", 0).await;
    let to = slot_on(&a, "2026-08-17", 1).await;
    sql(
        &db,
        &format!("UPDATE slots SET capacity = 100 WHERE id IN ({from}, {to})"),
    );
    let admissions = admit_many(&a, &b, 30_000, 60).await;
    let mut booked = Vec::new();
    for (i, admission) in admissions.iter().enumerate() {
        let response = a.reserve(admission, &format!("move-{i}"), from).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        booked.push(response.json::<ReservationResponse>().await.unwrap());
    }
    let mut racing = JoinSet::new();
    for reservation in booked {
        let (a, b) = (a.clone(), b.clone());
        racing.spawn(async move {
            let path = format!("/reservations/{}", reservation.number);
            let change = a
                .client
                .put(a.url(&path))
                .bearer_auth(&reservation.manage_token)
                .json(&json!({"slot_id": to}))
                .send();
            let cancel = b
                .client
                .delete(b.url(&path))
                .bearer_auth(&reservation.manage_token)
                .send();
            let (changed, cancelled) = tokio::join!(change, cancel);
            let (changed, cancelled) = (changed.unwrap(), cancelled.unwrap());
            match changed.status() {
                StatusCode::OK => {}
                StatusCode::CONFLICT => {
                    assert_eq!(problem(changed).await.code, "reservation_cancelled")
                }
                other => panic!("the change was told {other}: {:?}", changed.text().await),
            }
            assert_eq!(
                cancelled.status(),
                StatusCode::OK,
                "the cancel was told {:?}",
                cancelled.text().await
            );
        });
    }
    racing.join_all().await;
    assert_eq!(
        sql(
            &db,
            "SELECT count(*) FROM reservations WHERE status = 'active'"
        ),
        vec![0],
        "every cancel took effect"
    );
    assert_eq!(
        sql(
            &db,
            &format!("SELECT booked::bigint FROM slots WHERE id IN ({from}, {to}) ORDER BY id")
        ),
        vec![0, 0],
        "every place taken was given back once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs a PostgreSQL server (YEYAK_TEST_POSTGRES)"]
async fn extensions_sent_together_to_two_instances_stop_at_three() {
    let (a, b, db) = two_instances();
    let admission = Arc::new(admit_many(&a, &b, 40_000, 1).await.remove(0));
    let mut extending = JoinSet::new();
    for i in 0..40 {
        let instance = if i % 2 == 0 { a.clone() } else { b.clone() };
        let admission = admission.clone();
        extending.spawn(async move {
            let response = instance
                .client
                .post(instance.url("/admission/extend"))
                .bearer_auth(admission.as_str())
                .send()
                .await
                .unwrap();
            match response.status() {
                StatusCode::OK => {
                    let body: yeyak_protocol::AdmissionResponse = response.json().await.unwrap();
                    Some(body.extensions_left)
                }
                StatusCode::CONFLICT => {
                    assert_eq!(problem(response).await.code, "extensions_exhausted");
                    None
                }
                other => panic!("unexpected {other}: {:?}", response.text().await),
            }
        });
    }
    let mut left: Vec<u32> = extending.join_all().await.into_iter().flatten().collect();
    left.sort();
    assert_eq!(left, [0, 1, 2], "three granted, each told how many remain");
    assert_eq!(
        sql(&db, "SELECT extensions_used::bigint FROM admissions"),
        vec![3]
    );
}
