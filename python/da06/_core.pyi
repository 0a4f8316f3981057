"""Type stubs of the compiled module da06._core (bindings/python/*.cpp). Use the `da06` package instead."""
import datetime
from fractions import Fraction
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

__version__: str
version_number: int


# --- model -------------------------------------------------------------------------------------
class SourceRef:
    @property
    def document(self) -> str: ...
    @property
    def section(self) -> str: ...
    @property
    def appendix(self) -> str: ...
    @property
    def row(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def quote(self) -> str: ...
    @property
    def table(self) -> str: ...
    @property
    def paragraph(self) -> int: ...

class TaskGroup:
    @property
    def id(self) -> str: ...
    @property
    def number(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def declared_count(self) -> int: ...
    @property
    def published(self) -> str: ...
    @property
    def source(self) -> SourceRef: ...

class Task:
    @property
    def id(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def group(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def lead(self) -> str: ...
    @property
    def coordinating(self) -> str: ...
    @property
    def deadline_text(self) -> str: ...
    @property
    def progress_text(self) -> str: ...
    @property
    def indicators(self) -> list[str]: ...
    @property
    def utility_group(self) -> str: ...
    @property
    def attributes(self) -> dict[str, str]: ...
    @property
    def source(self) -> SourceRef: ...
    def lead_units(self) -> list[str]: ...
    def coordinating_units(self) -> list[str]: ...

class Indicator:
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def direction(self) -> str: ...
    @property
    def factor(self) -> int: ...
    @property
    def decimals(self) -> int: ...
    @property
    def rounding(self) -> str: ...
    @property
    def aggregation(self) -> str: ...
    @property
    def temporal(self) -> str: ...
    @property
    def denominator(self) -> str: ...
    @property
    def utility_group(self) -> str: ...

class Observation:
    @property
    def id(self) -> str: ...
    @property
    def indicator(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def period(self) -> str: ...
    @property
    def as_of(self) -> datetime.date | None: ...
    @property
    def service(self) -> str: ...
    @property
    def numerator(self) -> int | None: ...
    @property
    def denominator(self) -> int | None: ...
    @property
    def value(self) -> int | Decimal | bool | None: ...
    @property
    def of(self) -> int | None: ...
    @property
    def published(self) -> str: ...
    @property
    def published_value(self) -> str: ...
    @property
    def qualifier(self) -> str: ...
    @property
    def note(self) -> str: ...
    @property
    def source(self) -> SourceRef: ...
    def is_ratio(self) -> bool: ...

class Target:
    @property
    def id(self) -> str: ...
    @property
    def indicator(self) -> str: ...
    @property
    def task(self) -> str: ...
    @property
    def comparator(self) -> str: ...
    @property
    def threshold(self) -> str: ...
    @property
    def of(self) -> int | None: ...
    @property
    def scope_unit(self) -> str: ...
    @property
    def scope_levels(self) -> list[str]: ...
    @property
    def effective(self) -> datetime.date | None: ...
    @property
    def deadline(self) -> datetime.date | None: ...
    @property
    def milestones(self) -> list[tuple[datetime.date | None, str]]: ...
    @property
    def published(self) -> str: ...
    @property
    def note(self) -> str: ...
    @property
    def source(self) -> SourceRef: ...

class ObservationCandidate:
    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def numerator(self) -> int | None: ...
    @property
    def denominator(self) -> int | None: ...
    @property
    def value(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def against(self) -> str: ...
    @property
    def published(self) -> str: ...
    @property
    def sentence(self) -> str: ...
    @property
    def review(self) -> str: ...
    @property
    def observation(self) -> str: ...
    @property
    def note(self) -> str: ...
    @property
    def source(self) -> SourceRef: ...

class OrgUnit:
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def valid_from(self) -> datetime.date | None: ...
    @property
    def valid_to(self) -> datetime.date | None: ...
    @property
    def parents(self) -> list[tuple[str, datetime.date | None, datetime.date | None]]: ...
    def valid_on(self, d: datetime.date | str) -> bool: ...

class Framework:
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def province(self) -> str: ...
    @property
    def plan_number(self) -> str: ...
    @property
    def plan_date(self) -> datetime.date | None: ...
    @property
    def report_number(self) -> str: ...
    @property
    def report_date(self) -> datetime.date | None: ...
    @property
    def report_title(self) -> str: ...
    @property
    def period_code(self) -> str: ...
    @property
    def period_text(self) -> str: ...
    def tasks(self) -> list[Task]: ...
    def task_groups(self) -> list[TaskGroup]: ...
    def indicators(self) -> list[Indicator]: ...
    def observations(self) -> list[Observation]: ...
    def targets(self) -> list[Target]: ...
    def units(self) -> list[OrgUnit]: ...
    def observation_candidates(self) -> list[ObservationCandidate]: ...
    def __eq__(self, other: object) -> bool: ...

# --- io ----------------------------------------------------------------------------------------
_Diag = tuple[str, str, str, int, int, str, str]
def default_framework() -> Framework: ...
def default_dataset_json() -> str: ...
def load_file(path: str) -> tuple[Framework, list[_Diag]]: ...
def load_json(text: str, file_name: str = ...) -> tuple[Framework, list[_Diag]]: ...
def write_json(framework: Framework) -> str: ...

# --- numbers -----------------------------------------------------------------------------------
def format_decimal(text: str, decimals: int | None, rounding: str = ..., percent: bool = ..., grouped: bool = ...) -> str: ...
def format_ratio(numerator: str, denominator: str, decimals: int, rounding: str = ..., percent: bool = ...,
                 grouped: bool = ..., factor: int = ...) -> str: ...
def round_ratio(numerator: str, denominator: str, decimals: int, rounding: str = ...) -> str: ...
def parse_vn_number(text: str) -> tuple[str, int, str]: ...
def rounding_modes() -> list[str]: ...

# --- lunar -------------------------------------------------------------------------------------
def to_lunar(date: datetime.date | str, tz_hours: float = ...) -> tuple[int, int, int, bool]: ...
def from_lunar(day: int, month: int, year: int, leap: bool = ..., tz_hours: float = ...) -> datetime.date: ...
def tet(year: int) -> datetime.date: ...
def lunar_leap_month(lunar_year: int, tz_hours: float = ...) -> int: ...
def lunar_month_length(month: int, lunar_year: int, leap: bool = ..., tz_hours: float = ...) -> int: ...
def to_lunar_days(days: npt.NDArray[np.int64], tz_hours: float = ...) -> tuple[
    npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.int32], npt.NDArray[np.bool_]]: ...

# --- calendar ----------------------------------------------------------------------------------
class Calendar:
    @staticmethod
    def vietnam_public() -> Calendar: ...
    @staticmethod
    def vietnam_statutory() -> Calendar: ...
    def with_schedule(self, json: str) -> Calendar: ...
    def schedule_years(self) -> list[int]: ...
    def is_provisional(self, year: int) -> bool: ...
    def provisional_years(self, first: datetime.date, last: datetime.date) -> list[int]: ...
    def rule_names(self) -> list[tuple[str, str]]: ...
    def is_workday(self, date: datetime.date | str) -> bool: ...
    def holidays(self, year: int) -> list[tuple[datetime.date, str, str]]: ...
    def holidays_on(self, date: datetime.date | str) -> list[tuple[datetime.date, str, str]]: ...
    def next_workday(self, date: datetime.date | str) -> datetime.date: ...
    def previous_workday(self, date: datetime.date | str) -> datetime.date: ...
    def add_workdays(self, date: datetime.date | str, n: int) -> datetime.date: ...
    def count_workdays_closed(self, first: datetime.date | str, last: datetime.date | str) -> int: ...
    def count_workdays_half_open(self, begin: datetime.date | str, end: datetime.date | str) -> int: ...
    def roll(self, date: datetime.date | str, convention: str = ...) -> datetime.date: ...
    def is_workday_days(self, days: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]: ...
    def count_closed_days(self, first: npt.NDArray[np.int64], last: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]: ...
    def count_half_open_days(self, begin: npt.NDArray[np.int64], end: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]: ...
    def add_workdays_days(self, days: npt.NDArray[np.int64], offsets: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]: ...
    def _count_closed_int32(self, a: npt.NDArray[np.int32], b: npt.NDArray[np.int32]) -> npt.NDArray[np.int32]: ...

# --- time limits -------------------------------------------------------------------------------
def add_months(event_day: datetime.date | str, n: int) -> datetime.date: ...
def add_years(event_day: datetime.date | str, n: int) -> datetime.date: ...
def time_limit(event_day: datetime.date | str, count: int, unit: str, calendar: Calendar) -> tuple[
    datetime.date, datetime.date, datetime.date]: ...
def named_point(text: str, year: int, month: int = ...) -> datetime.date: ...
def dossier_due(day: datetime.date | str, hour: int, minute: int, working_days: int, calendar: Calendar,
                cutoff_hour: int = ..., cutoff_minute: int = ..., apply_cutoff: bool = ..., second: int = ...,
                microsecond: int = ...) -> tuple[datetime.date, datetime.date]: ...
def dossier_status(promised: datetime.date | str, returned: datetime.date | str, calendar: Calendar) -> tuple[
    str, str, int, int]: ...

# --- period ------------------------------------------------------------------------------------
class Period:
    @staticmethod
    def parse_code(code: str) -> Period: ...
    @property
    def code(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def index(self) -> int: ...
    @property
    def calendar_window(self) -> tuple[datetime.date, datetime.date]: ...
    @property
    def cutoff_window(self) -> tuple[datetime.date, datetime.date]: ...
    def previous(self) -> Period: ...
    def next(self) -> Period: ...
    def submission_deadline(self, n_working_days: int, calendar: Calendar) -> datetime.date: ...
    def __eq__(self, other: object) -> bool: ...
    def __lt__(self, other: Period) -> bool: ...
    def __hash__(self) -> int: ...

def parse_period(text: str, default_year: int | None = ...) -> Period: ...

# --- deadline ----------------------------------------------------------------------------------
class Threshold:
    @property
    def value(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def comparator(self) -> str: ...
    @property
    def out_of(self) -> str: ...
    @property
    def from_period(self) -> str | None: ...
    @property
    def from_date(self) -> datetime.date | None: ...
    @property
    def within(self) -> str | None: ...
    @property
    def levels(self) -> list[str]: ...
    @property
    def subject(self) -> str: ...
    @property
    def offset(self) -> int: ...
    @property
    def length(self) -> int: ...

class Match:
    @property
    def field(self) -> str: ...
    @property
    def offset(self) -> int: ...
    @property
    def length(self) -> int: ...
    @property
    def phrase(self) -> str: ...

class Phase:
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> datetime.date | None: ...
    @property
    def due(self) -> datetime.date | None: ...
    @property
    def offset(self) -> int: ...
    @property
    def length(self) -> int: ...

class Deadline:
    @property
    def text(self) -> str: ...
    @property
    def due(self) -> datetime.date | None: ...
    @property
    def start(self) -> datetime.date | None: ...
    @property
    def period(self) -> str | None: ...
    @property
    def strictly_before(self) -> bool: ...
    @property
    def recurring(self) -> bool: ...
    @property
    def recurrence(self) -> str | None: ...
    @property
    def recurring_day(self) -> int | None: ...
    @property
    def condition(self) -> str | None: ...
    @property
    def authority(self) -> str: ...
    @property
    def reference(self) -> str: ...
    @property
    def tentative(self) -> bool: ...
    @property
    def aspirational(self) -> bool: ...
    @property
    def thresholds(self) -> list[Threshold]: ...
    @property
    def phases(self) -> list[Phase]: ...
    @property
    def notes(self) -> list[str]: ...
    @property
    def kind(self) -> str: ...
    @property
    def matched(self) -> list[Match]: ...
    @property
    def diagnostics(self) -> list[str]: ...
    @property
    def known(self) -> bool: ...
    def describe(self) -> str: ...

def parse_deadline(text: str, reference_year: int | None = ...) -> Deadline: ...

# --- report, status, analysis -------------------------------------------------------------------
def default_as_of(framework: Framework) -> datetime.date | None: ...
def report_json(framework: Framework, as_of: datetime.date | None = ...) -> str: ...
def report_text(framework: Framework, as_of: datetime.date | None = ...) -> str: ...
def status_names() -> list[str]: ...

class DecidingPhrase:
    field: str
    role: str
    begin: int
    end: int
    text: str

class TaskStatus:
    task: str
    number: int
    group: str
    status: str
    due: datetime.date | None
    effective_due: datetime.date | None
    start: datetime.date | None
    recurrence: str
    workdays_left: int | None
    past_due: bool
    past_due_not_done: bool
    deciding_phrases: list[DecidingPhrase]
    reason: str

class GroupStatusCounts:
    group: str
    number: str
    title: str
    total: int
    by_status: dict[str, int]

class ClaimComparison:
    claim: str
    status: str
    published: str
    claimed: int
    statuses: list[str]
    ours: int | None
    difference: int | None

class StatusSummary:
    as_of: datetime.date
    due_soon_workdays: int
    total: int
    by_status: dict[str, int]
    by_group: list[GroupStatusCounts]
    claims: list[ClaimComparison]
    past_due_not_done: list[str]
    overdue: list[str]

class StatusReport:
    tasks: list[TaskStatus]
    summary: StatusSummary
    provisional_years: list[int]

def task_status_report(framework: Framework, as_of: datetime.date, calendar: Calendar, due_soon_workdays: int = ...,
                       roll_due_to_workday: bool = ...) -> StatusReport: ...

class PacePoint:
    observation: str
    date: datetime.date
    t: float
    y: float
    weight: float

class LinearFit:
    intercept: float
    slope: float

class Pace:
    cls: str
    reason: str
    method: str
    half_life_years: float
    days_per_year: float
    points: list[PacePoint]
    base_date: datetime.date | None
    current_date: datetime.date | None
    target_date: datetime.date | None
    base_value: float | None
    current_value: float | None
    target_value: float | None
    direction: int
    observed_rate_per_year: float | None
    required_rate_per_year: float | None
    ratio: float | None
    fit: LinearFit | None
    projected_at_deadline: float | None
    projected_attainment: datetime.date | None
    projection_note: str

class Needed:
    count: int | None
    computable: bool
    reachable: bool
    action: str
    explanation: str

class TargetEvaluation:
    target: str
    indicator: str
    task: str
    published: str
    as_of: datetime.date
    comparator: str
    threshold: str
    threshold_value: Fraction
    threshold_at_deadline: str
    of: int | None
    effective: datetime.date | None
    deadline: datetime.date | None
    in_force: bool
    scope_unit: str
    matched_unit: str
    status: str
    reason: str
    observation: Observation | None
    current_date: datetime.date | None
    value: Fraction | None
    value_display: str
    gap: Fraction | None
    gap_display: str
    gap_unit: str
    attainment: Fraction | None
    needed: Needed
    denominator: str | None
    workdays_left: int | None
    pace: Pace
    notes: list[str]

class IndicatorsSummary:
    observations: int
    derived_observations: int
    targets: int
    met: int
    not_met: int
    no_data: int
    pace: dict[str, int]

class IndicatorsReport:
    as_of: datetime.date
    calendar: str
    summary: IndicatorsSummary
    problems: list[str]
    targets: list[TargetEvaluation]
    provisional_years: list[int]

def indicators_report(framework: Framework, as_of: datetime.date, calendar: Calendar, method: str = ...,
                      half_life_years: float = ..., use_derived: bool = ...) -> IndicatorsReport: ...

# --- audit --------------------------------------------------------------------------------------
class AuditValue:
    name: str
    value: str

class Finding:
    id: str
    check: str
    severity: str
    message: str
    published: str
    values: list[AuditValue]
    records: list[str]
    source: SourceRef
    related: list[SourceRef]
    def value(self, name: str) -> str | None: ...

class AuditCounts:
    error: int
    warning: int
    info: int

class AuditReport:
    framework: str
    counts: AuditCounts
    findings: list[Finding]

def audit_report(framework: Framework, include_info: bool = ..., as_of: datetime.date | None = ...,
                 calendar: Calendar | None = ...) -> AuditReport: ...

# --- hierarchy and aggregation ------------------------------------------------------------------
class Hierarchy:
    def __len__(self) -> int: ...
    @property
    def ids(self) -> list[str]: ...
    @property
    def names(self) -> list[str]: ...
    @property
    def attribute_names(self) -> list[str]: ...
    def attribute(self, column: str) -> list[str]: ...
    @property
    def levels(self) -> list[str]: ...
    def find(self, id: str) -> int | None: ...
    def unit(self, index: int) -> OrgUnit: ...
    def ancestor_map(self, level: str, as_of: datetime.date | str) -> npt.NDArray[np.int32]: ...
    def ancestor_lookup(self, index: int, level: str, as_of: datetime.date | str) -> tuple[int, str]: ...
    def children(self, index: int, as_of: datetime.date | str) -> list[int]: ...
    def units_at_level(self, level: str, as_of: datetime.date | str) -> list[int]: ...

def hierarchy_from_framework(framework: Framework) -> tuple[Hierarchy, list[_Diag]]: ...
def hierarchy_from_csv(text: str, file: str = ...) -> tuple[Hierarchy, list[_Diag]]: ...
def hierarchy_from_json(text: str, file: str = ...) -> tuple[Hierarchy, list[_Diag]]: ...
def hierarchy_from_file(path: str) -> tuple[Hierarchy, list[_Diag]]: ...
def aggregate_columns(hierarchy: Hierarchy, level: str, as_of: datetime.date, unit: npt.NDArray[Any],
                      unit_map: npt.NDArray[np.int32] | None, indicator: npt.NDArray[Any],
                      indicator_map: npt.NDArray[np.int32] | None, period: npt.NDArray[Any],
                      period_map: npt.NDArray[np.int32] | None, numerator: npt.NDArray[np.int64],
                      denominator: npt.NDArray[np.int64], indicator_count: int, period_count: int,
                      thresholds: list[tuple[int, str, str, str]] = ...) -> dict[str, Any]: ...
def aggregation_kernel() -> str: ...

# --- dossiers (register_dossier.cpp) -------------------------------------------------------------
class DossierEngine:
    def __init__(self, calendar: Calendar, cutoff_seconds: int = ..., apply_cutoff: bool = ...,
                 cutoff_in_working_hours: bool = ..., office_hours: list[tuple[int, int]] = ...,
                 deduct_pauses: bool = ..., repeated_supplementation_is_late: bool = ...) -> None: ...
    def due(self, received_at: Any, time_limit: Any, default_unit: int = ..., limit_unit: Any = ..., due_at: Any = ...,
            finished_at: Any = ..., pause_start: Any = ..., pause_end: Any = ..., as_of: int = ...
            ) -> tuple[Any, Any, Any, list[tuple[int, str, str]], int]: ...
    def status(self, received_at: Any, time_limit: Any, default_unit: int = ..., limit_unit: Any = ..., due_at: Any = ...,
               finished_at: Any = ..., pause_start: Any = ..., pause_end: Any = ..., supplement_requests: Any = ...,
               as_of: int = ...) -> tuple[Any, Any, list[tuple[int, str, str]], int]: ...
    def count(self, received_at: Any, time_limit: Any, default_unit: int, limit_unit: Any, due_at: Any, finished_at: Any,
              pause_start: Any, pause_end: Any, supplement_requests: Any, unit: Any, n_units: int, procedure: Any,
              n_procedures: int, flags: dict[str, Any], period: str, as_of: int
              ) -> tuple[list[str], Any, list[str], Any, list[tuple[int, str, str]], int, int]: ...

def read_dossier_file(path: str) -> dict[str, Any]: ...

class IndexRules:
    @staticmethod
    def portal_2026(sync_factor: bool = ...) -> IndexRules: ...
    @staticmethod
    def from_json(text: str | bytes, file: str = ...) -> IndexRules: ...
    def to_json(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def decimals(self) -> int: ...
    @property
    def groups(self) -> list[tuple[str, str, str, int]]: ...
    @property
    def indicators(self) -> list[dict[str, Any]]: ...
    def score_matrix(self, names: list[str], values: Any) -> tuple[Any, Any]: ...
    def what_it_takes(self, counts: dict[str, int], lever: str, target_total: int) -> dict[str, Any]: ...

# --- the report's summary and its charts (register_report_summary.cpp) ----------------------------
class SummaryTask:
    task: str
    number: int
    group: str
    group_number: str
    title: str
    lead: str
    deadline_text: str
    status: str
    due: datetime.date | None
    effective_due: datetime.date | None
    workdays_late: int
    workdays_left: int | None

class SummaryTarget:
    target: str
    indicator: str
    indicator_name: str
    task: str
    unit: str
    percent: bool
    status: str
    comparator: str
    threshold: Fraction
    threshold_display: str
    value: Fraction | None
    gap: Fraction | None
    value_display: str
    gap_display: str
    gap_unit: str
    needed: int | None
    needed_action: str
    needed_display: str
    deadline: datetime.date | None
    workdays_left: int | None
    pace: str

class SummaryIndexGroup:
    code: str
    name_vi: str
    points: int
    max_points: int

class SummaryIndex:
    unit: str
    period: str
    rules_version: str
    decimals: int
    groups: list[SummaryIndexGroup]
    total: int
    max_total: int
    rank: int

class ReportSummary:
    as_of: datetime.date | None
    has_status: bool
    total_tasks: int
    by_status: dict[str, int]
    claims: list[ClaimComparison]
    overdue: list[SummaryTask]
    due_soon: list[SummaryTask]
    past_due_open: list[SummaryTask]
    by_group: list[GroupStatusCounts]
    has_targets: bool
    targets: list[SummaryTarget]
    targets_met: int
    targets_not_met: int
    targets_no_data: int
    audit_counts: dict[str, int]
    audit_findings: int
    index: SummaryIndex | None
    headline: list[tuple[str, int]]
    def to_json(self) -> str: ...

def report_summary(framework: Framework, as_of: datetime.date | None = ...) -> ReportSummary: ...
def summary_with_index(summary: ReportSummary, rules: IndexRules, unit: str, period: str, groups: dict[str, int],
                       total: int, rank: int = ...) -> ReportSummary: ...
def summary_chart_svg(summary: ReportSummary, chart: str) -> str: ...
def summary_chart_note(summary: ReportSummary, chart: str) -> str: ...
def summary_chart_bars(summary: ReportSummary, chart: str) -> int: ...
def summary_chart_title(chart: str) -> str: ...
def status_label_vi(status: str) -> str: ...
def status_color(status: str) -> str: ...
def pace_label_vi(pace: str) -> str: ...

# --- string keys through Arrow (register_arrow.cpp) ------------------------------------------------
def arrow_string_codes(column: Any) -> tuple[Any, list[str]]: ...

# --- a series of reports (register_series.cpp) ---------------------------------------------------

class TaskMatch:
    old_task: str
    new_task: str
    old_number: int
    new_number: int
    old_group: str
    new_group: str
    method: str
    confidence: float

class UnmatchedTask:
    task: str
    number: int
    title: str
    best_candidate: str
    best_score: float

class TaskMatching:
    matches: list[TaskMatch]
    dropped: list[UnmatchedTask]
    added: list[UnmatchedTask]

class TaskChange:
    old_task: str
    new_task: str
    title: str
    old_status: str
    new_status: str
    old_due: datetime.date | None
    new_due: datetime.date | None

class IndicatorMove:
    indicator: str
    unit: str
    service: str
    followed_from: list[str]
    old_observations: list[str]
    new_observation: str
    old_date: datetime.date | None
    new_date: datetime.date | None
    old_value: Fraction
    new_value: Fraction
    change: Fraction
    percentage_points: bool
    numerator_change: int | None
    denominator_change: int | None
    old_display: str
    new_display: str
    movement: str

class ObservationKey:
    indicator: str
    unit: str
    service: str
    when: str

class Revision:
    key: ObservationKey
    old_report: int
    new_report: int
    old_observation: str
    new_observation: str
    old_value: str
    new_value: str
    same_report: bool

class TargetChange:
    target: str
    indicator: str
    shift: str
    old_status: str
    new_status: str
    old_value: str
    new_value: str
    deadline: datetime.date | None

class UnitChange:
    unit: str
    name: str
    level: str
    reason: str
    successors: list[str]

class ChangeCheck:
    observation: str
    published: str
    against: str
    of: str
    delta: int
    implied: str
    earlier_observation: str
    earlier_value: str
    agrees: bool
    revised_to: str

class SeriesDiff:
    old_report: str
    new_report: str
    old_as_of: datetime.date
    new_as_of: datetime.date
    tasks: TaskMatching
    renumbered: list[TaskMatch]
    newly_done: list[TaskChange]
    newly_overdue: list[TaskChange]
    newly_waiting: list[TaskChange]
    deadline_moved: list[TaskChange]
    indicators: list[IndicatorMove]
    revisions: list[Revision]
    duplicates: int
    targets_newly_met: list[TargetChange]
    targets_newly_missed: list[TargetChange]
    units_entered: list[UnitChange]
    units_left: list[UnitChange]
    change_checks: list[ChangeCheck]
    def to_json(self) -> str: ...

class PacePointSource:
    report: str
    observation: str
    date: datetime.date

class SeriesTargetPace:
    evaluation: TargetEvaluation
    sources: list[PacePointSource]
    needed_per_month: float | None

class SeriesObservation:
    observation: Observation
    key: ObservationKey
    reference_date: datetime.date | None
    printed_in: list[tuple[int, str]]
    superseded: bool

class Series:
    def __init__(self, reports: list[Framework], mapping_csv: str | None = ..., mapping_file: str = ...,
                 pins: list[tuple[str, str]] = ..., match_threshold: float = ..., part_threshold: float = ...,
                 calendar: Calendar = ...) -> None: ...
    def __len__(self) -> int: ...
    def report(self, index: int) -> Framework: ...
    def date(self, index: int) -> datetime.date: ...
    def observations(self) -> list[SeriesObservation]: ...
    def revisions(self) -> list[Revision]: ...
    def merged(self, index: int) -> Framework: ...
    def diff(self, a: int, b: int, as_of: datetime.date | None = ...) -> SeriesDiff: ...
    def pace(self, as_of: datetime.date | None = ...) -> list[SeriesTargetPace]: ...
    def pace_json(self, as_of: datetime.date | None = ...) -> str: ...

def task_similarity(a: Task, b: Task) -> float: ...
