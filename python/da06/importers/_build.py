"""From a read document to a framework file and an import log."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

from .. import _core
from ._document import Document, Paragraph, Place, Row, Table, fold
from ._log import ImportLog
from ._meta import paragraph_place, read_meta
from ._narrative import Figure, find_figures
from ._prose import read_prose_tasks
from ._tables import TASK, GroupItem, Header, RecordItem, Walk, cell_place, find_header, walk
from ._targets import (RANK_POPULATIONS, Stage, StagedTarget, TargetValue, bullet_targets, parse_value, rank_targets,
                       similar)

__all__ = ["ImportOptions", "ImportResult", "DeadlineMiss", "Stats", "build"]

QUOTE_LEN = 120


@dataclass
class ImportOptions:
    """How to read a document.

    kind: "report" (a progress report: "Kết quả thực hiện" is the progress) or "plan" (a plan or a
        decision: "Kết quả" is the expected product, kept as an attribute); None reads the kind from the
        document's number ("…/BC-…" is a report) or title, and logs how it was decided.
    as_of: the date the document speaks for; written as the report's date (default: the date the
        document prints).
    document_id: the id of the document in `sources` (every record's source.document).
    rank_of: how many are ranked, by group name ("ASEAN": 11), for rank targets that do not print it;
        it overrides the importer's table (RANK_POPULATIONS).
    framework_id: the framework's id (default: from the file name).
    """

    kind: str | None = None
    as_of: _dt.date | None = None
    document_id: str = "doc"
    rank_of: dict[str, int] = field(default_factory=dict)
    framework_id: str | None = None


@dataclass
class DeadlineMiss:
    where: str
    task: str
    text: str
    reason: str


@dataclass
class Stats:
    """What the import found, for the per-document table of docs/importers.md."""

    file: str
    format: str
    kind: str
    tables: int = 0
    task_tables: int = 0
    target_tables: int = 0
    other_tables: int = 0
    table_tasks: int = 0
    prose_tasks: int = 0
    task_groups: int = 0
    indicators: int = 0
    targets: int = 0
    candidates: int = 0
    deadline_cells: int = 0
    deadlines_read: int = 0
    deadline_misses: list[DeadlineMiss] = field(default_factory=list)

    @property
    def tasks(self) -> int:
        return self.table_tasks + self.prose_tasks

    def as_dict(self) -> dict[str, Any]:
        d = {k: v for k, v in self.__dict__.items() if k != "deadline_misses"}
        d["tasks"] = self.tasks
        d["deadline_misses"] = [m.__dict__ for m in self.deadline_misses]
        return d


@dataclass
class ImportResult:
    """A framework file (``framework``, a dict in the data format), the import log and the counts."""

    framework: dict[str, Any]
    log: ImportLog
    stats: Stats
    document: Document

    def framework_json(self) -> str:
        import json

        return json.dumps(self.framework, ensure_ascii=False, indent=1) + "\n"

    def log_document(self) -> dict[str, Any]:
        return {"file": self.document.name, "format": self.document.format, "summary": self.stats.as_dict(),
                "entries": self.log.to_list()}


# ---------------------------------------------------------------------------------------------
# the builder

class _Builder:
    def __init__(self, doc: Document, opts: ImportOptions) -> None:
        self.doc = doc
        self.opts = opts
        self.log = ImportLog()
        self.meta = read_meta(doc, opts.kind)
        self.stats = Stats(doc.name, doc.format, self.meta.kind)
        self.groups: list[dict[str, Any]] = []
        self.tasks: list[dict[str, Any]] = []
        self.indicators: list[dict[str, Any]] = []
        self.targets: list[dict[str, Any]] = []
        self.candidates: list[dict[str, Any]] = []
        self.used_paragraphs: set[int] = set()
        ref = opts.as_of or self.meta.date
        self.year = ref.year if ref else None

    # -- sources -------------------------------------------------------------------------------
    def source(self, *, section: str = "", table: Table | None = None, row: str = "", line: int = 0,
               paragraph: int = 0, quote: str = "") -> dict[str, Any]:
        s: dict[str, Any] = {"document": self.opts.document_id}
        if section:
            s["section"] = section
        if table is not None:
            s["table"] = table.sheet or str(table.number)
        if row:
            s["row"] = row
        if line:
            s["line"] = line
        if paragraph and not line:
            s["paragraph"] = paragraph
        q = quote.strip()[:QUOTE_LEN].rstrip()
        if q:
            s["quote"] = q
        return s

    def row_source(self, table: Table, header: Header, row: Row, printed: str, col: int) -> dict[str, Any]:
        cell = row.cells[col] if col < len(row.cells) else None
        line = cell.line if cell is not None and cell.line else row.line
        quote = cell.raw if cell is not None and cell.raw else ""
        if line and self.doc.lines and quote and quote not in self.doc.lines[line - 1]:
            quote = ""  # a quote must be a verbatim part of its line
        return self.source(section=table.heading, table=table, row=printed, line=line, quote=quote)

    # -- tables ----------------------------------------------------------------------------------
    def tables(self) -> None:
        for table in self.doc.tables:
            self.stats.tables += 1
            header = find_header(table, self.meta.kind, self.log, self.doc)
            where = self.table_place(table)
            if header is None:
                self.stats.other_tables += 1
                first = next((r for r in table.rows if any(c.text for c in r.cells)), None)
                cells = " | ".join(c.text[:30] for c in first.cells if c.text) if first else ""
                self.log.info("table.other", where, "not a task or target table (no such header cells); not imported",
                              cells)
                continue
            roles = ", ".join(f"{r}={header.names[i]!r}" for r, i in sorted(header.roles.items(), key=lambda x: x[1]))
            self.log.info("table.found", where, f"a {header.kind} table: {roles}"
                          + (f"; kept as attributes: {', '.join(repr(header.names[i]) for i in header.extra)}"
                             if header.extra else ""))
            if "Kết quả" in " ".join(header.names) and header.kind == TASK and "progress" not in header.roles:
                if self.meta.kind == "report":
                    self.log.info("column.result_split", where, "the 'Kết quả' column is split by a sub-header; "
                                  "its parts are kept as attributes, none is read as the progress")
                else:
                    self.log.info("column.result_as_product", where,
                                  f"in a {self.meta.kind} a 'Kết quả' column is the expected product, kept as an "
                                  "attribute (--kind report reads it as the progress)")
            w = walk(self.doc, table, header, self.log)
            if header.kind == TASK:
                self.stats.task_tables += 1
                self.table_tasks(table, header, w)
            else:
                self.stats.target_tables += 1
                self.table_targets(table, header, w)

    def table_place(self, table: Table) -> Place:
        if table.sheet:
            return self.doc.place(sheet=table.sheet, line=table.rows[0].line if table.rows else 1)
        if table.line:
            return self.doc.place(line=table.line)
        return self.doc.place(table=table.number)

    def group_record(self, g: GroupItem | None, table: Table, header: Header) -> str:
        if g is None:
            return ""
        gid = f"G{len(self.groups) + 1}"
        rec: dict[str, Any] = {"id": gid}
        if g.numeral:
            rec["number"] = g.numeral
        rec["title"] = g.title or g.published
        if g.declared_count:
            rec["declared_count"] = g.declared_count
        rec["published"] = g.published
        rec["source"] = self.row_source(table, header, g.row, g.numeral, g.title_col)
        self.groups.append(rec)
        return gid

    def table_tasks(self, table: Table, header: Header, w: Walk) -> None:
        gids: dict[int, str] = {}
        table_group = ""
        if not w.groups and w.records:
            g = GroupItem("", table.heading or f"Bảng {table.number}", 0, table.heading or "", table.rows[header.first_row],
                          header.roles.get("title", 1))
            table_group = self.group_record(g, table, header)
            self.log.info("group.from_table", self.table_place(table),
                          f"the table has no group rows; its tasks form group {table_group} ({g.title[:60]!r})")
        for g in w.groups:
            if any(r.group is g for r in w.records):
                gids[id(g)] = self.group_record(g, table, header)
        roles = header.roles
        for rec in w.records:
            place = cell_place(self.doc, table, rec.row, roles.get("number", 0))
            title = rec.cell(roles["title"])
            if not title:
                self.log.error("task.no_title", place, f"row {rec.printed} has no task text; not imported")
                continue
            tid = f"T{len(self.tasks) + 1}"
            t: dict[str, Any] = {"id": tid, "number": rec.number}
            gid = gids.get(id(rec.group), "") if rec.group is not None else table_group
            if gid:
                t["group"] = gid
            t["title"] = title
            for role in ("lead", "coordinating"):
                if role in roles:
                    t[role] = rec.cell(roles[role])
            t["deadline_text"] = rec.cell(roles["deadline"]) if "deadline" in roles else ""
            t["progress_text"] = rec.cell(roles["progress"]) if "progress" in roles else ""
            attrs = self.attributes(header, rec)
            if attrs:
                t["attributes"] = attrs
            t["source"] = self.row_source(table, header, rec.row, rec.printed, roles["title"])
            self.tasks.append(t)
            self.stats.table_tasks += 1
            if "deadline" in roles:
                self.deadline(tid, t["deadline_text"], cell_place(self.doc, table, rec.row, roles["deadline"]))

    def attributes(self, header: Header, rec: RecordItem) -> dict[str, str]:
        out: dict[str, str] = {}
        for i in header.extra:
            v = rec.cell(i)
            if not v:
                continue
            name = header.names[i]
            k, n = name, 2
            while k in out:
                k, n = f"{name} ({n})", n + 1
            out[k] = v
        return out

    def deadline(self, task_id: str, text: str, place: Place) -> None:
        if not text.strip():
            self.log.info("deadline.blank", place, f"task {task_id} has no deadline text")
            return
        self.stats.deadline_cells += 1
        d = _core.parse_deadline(text, self.year)
        if d.known:
            self.stats.deadlines_read += 1
            return
        reason = d.diagnostics[0] if d.diagnostics else "not understood"
        self.stats.deadline_misses.append(DeadlineMiss(str(place), task_id, text, reason))
        self.log.warning("deadline.unread", place, f"task {task_id}: the deadline is not read ({reason}); "
                         "kept verbatim", text)

    # -- prose tasks -------------------------------------------------------------------------------
    def prose_tasks(self) -> None:
        found = read_prose_tasks(self.doc.paragraphs)
        if not found:
            return
        gids: dict[int, str] = {}
        for pt in found:
            g = pt.group
            gid = ""
            if g is not None:
                if id(g) not in gids:
                    gid = f"G{len(self.groups) + 1}"
                    self.groups.append({"id": gid, "number": g.number, "title": g.title, "published": g.paragraph.text,
                                        "source": self.source(line=g.paragraph.line, paragraph=g.paragraph.index,
                                                              row=g.number, quote=g.paragraph.raw)})
                    gids[id(g)] = gid
                gid = gids[id(g)]
            tid = f"T{len(self.tasks) + 1}"
            t: dict[str, Any] = {"id": tid, "number": len([x for x in self.tasks if x.get("group") == gid]) + 1}
            if gid:
                t["group"] = gid
            t["title"] = pt.text("title")
            for role in ("lead", "coordinating"):
                if pt.text(role):
                    t[role] = pt.text(role)
            t["deadline_text"] = pt.text("deadline")
            t["progress_text"] = pt.text("progress")
            attrs = dict(pt.attributes)
            if pt.heading:
                attrs["Mục"] = (pt.heading_number + ". " if pt.heading_number else "") + pt.heading
            if attrs:
                t["attributes"] = attrs
            p = pt.start
            t["source"] = self.source(section=pt.heading, row=pt.heading_number, line=p.line, paragraph=p.index,
                                      quote=p.raw)
            self.tasks.append(t)
            self.stats.prose_tasks += 1
            dp = pt.places.get("deadline", p)
            self.deadline(tid, t["deadline_text"], paragraph_place(self.doc, dp))
            for q in [pt.start, *pt.places.values()]:
                self.used_paragraphs.add(id(q))
        self.log.info("tasks.prose", self.doc.name, f"{len(found)} task(s) written as prose "
                      "(\"a) Nhiệm vụ … b) Cơ quan thực hiện … c) Thời gian thực hiện …\")")

    # -- targets ---------------------------------------------------------------------------------
    def stage_of(self, text: str) -> Stage | None:
        d = _core.parse_deadline(text, self.year)
        if not d.known or d.due is None or d.recurrence is not None or d.condition is not None:
            return None
        start = d.start or (_dt.date(d.due.year, 1, 1) if d.period and len(d.period) == 4 else None)
        return Stage(text, start.isoformat() if start else None, d.due.isoformat())

    def indicator_for(self, name: str, unit: str, source: dict[str, Any]) -> str:
        key = fold(name).rstrip(" .")
        for ind in self.indicators:
            if fold(ind["name"]).rstrip(" .") == key:
                return str(ind["id"])
        iid = f"CT{len(self.indicators) + 1}"
        rec: dict[str, Any] = {"id": iid, "name": name}
        if unit == "%":
            rec.update({"kind": "ratio"})
        elif unit == "rank":
            rec.update({"kind": "rank", "direction": "lower", "aggregation": "none"})
        else:
            rec.update({"kind": "value", "unit": unit})
        self.indicators.append(rec)
        return iid

    def table_targets(self, table: Table, header: Header, w: Walk) -> None:
        roles = header.roles
        by_name: dict[str, StagedTarget] = {}
        order: list[StagedTarget] = []
        first_row: dict[int, tuple[Row, str]] = {}
        for rec in w.records:
            place = cell_place(self.doc, table, rec.row, roles["value"])
            name = rec.cell(roles["indicator"])
            value_text = rec.cell(roles["value"])
            unit = rec.cell(roles["unit"]) if "unit" in roles else ""
            stage = self.stage_for(rec, w.groups)
            if "deadline" in roles and rec.cell(roles["deadline"]):
                s = self.stage_of(rec.cell(roles["deadline"]))
                if s is not None:
                    stage = s
            value = parse_value(value_text)
            if not name or value is None:
                self.log.warning("target.value_unread", place, f"row {rec.printed}: the target value is not one number; "
                                 "not imported", value_text)
                continue
            if stage is None:
                self.log.warning("target.no_stage", place, f"row {rec.printed}: no period for the target (no stage "
                                 "row or deadline column); imported without dates", value_text)
                stage = Stage("", None, None)
            if value.unit == "" and unit.strip() == "%":
                value.unit = "%"
            key = fold(name).rstrip(" .")
            st = by_name.get(key)
            if st is None:
                st = StagedTarget(name, value.unit if value.unit else unit)
                by_name[key] = st
                order.append(st)
                first_row[id(st)] = (rec.row, rec.printed)
            elif st.stages and st.stages[-1][0].text == stage.text:
                self.log.warning("target.duplicate", place, f"row {rec.printed} repeats an indicator of the same stage; "
                                 "the first row is kept", name)
                continue
            st.stages.append((stage, value))
            notes = [f"{header.names[i]}: {rec.cell(i)}" for i in header.extra if rec.cell(i)]
            st.published.append(f"{value_text} ({stage.text})" if stage.text else value_text)
            if notes and not st.note:
                st.note = "; ".join(notes)
        for st in order:
            row, printed = first_row[id(st)]
            src = self.row_source(table, header, row, printed, roles["indicator"])
            self.staged_target(st, src, self.cell_where(table, row, roles["value"]))

    def cell_where(self, table: Table, row: Row, col: int) -> Place:
        return cell_place(self.doc, table, row, col)

    def stage_for(self, rec: RecordItem, groups: list[GroupItem]) -> Stage | None:
        """The stage of a target row: the nearest group row above it that names a period."""
        for g in reversed([g for g in groups if g.row.index <= rec.row.index]):
            s = self.stage_of(g.title)
            if s is not None:
                return s
        return None

    def staged_target(self, st: StagedTarget, src: dict[str, Any], where: Place | str) -> dict[str, Any] | None:
        stages = sorted(st.stages, key=lambda x: (x[0].start or x[0].due or ""))
        cmps = {v.comparator for _, v in stages}
        if len(cmps) > 1:
            self.log.warning("target.comparators", where, f"the stages of {st.name[:60]!r} use different comparators "
                             f"({', '.join(sorted(cmps))}); only the first stage is imported")
            stages = stages[:1]
        unit = stages[0][1].unit or st.unit
        iid = self.indicator_for(st.name, unit, src)
        first_stage, first_value = stages[0]
        tg: dict[str, Any] = {"id": f"TG{len(self.targets) + 1}", "indicator": iid, "comparator": first_value.comparator,
                              "threshold": first_value.threshold}
        if first_value.comparator == "top":
            of = first_value.of
            if of is None:
                self.log.warning("target.rank_of", where, f"rank target {st.name[:60]!r}: the text does not say out "
                                 "of how many; not imported (give --rank-of NAME=N)")
                return None
            tg["of"] = of
        if first_stage.start:
            tg["effective"] = first_stage.start
        last_due = stages[-1][0].due
        if last_due:
            tg["deadline"] = last_due
        ms = [{"from": s.start, "threshold": v.threshold} for s, v in stages[1:] if s.start]
        if len(ms) != len(stages) - 1:
            self.log.warning("target.stage_dates", where, f"a later stage of {st.name[:60]!r} has no start date; "
                             "its threshold is not a milestone")
        if ms:
            tg["milestones"] = ms
        tg["published"] = "; ".join(st.published)
        note = "; ".join(x for x in (st.note,) if x)
        if note:
            tg["note"] = note
        tg["source"] = src
        self.targets.append(tg)
        return tg

    @staticmethod
    def twin(targets: list[tuple[dict[str, Any], str]], name: str, stage: Stage,
             value: TargetValue) -> dict[str, Any] | None:
        """The table target a bullet repeats: the most similar name (≥ 0.75) among the targets whose
        threshold in force over the bullet's stage is the bullet's."""
        best: tuple[float, dict[str, Any]] | None = None
        for t, tname in targets:
            sim = similar(tname, name)
            if sim < 0.75:
                continue
            stages = [(t.get("effective"), t["threshold"])] + [(m["from"], m["threshold"]) for m in t.get("milestones", [])]
            in_force = [thr for frm, thr in stages if frm is None or stage.start is None or frm <= stage.start]
            if not in_force or in_force[-1] != value.threshold:
                continue
            if best is None or sim > best[0]:
                best = (sim, t)
        return best[1] if best else None

    def prose_targets(self) -> None:
        paras = self.doc.paragraphs
        found, used = bullet_targets(paras, self.stage_of)
        table_names = [(t, next(i for i in self.indicators if i["id"] == t["indicator"])["name"]) for t in self.targets]
        for st in found:
            where = self.doc.place(line=st.place_line, paragraph=st.paragraph)
            stage, value = st.stages[0]
            twin = self.twin(table_names, st.name, stage, value)
            if twin is not None:
                self.log.info("target.in_table", where, f"the bullet target {st.name[:60]!r} ({value.threshold}%, "
                              f"{stage.text}) is target {twin['id']} of a table; not imported twice")
                continue
            if st.note:
                self.log.info("target.two_in_one", where, "two targets in one bullet; each name completed from the "
                              f"other: {st.name!r}")
            src = self.source(section=stage.text, line=st.place_line, paragraph=st.paragraph, quote=st.quote)
            self.staged_target(st, src, where)
        for p in used:
            self.used_paragraphs.add(id(p))
        ranks = rank_targets(paras)
        for rt in ranks:
            assert rt.paragraph is not None
            p = rt.paragraph
            where = paragraph_place(self.doc, p)
            of_given = {fold(k): v for k, v in self.opts.rank_of.items()}
            of: int | None = None
            if rt.key in of_given:
                of = of_given[rt.key]
                self.log.info("target.rank_of", where, f"{rt.group}: out of {of} (--rank-of)")
            elif rt.key in RANK_POPULATIONS:
                of, why = RANK_POPULATIONS[rt.key]
                self.log.info("target.rank_of", where, f"{rt.group}: out of {of}, the number of {why} "
                              "(the importer's table; --rank-of overrides it)")
            stages = sorted(rt.stages)
            st = StagedTarget(f"{rt.subject}: nhóm dẫn đầu {rt.group}", "rank")
            for year, n in stages:
                st.stages.append((Stage(f"năm {year}", f"{year}-01-01", f"{year}-12-31"),
                                  TargetValue("top", str(n), "rank", of)))
            st.published = [f"nhóm {n} ({year})" for year, n in stages]
            line, quote = self.line_of(p, f"nhóm {stages[0][1]}")
            src = self.source(line=line, paragraph=p.index, quote=quote)
            self.staged_target(st, src, where)
            self.used_paragraphs.add(id(p))

    def line_of(self, p: Paragraph, needle: str) -> tuple[int, str]:
        """The line of a paragraph that holds `needle`, and that line as a quote."""
        for n, raw in p.lines:
            if needle in raw:
                return n, raw.strip()
        return p.line, p.raw

    # -- narrative figures ------------------------------------------------------------------------
    def figures(self) -> None:
        paras = [p for p in self.doc.paragraphs if id(p) not in self.used_paragraphs]
        for f in find_figures(paras, self.meta.kind):
            self.candidate(f)

    def candidate(self, f: Figure) -> None:
        cid = f"OC{len(self.candidates) + 1}"
        c: dict[str, Any] = {"id": cid, "kind": f.kind}
        if f.numerator is not None:
            c["numerator"] = f.numerator
            c["denominator"] = f.denominator
        if f.value:
            c["value"] = f.value
        if f.unit:
            c["unit"] = f.unit
        if f.against:
            c["against"] = f.against
        c["published"] = f.published
        c["sentence"] = f.sentence
        c["review"] = "pending"
        line, quote = self.line_of(f.paragraph, f.published.split()[0])
        c["source"] = self.source(line=line, paragraph=f.paragraph.index, quote=quote)
        self.candidates.append(c)

    # -- the file ----------------------------------------------------------------------------------
    def framework(self) -> dict[str, Any]:
        m = self.meta
        stem = re.sub(r"[^A-Za-z0-9_.:-]+", "-", fold(self.doc.name.rsplit(".", 1)[0])).strip("-") or "imported"
        fw: dict[str, Any] = {"format": "da06-framework", "format_version": 1, "id": self.opts.framework_id or stem}
        if m.title:
            fw["title"] = m.title
        docref: dict[str, Any] = {}
        if m.number:
            docref["number"] = m.number
        if m.date:
            docref["date"] = m.date.isoformat()
        if m.title:
            docref["title"] = m.title
        if m.kind == "report":
            if self.opts.as_of:
                docref["date"] = self.opts.as_of.isoformat()
            if docref:
                fw["report"] = docref
        else:
            if docref:
                fw["plan"] = docref
            if self.opts.as_of:
                fw["report"] = {"date": self.opts.as_of.isoformat(), "note": "the as-of date given to the importer"}
        src: dict[str, Any] = {"id": self.opts.document_id, "title": m.title or self.doc.name, "file": self.doc.name,
                               "sha256": self.doc.sha256}
        if self.doc.lines:
            src["lines"] = len(self.doc.lines)
        fw["sources"] = [src]
        fw["task_groups"] = self.groups
        fw["tasks"] = self.tasks
        fw["indicators"] = self.indicators
        fw["targets"] = self.targets
        fw["observation_candidates"] = self.candidates
        return fw


def build(doc: Document, opts: ImportOptions) -> ImportResult:
    b = _Builder(doc, opts)
    b.log.info("document.kind", b.meta.kind_place, f"read as a {b.meta.kind} ({b.meta.kind_reason})")
    b.tables()
    b.prose_tasks()
    b.prose_targets()
    b.figures()
    fw = b.framework()
    b.stats.task_groups = len(b.groups)
    b.stats.indicators = len(b.indicators)
    b.stats.targets = len(b.targets)
    b.stats.candidates = len(b.candidates)
    if b.candidates:
        b.log.info("candidates", doc.name, f"{len(b.candidates)} figure(s) of the text are observation candidates, "
                   "marked for review (observation_candidates); none is data until a person makes it an observation")
    return ImportResult(fw, b.log, b.stats, doc)

