"""The text spaCy's tokenizer is given: same length as the page's, without the shapes that
make the tokenizer quadratic.

spaCy splits each space-free chunk by stripping one prefix or suffix at a time, and each strip
looks at the whole rest of the chunk again (hash, suffix search, URL match): a chunk that is
all affixes costs its length squared, with the GIL held. Measured on this machine: "Alphabet"
followed by 8,000 ")" took 12 s; 20,000 "'" 98 s; 6,666 "US$" 56 s; "a" + 10,000 "'s" 102 s;
20,000 "#" or "_" 64 s and 71 s. Every prefix and suffix holds at least one character that is
neither a letter, a digit nor a space ("symbol" below), so two rules bound the work:

- a run of more than RUN_KEEP * 2 symbols keeps RUN_KEEP at each end; the middle becomes
  spaces (a line of "----" or ")))))", a row of emoji, a pile of combining marks);
- in a space-free chunk, every SYMBOLS_PER_CHUNK-th symbol becomes a space, so no chunk holds
  more affixes than that ("'s's's…", "US$US$…", a URL followed by brackets). Combining marks
  are not counted: they never split, and scripts such as Thai write whole sentences without
  spaces.

Each change replaces one character by one space, so every offset into this text is an offset
into the page's text; mentions are always sliced from the page's own text. Real articles almost
never meet either rule: no paragraph of the 181 corpus pages does (docs/reliability.md).
"""

import re
import unicodedata

RUN_KEEP = 4
SYMBOLS_PER_CHUNK = 32

_SYMBOL_RUN = re.compile(r"(?:[^\w\s]|_){%d,}" % (RUN_KEEP * 2 + 1))
# Chunks short enough to hold fewer symbols than the limit are skipped without a look.
_LONG_CHUNK = re.compile(r"\S{%d,}" % SYMBOLS_PER_CHUNK)
_SYMBOL = re.compile(r"[^\w\s]|_")


def tokenizer_text(text):
    """`text` with pathological runs broken by spaces, character for character."""
    chars = None
    for run in _SYMBOL_RUN.finditer(text):
        chars = chars or list(text)
        start, end = run.start() + RUN_KEEP, run.end() - RUN_KEEP
        chars[start:end] = " " * (end - start)
    if chars is not None:
        text = "".join(chars)
    for chunk in _LONG_CHUNK.finditer(text):
        counted = 0
        for symbol in _SYMBOL.finditer(text, chunk.start(), chunk.end()):
            if unicodedata.category(symbol.group())[0] == "M":
                continue
            counted += 1
            if counted % SYMBOLS_PER_CHUNK == 0:
                chars = chars or list(text)
                chars[symbol.start()] = " "
    return "".join(chars) if chars is not None else text
