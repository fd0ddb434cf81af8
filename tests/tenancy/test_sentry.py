from config.sentry import scrub_event


def test_sentry_events_lose_personal_data():
    event = {
        "user": {"email": "claire@example.org", "id": 4},
        "request": {
            "cookies": {"marelle_session": "abc"},
            "data": {"password": "Secret2026"},
            "query_string": "email=claire@example.org",
            "headers": {"Cookie": "x", "User-Agent": "Firefox", "X-CSRFToken": "t"},
        },
        "tags": {"tenant": "t_alpha"},
    }

    scrubbed = scrub_event(event)

    assert "user" not in scrubbed
    assert set(scrubbed["request"]) == {"headers"}
    assert scrubbed["request"]["headers"] == {"User-Agent": "Firefox"}
    assert scrubbed["tags"] == {"tenant": "t_alpha"}


def test_requests_tag_sentry_scope_with_the_tenant(alpha_client):
    import sentry_sdk

    alpha_client.get("/api/v1/structure/")

    assert sentry_sdk.get_isolation_scope()._tags.get("tenant") == "t_alpha"
