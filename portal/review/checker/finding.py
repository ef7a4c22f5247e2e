"""What the checker reports: one :class:`Finding` per wrong passage."""

from dataclasses import asdict, dataclass, field

#: categories of a finding (the names used by national website inspections)
SERIOUS = "serious"
TYPO = "typo"
SENSITIVE = "sensitive"
NORM = "norm"
CATEGORY_LABELS = {
    SERIOUS: "严重表述错误",
    TYPO: "错别字",
    SENSITIVE: "敏感词",
    NORM: "规范表述",
}
BLOCK = "block"
WARN = "warn"
SEVERITY_LABELS = {BLOCK: "阻止发布", WARN: "提示"}

CONTEXT_CHARS = 15


def context_of(text, start, end, chars=CONTEXT_CHARS):
    left = max(0, start - chars)
    right = min(len(text), end + chars)
    excerpt = text[left:right].replace("\n", " ")
    return ("…" if left > 0 else "") + excerpt + ("…" if right < len(text) else "")


@dataclass
class Finding:
    rule: str  # the rule's name, e.g. "文号格式" or the wrong phrase of a table row
    category: str  # one of CATEGORY_LABELS
    severity: str  # BLOCK or WARN
    start: int
    end: int
    text: str  # the wrong passage, text[start:end]
    context: str = ""
    explanation: str = ""  # plain Chinese: what is wrong and why
    suggestion: str = ""  # the corrected passage ("" when only a person can say)
    kind: str = field(default="", compare=False)  # literal/pattern/renamed/builtin

    @property
    def blocks(self):
        return self.severity == BLOCK

    @property
    def category_label(self):
        return CATEGORY_LABELS.get(self.category, self.category)

    def as_dict(self):
        return asdict(self)
