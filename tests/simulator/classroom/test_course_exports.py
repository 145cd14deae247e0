"""The class record's words and the certificates' dates in the reader's language."""

import re

from simulator.classroom.course_exports import (
    certificate_languages,
    certificates_html,
    class_rows,
    long_date,
)
from tests.untranslated import english_left, shown_text


def test_long_dates_name_the_month_in_each_language():
    assert long_date("2027-01-11", "en") == "11 January 2027"
    assert long_date("2027-08-01T09:30:00", "fr") == "1 août 2027"
    assert long_date("2027-08-01", "pt") == "1 de agosto de 2027"


def test_the_class_record_says_its_headers_and_sign_offs_in_french():
    trainee = {"id": 1, "name": "Awa Traoré", "country": "Mali", "service": "police",
               "sex": "female", "email": None}
    records = {1: {"competencies": [
        {"id": "poc", "signoff": {"status": "met"}, "counts": {"P": 2, "T": 0}},
        {"id": "dial", "signoff": {"status": "not_yet_met"}, "counts": {}}]}}
    competencies = [{"id": "poc", "name": {"en": "Protection", "fr": "Protection"}},
                    {"id": "dial", "name": {"en": "Dialogue", "fr": "Dialogue"}}]
    head, row = class_rows([trainee], records, competencies, "fr")
    assert head == ["Nom", "Pays", "Service", "Sexe", "Courriel", "Protection: validation",
                    "Protection: notes", "Dialogue: validation", "Dialogue: notes"]
    assert row == ["Awa Traoré", "Mali", "police", "femme", "", "acquise", "P2",
                   "pas encore acquise", ""]


def test_a_certificate_says_it_in_english_and_the_courses_language():
    assert [certificate_languages(x) for x in ("en", "fr", "pt", "xx")] == [
        ("en", "fr"), ("en", "fr"), ("en", "pt"), ("en", "fr")]
    langs = certificate_languages("pt")
    course = {"name": "Curso PoC", "school": "Escola", "printed": "2027-01-22", "langs": langs,
              **{f"{k}_{lang}": long_date("2027-01-11", lang) for k in ("start", "end")
                 for lang in langs}}
    person = {"trainee": {"name": "Ana Gomes", "country": "Cabo Verde"},
              "service": {"en": "police", "pt": "polícia"},
              "met": [{"name": {"en": "Protection of civilians", "pt": "Proteção de civis"},
                       "evaluator": "Cor. Lopes", "date": "2027-01-20"}],
              "exercises": []}
    html = certificates_html(course, [person])
    page = shown_text(html)
    assert html.startswith("<!doctype html>\n<html lang=\"en\">")
    assert "Certificate of training Certificado de formação" in page
    assert "completed the course / frequentou o curso" in page
    assert "11 January 2027 – 11 January 2027 / 11 de janeiro de 2027" in page
    assert "Proteção de civis" in page and "No exercise played. / Nenhum exercício jogado." in page
    assert "Certificat de" not in page and "validées" not in page  # no French on it
    second = " ".join(re.findall(r'lang="pt">([^<]*)<', html))
    assert english_left(second, "pt") == []
