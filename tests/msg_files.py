"""Outlook ``.msg`` files written by the tests, since no library here writes them (extract-msg reads).

A ``.msg`` is a Compound File (MS-CFB, version 3: 512-byte sectors) holding the message's
properties as streams (MS-OXMSG): ``__substg1.0_<tag>`` for strings, ``__properties_version1.0``
for fixed-size values such as dates, and one ``__recip_version1.0_#<n>`` storage per recipient.
:func:`outlook_message` builds one the way Outlook saves it, small enough for every stream to live
in the mini stream; :func:`compound_file` is the container alone.
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime

SECTOR, MINI, CUTOFF = 512, 64, 4096
FREE, END, FAT_SECTOR, NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _flatten(tree: dict) -> list[dict]:
    """Directory entries, root first; a storage's children kept as a list of entry numbers."""
    entries = [{"name": "Root Entry", "type": 5, "children": [], "data": b""}]

    def add(parent: int, items: dict) -> None:
        for name, value in items.items():
            number = len(entries)
            entries[parent]["children"].append(number)
            if isinstance(value, dict):
                entries.append({"name": name, "type": 1, "children": [], "data": b""})
                add(number, value)
            else:
                entries.append({"name": name, "type": 2, "children": [], "data": value})

    add(0, tree)
    return entries


def _siblings(entries: list[dict], numbers: list[int]) -> int:
    """A balanced tree of siblings in the order CFB compares names (length, then upper case)."""
    if not numbers:
        return NONE
    ordered = sorted(numbers, key=lambda n: (len(entries[n]["name"]), entries[n]["name"].upper()))
    middle = len(ordered) // 2
    entry = entries[ordered[middle]]
    entry["left"] = _siblings(entries, ordered[:middle])
    entry["right"] = _siblings(entries, ordered[middle + 1 :])
    return ordered[middle]


def _entry(entry: dict) -> bytes:
    name = entry["name"].encode("utf-16-le") + b"\0\0"
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name,
        len(name),
        entry["type"],
        1,  # black
        entry.get("left", NONE),
        entry.get("right", NONE),
        entry.get("child", NONE),
        b"\0" * 16,
        0,
        0,
        0,
        entry.get("start", END),
        entry.get("size", 0),
    )


def compound_file(tree: dict) -> bytes:
    """A CFB file holding ``tree``: names to bytes (streams, each under 4 KiB) or to dicts (storages)."""
    entries = _flatten(tree)
    for entry in entries:
        if entry["type"] in (1, 5):
            entry["child"] = _siblings(entries, entry["children"])
    mini_stream, mini_fat = b"", []
    for entry in entries:
        data = entry["data"]
        if entry["type"] != 2 or not data:
            continue
        assert len(data) < CUTOFF, "this writer keeps every stream in the mini stream"
        count = -(-len(data) // MINI)
        first = len(mini_fat)
        mini_fat += [first + i + 1 for i in range(count - 1)] + [END]
        entry["start"], entry["size"] = first, len(data)
        mini_stream += data.ljust(count * MINI, b"\0")
    directory = b"".join(_entry(e) for e in entries[1:])
    sectors = lambda data: -(-len(data) // SECTOR)  # noqa: E731
    mini_fat_bytes = struct.pack(f"<{len(mini_fat)}I", *mini_fat) if mini_fat else b""
    n_mini, n_minifat = sectors(mini_stream), sectors(mini_fat_bytes)
    n_dir = -(-len(entries) // 4)
    n_fat = 1
    while (n_mini + n_minifat + n_dir + n_fat) > n_fat * (SECTOR // 4):
        n_fat += 1
    fat: list[int] = []

    def chain(count: int) -> int:
        first = len(fat)
        fat.extend([first + i + 1 for i in range(count - 1)] + [END] if count else [])
        return first if count else END

    mini_start, minifat_start, dir_start = chain(n_mini), chain(n_minifat), chain(n_dir)
    fat_start = len(fat)
    fat += [FAT_SECTOR] * n_fat
    fat += [FREE] * (n_fat * (SECTOR // 4) - len(fat))
    entries[0]["start"], entries[0]["size"] = (mini_start, len(mini_stream)) if mini_stream else (END, 0)
    root = _entry(entries[0])
    directory = (root + directory).ljust(n_dir * SECTOR, b"\0")
    # unused directory slots must read as empty entries whose siblings point nowhere
    empty = struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NONE, NONE, NONE, b"\0" * 16, 0, 0, 0, 0, 0)
    directory = directory[: len(entries) * 128] + empty * (n_dir * 4 - len(entries))
    difat = [fat_start + i for i in range(n_fat)] + [FREE] * (109 - n_fat)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        n_fat,
        dir_start,
        0,
        CUTOFF,
        minifat_start if n_minifat else END,
        n_minifat,
        END,
        0,
    ) + struct.pack("<109I", *difat)
    body = (
        mini_stream.ljust(n_mini * SECTOR, b"\0")
        + mini_fat_bytes.ljust(n_minifat * SECTOR, b"\xff")
        + directory
        + struct.pack(f"<{len(fat)}I", *fat)
    )
    return header + body


def _text(value: str) -> bytes:
    return value.encode("utf-16-le")


def _filetime(moment: datetime) -> int:
    return int((moment - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10_000_000)


def _properties(header: bytes, strings: dict[int, bytes], fixed: dict[int, bytes]) -> bytes:
    """The property stream: each string's size, each fixed value itself (16 bytes an entry)."""
    rows = [struct.pack("<III", tag, 6, len(value) + 2) + b"\0" * 4 for tag, value in strings.items()]
    rows += [struct.pack("<II", tag, 6) + value for tag, value in fixed.items()]
    return header + b"".join(rows)


def outlook_message(
    subject: str,
    sender: tuple[str, str],
    recipients: list[tuple[str, str, int]],  # name, address, 1 = To, 2 = Cc
    body: str,
    sent: datetime,
    html: str = "",
) -> bytes:
    """An Outlook message as Outlook saves it (Unicode strings, sent date, recipients, no attachments)."""
    to = "; ".join(name for name, _, kind in recipients if kind == 1)
    strings = {
        0x001A001F: _text("IPM.Note"),
        0x0037001F: _text(subject),
        0x0C1A001F: _text(sender[0]),
        0x0C1F001F: _text(sender[1]),
        0x5D01001F: _text(sender[1]),
        0x0E04001F: _text(to),
        0x1000001F: _text(body),
    }
    if html:
        strings[0x10130102] = html.encode("utf-8")
    moment = struct.pack("<Q", _filetime(sent))
    fixed = {0x00390040: moment, 0x0E060040: moment}
    header = struct.pack("<8sIIII8s", b"", len(recipients), 0, len(recipients), 0, b"")
    tree: dict = {"__properties_version1.0": _properties(header, strings, fixed)}
    tree.update({f"__substg1.0_{tag:08X}": value for tag, value in strings.items()})
    for number, (name, address, kind) in enumerate(recipients):
        fields = {0x3001001F: _text(name), 0x39FE001F: _text(address), 0x3003001F: _text(address)}
        storage = {"__properties_version1.0": _properties(b"\0" * 8, fields, {0x0C150003: struct.pack("<Q", kind)})}
        storage.update({f"__substg1.0_{tag:08X}": value for tag, value in fields.items()})
        tree[f"__recip_version1.0_#{number:08X}"] = storage
    tree["__nameid_version1.0"] = {
        "__substg1.0_00020102": b"",
        "__substg1.0_00030102": b"",
        "__substg1.0_00040102": b"",
    }
    return compound_file(tree)
