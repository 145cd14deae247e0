"""An edited MSEL sheet taken back into its scenario.

The MSEL sheet (``simulator.interop.msel``) is read row by row: a row with an inject id
updates that inject (turn and hour, from, to, method, message in the sheet's language,
expected actions, and between "at its time" and "held for the instructor"); a row
without one becomes a new inject, with an id made from its message; an inject with no
row is removed. What the sheet cannot say (conditions, effects, the places and actors a
message names) stays as the scenario file writes it. The scenario file is rewritten only
where an inject changed: the rest of the file, comments included, is kept as it was. The
result is validated as any scenario; each problem names the sheet, the row and the column.
"""

from __future__ import annotations

import copy
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from debrief.words import event_value
from simulator.i18n import LANGUAGES, N_, number_locale
from simulator.interop.msel import COLUMNS, HEADERS, METHODS, SEP, SHEETS, WORDS, Sheet
from simulator.language.problem_text import UNKNOWN_NAMES, Say
from simulator.language.scenario import Lang, Scenario, Text, plain
from simulator.language.suggest import suggestion
from simulator.language.validation import scenario_from_data
from simulator.language.yamlsafe import InputError, Problem, load_text

REQUIRED = ("turn", "hour", "from", "to", "method", "message", "expected", "id")
# An MSEL of a week's exercise has tens of rows and a few kilobytes; these stop a wrong
# file (a whole workbook of data, a zip bomb) before it fills the memory.
MAX_ROWS = 5_000
MAX_BYTES = 10_000_000


@dataclass
class Imported:
    """The scenario text with the sheet's changes, and what a reader should check."""

    text: str
    scenario: Scenario
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def norm(value) -> str:
    """A cell as text compared loosely: case, accents' composed form, spaces."""
    return " ".join(unicodedata.normalize("NFC", str(value)).split()).casefold()


class _Cells:
    """The cells of the MSEL sheet, by row and column name, with their place in the file.
    ``lang`` is the language of the messages; ``words`` the sheet's own (its headers')."""

    def __init__(self, file: str, sheet: str, rows: list[list], lang: str):
        self.file, self.sheet, self.lang = file, sheet, lang
        self.problems: list[Problem] = []
        head = [norm(h) for h in (rows[0] if rows else [])]
        self.words = max(HEADERS, key=lambda lg: (
            sum(norm(HEADERS[lg][c]) in head for c in COLUMNS), lg == lang))
        names = {norm(HEADERS[lg][c]): c for lg in HEADERS for c in COLUMNS}
        self.at = {}  # column name → index
        for j, h in enumerate(head):
            if h in names and names[h] not in self.at:
                self.at[names[h]] = j
        self.extra = [(j, rows[0][j]) for j, h in enumerate(head) if h and h not in names]
        missing = [c for c in REQUIRED if c not in self.at]
        if missing:
            self.problems.append(self.problem(1, 0, Say(N_("the header row has no column "
                                                           "{columns}"), columns=", ".join(
                HEADERS[lang][c] for c in missing))))
        # Data rows: 1-based row numbers as the spreadsheet shows them; blank rows skipped.
        self.rows = [(i + 1, row) for i, row in enumerate(rows[1:], start=1)
                     if any(str(c).strip() for c in row if c is not None)]

    def get(self, row: list, column: str) -> str:
        j = self.at.get(column)
        value = row[j] if j is not None and j < len(row) else None
        return "" if value is None else str(value).strip() if not isinstance(value, float) \
            else (str(int(value)) if value.is_integer() else str(value))

    def problem(self, line: int, column: str | int, say: Say) -> Problem:
        j = self.at.get(column, 0) if isinstance(column, str) else column
        letter = _letter(j)
        header = HEADERS[self.lang].get(column, "") if isinstance(column, str) else ""
        where = f"{self.sheet}!{letter}{line}" + (f" ({header})" if header else "")
        return Problem(self.file, line, j + 1, where, say)


def _letter(j: int) -> str:
    out = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        out = chr(65 + r) + out
    return out


# --- reading the file ---------------------------------------------------------------------

def read_sheet(path: Path) -> tuple[str, list[list]]:
    """The MSEL sheet's name and rows: the sheet named MSEL of an ``.xlsx`` (else its first
    sheet), or a ``.csv`` (comma or semicolon; UTF-8, or Windows-1252 as Excel saves a CSV
    on a French or English Windows)."""
    suffix = path.suffix.lower()
    if path.stat().st_size > MAX_BYTES:
        raise InputError([Problem(str(path), 1, 1, "", Say(N_("the sheet is over {limit} bytes: not an "
                                                              "MSEL"), limit=MAX_BYTES))])
    if suffix == ".csv":
        data = path.read_bytes()
        try:
            raw = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                raw = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise InputError([Problem(str(path), 1, 1, "", Say(
                    N_("not a spreadsheet this program can read "
                       "({reason})"), reason=f"byte {exc.start}: neither UTF-8 nor "
                                              "Windows-1252"))]) from None
        head = raw.split("\n", 1)[0]  # a spreadsheet set to French writes semicolons
        delimiter = max(",;\t", key=head.count)
        rows = list(csv.reader(io.StringIO(raw), delimiter=delimiter))
        _count(path, rows)
        return path.stem, rows
    if suffix != ".xlsx":
        raise InputError([Problem(str(path), 1, 1, "", Say(N_("an MSEL sheet is an .xlsx or a .csv file, not "
                                                              "{suffix}"), suffix=suffix or "-"))])
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 (any damaged or foreign file: one message)
        raise InputError([Problem(str(path), 1, 1, "", Say(N_("not a spreadsheet this program can read "
                                                              "({reason})"),
                                                           reason=str(exc)[:200]))]) from None
    names = [norm(n) for n in book.sheetnames]
    wanted = {norm(SHEETS[lg][0]) for lg in SHEETS}
    index = next((k for k, n in enumerate(names) if n in wanted), 0)
    sheet = book.worksheets[index]
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(list(row))
        if len(rows) > MAX_ROWS + 1:
            break
    book.close()
    _count(path, rows)
    return sheet.title, rows


def _count(path: Path, rows: list) -> None:
    if len(rows) > MAX_ROWS + 1:
        raise InputError([Problem(str(path), MAX_ROWS + 2, 1, "",
                                  Say(N_("the sheet has more than {limit} rows: not an "
                                         "MSEL"), limit=MAX_ROWS))])


# --- names back to ids ------------------------------------------------------------------

class _Names:
    """Names (in either language) and ids back to ids, by kind."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.teams = self._of([(t.id, t.name) for t in scenario.teams])
        self.places = self._of([(p.id, p.name) for p in scenario.map.locations])
        self.actions = self._of([(a.id, a.name) for a in scenario.actions])
        a = scenario.actors
        self.entities = {
            "location": self.places, "team": self.teams,
            "unit": self._of([(x.id, x.name) for x in a.units]),
            "agency": self._of([(x.id, x.name) for x in a.agencies]),
            "armed_group": self._of([(x.id, x.name) for x in a.armed_groups]),
            "host_force": self._of([(x.id, x.name) for x in a.host_forces]),
            "checkpoint": self._of([(x.id, x.name) for x in scenario.map.checkpoints])}
        self.methods = {norm(w): m for lg in METHODS for m, w in METHODS[lg].items()}
        self.methods.update({norm(m): m for m in METHODS["en"]})

    @staticmethod
    def _of(pairs) -> dict[str, str]:
        out = {}
        for key, name in pairs:
            for lg in _languages(name):
                out.setdefault(norm(plain(name, lg)), key)
            out.setdefault(norm(key), key)
        return out

    def shown(self, names: dict[str, str], lang: str) -> list[str]:
        """The names of ``names``' ids in ``lang``, to suggest the nearest."""
        s = self.scenario
        every = {x.id: x.name for x in [*s.teams, *s.map.locations, *s.actions]}
        return sorted({plain(every[k], lang) if k in every else k for k in names.values()})


# --- one row into one inject --------------------------------------------------------------

class _Row:
    """Reads one row of the sheet into inject data, collecting located problems."""

    def __init__(self, cells: _Cells, names: _Names, sheet: Sheet, line: int, row: list):
        self.cells, self.names, self.sheet, self.line, self.row = cells, names, sheet, line, row
        self.lang = cells.lang  # of the messages; the sheet's words are sheet.lang

    def fail(self, column: str, say: Say) -> None:
        self.cells.problems.append(self.cells.problem(self.line, column, say))

    def warn(self, column: str, say: Say, warnings: list) -> None:
        warnings.append(self.cells.problem(self.line, column, say))

    def value(self, column: str) -> str:
        return self.cells.get(self.row, column)

    def hint(self, word: str, names: dict[str, str]):
        return suggestion(word, self.names.shown(names, self.lang))

    def whole(self, column: str) -> int | None:
        raw = self.value(column)
        if raw == "":
            return None
        if re.fullmatch(r"\d+", raw):
            return int(raw)
        self.fail(column, Say(N_("{value} is not a whole number"), value=repr(raw)))
        return None

    def team(self, word: str, column: str) -> str | None:
        found = self.names.teams.get(norm(word))
        if found is None:
            self.fail(column, Say(UNKNOWN_NAMES["team"], value=repr(word), known="",
                                  hint=self.hint(word, self.names.teams)))
        return found

    def recipients(self) -> list[str]:
        raw = self.value("to")
        if norm(raw) in {norm(WORDS[lg]["all"]) for lg in WORDS} or norm(raw) == "all":
            return ["all"]
        if not raw:
            self.fail("to", Say(N_("{column} is empty"), column=HEADERS[self.lang]["to"]))
            return []
        # Team names may hold commas ("Civilian component (civil affairs, human rights)"):
        # at each point, the most pieces that make a known name.
        pieces, out, i = [x.strip() for x in raw.split(",")], [], 0
        while i < len(pieces):
            j = next((j for j in range(len(pieces), i, -1)
                      if norm(", ".join(pieces[i:j])) in self.names.teams), None)
            if j is None:
                self.team(pieces[i], "to")
                return out
            out.append(self.names.teams[norm(", ".join(pieces[i:j]))])
            i = j
        return out

    def method(self) -> str | None:
        raw = self.value("method")
        found = self.names.methods.get(norm(raw))
        if found is None:
            self.fail("method", Say(N_("unknown method {value} (known: {known})"), value=repr(raw),
                                    known=", ".join(METHODS[self.lang].values())))
        return found

    def expected(self) -> list[dict]:
        out = []
        for line in [x.strip() for x in self.value("expected").splitlines() if x.strip()]:
            found = self._one_expected(line)
            if found is not None:
                out.append(found)
        return out

    def _one_expected(self, line: str) -> dict | None:
        parts = [p.strip() for p in line.split(SEP.strip())]
        by = _deadline(parts[-1]) if len(parts) >= 3 else None
        if by is None:
            self.fail("expected", Say(N_("an expected action is written {form}, not "
                                         "{value}"), value=repr(line),
                                      form=WORDS[self.lang]["expected_form"]))
            return None
        team = self.team(parts[0], "expected")
        action = self.names.actions.get(norm(parts[1]))
        if action is None:
            self.fail("expected", Say(UNKNOWN_NAMES["action"], value=repr(parts[1]), known="",
                                      hint=self.hint(parts[1], self.names.actions)))
            return None
        spec = next(a for a in self.names.scenario.actions if a.id == action)
        out: dict = {"team": team, "action": action}
        params = {}
        for part in parts[2:-1]:
            place = self.names.places.get(norm(part))
            if place is not None and "location" not in out:
                out["location"] = place
                continue
            key, colon, values = part.partition(":")
            if not colon:
                self.fail("expected", Say(UNKNOWN_NAMES["location"], value=repr(part), known="",
                                          hint=self.hint(part, self.names.places)))
                continue
            name = self._param(spec, key.strip())
            if name is not None:
                params[name] = self._values(spec, name, values.strip())
        if params:
            out["params"] = params
        out["by_turn"] = by
        return out if team else None

    def _param(self, spec, word: str) -> str | None:
        by_name = {}
        for key, p in spec.params.items():
            by_name[norm(key)] = key
            for lg in _languages(p.label) if p.label is not None else ():
                by_name[norm(plain(p.label, lg))] = key
        found = by_name.get(norm(word))
        if found is None:
            self.fail("expected", Say(N_("{action} has no parameter {value}{hint}"), value=repr(word),
                                      action=self.sheet.words.name(spec.id),
                                      hint=suggestion(word, list(spec.params))))
        return found

    def _values(self, spec, key: str, written: str):
        """One value, or several for a choice or a need written "women, youth"; a name
        holding commas (a team's) stays whole."""
        if spec.params[key].type not in ("choice", "need") or "," not in written:
            return self._param_value(spec, key, written)
        return [self._param_value(spec, key, w.strip()) for w in written.split(",")
                if w.strip()]

    def _param_value(self, spec, key: str, word: str):
        p, n = spec.params[key], norm(word)
        if p.type == "bool":
            yes = {norm(WORDS[lg]["yes"]) for lg in WORDS} | {"true"}
            no = {norm(WORDS[lg]["no"]) for lg in WORDS} | {"false"}
            if n in yes | no:
                return n in yes
        elif p.type in ("int", "number"):
            digits = _plain_number(word, self.lang)
            try:
                value = float(digits)
                return int(value) if p.type == "int" or value.is_integer() else value
            except ValueError:
                pass
        elif p.type in self.names.entities:
            if n in self.names.entities[p.type]:
                return self.names.entities[p.type][n]
        elif p.type == "route":
            ends = [self.names.places.get(norm(x)) for x in re.split(r"\s+[–-]\s+", word)]
            if len(ends) == 2 and None not in ends:
                return f"{ends[0]}--{ends[1]}"
        else:  # choice, need, text
            allowed = p.values or []
            words = {norm(event_value(v, lg, v)): v for lg in LANGUAGES for v in allowed}
            words.update({norm(v): v for v in allowed})
            if n in words:
                return words[n]
            if p.type == "text" or (p.type == "need" and not allowed):
                return word
        self.fail("expected", Say(N_("{value} is not a value of {param}"), value=repr(word),
                                  param=self.sheet.param_name(spec.id, key)))
        return word


def _languages(name: Text) -> tuple[str, ...]:
    """The languages a name is read back in: each it is written in (English first)."""
    return name.languages() if isinstance(name, Lang) else ("en",)


def _deadline_pattern(said: str) -> str:
    """"by turn {n}" as a pattern that finds the turn."""
    return r"\s+".join(re.escape(word) for word in norm(said).split()).replace(
        re.escape("{n}"), r"(\d+)")


# A deadline as the sheet writes it in any language ("by turn 3", "au plus tard au tour 3",
# "o mais tardar no turno 3"), or shortened to "turn 3" / "tour 3".
DEADLINES = re.compile("|".join([_deadline_pattern(WORDS[lg]["deadline"]) for lg in LANGUAGES]
                                + [r"(?:turn|tour)\s+(\d+)"]))


def _deadline(part: str) -> int | None:
    found = DEADLINES.fullmatch(norm(part))
    return int(next(g for g in found.groups() if g is not None)) if found else None


def _text_changed(old, new_words: str, lang: str, column: str, row: _Row, warnings: list):
    """``old`` (a text, or one per language) with the sheet's words in ``lang``; the
    other languages kept, and a warning that they may no longer say the same."""
    if isinstance(old, dict):
        if norm(old.get(lang, "")) == norm(new_words):
            return old
        changed = {**old, lang: new_words}
        others = [lg for lg in old if lg != lang and old[lg]]
        if others:
            row.warn(column, Say(N_("changed in {lang}; the text in {others} was kept as it was: check that "
                                    "it still says the same"), lang=lang, others=", ".join(others)),
                     warnings)
        return changed
    return old if norm(old) == norm(new_words) else new_words


# --- the sheet into the scenario -----------------------------------------------------------

def merge(scenario_text: str, scenario_name: str, sheet_file: str, sheet_name: str,
          rows: list[list], lang: str = "en") -> Imported:
    """The scenario with the MSEL the sheet's ``rows`` hold (see the module's docstring);
    ``InputError`` with every problem, located in the sheet where it comes from it."""
    data, positions = load_text(scenario_text, scenario_name, lang)
    scenario = scenario_from_data(data, positions, scenario_name, lang)
    names = _Names(scenario)
    cells = _Cells(sheet_file, sheet_name, rows, lang)
    sheet = Sheet(scenario, cells.words)
    if cells.problems:
        raise InputError(cells.problems, lang)
    if not cells.rows:
        raise InputError([cells.problem(2, 0, Say(N_("no inject below the header row")))], lang)
    warnings = [cells.problem(1, j, Say(N_("column {column} is not read back into the "
                                           "scenario"), column=str(h)))
                for j, h in cells.extra]
    old = {inj["id"]: inj for inj in data.get("msel", []) if isinstance(inj, dict)}
    specs = {inj.id: inj for inj in scenario.msel}
    taken = set(old)
    injects, lines, seen = [], [], {}
    for line, row in cells.rows:
        r = _Row(cells, names, sheet, line, row)
        key = r.value("id")
        if key and key in seen:
            r.fail("id", Say(N_("inject {value} is already on row {row}"), value=repr(key), row=seen[key]))
            continue
        if key and key not in old:
            r.fail("id", Say(N_("no inject {value} in the scenario: leave the id empty for a new "
                                "inject"), value=repr(key)))
            continue
        if key:
            seen[key] = line
            inj = _updated(r, copy.deepcopy(old[key]), specs[key], sheet, warnings)
        else:
            inj = _new(r, taken)
        injects.append(inj)
        lines.append(line)
    if cells.problems:
        raise InputError(cells.problems, lang)
    new_text = _rewrite(scenario_text, data, positions, injects)
    try:
        result = scenario_from_data(*load_text(new_text, scenario_name, lang), scenario_name,
                                    lang)
    except InputError as exc:
        raise InputError([_in_sheet(p, cells, lines) for p in exc.problems], lang) from None
    return Imported(new_text, result,
                    added=[i["id"] for i in injects if i["id"] not in old],
                    changed=[i["id"] for i in injects if i["id"] in old and i != old[i["id"]]],
                    removed=[k for k in old if k not in seen], warnings=warnings)


def _updated(r: _Row, inj: dict, spec, sheet: Sheet, warnings: list) -> dict:
    """An inject's data with its row's edits; what the row leaves as it was stays as the
    file writes it (the same key order, the same values)."""
    lang, words = r.lang, sheet.lang
    turn, hour = r.whole("turn"), r.whole("hour")
    if spec.when is not None:
        if turn is not None or hour is not None:
            r.fail("turn", Say(N_("this inject fires on a condition kept in the scenario file: leave its "
                                  "turn and hour empty")))
    elif not r.value("turn"):
        r.fail("turn", Say(N_("{column} is empty"), column=HEADERS[lang]["turn"]))
    elif turn is not None:
        at = {"turn": turn, "hour": hour or 0}
        if (spec.at.turn, spec.at.hour) != (at["turn"], at["hour"]):
            inj["at"] = at if "hour" in (inj.get("at") or {}) or at["hour"] else {"turn": turn}
    _check_time(r, sheet, spec, turn, hour)
    _check_trigger(r, sheet, spec, inj)
    for column in ("from", "message"):
        if not r.value(column):
            r.fail(column, Say(N_("{column} is empty"), column=HEADERS[lang][column]))
    inj["from"] = _text_changed(inj["from"], r.value("from"), words, "from", r, warnings)
    inj["message"] = _text_changed(inj["message"], r.value("message"), words, "message", r,
                                   warnings)
    if norm(r.value("to")) != norm(sheet.recipients(spec.to)):
        inj["to"] = r.recipients()
    if norm(r.value("method")) != norm(METHODS[words][spec.method]):
        found = r.method()
        if found is not None:
            inj["method"] = found
    written = [x.strip() for x in r.value("expected").splitlines() if x.strip()]
    before = [sheet.expected(e) for e in spec.expected_actions]
    if [norm(x) for x in written] != [norm(x) for x in before]:
        kept = {norm(w): d for w, d in zip(before, inj.get("expected_actions", []), strict=True)}
        found = []
        for x in written:
            found.append(copy.deepcopy(kept[norm(x)]) if norm(x) in kept else
                         r._one_expected(x))
        inj["expected_actions"] = [e for e in found if e is not None]
        if not inj["expected_actions"]:
            del inj["expected_actions"]
    return inj


def _new(r: _Row, taken: set[str]) -> dict:
    """A row without an id: a new inject at its turn and hour (held if its trigger says
    so), with an id made from its message."""
    lang = r.lang
    message = r.value("message")
    inj = {"id": _new_id(message, taken)}
    turn, hour = r.whole("turn"), r.whole("hour")
    if not r.value("turn"):
        r.fail("turn", Say(N_("{column} is empty"), column=HEADERS[lang]["turn"]))
    inj["at"] = {"turn": turn or 1, "hour": hour or 0}
    trigger = norm(r.value("trigger"))
    if trigger in {norm(WORDS[lg]["held"]) for lg in WORDS}:
        inj["hold"] = True
    elif trigger and trigger not in {norm(WORDS[lg]["at_time"]) for lg in WORDS}:
        r.fail("trigger", Say(N_("a new inject fires '{at_time}' or is '{held}'; a condition is written in "
                                 "the scenario file"), at_time=WORDS[lang]["at_time"],
                              held=WORDS[lang]["held"]))
    inj["from"] = r.value("from")
    if not inj["from"]:
        r.fail("from", Say(N_("{column} is empty"), column=HEADERS[lang]["from"]))
    inj["to"] = r.recipients()
    inj["method"] = r.method()
    if not message:
        r.fail("message", Say(N_("{column} is empty"), column=HEADERS[lang]["message"]))
    inj["message"] = message
    expected = r.expected()
    if expected:
        inj["expected_actions"] = expected
    return inj


def _new_id(message: str, taken: set[str]) -> str:
    """``i07-market-day``: the next number, then the message's first words."""
    words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", message).encode(
        "ascii", "ignore").decode().lower())[:3]
    base = "-".join(words) or "inject"
    k = len(taken) + 1
    while True:
        key = f"i{k:02d}-{base}"[:64]
        if key not in taken:
            taken.add(key)
            return key
        k += 1


def _check_time(r: _Row, sheet: Sheet, spec, turn, hour) -> None:
    """The scenario time is read only: one that differs from the turn and hour was edited."""
    shown = r.value("time")
    if not shown or turn is None or "time" not in r.cells.at:
        return
    hours = sheet.scenario.metadata.turn_hours
    if spec.at is not None and norm(shown) == norm(sheet.time(spec)):
        return  # as exported: the turn and hour say when
    expected = sheet.words.when((turn - 1) * hours + (hour or 0))
    if norm(shown) != norm(expected):
        r.fail("time", Say(N_("the scenario time says {written} but the turn and hour say {computed}: change "
                              "the turn and the hour (the scenario time follows "
                              "them)"), written=shown, computed=expected))


def _check_trigger(r: _Row, sheet: Sheet, spec, inj: dict) -> None:
    """The trigger is read only, but for a timed inject held or not."""
    if "trigger" not in r.cells.at:
        return
    written = norm(r.value("trigger"))
    if written == norm(sheet.trigger(spec)) or not written:
        return
    lang = r.lang
    held = {norm(WORDS[lg]["held"]) for lg in WORDS}
    at_time = {norm(WORDS[lg]["at_time"]) for lg in WORDS}
    if spec.when is None and written in held | at_time:
        if written in held:
            inj["hold"] = True
        else:
            inj.pop("hold", None)
        return
    r.fail("trigger", Say(N_("the trigger is kept in the scenario file; here it can only change between "
                             "'{at_time}' and '{held}'"), at_time=WORDS[lang]["at_time"],
                          held=WORDS[lang]["held"]))


# --- the file, rewritten where an inject changed -------------------------------------------

def _rewrite(original: str, data: dict, positions: dict, injects: list[dict]) -> str:
    """``original`` with its MSEL made of ``injects``: an inject as it was keeps its text
    (comments too), a changed or new one is written out, the rest of the file is kept."""
    lines = original.splitlines(keepends=True)
    old = data.get("msel") or []
    if injects == old:
        return original  # nothing changed: the file as it was, byte for byte
    spans = _spans(lines, old, positions)
    if spans is None:  # written in flow style, or in a shape not cut by lines
        return _replace_block(original, data, injects)
    first, end, items, indent = spans
    by_id = {inj.get("id"): k for k, inj in enumerate(old) if isinstance(inj, dict)}
    out = []
    for inj in injects:
        k = by_id.get(inj["id"])
        if k is not None and inj == old[k]:
            out.append("".join(lines[items[k][0]:items[k][1]]))
        else:
            out.append(_dumped(inj, indent))
    return "".join(lines[:first]) + "".join(out) + "".join(lines[end:])


def _spans(lines: list[str], old: list, positions: dict):
    """Where each inject of the MSEL is written: (first line of the first inject, line after
    the last, [(start, end) per inject], the items' indent), or None when each does not
    start a line of its own with ``- ``."""
    if not old or ("msel",) not in positions:
        return None
    starts = []
    for k, inj in enumerate(old):
        keys = [positions[("msel", k, key)] for key in inj if ("msel", k, key) in positions] \
            if isinstance(inj, dict) else []
        if not keys:
            return None
        line, col = min(keys)
        text_ = lines[line - 1]
        if not text_[:col - 1].rstrip().endswith("-") or text_[:col - 1].strip() != "-":
            return None
        starts.append(line - 1)
    if starts != sorted(set(starts)):
        return None
    indent = len(lines[starts[0]]) - len(lines[starts[0]].lstrip())
    top = sorted(line for path, (line, _) in positions.items() if len(path) == 1)
    after = [line - 1 for line in top if line - 1 > starts[-1]]
    end = after[0] if after else len(lines)
    while end > starts[-1] + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines before the next section stay with it
    items = [(s, e) for s, e in zip(starts, starts[1:] + [end], strict=True)]
    return starts[0], end, items, indent


class _Compact(yaml.SafeDumper):
    """Writes a small mapping or list of plain values on one line, as scenario authors do
    (``at: {turn: 2, hour: 6}``, ``to: [force, police]``); the rest in blocks."""


def _leaf(values) -> bool:
    return all(isinstance(v, (str, int, float, bool)) or v is None for v in values) and \
        sum(len(str(v)) + 2 for v in values) < 70


_Compact.add_representer(dict, lambda d, data: d.represent_mapping(
    "tag:yaml.org,2002:map", data, flow_style=_leaf([*data, *data.values()]) or None))
_Compact.add_representer(list, lambda d, data: d.represent_sequence(
    "tag:yaml.org,2002:seq", data, flow_style=_leaf(data) or None))


def _dumped(inj: dict, indent: int) -> str:
    text_ = yaml.dump([inj], Dumper=_Compact, allow_unicode=True, sort_keys=False, width=88,
                      default_flow_style=False)
    return "".join(" " * indent + line if line.strip() else line
                   for line in text_.splitlines(keepends=True))


def _replace_block(original: str, data: dict, injects: list[dict]) -> str:
    """The whole file written again with the new MSEL (a file whose MSEL is not written
    one inject per block)."""
    out = dict(data)
    out["msel"] = injects
    return yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=88)


_FIELD_COLUMN = {"at": "turn", "from": "from", "to": "to", "method": "method",
                 "message": "message", "expected_actions": "expected", "when": "trigger",
                 "hold": "trigger", "id": "id"}


def _in_sheet(p: Problem, cells: _Cells, lines: list[int]) -> Problem:
    """A problem of the new scenario, located in the sheet when it is an inject's."""
    found = re.match(r"msel\[(\d+)\](?:\.(\w+))?", p.path or "")
    if not found or int(found.group(1)) >= len(lines):
        return p
    column = _FIELD_COLUMN.get(found.group(2) or "id", "id")
    if found.group(2) == "at" and p.path.endswith(".hour"):
        column = "hour"
    return cells.problem(lines[int(found.group(1))], column, p.say or p.message)


def import_msel(sheet_path: str | Path, scenario_path: str | Path, out: str | Path,
                lang: str = "en") -> Imported:
    """Read the sheet, merge it into the scenario file, validate, then write ``out`` (whole
    or not at all); nothing is written when a problem is found."""
    sheet_path, scenario_path, out = Path(sheet_path), Path(scenario_path), Path(out)
    name, rows = read_sheet(sheet_path)
    result = merge(scenario_path.read_text(encoding="utf-8"), str(scenario_path),
                   str(sheet_path), name, rows, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    part.write_text(result.text, encoding="utf-8")
    part.replace(out)
    return result


def _plain_number(word: str, lang: str) -> str:
    """A number as ``lang`` writes it (12 345,5 in French) as Python reads it (12345.5)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    where = number_locale(lang)
    for group in (get_group_symbol(where), "\u202f", "\u00a0", " "):
        word = word.replace(group, "")
    return word.replace(get_decimal_symbol(where), ".")
