//! What the generated OpenAPI document cannot say from the handlers' annotations alone, added
//! to it once at start: every answer an operation can give besides its own (a malformed body,
//! a rate limit, a database that did not answer) in the media type it really has, the bearer
//! scheme, and the exact shape of what people type, so the document is the whole contract and
//! nothing outside it is accepted (checked by schemathesis in `cargo xtask test`).

use serde_json::{json, Map, Value};

use yeyak_protocol::PROBLEM_JSON;

/// The characters a date or a number may carry between its digits (the shared rule's
/// separators: spaces, `-`, `.`, `/`, the Unicode dashes and minus, the ideographic space and
/// their full-width forms), as a regular-expression class that both ECMAScript and Python read.
const SEPARATORS: &str = r"[ \-./\u2010-\u2015\u2212\uFE63\u3000\uFF0D\uFF0E\uFF0F]";

/// The highest admission rate the operator may set (`api::admin`).
pub const MAX_ADMISSIONS_PER_MINUTE: u32 = 10_000_000;

/// An ASCII or full-width digit.
const DIGIT: &str = r"[0-9\uFF10-\uFF19]";

/// `count` digits with separators anywhere: what `yeyak_protocol::rules` reads.
fn digits_pattern(count: &str) -> String {
    format!("^{SEPARATORS}*(?:{DIGIT}{SEPARATORS}*){{{count}}}$")
}

/// Completes the generated document in place; `providers` are the ids a verification may name.
pub fn complete(doc: &mut Value, providers: &[&str]) {
    doc["components"]["securitySchemes"]["bearer"] = json!({
        "type": "http",
        "scheme": "bearer",
        "description": "The token each step hands out: the verification's for joining the \
                        queue, the admission's for booking, the manage token for changing or \
                        cancelling, the operator's for /admin",
    });
    if let Some(schemas) = doc["components"]["schemas"].as_object_mut() {
        exact_inputs(schemas, providers);
    }
    let Some(paths) = doc["paths"].as_object_mut() else {
        return;
    };
    for item in paths.values_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, operation) in item.iter_mut() {
            if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                complete_operation(operation);
            }
        }
    }
}

/// One operation: problems in their own media type, and the answers every operation of its
/// kind may give.
fn complete_operation(operation: &mut Value) {
    let has_body = operation.get("requestBody").is_some();
    let secured = operation.get("security").is_some();
    let params = |place: &str| {
        operation["parameters"]
            .as_array()
            .is_some_and(|ps| ps.iter().any(|p| p["in"] == place))
    };
    let (in_query, in_path) = (params("query"), params("path"));
    if let Some(parameters) = operation
        .get_mut("parameters")
        .and_then(Value::as_array_mut)
    {
        for parameter in parameters {
            exact_parameter(parameter);
        }
    }
    let responses = operation["responses"]
        .as_object_mut()
        .expect("every operation has responses");
    for response in responses.values_mut() {
        problem_media_type(response);
    }
    let mut add = |status: &str, description: &str| {
        responses
            .entry(status)
            .or_insert_with(|| problem_response(description));
    };
    if has_body {
        add("400", "malformed_json: the body is not JSON");
        add("413", "payload_too_large: the body is over 16 KiB");
        add(
            "415",
            "unsupported_media_type: the body is not application/json",
        );
        add(
            "422",
            "invalid_field: a field is missing, mistyped or unusable",
        );
    }
    if in_query {
        add("400", "invalid_query: a query value is unusable");
    }
    if in_path {
        add("404", "not_found: no such resource");
    }
    if secured {
        add(
            "401",
            "unauthorized: the bearer token is missing, unknown or expired",
        );
    }
    add(
        "429",
        "rate_limited: too many requests from this address (Retry-After)",
    );
    add("500", "internal: the server hit a bug");
    add(
        "503",
        "unavailable: the database did not answer (Retry-After)",
    );
}

/// A problem answer as the server sends it.
fn problem_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": { PROBLEM_JSON: { "schema": { "$ref": "#/components/schemas/Problem" } } },
    })
}

/// A response documented with the `Problem` schema is sent as `application/problem+json`.
fn problem_media_type(response: &mut Value) {
    // `get_mut`, not indexing: indexing a missing key would write a `null` there.
    let Some(content) = response.get_mut("content").and_then(Value::as_object_mut) else {
        return;
    };
    let is_problem = content
        .get("application/json")
        .is_some_and(|c| c["schema"]["$ref"] == "#/components/schemas/Problem");
    if is_problem {
        if let Some(media) = content.remove("application/json") {
            content.insert(PROBLEM_JSON.to_owned(), media);
        }
    }
}

/// Parameters whose values the server reads by a rule: the dates of an availability query
/// and the booking's Idempotency-Key.
fn exact_parameter(parameter: &mut Value) {
    match (parameter["in"].as_str(), parameter["name"].as_str()) {
        (Some("query"), Some("from" | "to")) => {
            parameter["schema"] = json!({
                "type": ["string", "null"],
                "format": "date",
                "pattern": r"^\d{4}-\d{2}-\d{2}$",
            });
        }
        (Some("header"), Some("Idempotency-Key")) => {
            parameter["required"] = json!(true);
            parameter["schema"] = json!({
                "type": "string",
                "pattern": "^[!-~]{1,128}$",
            });
        }
        _ => {}
    }
}

/// The typed fields' rules, as far as a schema can say them; what it cannot (a day that is not
/// on the calendar, a name of digits, not your day) is a documented 403 or 422.
fn exact_inputs(schemas: &mut Map<String, Value>, providers: &[&str]) {
    let person = |schema: &mut Value| {
        let properties = &mut schema["properties"];
        if properties.get("name").is_some() {
            // Trimmed, then 1 to 40 letters: only the least is a schema's to say.
            properties["name"]["minLength"] = json!(1);
        }
        if properties.get("birth_date").is_some() {
            properties["birth_date"]["pattern"] = json!(digits_pattern("8"));
        }
        if properties.get("phone").is_some() {
            properties["phone"]["pattern"] = json!(digits_pattern("10,11"));
        }
    };
    if let Some(schema) = schemas.get_mut("StartVerificationRequest") {
        person(schema);
        schema["properties"]["provider"]["enum"] = json!(providers);
        schema["properties"]["device_id"]["pattern"] = json!("^[A-Za-z0-9_-]{8,64}$");
    }
    if let Some(schema) = schemas.get_mut("LookupRequest") {
        person(schema);
    }
    if let Some(schema) = schemas.get_mut("AdminQueueRequest") {
        schema["properties"]["admissions_per_minute"]["maximum"] = json!(MAX_ADMISSIONS_PER_MINUTE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema's patterns accept exactly what the shared rules read as a date's 8 digits
    /// or a phone number's 10 or 11: checked on many strings of digits (ASCII and full-width),
    /// every separator, and other characters.
    #[test]
    fn digit_patterns_accept_what_the_shared_rules_read() {
        use rand::{Rng, SeedableRng};
        use yeyak_protocol::rules::{self, DateProblem, PhoneProblem};
        let date = regex::Regex::new(&digits_pattern("8")).unwrap();
        let phone = regex::Regex::new(&digits_pattern("10,11")).unwrap();
        let alphabet: Vec<char> =
            "0123456789０１２３４５６７８９ -./\u{2010}\u{2013}\u{2212}\u{FE63}\u{3000}－．／a가+"
                .chars()
                .collect();
        let mut random = rand::rngs::StdRng::seed_from_u64(17);
        for _ in 0..20_000 {
            let length = random.gen_range(0..16);
            let text: String = (0..length)
                .map(|_| alphabet[random.gen_range(0..alphabet.len())])
                .collect();
            let read_as_date = !matches!(
                rules::calendar_date(&text),
                Err(DateProblem::Empty | DateProblem::NotDigit | DateProblem::Length)
            );
            assert_eq!(date.is_match(&text), read_as_date, "date {text:?}");
            let digits = text.chars().filter(|c| c.is_numeric()).count();
            let read_as_phone = !matches!(
                rules::mobile_digits(&text),
                Err(PhoneProblem::Empty | PhoneProblem::NotDigit)
            ) && (10..=11).contains(&digits);
            assert_eq!(phone.is_match(&text), read_as_phone, "phone {text:?}");
        }
        assert!(date.is_match("１９７０－０３－１９"));
        assert!(phone.is_match("010 1234 5678"));
    }

    #[test]
    fn problems_get_their_media_type_and_every_operation_its_common_answers() {
        let mut doc = json!({
            "paths": { "/x/{id}": { "post": {
                "requestBody": {},
                "security": [{ "bearer": [] }],
                "parameters": [{ "in": "path", "name": "id" }],
                "responses": {
                    "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } } },
                    "204": { "description": "gone" },
                    "409": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
                },
            } } },
            "components": { "schemas": {} },
        });
        complete(&mut doc, &["kakao"]);
        let responses = &doc["paths"]["/x/{id}"]["post"]["responses"];
        assert!(responses["200"]["content"]["application/json"].is_object());
        assert!(responses["409"]["content"][PROBLEM_JSON].is_object());
        assert!(responses["409"]["content"]["application/json"].is_null());
        // Nothing written where there was nothing: a 204 has no content.
        assert!(responses["204"].get("content").is_none());
        for status in [
            "400", "401", "404", "413", "415", "422", "429", "500", "503",
        ] {
            assert!(
                responses[status]["content"][PROBLEM_JSON].is_object(),
                "{status}"
            );
        }
        assert_eq!(
            doc["components"]["securitySchemes"]["bearer"]["scheme"],
            "bearer"
        );
    }
}
