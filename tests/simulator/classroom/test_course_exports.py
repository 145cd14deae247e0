"""The class record's words and the certificates' dates in the reader's language."""

from simulator.classroom.course_exports import class_rows, long_date


def test_long_dates_name_the_month_in_each_language():
    assert long_date("2027-01-11", "en") == "11 January 2027"
    assert long_date("2027-08-01T09:30:00", "fr") == "1 août 2027"


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
