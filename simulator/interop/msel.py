"""The MSEL as a spreadsheet: what exercise staff read and edit, in words.

Three sheets (an ``.xlsx`` file; a ``.csv`` holds the first alone):

- **MSEL**: one row per inject, in the scenario's order: number, turn and hour of the
  turn, the time on the scenario clock, from, to (team names), method, message, trigger
  (at its time, held for the instructor, or a condition in words), expected actions in
  words (one per line: ``Force · Patrol · Kerowa · by turn 3``), the inject's id last.
- **Expected actions**: the same expected actions, one row per action, by team.
- **Reference**: the teams, places and actions by name in each language, with their ids.

The first sheet reads back (``simulator.interop.msel_read``); the words of one row are
the words this module writes, so a sheet exported and imported with no edit gives back
the same scenario.
"""

from __future__ import annotations

import io
from pathlib import Path

from debrief.words import Words, event_value
from simulator.classroom.course_exports import fill_sheet, to_csv
from simulator.i18n import LANGUAGES, N_, language_name, tr
from simulator.language.coverage import coverage
from simulator.language.scenario import Condition, ExpectedAction, Inject, Scenario, text

COLUMNS = ("number", "turn", "hour", "time", "from", "to", "method", "message", "trigger",
           "expected", "id")
# The words of the sheets, written in English; each language's come from its catalogue
# (``in_words``), and the MSEL import reads back the words of every language.
_HEADERS = {
    "number": N_("No."),
    "turn": N_("Turn"),
    "hour": N_("Hour of the turn"),
    "time": N_("Scenario time"),
    "from": N_("From"),
    "to": N_("To"),
    "method": N_("Method"),
    "message": N_("Message"),
    "trigger": N_("Trigger"),
    "expected": N_("Expected actions"),
    "id": N_("Inject id"),
}
_SHEETS = (N_("MSEL"), N_("Expected actions"), N_("Reference"))
_METHODS = {
    "radio": N_("radio"),
    "phone": N_("phone"),
    "written_report": N_("written report"),
    "media": N_("media"),
    "meeting": N_("meeting"),
    "email": N_("email"),
    "alert_network": N_("alert network"),
}
# The world's measures a condition may test (simulator.language.scenario.METRICS).
_METRICS = {
    "population": N_("people"),
    "displaced": N_("displaced people"),
    "people_at_risk": N_("people at risk"),
    "deaths": N_("deaths"),
    "injuries": N_("injuries"),
    "incidents": N_("violent incidents"),
    "unmet_need": N_("unmet need"),
    "flood_level": N_("flood level (m)"),
    "infected": N_("people infected"),
    "tension": N_("tension"),
    "trust": N_("trust in the mission"),
    "risk": N_("risk felt"),
    "presence": N_("protective presence"),
    "occupancy": N_("site occupancy"),
    "humanitarian_access": N_("humanitarian access"),
    "abuse_incidents": N_("abuses by host forces"),
    "grievance": N_("armed groups' grievance"),
}
_WORDS = {
    "all": N_("all teams"),
    "at_time": N_("at its time"),
    "held": N_("held for the instructor"),
    "when": N_("when {condition} (kept as written in the scenario file)"),
    # TRANSLATORS: a word between two conditions: keep its spaces
    "and": N_(" and "),
    # TRANSLATORS: a word between two conditions: keep its spaces
    "or": N_(" or "),
    "not": N_("not ({c})"),
    # TRANSLATORS: after a measure or an action: keep the space before
    "at": N_(" at {place}"),
    "above": N_("above {x}"),
    "below": N_("below {x}"),
    "ordered": N_("{team} ordered {action}{at}{by}"),
    # TRANSLATORS: after an action: keep the space before
    "by": N_(" by turn {n}"),
    "fired": N_("inject {k} ({name}) has fired"),
    "from_turn": N_("from turn {n}"),
    "deadline": N_("by turn {n}"),
    "yes": N_("yes"),
    "no": N_("no"),
    "expected_form": N_("'team · action · place · by turn N' (the place if any, then 'parameter: values')"),
    "team": N_("Team"),
    "action": N_("Action"),
    "place": N_("Place"),
    "params": N_("Parameters"),
    "kind": N_("Kind"),
    "id_col": N_("Id"),
    "kind_team": N_("team"),
    "kind_place": N_("place"),
    "kind_action": N_("action"),
    "sheet_note": N_("Edit the white columns; the scenario time, the trigger and the other sheets follow the "
                     "scenario file."),
}


def in_words(table: dict[str, str], lang: str) -> dict[str, str]:
    """``table``'s English words in ``lang``."""
    return {key: tr(english, lang) for key, english in table.items()}


HEADERS = {lang: in_words(_HEADERS, lang) for lang in LANGUAGES}
SHEETS = {lang: tuple(tr(name, lang) for name in _SHEETS) for lang in LANGUAGES}
METHODS = {lang: in_words(_METHODS, lang) for lang in LANGUAGES}
METRICS = {lang: in_words(_METRICS, lang) for lang in LANGUAGES}
WORDS = {lang: in_words(_WORDS, lang) for lang in LANGUAGES}
SEP = " · "  # between the parts of one expected action: names hold no middle dot
# Entity kinds of an action's parameters, as ``sitrep_text.names`` groups them.
ENTITY_KINDS = {"location": "locations", "unit": "units", "agency": "agencies",
                "team": "teams", "armed_group": "armed_groups", "host_force": "host_forces",
                "checkpoint": "checkpoints"}


class Sheet:
    """A scenario's MSEL in the words of one language."""

    def __init__(self, scenario: Scenario, lang: str = "en"):
        self.scenario, self.lang = scenario, lang
        self.words = Words(scenario, lang)
        self.w = WORDS[lang]
        self.number = {inj.id: k for k, inj in enumerate(scenario.msel, start=1)}
        self.actions = {a.id: a for a in scenario.actions}

    # --- one inject ---------------------------------------------------------------------

    def row(self, inj: Inject) -> list:
        """The MSEL row of ``inj`` (integers stay numbers)."""
        turn, hour = (inj.at.turn, inj.at.hour) if inj.at else ("", "")
        return [self.number[inj.id], turn, hour, self.time(inj), text(inj.from_, self.lang),
                self.recipients(inj.to), METHODS[self.lang][inj.method],
                text(inj.message, self.lang), self.trigger(inj),
                "\n".join(self.expected(e) for e in inj.expected_actions), inj.id]

    def time(self, inj: Inject) -> str:
        if inj.at is None:
            return ""
        hours = self.scenario.metadata.turn_hours
        return self.words.when((inj.at.turn - 1) * hours + inj.at.hour)

    def recipients(self, to: list[str]) -> str:
        return self.w["all"] if to == ["all"] else ", ".join(self.words.name(t) for t in to)

    def trigger(self, inj: Inject) -> str:
        if inj.when is not None:
            return self.w["when"].format(condition=self.condition(inj.when))
        return self.w["held"] if inj.hold else self.w["at_time"]

    def expected(self, e: ExpectedAction) -> str:
        """``Force · Patrol · Kerowa · consult: women, youth · by turn 3``."""
        parts = [self.words.name(e.team), self.words.name(e.action)]
        if e.location:
            parts.append(self.words.name(e.location))
        colon = tr(": ", self.lang)
        parts += [f"{self.param_name(e.action, k)}{colon}{self.values(e.action, k, v)}"
                  for k, v in e.params.items()]
        parts.append(self.w["deadline"].format(n=e.by_turn))
        return SEP.join(parts)

    def param_name(self, action: str, key: str) -> str:
        param = self.actions[action].params.get(key) if action in self.actions else None
        return text(param.label, self.lang) if param and param.label else key

    def values(self, action: str, key: str, value) -> str:
        values = value if isinstance(value, list) else [value]
        return ", ".join(self.value(v) for v in values)

    def value(self, v) -> str:
        if isinstance(v, bool):
            return self.w["yes"] if v else self.w["no"]
        if isinstance(v, (int, float)):
            return self.words.num(v)
        if "--" in v:  # a route: its two ends
            return self.words.name(v)
        return self.words.entities.get(v) or event_value(v, self.lang, v)

    # --- conditions in words --------------------------------------------------------------

    def condition(self, c: Condition) -> str:
        w = self.w
        if c.all is not None:
            return w["and"].join(self._part(x) for x in c.all)
        if c.any is not None:
            return w["or"].join(self._part(x) for x in c.any)
        if c.not_ is not None:
            return w["not"].format(c=self.condition(c.not_))
        if c.metric is not None:
            bounds = [w[k].format(x=self.words.num(getattr(c, k))) for k in ("above", "below")
                      if getattr(c, k) is not None]
            where = w["at"].format(place=self.words.name(c.location)) if c.location else ""
            return f"{METRICS[self.lang][c.metric]}{where} {w['and'].join(bounds)}".strip()
        if c.action_taken is not None:
            a = c.action_taken
            return w["ordered"].format(
                team=self.words.name(a.team), action=self.words.name(a.action),
                at=w["at"].format(place=self.words.name(a.location)) if a.location else "",
                by=w["by"].format(n=a.by_turn) if a.by_turn else "")
        if c.inject_fired is not None:
            return w["fired"].format(k=self.number.get(c.inject_fired, "?"),
                                     name=self.words.name(c.inject_fired))
        return w["from_turn"].format(n=c.turn_at_least)

    def _part(self, c: Condition) -> str:
        """A condition inside ``all`` or ``any``: in brackets when it joins others itself."""
        said = self.condition(c)
        return f"({said})" if c.all is not None or c.any is not None else said

    # --- the sheets -------------------------------------------------------------------------

    def msel(self) -> list[list]:
        head = [HEADERS[self.lang][c] for c in COLUMNS]
        return [head] + [self.row(inj) for inj in self.scenario.msel]

    def by_team(self) -> list[list]:
        w = self.w
        head = [w["team"], HEADERS[self.lang]["number"], w["action"], w["place"], w["params"],
                w["deadline"].format(n="…"), HEADERS[self.lang]["id"]]
        order = {t.id: k for k, t in enumerate(self.scenario.teams)}
        rows = [(order.get(e.team, len(order)), self.number[inj.id], inj, e)
                for inj in self.scenario.msel for e in inj.expected_actions]
        rows.sort(key=lambda r: (r[0], r[1]))
        return [head] + [[self.words.name(e.team), k, self.words.name(e.action),
                          self.words.name(e.location) if e.location else "",
                          "; ".join(self.param_name(e.action, p) + tr(": ", self.lang)
                                    + self.values(e.action, p, v) for p, v in e.params.items()),
                          e.by_turn, inj.id] for _, k, inj, e in rows]

    def reference(self) -> list[list]:
        w = self.w
        s = self.scenario
        langs = list(coverage(s)) or ["en"]  # the languages the scenario is written in
        head = [w["kind"], *(tr("Name ({language})", self.lang,
                                language=language_name(lang, self.lang)) for lang in langs),
                w["id_col"]]
        named = [("kind_team", t) for t in s.teams] + \
            [("kind_place", p) for p in s.map.locations] + [("kind_action", a) for a in s.actions]
        return [head] + [[w[kind], *(text(x.name, lang) for lang in langs), x.id]
                         for kind, x in named]


def export(scenario: Scenario, path: str | Path, lang: str = "en") -> Path:
    """Write the MSEL of ``scenario`` to ``path``: ``.xlsx`` (three sheets) or ``.csv``
    (the MSEL sheet). The file is written whole or not at all."""
    path = Path(path)
    sheet = Sheet(scenario, lang)
    if path.suffix.lower() == ".csv":
        data = to_csv(sheet.msel())
    else:
        data = to_xlsx([(name, rows) for name, rows in zip(
            SHEETS[lang], (sheet.msel(), sheet.by_team(), sheet.reference()), strict=True)],
            WORDS[lang]["sheet_note"])
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_bytes(data)
    part.replace(path)
    return path


# Columns a reader edits, and the widths that make a row readable without resizing.
EDITABLE = {"turn", "hour", "from", "to", "method", "message", "expected"}
WIDTHS = {"number": 5, "turn": 6, "hour": 8, "time": 16, "from": 22, "to": 24, "method": 14,
          "message": 60, "trigger": 40, "expected": 60, "id": 24}


def to_xlsx(sheets: list[tuple[str, list[list]]], note: str) -> bytes:
    """Sheets with bold frozen headers and wrapped text; on the MSEL sheet the columns read
    back are white and the others grey, and a note on the header says so."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, PatternFill

    book = Workbook()
    grey = PatternFill("solid", fgColor="EEEEEE")
    wrap = Alignment(wrap_text=True, vertical="top")
    for k, (title, rows) in enumerate(sheets):
        sheet = book.active if k == 0 else book.create_sheet()
        fill_sheet(sheet, title, rows)
        for column in sheet.iter_cols(min_row=2):
            for cell in column:
                cell.alignment = wrap
    msel = book.worksheets[0]
    for key, column in zip(COLUMNS, msel.columns, strict=True):
        msel.column_dimensions[column[0].column_letter].width = WIDTHS[key]
        if key not in EDITABLE:
            for cell in column[1:]:
                cell.fill = grey
    msel["A1"].comment = Comment(note, "ttx")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
