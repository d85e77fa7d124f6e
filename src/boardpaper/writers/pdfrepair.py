"""What LibreOffice's tagged PDF gets wrong for PDF/UA-1, put right before a pack is merged.

Each part of a pack (writers/pdfmerge.py) goes through `repair` first; a part that is
right already (ReportLab's, writers/pdf/tagging.py) comes out as it went in. Nothing
is dropped: every tag stays, and each fix follows the Matterhorn Protocol 1.1.

- Tab order (28-009): LibreOffice writes each page's /Tabs as the string (S), not the
  name /S; every page gets the name.
- Role map (02-001, 02-003): LibreOffice maps standard types to themselves (Table →
  Table), which PDF/UA forbids; those entries go. Every custom type (a Word style
  such as "Numbered Paragraph") is mapped straight to its standard type, and one the
  map leaves out to P (an element holding content) or Div (one holding elements).
- Link annotations (28-011): LibreOffice gives a footnote's back-link (its number at
  the foot of the page, linking to where it is cited) no place in the structure tree.
  The back-link is put in a Link element with the number it covers (the marked
  content drawn inside its rectangle) and an object reference to the annotation, in
  the element that held the number, and gets its own parent-tree key. A link that
  breaks across lines where another run cuts its line in two is given the one
  annotation of that line in both Link elements (28-011, PT): it stays in the first,
  and the parent tree names that one.

Note IDs (19-003) are given in `note_ids`, once the pack is whole, so they are unique
across all its parts.
"""

from __future__ import annotations

#: The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4), the ones PDF/UA-1 knows.
STANDARD = frozenset(
    [
        "Document",
        "Part",
        "Art",
        "Sect",
        "Div",
        "BlockQuote",
        "Caption",
        "TOC",
        "TOCI",
        "Index",
        "NonStruct",
        "Private",
        "P",
        "H",
        "H1",
        "H2",
        "H3",
        "H4",
        "H5",
        "H6",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "Table",
        "TR",
        "TH",
        "TD",
        "THead",
        "TBody",
        "TFoot",
        "Span",
        "Quote",
        "Note",
        "Reference",
        "BibEntry",
        "Code",
        "Link",
        "Annot",
        "Ruby",
        "RB",
        "RT",
        "RP",
        "Warichu",
        "WT",
        "WP",
        "Figure",
        "Formula",
        "Form",
    ]
)
#: Standard types that group other elements: an unmapped custom type holding these is a Div.
GROUPING = frozenset(("Document", "Part", "Art", "Sect", "Div", "BlockQuote", "TOC", "L", "Table"))


def repair(pdf) -> dict[str, str]:
    """Put right, in place, what LibreOffice gets wrong in the pikepdf `pdf`; its role map
    (custom type → standard type), every entry mapping straight to a standard type."""
    from pikepdf import Name

    for page in pdf.pages:
        page.obj.Tabs = Name.S
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None:
        return {}
    roles = _role_map(tree)
    from .pdflinks import link_annotations, one_parent_each

    one_parent_each(pdf, tree)
    link_annotations(pdf, tree)
    return roles


def elements(tree):
    """Every structure element under `tree` (a StructTreeRoot or element), in order,
    each once."""
    from pikepdf import Array, Dictionary

    seen: set = set()
    stack = [tree.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, Dictionary) and "/S" in node:
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            yield node
            stack.append(node.get("/K"))


def set_role_map(tree, roles: dict[str, str]) -> None:
    """Write `roles` (custom type → standard type) as the tree's role map (none if empty)."""
    from pikepdf import Dictionary, Name

    if roles:
        tree.RoleMap = Dictionary({"/" + k: Name("/" + v) for k, v in sorted(roles.items())})
    elif "/RoleMap" in tree:
        del tree["/RoleMap"]


def rename(tree, names: dict[str, str]) -> None:
    """Give every element under `tree` whose type is a key of `names` the type it maps to."""
    from pikepdf import Name

    for element in elements(tree):
        role = str(element.S)[1:]
        if role in names:
            element.S = Name("/" + names[role])


def note_ids(tree, roles: dict[str, str]) -> None:
    """Give each Note (19-003) without an /ID, or with one used before (19-004), its own."""
    from pikepdf import String

    seen: set[bytes] = set()
    n = 0
    for element in elements(tree):
        role = str(element.S)[1:]
        if roles.get(role, role) != "Note":
            continue
        given = element.get("/ID")
        if given is None or not bytes(given) or bytes(given) in seen:
            n += 1
            while f"note-{n}".encode() in seen:
                n += 1
            element.ID = String(f"note-{n}")
        seen.add(bytes(element.ID))


def _role_map(tree) -> dict[str, str]:
    """The tree's role map without standard types, each custom type mapped straight to a
    standard one (through the map's chain, or by what the element holds); written back."""
    mapped = {str(k)[1:]: str(v)[1:] for k, v in (tree.get("/RoleMap") or {}).items()}
    roles: dict[str, str] = {}
    for name in mapped:
        if name in STANDARD:
            continue
        seen, role = {name}, mapped[name]
        while role not in STANDARD and role in mapped and role not in seen:
            seen.add(role)
            role = mapped[role]
        if role in STANDARD:
            roles[name] = role
    for element in elements(tree):
        role = str(element.S)[1:]
        if role not in STANDARD and role not in roles:
            roles[role] = _fallback(element)
    set_role_map(tree, roles)
    return roles


def _fallback(element) -> str:
    """The standard type for a custom one the role map leaves out: Div if the element
    groups block elements, else P."""
    from pikepdf import Dictionary

    for kid in kids(element.get("/K")):
        if isinstance(kid, Dictionary) and str(kid.get("/S", ""))[1:] in GROUPING:
            return "Div"
    return "P"


def kids(k) -> list:
    from pikepdf import Array

    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def parent_tree_nums(tree):
    """The parent tree's (key, value) pairs, flattened from any number-tree kids."""
    from pikepdf import Array

    found = Array()

    def walk(node) -> None:
        if "/Nums" in node:
            found.extend(list(node.Nums))
        for kid in node.get("/Kids", []):
            walk(kid)

    if "/ParentTree" in tree:
        walk(tree.ParentTree)
    return found
