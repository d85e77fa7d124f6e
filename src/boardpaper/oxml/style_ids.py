"""The style ids the Word writer and the review reader use, named once.

The house template (oxml/styles.py) defines each of them (a test checks), and a
template of an organisation's own must too (writers/docx/template.py says which
it lacks).
"""

from __future__ import annotations

HEADING = {1: "Heading1", 2: "Heading2", 3: "Heading3", 4: "Heading4"}
NUMBERED = "NumberedParagraph"  # a numbered paragraph; its number comes from the style
BULLETS = ("ListBullet", "ListBullet2")  # first- and second-level bullets
LETTERED = "ListLetter"  # A. B. C.
BODY = "BodyText"  # an unnumbered paragraph
CASE_TITLE = "CaseStudyTitle"  # a case study's title: a heading in a box (outline level)
CASE_TEXT = "CaseStudyText"  # a case study's paragraphs, in the same box
AUTHORS = "AuthorBlock"  # Author(s): … / Job Title: …
CAPTION = "Caption"  # a table's or chart's caption
TABLE_TEXT = "TableText"
TABLE_HEADING = "TableHeading"
TABLE_SOURCE = "TableSource"  # Source: … under a table or chart
TABLE = "BoardTable"  # the table style
FIGURE = "ChartPicture"  # the paragraph holding a chart (a style named "Figure" would be
#   exported by LibreOffice as a second, empty Figure tag around the picture)

#: what every template must define for the paper's body
BODY_STYLES = (HEADING[1], HEADING[2], NUMBERED, *BULLETS, LETTERED, AUTHORS)
