"""Build data/gov_vocab.tsv, the government vocabulary of the typo detector.

    python -m portal.review.checker.build_vocab [CORPUS_DIR]

Words (jieba segmentation, no new-word discovery) of the regulations corpus (default
../shared/corpus/regulations) and the demo phrase banks with their counts, and
data/bigrams.txt.gz, the set of character pairs seen in that text. Only word counts and the
pair set are shipped, never the corpus text.
"""

import gzip
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "data" / "gov_vocab.tsv"
BIGRAMS = HERE / "data" / "bigrams.txt.gz"
#: a pair across a word boundary seen fewer times may be met by chance (职工/做 → 工做);
#: pairs inside words always count
MIN_PAIR_SEEN = 10
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def texts(corpus):
    for path in sorted(Path(corpus).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        yield text.split("<!-- INFO END -->", 1)[-1]
    from home import demo_text

    for value in vars(demo_text).values():
        if isinstance(value, (list, tuple)):
            yield "\n".join(str(v) for v in value)
        elif isinstance(value, str):
            yield value


def build(corpus):
    import jieba

    words, bigrams, inside = Counter(), Counter(), set()
    for text in texts(corpus):
        for run in HAN_RUN.findall(text):
            tokens = list(jieba.cut(run, HMM=False))
            pos = 0
            for word in tokens:
                if len(word) >= 2:
                    words[word] += 1
                    inside.update(word[i : i + 2] for i in range(len(word) - 1))
                pos += len(word)
                if pos < len(run):
                    bigrams[run[pos - 1 : pos + 1]] += 1  # a pair across a word boundary
    # every character pair seen in correct text: a typo almost always makes an unseen pair
    with gzip.open(BIGRAMS, "wt", encoding="utf-8") as out:
        seen = inside | {p for p, n in bigrams.items() if n >= MIN_PAIR_SEEN}
        out.write("".join(sorted(seen)))
    kept = [(w, c) for w, c in words.items() if c >= 3 and len(w) <= 12]
    kept.sort(key=lambda wc: (-wc[1], wc[0]))
    OUT.write_text(
        "# word\tcount (built by portal.review.checker.build_vocab)\n"
        + "".join(f"{w}\t{c}\n" for w, c in kept),
        encoding="utf-8",
    )
    return len(kept)


if __name__ == "__main__":
    import django

    sys.path.insert(0, str(HERE.parents[2]))
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    django.setup()
    default = Path(os.environ.get("PORTAL_CORPUS_DIR", HERE.parents[4] / "shared" / "corpus"))
    corpus = sys.argv[1] if len(sys.argv) > 1 else str(default / "regulations")
    print(build(corpus), "entries →", OUT)
