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
