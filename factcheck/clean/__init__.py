"""Stage 2, clean: drop web debris, strip pinyin glosses, repair mojibake; keep original line numbers.

Order per line: invisible characters out, mojibake repaired, pinyin glosses stripped. Then the
document is cut to its body: lines before the first and after the last prose line are web debris
(titles, bylines, datelines, share widgets, footers), and so are lines matching the
`[lexicon.boilerplate]` patterns anywhere. The dateline/byline is dropped with them: read has
already taken the publication date from it, and it holds no claim. A footer (a stop pattern) ends
the body; what follows it is dropped, with a `dropped-text` problem when it holds running text,
unless the footer repeats: several articles concatenated in one file are then all read.

Modules (each imports only from those listed before it):
- `invisible.py`: zero-width, bidi and control characters, terminal escape sequences.
- `characters.py`: what one character tells: Han or not, GB18030 bytes, script, frequency.
- `costs.py`: how ordinary a reading of damaged text is in its document (`Context`).
- `shift.py`: one damaged stretch read one byte off, and every way the shift can end.
- `mojibake.py`: the damaged runs of a line found, each repaired or masked (the model is there).
- `glosses.py`: pinyin glosses stripped and counted.
- `debris.py`: which lines the boilerplate patterns call debris, captions or footers.
- `body.py`: the body between the first and the last prose line, footers, later articles.
"""
from __future__ import annotations

from ..config import Config
from ..model import Document, Line, Problem, RawDocument
from .body import _cut_problem, read_body
from .debris import _patterns
from .glosses import _gloss_problem, _without_glosses
from .invisible import _visible_lines
from .mojibake import _run_problem, repair_document


def clean(raw: RawDocument, config: Config) -> Document:
    """Return the kept lines with their original numbers and the problems met on the way."""
    originals = raw.text.split("\n")
    numbers = range(raw.body_start, len(originals) + 1)
    visible, visible_text = _visible_lines(originals[raw.body_start - 1 :])
    repaired = repair_document(visible, visible_text)
    damaged = [(number, runs) for number, (_, runs) in zip(numbers, repaired) if runs]
    if damaged:
        visible = [text for text, _ in repaired]
        visible_text = "\n".join(visible)
    stripped, first_gloss, gloss_count = _without_glosses(visible, visible_text, numbers, damaged)
    texts = list(zip(numbers, stripped))
    body = read_body(texts, _patterns(config))
    keep, dropped = body.keep, body.dropped
    lines = tuple(Line(texts[i][0], texts[i][1], originals[texts[i][0] - 1]) for i in keep)
    problems = [*raw.problems, *_gloss_problem(first_gloss, gloss_count)]
    if damaged:
        kept = {line.number for line in lines}
        problems += [_run_problem(n, run) for n, runs in damaged if n in kept for run in runs]
    problems += [_cut_problem(texts, cut, config) for cut in body.cuts]
    if not lines:  # an empty document's missing date is no news: one finding says it all
        problems.append(Problem("empty-document", 0, "", "no text left after cleaning"))
    elif raw.meta.published is None:
        problems.append(Problem("missing-date", 0, "", "no publication date (no header, none stated in the text)"))
    return Document(raw.path, raw.sha256, raw.encoding, raw.meta, lines, tuple(problems), dropped)
