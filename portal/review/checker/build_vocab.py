"""Build data/gov_vocab.tsv, the government vocabulary of the typo detector.

    python -m portal.review.checker.build_vocab [CORPUS_DIR]

Words (jieba segmentation, no new-word discovery) and frequent 4–5 character phrases of the
regulations corpus (default ../shared/corpus/regulations) and the demo phrase banks, with their
counts. Only word counts are shipped, never the corpus text.
"""

import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "data" / "gov_vocab.tsv"
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
EDGE = set("的了和与及在是对或等并把被其之为")


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

    words, grams = Counter(), Counter()
    for text in texts(corpus):
        for run in HAN_RUN.findall(text):
            for word in jieba.cut(run, HMM=False):
                if len(word) >= 2:
                    words[word] += 1
            for n in (4, 5):
                for i in range(len(run) - n + 1):
                    grams[run[i : i + n]] += 1
    for gram, count in grams.items():
        if count >= 30 and gram[0] not in EDGE and gram[-1] not in EDGE and gram not in words:
            words[gram] = count
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
