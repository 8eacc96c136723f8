"""PDF fixtures written at test time (no binary files in the repo)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF


def write_paper_pdf(path: Path, title: str, sections: dict[str, str], doi: str | None = None) -> Path:
    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_author("Ada Analyst; Ben Biostat")
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    if doi:
        pdf.multi_cell(0, 6, f"doi: {doi}", new_x="LMARGIN", new_y="NEXT")
    for heading, body in sections.items():
        pdf.ln(4)
        pdf.multi_cell(0, 6, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 6, body, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_blank_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.output(str(path))
    return path


def write_paged_pdf(path: Path, title: str, pages: list[list[str]], doi: str | None = None) -> Path:
    """A PDF with one page per item of ``pages``, each a list of paragraphs (a heading is a paragraph too)."""
    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_author("Ada Analyst")
    pdf.set_auto_page_break(auto=False)  # each page holds exactly what the test put on it
    pdf.set_font("Helvetica", size=9)
    for number, paragraphs in enumerate(pages, start=1):
        pdf.add_page()
        if number == 1:
            pdf.multi_cell(0, 5, title, new_x="LMARGIN", new_y="NEXT")
            if doi:
                pdf.multi_cell(0, 5, f"doi: {doi}", new_x="LMARGIN", new_y="NEXT")
        for paragraph in paragraphs:
            pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


_ABSTRACT = (
    "We compared two chemotherapy schedules in a randomised trial of 412 patients with advanced ovarian "
    "cancer. Overall survival at two years did not differ between the schedules in this trial."
)
_METHODS_PAGE_1 = (
    "Patients were randomised one to one by a central computer, stratified by centre and stage. "
    "Overall survival was the primary outcome and was analysed with"
)
_METHODS_PAGE_2 = "a Cox proportional hazards model adjusted for age and performance status."
OVARIAN_RESULTS = (
    "The dose-dense schedule gave a hazard ratio for death of 0.94 (95% CI 0.78 to 1.13). "
    "Grade three neutropenia was more frequent with the dose-dense schedule, 41% against 29%, "
    "and two patients stopped treatment early because of it."
)
_DISCUSSION = (
    "Dose-dense chemotherapy did not lengthen survival and raised the rate of neutropenia, so the "
    "three-weekly schedule remains the standard of care for women with advanced ovarian cancer."
)
OVARIAN_DOI = "10.1000/ovary.4"


def ovarian_trial_pdf(folder: Path) -> Path:
    """Three pages: the Methods run over the first page break mid-sentence, the Results on page 2."""
    return write_paged_pdf(
        folder / "ovarian.pdf",
        "Dose-dense chemotherapy in advanced ovarian cancer",
        [
            ["Abstract", _ABSTRACT, "Methods", _METHODS_PAGE_1],
            [_METHODS_PAGE_2, "Results", OVARIAN_RESULTS],
            ["Discussion", _DISCUSSION, "References", "1. A reference that is never indexed. 2001."],
        ],
        doi=OVARIAN_DOI,
    )
