"""The structured-output contract: what a draft may say, how it is judged, and the final answer."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tools.papers import Pages, page_label

SectionName = Literal["summary", "methods", "results", "limitations"]
SECTIONS: tuple[SectionName, ...] = ("summary", "methods", "results", "limitations")
VerdictName = Literal["supported", "unsupported", "unknown_source"]
CodeStatus = Literal["ran", "failed", "not_run"]
AnalysisStatus = Literal["ran", "declined", "none"]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Passage(_Model):
    """A retrieved chunk, the only thing an answer may cite."""

    key: str  # PAPER_ID#POSITION
    paper_id: str
    title: str
    year: int | None = None
    section: str
    text: str
    score: float
    link: str | None = None  # opens the PDF at the passage's page (#page=N) where the link is the file itself
    attribution: str = ""  # "Cox 1972": how a quoted sentence is credited in the text
    flagged: bool = False  # carries instruction-like text, which is never quoted
    retraction: str | None = None  # the paper's retraction notice: flagged in the answer, never support
    pages: Pages | None = None  # the PDF pages the passage is printed on; None where unknown
    agreed: bool = False  # keyword and meaning search both ranked its paper among their first two


class Claim(_Model):
    section: SectionName
    text: str
    citations: list[str] = Field(default_factory=list)  # passage keys
    origin: Literal["passage", "model", "recipe", "code"] = "model"


class CodeBlock(_Model):
    source: str
    purpose: str = ""
    recipe: str | None = None  # the vetted recipe it came from; None for model-written code


class CodePlan(_Model):
    """The vetted analysis chosen for the data in the request."""

    recipe: str
    title: str
    summary: str
    references: list[str]  # starter-library paper ids behind the method
    assumptions: list[str]
    source: str
    reason: str
    chosen_by: Literal["parser", "model", "fallback"]
    # other recipes that fit the same parsed data, planned with this one and tried in order if it fails:
    # revision takes the next one from here instead of parsing the request again
    fallbacks: list[CodePlan] = Field(default_factory=list)


class UnusedNumber(_Model):
    text: str  # the number as written in the message
    why: str  # "a year", "the alpha setting", "a sample size, matching the data"…


class AnalysisReport(_Model):
    """What the request asked to be computed and what happened: ran, declined (and why), or none asked.

    ``requested`` is the analysis the words named (or that the data implied, said as such); ``ran`` the
    recipe actually run, with its variant; ``data_as_read`` the groups, table or pairs as the reader
    should check them; ``unused`` every number of the message the analysis did not use, with why.
    """

    status: AnalysisStatus
    requested: str = ""
    ran: str = ""
    recipe: str | None = None
    reason: str = ""
    data_as_read: str = ""
    unused: list[UnusedNumber] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class Draft(_Model):
    claims: list[Claim] = Field(default_factory=list)
    code: list[CodeBlock] = Field(default_factory=list)
    insufficient_evidence: bool = False


class Verdict(_Model):
    claim: int  # index into Draft.claims
    passage: str
    verdict: VerdictName
    support: float = 0.0
    overlap: float = 0.0
    reason: str = ""


class CodeRun(_Model):
    block: int  # index into Draft.code
    stdout: str = ""
    stderr: str = ""
    error: str | None = None  # "Name: value"
    traceback: str = ""
    figures: list[str] = Field(default_factory=list)  # PNG files written for this answer
    duration_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


class ModelCall(_Model):
    stage: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    latency_s: float
    cost_usd: float


class Decision(_Model):
    """A choice the model made under a grammar, and what the checks made of it."""

    what: str
    model_said: str
    final: str
    why: str


# ---- the answer the front-ends render -------------------------------------------------------------


class Citation(_Model):
    number: int
    passage: str
    paper_id: str
    title: str
    year: int | None
    link: str | None
    claim: str
    verdict: VerdictName
    score: float
    pages: Pages | None = None  # (first, last) page of the PDF; shown as "p. 4" / "pp. 4–5"


class AnswerSection(_Model):
    name: SectionName
    text: str  # sentences with [n] markers pointing into Answer.citations


class CodeReport(_Model):
    source: str
    recipe: str | None
    status: CodeStatus
    stdout: str
    error: str | None
    figures: list[str]


class Answer(_Model):
    question: str
    sections: list[AnswerSection]
    citations: list[Citation]
    code: list[CodeReport]
    abstained: bool
    notes: list[str]  # what could not be verified, what failed, what was ignored
    sources_searched: str
    model: str
    usage: dict[str, float]
    timings: dict[str, float]
    decisions: list[Decision] = Field(default_factory=list)
    analysis: AnalysisReport = Field(default_factory=lambda: AnalysisReport(status="none"))
    passages: list[Passage] = Field(default_factory=list)  # everything retrieved for this answer
    verdicts: list[Verdict] = Field(default_factory=list)  # every (claim, passage) check

    def as_json(self) -> dict[str, Any]:
        """The answer as ``--json`` prints it: each citation also says where to look, as the CLI and Slack do."""
        dumped = self.model_dump(mode="json")
        for citation, shown in zip(self.citations, dumped["citations"], strict=True):
            shown["page_label"] = page_label(citation.pages)
        return dumped


SCHEMA_TYPES = (
    Passage,
    Claim,
    CodeBlock,
    CodePlan,
    Draft,
    Verdict,
    CodeRun,
    ModelCall,
    Decision,
    UnusedNumber,
    AnalysisReport,
    Citation,
    AnswerSection,
    CodeReport,
    Answer,
)
