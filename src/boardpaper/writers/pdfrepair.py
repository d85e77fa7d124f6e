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
  the element that held the number, and gets its own parent-tree key.

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
    _link_annotations(pdf, tree)
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


def _link_annotations(pdf, tree) -> None:
    """Each Link annotation no object reference names, put in a Link element (28-011)."""
    from pikepdf import Dictionary, Name

    claimed = {
        kid.Obj.objgen
        for element in elements(tree)
        for kid in kids(element.get("/K"))
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR and "/Obj" in kid
    }
    loose = [
        (page, annotation)
        for page in pdf.pages
        for annotation in page.obj.get("/Annots", [])
        if isinstance(annotation, Dictionary)
        and annotation.get("/Subtype") == Name.Link
        and annotation.is_indirect
        and annotation.objgen not in claimed
    ]
    if not loose:
        return
    nums = parent_tree_nums(tree)
    by_key = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    next_key = max([int(tree.get("/ParentTreeNextKey", 0)), *[k + 1 for k in by_key]])
    origins: dict = {}
    for page, annotation in loose:
        if page.objgen not in origins:
            origins[page.objgen] = _mcid_origins(page)
        marks = by_key.get(int(page.obj.get("/StructParents", -1)))
        link = _link_element(pdf, tree, page, annotation, origins[page.objgen], marks)
        annotation.StructParent = next_key
        nums.extend([next_key, link])
        next_key += 1
    tree.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    tree.ParentTreeNextKey = next_key


def _link_element(pdf, tree, page, annotation, origins: dict, marks):
    """A Link element for `annotation` on `page`, holding the marked content drawn inside
    its rectangle (`origins`: MCID → text origins; `marks`: the page's parent-tree
    array) and an object reference to it, put where that content was."""
    from pikepdf import Array, Dictionary, Name

    try:
        x0, y0, x1, y1 = (float(v) for v in annotation.Rect)
    except (AttributeError, TypeError, ValueError):  # no rectangle: nothing drawn inside
        x0 = y0 = x1 = y1 = float("nan")
    inside = [
        mcid
        for mcid, points in origins.items()
        if any(
            min(x0, x1) - 1 <= x <= max(x0, x1) + 1 and min(y0, y1) - 1 <= y <= max(y0, y1) + 1
            for x, y in points
        )
    ]
    owner = None
    if inside and isinstance(marks, Array) and inside[0] < len(marks):
        owner = marks[inside[0]]
    objr = Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page.obj)
    if not isinstance(owner, Dictionary) or "/S" not in owner:  # nothing drawn there
        document = _first_element(tree)
        link = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Link, P=document, Pg=page.obj, K=Array([objr]))
        )
        document.K = Array([*kids(document.get("/K")), link])
        return link
    if str(owner.S) == "/Link":  # the content is a link's already: the annotation joins it
        owner.K = Array([*kids(owner.get("/K")), objr])
        return owner
    mcid = inside[0]
    children = kids(owner.get("/K"))
    at = next((i for i, kid in enumerate(children) if _is_mcid(kid, mcid, page, owner)), None)
    link = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Link, P=owner, Pg=page.obj))
    if at is None:
        link.K = Array([objr])
        children.append(link)
    else:
        link.K = Array([children[at], objr])
        children[at] = link
        marks[mcid] = link
    owner.K = Array(children)
    return link


def _is_mcid(kid, mcid: int, page, owner) -> bool:
    """Whether `kid` of `owner` is the marked content `mcid` on `page`."""
    from pikepdf import Dictionary

    if isinstance(kid, Dictionary):
        if "/MCID" not in kid or int(kid.MCID) != mcid or "/Stm" in kid:
            return False
        where = kid.get("/Pg") or owner.get("/Pg")
        return where is None or where.objgen == page.objgen
    try:
        return int(kid) == mcid and (owner.get("/Pg") is None or owner.Pg.objgen == page.objgen)
    except (TypeError, ValueError):
        return False


def kids(k) -> list:
    from pikepdf import Array

    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def _first_element(tree):
    top = [k for k in kids(tree.get("/K")) if hasattr(k, "get") and "/S" in k]
    return top[0] if top else tree


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


def _mcid_origins(page) -> dict[int, list[tuple[float, float]]]:
    """MCID → where each piece of text in it starts on `page` (user space): the
    current transformation and text matrices followed through the content stream."""
    import pikepdf

    def times(m, n):
        a, b, c, d, e, f = m
        p, q, r, s, t, u = n
        return (
            a * p + b * r,
            a * q + b * s,
            c * p + d * r,
            c * q + d * s,
            e * p + f * r + t,
            e * q + f * s + u,
        )

    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    ctm, stack, marks, leading = identity, [], [], 0.0
    tm = tlm = identity
    found: dict[int, list] = {}
    try:
        operations = pikepdf.parse_content_stream(page)
    except pikepdf.PdfError:
        return found
    for operands, operator in operations:
        op = str(operator)
        try:
            if op == "q":
                stack.append(ctm)
            elif op == "Q" and stack:
                ctm = stack.pop()
            elif op == "cm" and len(operands) == 6:
                ctm = times(tuple(float(v) for v in operands), ctm)
            elif op == "BT":
                tm = tlm = identity
            elif op in ("Td", "TD") and len(operands) == 2:
                tx, ty = float(operands[0]), float(operands[1])
                leading = -ty if op == "TD" else leading
                tm = tlm = times((1, 0, 0, 1, tx, ty), tlm)
            elif op == "Tm" and len(operands) == 6:
                tm = tlm = tuple(float(v) for v in operands)
            elif op == "TL" and operands:
                leading = float(operands[0])
            elif op in ("T*", "'", '"'):
                tm = tlm = times((1, 0, 0, 1, 0, -leading), tlm)
            elif op == "BDC" and len(operands) == 2:
                props = operands[1]
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                marks.append(int(mcid) if mcid is not None else None)
            elif op == "BMC":
                marks.append(None)
            elif op == "EMC" and marks:
                marks.pop()
            if op in ("Tj", "TJ", "'", '"'):
                mcid = next((m for m in reversed(marks) if m is not None), None)
                if mcid is not None:
                    x = times(tm, ctm)
                    found.setdefault(mcid, []).append((x[4], x[5]))
        except (TypeError, ValueError):  # an operator with odd operands: passed over
            continue
    return found
