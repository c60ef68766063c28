"""The structure both renderers print: a title, headings, paragraphs and tables whose cells may
span rows and columns (the header rows of the annual report's tables, a form's sections), on A4
with the margins of official documents (GB/T 9704—2012 5.2.1: 天头 37 mm, 订口 28 mm, 版心
156 mm × 225 mm)."""

from dataclasses import dataclass, field

#: Page margins in millimetres (GB/T 9704—2012: top 37, left 28, type area 156 × 225 on A4).
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}

LEFT, CENTER, RIGHT, JUSTIFY = "left", "center", "right", "justify"


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Paragraph:
    """A paragraph; ``indent`` is the first-line indent of two characters of official
    documents (off for salutations, signatures and dates)."""

    text: str
    align: str = JUSTIFY
    indent: bool = True
    bold: bool = False


@dataclass
class Cell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: str = LEFT
    bold: bool = False


@dataclass
class Table:
    """Rows of cells laid out left to right; a cell spanning rows or columns appears once and
    the positions it covers are left out of the rows that follow (as in HTML).
    ``widths`` are relative column widths; ``header_rows`` repeat on every page."""

    rows: list
    widths: list = None
    header_rows: int = 0
    font_size: float = 12


@dataclass
class Document:
    title: str
    blocks: list = field(default_factory=list)
    subtitle: str = ""
    title_size: float = 22  # 二号
    body_size: float = 16  # 三号


def as_cell(value):
    return value if isinstance(value, Cell) else Cell(str(value))


def grid(table):
    """``(columns, [(row, column, cell)])``: where each cell of ``table`` starts on the grid."""
    covered = set()
    placed = []
    columns = 0
    for r, row in enumerate(table.rows):
        c = 0
        for value in row:
            cell = as_cell(value)
            while (r, c) in covered:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covered.add((r + dr, c + dc))
            c += cell.colspan
            columns = max(columns, c)
    columns = max([columns] + [c + 1 for _r, c in covered])
    return columns, placed


def texts(document):
    """Every piece of text in ``document`` (to check a font has all its characters)."""
    yield document.title
    yield document.subtitle
    for block in document.blocks:
        if isinstance(block, Table):
            for _r, _c, cell in grid(block)[1]:
                yield cell.text
        else:
            yield block.text
