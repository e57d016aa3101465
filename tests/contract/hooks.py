"""Tokens for the protected operations of the contract run, each got the way its holder gets it:
through the API itself. A citizen verifies (a new person whose birth date is today's digit),
joins the queue, is admitted and books; the operator has the token the test server was started
with. Loaded by schemathesis (SCHEMATHESIS_HOOKS) in `cargo xtask test`."""

import json
import os
import random
import time
import urllib.error
import urllib.request
import uuid

import schemathesis

API = os.environ["YEYAK_CONTRACT_API"]
OPERATOR_TOKEN = os.environ["YEYAK_CONTRACT_OPERATOR_TOKEN"]


def call(method, path, body=None, token=None, headers=None):
    """One request to the API; the status and the decoded body."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(API + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, json.loads(raw) if raw else None


def expect(status, body, *wanted):
    if status not in wanted:
        raise RuntimeError(f"expected {wanted}, got {status}: {body}")
    return body


def verified():
    """A new person verified today: the verification token."""
    campaign = expect(*call("GET", "/campaign"), 200)
    digit = campaign.get("today_digit")
    digit = 1 if digit is None else digit
    cohort = campaign["cohort"]
    # A person nobody else in this run is: name, birth date and phone drawn from wide ranges
    # (the one-device rule would lock a second verification of the same person).
    person = {
        "provider": "kakao",
        "name": random.choice("김이박최정강조윤장임")
        + "".join(random.choice("민서지현준우예도하윤수아진영호성은혜") for _ in range(2)),
        "birth_date": "{}-{:02}-{}{}".format(
            random.randint(cohort["birth_year_from"], cohort["birth_year_to"]),
            random.randint(1, 12),
            random.choice("12"),
            digit,
        ),
        "phone": f"010-{random.randint(1000, 9999)}-{random.randint(1000, 9999)}",
        "device_id": f"contract-{uuid.uuid4().hex[:16]}",
    }
    session = expect(*call("POST", "/auth/sessions", person), 201)
    deadline = time.monotonic() + 30
    while not session.get("token"):
        if time.monotonic() > deadline or session.get("status") in ("rejected", "expired"):
            raise RuntimeError(f"the verification did not complete: {session}")
        time.sleep(0.2)
        session = expect(*call("GET", f"/auth/sessions/{session['session_id']}"), 200)
    return session["token"]


def admitted():
    """A person through the queue: the admission token."""
    ticket = expect(*call("POST", "/queue/tickets", token=verified()), 200, 201)["ticket"]
    deadline = time.monotonic() + 60
    while True:
        status, body = call("POST", f"/queue/tickets/{ticket}/admission")
        if status in (200, 201):
            return body["admission_token"]
        if status != 409 or time.monotonic() > deadline:
            raise RuntimeError(f"not admitted: {status} {body}")
        time.sleep(max((body or {}).get("retry_after_ms", 500), 200) / 1000)


def booked():
    """A person with a booking: its manage token and number."""
    admission = admitted()
    regions = expect(*call("GET", "/regions"), 200)["regions"]
    for region in regions:
        for district in region["districts"]:
            centers = expect(*call("GET", f"/centers?district={district['code']}"), 200)["centers"]
            for center in centers:
                days = expect(*call("GET", f"/centers/{center['id']}/availability"), 200)["days"]
                for day in days:
                    for slot in day["slots"]:
                        if slot["remaining"] > 0:
                            reservation = expect(
                                *call(
                                    "POST",
                                    "/reservations",
                                    {"slot_id": slot["slot_id"]},
                                    token=admission,
                                    headers={"Idempotency-Key": uuid.uuid4().hex},
                                ),
                                201,
                            )
                            return reservation["manage_token"], reservation["number"]
    raise RuntimeError("no open slot to book")


# The tokens, got once before the run starts: the run itself pauses the queue and sets its
# rate (the operator's operations are in the contract too), so no citizen could get through it
# while it runs.
QUEUE = {"paused": False, "admissions_per_minute": 600}
expect(*call("POST", "/admin/queue", QUEUE, token=OPERATOR_TOKEN), 200)
TOKENS = {
    ("POST", "/api/v1/queue/tickets"): verified(),
    ("POST", "/api/v1/admission/extend"): admitted(),
    ("POST", "/api/v1/reservations"): admitted(),
    ("PUT", "/api/v1/reservations/{number}"): booked(),
    ("DELETE", "/api/v1/reservations/{number}"): booked(),
}


@schemathesis.auth(refresh_interval=None)
class Tokens:
    def get(self, case, context):
        operation = (context.operation.method.upper(), context.operation.path)
        if operation[1].startswith("/api/v1/admin/"):
            return OPERATOR_TOKEN
        return TOKENS.get(operation)

    def set(self, case, data, context):
        if not data:
            return
        if isinstance(data, tuple):
            # A manage token is for its own booking: the case changes or cancels that one.
            data, number = data
            case.path_parameters = {**(case.path_parameters or {}), "number": number}
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
