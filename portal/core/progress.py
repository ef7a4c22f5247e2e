"""Progress lines for long commands (bootstrap, import, export, index rebuilds)."""

import sys
import time


class Progress:
    """Prints "<label> n/total  x 条/秒  剩余 m:ss" at most once a second (and at the end)."""

    def __init__(self, label, total=None, stream=None, interval=1.0):
        self.label = label
        self.total = total
        self.stream = sys.stderr if stream is None else (stream or None)
        self.interval = interval
        self.count = 0
        self.start = self.last = time.monotonic()

    def step(self, n=1):
        self.count += n
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            self._print(now)

    def rate(self, now=None):
        elapsed = (now or time.monotonic()) - self.start
        return self.count / elapsed if elapsed > 0 else 0.0

    def _print(self, now, final=False):
        if self.stream is None:
            return
        rate = self.rate(now)
        text = f"{self.label}：{self.count}"
        if self.total:
            text += f"/{self.total}（{100 * self.count // max(self.total, 1)}%）"
        text += f"，{rate:.1f} 条/秒"
        if self.total and not final and rate > 0:
            left = max(self.total - self.count, 0) / rate
            text += f"，预计剩余 {int(left) // 60}:{int(left) % 60:02d}"
        if final:
            text += f"，用时 {now - self.start:.1f} 秒"
        self.stream.write(text + "\n")
        if hasattr(self.stream, "flush"):
            self.stream.flush()

    def done(self):
        if self.count:
            self._print(time.monotonic(), final=True)
        return self.count
