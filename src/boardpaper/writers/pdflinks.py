"""Link annotations in a LibreOffice part of a pack, each in one Link element of the
structure tree with a parent-tree key of its own (PDF/UA-1 28-011; writers/pdfrepair.py
calls these): an annotation LibreOffice left out of the tree (a footnote's back-link)
is put in a Link element with the text drawn inside its rectangle; one it put in two
elements (a link broken across lines where another run cuts a line) stays in the first."""

from __future__ import annotations

from .pdfrepair import elements, kids, parent_tree_nums


def one_parent_each(pdf, tree) -> None:
    """An annotation referred to from several elements stays in the first (in reading
    order), and the parent tree names that one for it."""
    from pikepdf import Array, Dictionary, Name

    first: dict = {}
    for element in elements(tree):
        held = kids(element.get("/K"))
        kept = [
            kid
            for kid in held
            if not (isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR and "/Obj" in kid)
            or first.setdefault(kid.Obj.objgen, (kid.Obj, element))[1] is element
        ]
        if len(kept) != len(held):
            element.K = Array(kept)
    nums = parent_tree_nums(tree)
    keys = {int(nums[i]): i + 1 for i in range(0, len(nums), 2)}
    moved = False
    for annotation, element in first.values():
        at = keys.get(int(annotation.get("/StructParent", -1)))
        if (
            at is not None
            and isinstance(nums[at], Dictionary)
            and nums[at].objgen != element.objgen
        ):
            nums[at], moved = element, True
    if moved:
        tree.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))


def link_annotations(pdf, tree) -> None:
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


def _first_element(tree):
    top = [k for k in kids(tree.get("/K")) if hasattr(k, "get") and "/S" in k]
    return top[0] if top else tree


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
