#!/usr/bin/python3
"""Drive LibreOffice through Python-UNO, as a reviewer in Word would work.

Run with the system Python that has the `uno` module (Debian: python3-uno):

    /usr/bin/python3 tests/uno/office.py redlines PAPER.docx
        prints one JSON line per tracked change LibreOffice sees
        (type, author, text)
    /usr/bin/python3 tests/uno/office.py review IN.docx OUT.docx SCRIPT.json
        opens IN with Track Changes on, as the reviewer named in SCRIPT, makes the
        edits SCRIPT lists, and saves OUT as Word 2007-365 (.docx)

SCRIPT: {"author": "…", "edits": [
    {"replace": "old phrase", "with": "new phrase"},
    {"delete": "a sentence."},
    {"insert_paragraph_after": "end of a paragraph", "text": "…"},
    {"comment_on": "a phrase", "text": "…"},
    {"split_before": "words"},             (Enter pressed before them)
    {"footnote_after": "words", "text": "…"},  (Insert > Footnote, typed)
    {"accept_all": true}, {"reject_all": true}]}  (the changes made so far)
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time

import uno  # isort: skip  (it makes the com.sun.star modules importable)
from com.sun.star.beans import PropertyValue  # isort: skip

PARAGRAPH_BREAK = 0  # com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class Office:
    """A headless LibreOffice with its own profile, reached over a named pipe."""

    def __init__(self, author: str | None = None):
        self.tmp = tempfile.TemporaryDirectory(prefix="bp-uno-")
        pipe = f"boardpaper{os.getpid()}"
        self.proc = subprocess.Popen(
            [
                "soffice",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                f"-env:UserInstallation=file://{self.tmp.name}/profile",
                f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(os.environ.get("BP_SOFFICE_LOG", os.devnull), "w"),
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(300):
            try:
                self.ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.1)
        else:
            raise SystemExit("LibreOffice did not start")
        smgr = self.ctx.ServiceManager
        self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
        if author:
            self.set_user(author)

    def set_user(self, author: str) -> None:
        first, _, last = author.partition(" ")
        provider = self.ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.configuration.ConfigurationProvider", self.ctx
        )
        access = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationUpdateAccess",
            (prop("nodepath", "/org.openoffice.UserProfile/Data"),),
        )
        access.setPropertyValue("givenname", first)
        access.setPropertyValue("sn", last)
        access.commitChanges()

    def open(self, path: str):
        """Open a private copy of `path` (LibreOffice leaves lock files beside what it opens)."""
        copy = os.path.join(self.tmp.name, os.path.basename(path))
        with open(path, "rb") as src, open(copy, "wb") as dst:
            dst.write(src.read())
        doc = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(copy), "_blank", 0, (prop("Hidden", True),)
        )
        if doc is None:
            raise SystemExit(f"LibreOffice could not open {path}")
        return doc

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.desktop.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.tmp.cleanup()


def find(doc, text: str):
    search = doc.createSearchDescriptor()
    search.SearchString = text
    search.SearchCaseSensitive = True
    found = doc.findFirst(search)
    if found is None:
        raise SystemExit(f"not found in the document: {text!r}")
    return found


def redlines(path: str) -> None:
    office = Office()
    try:
        doc = office.open(path)
        items = doc.Redlines.createEnumeration()
        while items.hasMoreElements():
            r = items.nextElement()
            start, end = r.RedlineStart, r.RedlineEnd
            try:
                cursor = start.getText().createTextCursorByRange(start)
                cursor.gotoRange(end, True)
                text = cursor.getString()
            except Exception:
                text = ""
            print(json.dumps({"type": r.RedlineType, "author": r.RedlineAuthor, "text": text}))
        doc.close(True)
    finally:
        office.close()


def review(source: str, target: str, script_path: str) -> None:
    with open(script_path, encoding="utf-8") as fh:
        script = json.load(fh)
    office = Office(script["author"])
    try:
        doc = office.open(source)
        doc.RecordChanges = True
        for edit in script["edits"]:
            if "replace" in edit:
                find(doc, edit["replace"]).setString(edit["with"])
            elif "delete" in edit:
                find(doc, edit["delete"]).setString("")
            elif "insert_paragraph_after" in edit:
                found = find(doc, edit["insert_paragraph_after"])
                text = found.getText()
                cursor = text.createTextCursorByRange(found.getEnd())
                text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
                text.insertString(cursor, edit["text"], False)
            elif "footnote_after" in edit:
                found = find(doc, edit["footnote_after"])
                text = found.getText()
                cursor = text.createTextCursorByRange(found.getEnd())
                note = doc.createInstance("com.sun.star.text.Footnote")
                text.insertTextContent(cursor, note, False)
                note.getText().setString(edit["text"])
            elif "split_before" in edit:
                found = find(doc, edit["split_before"])
                text = found.getText()
                cursor = text.createTextCursorByRange(found.getStart())
                text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
            elif "accept_all" in edit or "reject_all" in edit:
                command = (
                    "AcceptAllTrackedChanges" if "accept_all" in edit else "RejectAllTrackedChanges"
                )
                helper = office.ctx.ServiceManager.createInstanceWithContext(
                    "com.sun.star.frame.DispatchHelper", office.ctx
                )
                frame = doc.getCurrentController().getFrame()
                helper.executeDispatch(frame, f".uno:{command}", "", 0, ())
            elif "comment_on" in edit:
                found = find(doc, edit["comment_on"])
                note = doc.createInstance("com.sun.star.text.textfield.Annotation")
                note.Author = script["author"]
                note.Content = edit["text"]
                found.getText().insertTextContent(found, note, True)
        doc.storeToURL(
            uno.systemPathToFileUrl(os.path.abspath(target)),
            (prop("FilterName", "MS Word 2007 XML"),),
        )
        doc.close(True)
    finally:
        office.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["redlines"]:
        redlines(sys.argv[2])
    elif sys.argv[1:2] == ["review"]:
        review(*sys.argv[2:5])
    else:
        raise SystemExit(__doc__)
