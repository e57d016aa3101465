//! The OpenAPI document: generated from the same types, listing every route the server serves.

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::support;

/// The contract of DESIGN.md, route by route.
const CONTRACT: &[(&str, &str)] = &[
    ("get", "/api/v1/health"),
    ("get", "/api/v1/openapi.json"),
    ("get", "/api/v1/campaign"),
    ("get", "/api/v1/providers"),
    ("post", "/api/v1/auth/sessions"),
    ("get", "/api/v1/auth/sessions/{id}"),
    ("delete", "/api/v1/auth/sessions/{id}"),
    ("post", "/api/v1/queue/tickets"),
    ("get", "/api/v1/queue/progress"),
    ("post", "/api/v1/queue/tickets/{ticket}/admission"),
    ("delete", "/api/v1/queue/tickets/{ticket}"),
    ("post", "/api/v1/admission/extend"),
    ("get", "/api/v1/regions"),
    ("get", "/api/v1/centers"),
    ("get", "/api/v1/centers/{id}/availability"),
    ("post", "/api/v1/reservations"),
    ("post", "/api/v1/reservations/lookup"),
    ("put", "/api/v1/reservations/{number}"),
    ("delete", "/api/v1/reservations/{number}"),
    ("post", "/api/v1/admin/queue"),
    ("put", "/api/v1/admin/providers/{id}"),
    ("get", "/api/v1/admin/stats"),
];

#[tokio::test]
async fn the_document_lists_exactly_the_routes_served() {
    let server = support::start().await;
    let doc: Value = server.get_json("/openapi.json").await;
    assert_eq!(doc["openapi"], "3.1.0");
    let mut listed: Vec<(String, String)> = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                listed.push((method.clone(), path.clone()));
            }
        }
    }
    listed.sort();
    let mut expected: Vec<(String, String)> = CONTRACT
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    expected.sort();
    assert_eq!(listed, expected);

    // Every listed route is really served: it never falls through to the unknown-path 404 or 405.
    for (method, path) in &listed {
        let concrete = path
            .replace("{id}", "1")
            .replace("{ticket}", "q1.1.AAAA")
            .replace("{number}", "YY-ABCDEFGHJK");
        let url = format!("{}{concrete}", server.base);
        let response = server
            .client
            .request(method.to_uppercase().parse::<Method>().unwrap(), &url)
            .send()
            .await
            .unwrap();
        assert_ne!(
            response.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
        let body = response.text().await.unwrap();
        assert!(
            !body.contains("no resource at"),
            "{method} {path} is not routed"
        );
    }

    // Every schema a route refers to is defined.
    let text = doc.to_string();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for reference in text.split("#/components/schemas/").skip(1) {
        let name: String = reference.chars().take_while(|c| *c != '"').collect();
        assert!(schemas.contains_key(&name), "undefined schema {name}");
    }
    assert!(schemas.contains_key("Problem") && schemas.contains_key("ReservationResponse"));
}
