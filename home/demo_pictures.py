"""Pictures for the demo content, drawn with Pillow — no outside asset, no photograph.

``picture_jpeg(kind, variant)`` paints a simple scene of one subject (a meeting room, a
road, terraced fields, a school, a hospital, a river with a wind-and-rain bridge …) in one of
a few variants; the same kind and variant always give the same bytes. ``KINDS`` names each
picture as its title and alt text say what it shows (示意图: a drawing, not a news photo).
"""

import io
import random

from PIL import Image, ImageDraw

SIZE = (960, 600)

#: kind → (title, alt text)
KINDS = {
    "meeting": ("会议现场（示意图）", "会议室里参会人员围坐会议桌开会的示意图"),
    "field": ("田间农事（示意图）", "山间梯田里灌满春水、秧苗青青的示意图"),
    "harvest": ("稻田丰收（示意图）", "梯田里金黄色的稻谷已经成熟的示意图"),
    "road": ("乡村公路（示意图）", "一条硬化公路穿过青山通向远方的示意图"),
    "school": ("学校校园（示意图）", "教学楼前飘扬着国旗、操场上有红色跑道的示意图"),
    "hospital": ("卫生院（示意图）", "挂有红十字标志的卫生院门诊楼示意图"),
    "river": ("都柳江风光（示意图）", "青山环抱的江面上架着风雨桥的示意图"),
    "flood": ("防汛巡查（示意图）", "涨水的河岸边堆放沙袋、身穿救生衣的人员巡查的示意图"),
    "town": ("县城街景（示意图）", "县城街道两旁高低错落楼房的示意图"),
    "tea": ("茶园（示意图）", "山坡上一行行整齐茶树的示意图"),
    "orchard": ("果园（示意图）", "果树上挂满橙黄色果实的示意图"),
    "forest": ("林区（示意图）", "连绵的松林和山顶瞭望塔的示意图"),
    "village": ("侗寨鼓楼（示意图）", "木楼环绕鼓楼的民族村寨示意图"),
    "industry": ("产业园区（示意图）", "园区厂房、烟囱和货车的示意图"),
    "hall": ("服务大厅（示意图）", "服务大厅里一排办事窗口和等候群众的示意图"),
    "market": ("农贸市场（示意图）", "农贸市场里彩色遮阳棚下摆放蔬菜的示意图"),
    "construction": ("项目建设现场（示意图）", "在建楼房旁塔吊和施工车辆的示意图"),
}
VARIANTS = 2


def picture_jpeg(kind, variant=0, size=SIZE):
    rng = random.Random(f"{kind}:{variant}")
    image = Image.new("RGB", size, (235, 238, 242))
    draw = ImageDraw.Draw(image)
    PAINTERS[kind](draw, rng, *size)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


# --- pieces ------------------------------------------------------------------------------
def _gradient(draw, w, top, bottom, y0, y1):
    for y in range(int(y0), int(y1)):
        t = (y - y0) / max(1, y1 - y0)
        draw.line(
            [(0, y), (w, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )


def _sky(draw, rng, w, h, horizon=0.55, grey=False):
    top = (150, 160, 170) if grey else (rng.randint(90, 140), rng.randint(150, 190), 235)
    _gradient(draw, w, top, (225, 232, 240), 0, h * horizon)
    if not grey:
        x = rng.randint(int(w * 0.6), int(w * 0.85))
        draw.ellipse([x, 40, x + 70, 110], fill=(255, 222, 130))


def _hills(draw, rng, w, h, base, colours, step=90, rise=110):
    for layer, colour in enumerate(colours):
        y = h * (base + layer * 0.07)
        points = [(0, h)]
        for x in range(0, w + step, step):
            points.append((x, y - rng.randint(10, max(11, rise - layer * 25))))
        points.append((w, h))
        draw.polygon(points, fill=colour)


def _person(draw, x, y, scale=1.0, shirt=(40, 60, 110)):
    r = 9 * scale
    draw.ellipse([x - r, y - 2 * r, x + r, y], fill=(60, 45, 40))
    draw.rounded_rectangle([x - 1.6 * r, y, x + 1.6 * r, y + 4 * r], radius=int(r), fill=shirt)


def _windows(draw, x0, y0, x1, y1, cols, rows, colour=(120, 160, 200)):
    cw, rh = (x1 - x0) / cols, (y1 - y0) / rows
    for i in range(cols):
        for j in range(rows):
            draw.rectangle(
                [
                    x0 + i * cw + cw * 0.2,
                    y0 + j * rh + rh * 0.2,
                    x0 + (i + 1) * cw - cw * 0.2,
                    y0 + (j + 1) * rh - rh * 0.25,
                ],
                fill=colour,
            )


# --- scenes ------------------------------------------------------------------------------
def meeting(draw, rng, w, h):
    draw.rectangle([0, 0, w, h * 0.62], fill=(rng.randint(215, 235), 210, 190))
    draw.rectangle([w * 0.12, h * 0.06, w * 0.88, h * 0.2], fill=(185, 30, 35))
    for i in range(8):  # the banner's lettering, as blocks
        x = w * 0.18 + i * w * 0.08
        draw.rectangle([x, h * 0.1, x + w * 0.05, h * 0.16], fill=(250, 215, 90))
    draw.rectangle([0, h * 0.62, w, h], fill=(150, 120, 95))
    draw.polygon(
        [(w * 0.3, h * 0.45), (w * 0.7, h * 0.45), (w * 0.95, h), (w * 0.05, h)],
        fill=(110, 70, 45),
    )
    for side in (-1, 1):
        for row in range(5):
            t = row / 4
            x = w / 2 + side * (w * 0.22 + t * w * 0.3)
            y = h * (0.42 + t * 0.4)
            _person(draw, x, y, 0.8 + t * 0.9, shirt=rng.choice([(40, 60, 110), (50, 50, 60)]))
    for i in range(rng.randint(4, 6)):
        x = w * 0.38 + i * w * 0.05
        _person(draw, x, h * 0.36, 0.7)
    for i in range(6):
        x = w * 0.3 + i * w * 0.08
        draw.rectangle([x, h * 0.6, x + 14, h * 0.63], fill=(245, 245, 245))


def _terraces(draw, rng, w, h, colours):
    for band in range(9):
        y = h * (0.48 + band * 0.06)
        points = [(0, h)]
        for x in range(0, w + 60, 60):
            points.append((x, y + 12 * ((x / 60 + band) % 3) - rng.randint(0, 8)))
        points.append((w, h))
        draw.polygon(points, fill=colours[band % len(colours)])


def field(draw, rng, w, h):
    _sky(draw, rng, w, h, 0.5)
    _hills(draw, rng, w, h, 0.36, [(70, 120, 85), (60, 140, 80)])
    _terraces(draw, rng, w, h, [(150, 195, 215), (95, 170, 85), (130, 185, 205), (80, 155, 75)])
    for _ in range(rng.randint(2, 4)):
        _person(
            draw,
            rng.randint(100, w - 100),
            rng.randint(int(h * 0.65), int(h * 0.85)),
            1.2,
            shirt=(60, 90, 150),
        )


def harvest(draw, rng, w, h):
    _sky(draw, rng, w, h, 0.5)
    _hills(draw, rng, w, h, 0.36, [(80, 115, 80), (100, 135, 70)])
    _terraces(draw, rng, w, h, [(225, 180, 60), (205, 155, 40), (235, 195, 80)])
    for _ in range(rng.randint(3, 5)):
        _person(
            draw,
            rng.randint(100, w - 100),
            rng.randint(int(h * 0.62), int(h * 0.85)),
            1.2,
            shirt=(170, 60, 50),
        )


def road(draw, rng, w, h):
    _sky(draw, rng, w, h, 0.5)
    _hills(draw, rng, w, h, 0.4, [(70, 125, 90), (85, 150, 90), (100, 170, 95)])
    bend = rng.randint(-80, 80)
    draw.polygon(
        [(w / 2 - 12 + bend, h * 0.5), (w / 2 + 12 + bend, h * 0.5), (w * 0.8, h), (w * 0.2, h)],
        fill=(110, 112, 118),
    )
    for i in range(8):
        t0, t1 = i / 8, (i + 0.5) / 8
        x0 = w / 2 + bend * (1 - t0)
        x1 = w / 2 + bend * (1 - t1)
        draw.line(
            [(x0, h * (0.5 + 0.5 * t0)), (x1, h * (0.5 + 0.5 * t1))],
            fill=(250, 250, 250),
            width=int(2 + 6 * t1),
        )
    for side in (-1, 1):
        for i in range(6):
            t = i / 5
            x = w / 2 + bend * (1 - t) + side * (30 + t * w * 0.36)
            y = h * (0.52 + t * 0.42)
            draw.polygon(
                [(x, y - 30 - 60 * t), (x - 12 - 20 * t, y), (x + 12 + 20 * t, y)],
                fill=(40, 105, 60),
            )


def school(draw, rng, w, h):
    _sky(draw, rng, w, h, 0.6)
    draw.rectangle([0, h * 0.6, w, h], fill=(95, 160, 90))
    x0, x1 = w * 0.25, w * 0.92
    draw.rectangle([x0, h * 0.22, x1, h * 0.62], fill=(240, 236, 225))
    _windows(draw, x0 + 10, h * 0.26, x1 - 10, h * 0.6, 9, 4)
    draw.rectangle([x0 - 10, h * 0.2, x1 + 10, h * 0.23], fill=(180, 70, 60))
    draw.line([(w * 0.12, h * 0.15), (w * 0.12, h * 0.64)], fill=(200, 200, 205), width=5)
    draw.polygon(
        [(w * 0.12, h * 0.15), (w * 0.2, h * 0.18), (w * 0.12, h * 0.21)], fill=(222, 30, 30)
    )
    draw.ellipse([w * 0.05, h * 0.7, w * 0.95, h * 1.05], fill=(190, 70, 60))
    draw.ellipse([w * 0.12, h * 0.76, w * 0.88, h * 0.99], fill=(90, 165, 90))
    for _ in range(rng.randint(4, 8)):
        _person(
            draw,
            rng.randint(150, w - 150),
            rng.randint(int(h * 0.8), int(h * 0.92)),
            0.8,
            shirt=(40, 90, 170),
        )


def hospital(draw, rng, w, h):
    _sky(draw, rng, w, h, 0.65)
    draw.rectangle([0, h * 0.65, w, h], fill=(170, 170, 165))
    x0, x1 = w * 0.15, w * 0.85
    draw.rectangle([x0, h * 0.2, x1, h * 0.68], fill=(248, 248, 250))
    draw.rectangle([x0, h * 0.2, x1, h * 0.25], fill=(40, 110, 180))
    _windows(draw, x0 + 10, h * 0.28, x1 - 10, h * 0.56, 10, 3, (150, 190, 220))
    draw.rectangle([w * 0.44, h * 0.56, w * 0.56, h * 0.68], fill=(120, 170, 210))
    cx, cy = w / 2, h * 0.12
    draw.rectangle([cx - 45, cy - 12, cx + 45, cy + 12], fill=(220, 30, 40))
    draw.rectangle([cx - 12, cy - 45, cx + 12, cy + 45], fill=(220, 30, 40))
    for _ in range(rng.randint(2, 5)):
        _person(draw, rng.randint(100, w - 100), h * 0.78, 1.1, shirt=(230, 230, 235))


def _wind_rain_bridge(draw, w, h, y):
    draw.rectangle([w * 0.15, y, w * 0.85, y + 18], fill=(120, 70, 40))
    for x in (w * 0.25, w * 0.5, w * 0.75):
        for level in range(3):
            half = 55 - level * 15
            top = y - 25 - level * 22
            draw.polygon([(x - half, top + 22), (x + half, top + 22), (x, top)], fill=(70, 60, 60))
    for i in range(15):
        x = w * 0.16 + i * w * 0.046
        draw.line([(x, y), (x, y - 22)], fill=(140, 90, 50), width=4)
    for x in (w * 0.3, w * 0.7):
        draw.rectangle([x - 14, y + 18, x + 14, h * 0.78], fill=(130, 125, 120))


def river(draw, rng, w, h):
    _sky(draw, rng, w, h, 0.5)
    _hills(draw, rng, w, h, 0.35, [(60, 110, 85), (75, 135, 90), (90, 155, 95)])
    draw.polygon([(0, h * 0.62), (w, h * 0.6), (w, h), (0, h)], fill=(80, 145, 190))
    for i in range(12):
        y = h * 0.68 + i * 16
        draw.line([(rng.randint(0, w), y), (rng.randint(0, w), y)], fill=(140, 190, 225), width=2)
    _wind_rain_bridge(draw, w, h, h * 0.5)


def flood(draw, rng, w, h):
    _sky(draw, rng, w, h, 0.5, grey=True)
    for _ in range(6):
        x = rng.randint(0, w)
        draw.ellipse([x - 120, 20, x + 120, 120], fill=(115, 120, 130))
    _hills(draw, rng, w, h, 0.38, [(70, 100, 80), (80, 115, 85)])
    draw.rectangle([0, h * 0.55, w, h], fill=(150, 115, 75))
    draw.rectangle([0, h * 0.78, w, h], fill=(120, 120, 110))
    for i in range(14):
        x = i * w / 13
        draw.ellipse([x - 40, h * 0.74, x + 40, h * 0.82], fill=(200, 185, 140))
    for _ in range(rng.randint(3, 5)):
        _person(draw, rng.randint(80, w - 80), h * 0.84, 1.4, shirt=(240, 110, 30))


def town(draw, rng, w, h):
    _sky(draw, rng, w, h, 0.7)
    _hills(draw, rng, w, h, 0.45, [(95, 140, 110)])
    x = 0
    while x < w:
        bw = rng.randint(70, 140)
        top = h * rng.uniform(0.2, 0.5)
        colour = rng.choice([(230, 225, 215), (205, 190, 170), (190, 205, 220), (240, 235, 230)])
        draw.rectangle([x, top, x + bw - 8, h * 0.8], fill=colour)
        _windows(draw, x + 6, top + 10, x + bw - 14, h * 0.78, 3, max(2, int((h * 0.8 - top) / 40)))
        x += bw
    draw.rectangle([0, h * 0.8, w, h], fill=(105, 105, 110))
    for i in range(10):
        draw.rectangle([i * w / 10 + 20, h * 0.89, i * w / 10 + 70, h * 0.9], fill=(240, 240, 240))


def tea(draw, rng, w, h):
    _sky(draw, rng, w, h, 0.45)
    _hills(draw, rng, w, h, 0.3, [(70, 120, 85)])
    draw.polygon([(0, h * 0.4), (w, h * 0.5), (w, h), (0, h)], fill=(120, 170, 80))
    for row in range(10):
        y = h * (0.45 + row * 0.06)
        draw.arc([-w * 0.2, y - 40, w * 1.2, y + 60], 180, 360, fill=(40, 115, 50), width=16)
    for _ in range(rng.randint(3, 5)):
        x, y = rng.randint(100, w - 100), rng.randint(int(h * 0.55), int(h * 0.85))
        _person(draw, x, y, 1.1, shirt=(200, 70, 90))
        draw.polygon([(x - 22, y - 16), (x + 22, y - 16), (x, y - 34)], fill=(225, 205, 150))


def orchard(draw, rng, w, h):
    _sky(draw, rng, w, h, 0.45)
    _hills(draw, rng, w, h, 0.32, [(80, 125, 90)])
    draw.rectangle([0, h * 0.45, w, h], fill=(120, 165, 85))
    fruit = rng.choice([(240, 150, 30), (230, 120, 20)])
    for row in range(4):
        y = h * (0.5 + row * 0.13)
        r = 30 + row * 14
        for i in range(7 - row):
            x = (i + 0.5) * w / (7 - row) + rng.randint(-15, 15)
            draw.rectangle([x - 5, y, x + 5, y + r * 0.8], fill=(110, 75, 45))
            draw.ellipse([x - r, y - r * 1.3, x + r, y + r * 0.3], fill=(45, 120, 55))
            for _ in range(6 + row * 2):
                fx, fy = x + rng.uniform(-r * 0.7, r * 0.7), y + rng.uniform(-r, 0)
                draw.ellipse([fx - 5 - row, fy - 5 - row, fx + 5 + row, fy + 5 + row], fill=fruit)


def forest(draw, rng, w, h):
    _sky(draw, rng, w, h, 0.45)
    _hills(draw, rng, w, h, 0.32, [(50, 95, 70), (45, 110, 65)])
    draw.rectangle([w * 0.7, h * 0.12, w * 0.73, h * 0.3], fill=(120, 90, 60))
    draw.polygon(
        [(w * 0.68, h * 0.12), (w * 0.75, h * 0.12), (w * 0.715, h * 0.07)], fill=(170, 40, 40)
    )
    for row in range(5):
        y = h * (0.45 + row * 0.12)
        size = 30 + row * 16
        for i in range(int(w / size) + 1):
            x = i * size + rng.randint(-8, 8) + (row % 2) * size / 2
            shade = (25 + row * 8, 85 + rng.randint(0, 30), 45)
            draw.polygon(
                [(x, y - size * 1.8), (x - size * 0.6, y), (x + size * 0.6, y)], fill=shade
            )


def _drum_tower(draw, x, base, height):
    draw.rectangle([x - 16, base - height * 0.3, x + 16, base], fill=(120, 75, 45))
    levels = 9
    for level in range(levels):
        half = 70 - level * 7
        top = base - height * 0.3 - (level + 1) * height * 0.075
        draw.polygon(
            [
                (x - half, top + height * 0.075),
                (x + half, top + height * 0.075),
                (x + half * 0.7, top),
            ],
            fill=(60, 55, 55),
        )
        draw.line(
            [(x - half, top + height * 0.075), (x + half, top + height * 0.075)],
            fill=(235, 230, 220),
            width=3,
        )
    draw.polygon(
        [(x - 8, base - height), (x + 8, base - height), (x, base - height * 1.08)],
        fill=(200, 170, 60),
    )


def village(draw, rng, w, h):
    _sky(draw, rng, w, h, 0.5)
    _hills(draw, rng, w, h, 0.34, [(65, 115, 85), (80, 140, 90)])
    draw.rectangle([0, h * 0.72, w, h], fill=(150, 130, 100))
    for _ in range(9):
        x = rng.randint(0, w)
        y = h * rng.uniform(0.56, 0.72)
        bw = rng.randint(80, 130)
        draw.rectangle([x, y, x + bw, y + 70], fill=(150, 95, 55))
        draw.polygon([(x - 14, y), (x + bw + 14, y), (x + bw / 2, y - 40)], fill=(70, 65, 65))
        draw.rectangle([x + 15, y + 25, x + 35, y + 45], fill=(230, 210, 150))
    _drum_tower(draw, w * rng.uniform(0.35, 0.6), h * 0.78, h * 0.62)
    for _ in range(rng.randint(2, 4)):
        _person(draw, rng.randint(80, w - 80), h * 0.84, 1.2, shirt=(40, 45, 90))


def industry(draw, rng, w, h):
    _sky(draw, rng, w, h, 0.6)
    draw.rectangle([0, h * 0.7, w, h], fill=(135, 135, 140))
    x = w * 0.05
    for _ in range(3):
        bw = rng.randint(200, 260)
        draw.rectangle([x, h * 0.4, x + bw, h * 0.72], fill=(210, 215, 225))
        for i in range(5):
            sx = x + i * bw / 5
            draw.polygon(
                [(sx, h * 0.4), (sx + bw / 5, h * 0.4), (sx + bw / 5, h * 0.32)],
                fill=(90, 120, 160),
            )
        draw.rectangle([x + bw * 0.4, h * 0.56, x + bw * 0.6, h * 0.72], fill=(100, 105, 115))
        x += bw + 30
    cx = w * rng.uniform(0.6, 0.85)
    draw.rectangle([cx, h * 0.12, cx + 28, h * 0.4], fill=(170, 80, 70))
    for i in range(4):
        draw.ellipse(
            [cx - 10 + i * 25, h * 0.02 - i * 5, cx + 50 + i * 25, h * 0.12 - i * 5],
            fill=(225, 228, 232),
        )
    tx = rng.randint(60, int(w * 0.6))
    draw.rectangle([tx, h * 0.76, tx + 140, h * 0.86], fill=(40, 110, 170))
    draw.rectangle([tx + 140, h * 0.79, tx + 185, h * 0.86], fill=(30, 80, 130))
    for wx in (tx + 25, tx + 120, tx + 165):
        draw.ellipse([wx - 12, h * 0.85, wx + 12, h * 0.89], fill=(30, 30, 30))


def hall(draw, rng, w, h):
    draw.rectangle([0, 0, w, h * 0.7], fill=(232, 236, 240))
    draw.rectangle([0, h * 0.7, w, h], fill=(200, 195, 185))
    for i in range(6):
        x = w * 0.05 + i * w * 0.152
        draw.rectangle([x, h * 0.12, x + w * 0.13, h * 0.2], fill=(30, 90, 160))
        draw.rectangle([x + 15, h * 0.145, x + w * 0.13 - 15, h * 0.175], fill=(235, 240, 245))
        draw.rectangle([x, h * 0.42, x + w * 0.13, h * 0.62], fill=(175, 130, 90))
        draw.rectangle([x + 10, h * 0.25, x + w * 0.13 - 10, h * 0.42], fill=(200, 225, 240))
        _person(draw, x + w * 0.065, h * 0.36, 0.8, shirt=(230, 230, 235))
    for _ in range(rng.randint(5, 8)):
        _person(
            draw,
            rng.randint(60, w - 60),
            rng.randint(int(h * 0.66), int(h * 0.8)),
            1.3,
            shirt=rng.choice([(170, 60, 50), (60, 90, 150), (80, 120, 80), (90, 90, 100)]),
        )
    for i in range(3):
        draw.rectangle(
            [w * 0.2 + i * w * 0.22, h * 0.9, w * 0.35 + i * w * 0.22, h * 0.94],
            fill=(60, 110, 170),
        )


def market(draw, rng, w, h):
    draw.rectangle([0, 0, w, h], fill=(225, 222, 215))
    draw.rectangle([0, h * 0.72, w, h], fill=(150, 150, 150))
    colours = [(210, 60, 50), (240, 180, 40), (50, 130, 190), (60, 150, 90)]
    for i in range(4):
        x = w * 0.03 + i * w * 0.245
        colour = colours[(i + rng.randint(0, 3)) % 4]
        draw.polygon(
            [
                (x, h * 0.35),
                (x + w * 0.22, h * 0.35),
                (x + w * 0.2, h * 0.22),
                (x + w * 0.02, h * 0.22),
            ],
            fill=colour,
        )
        draw.rectangle([x + 10, h * 0.55, x + w * 0.21, h * 0.66], fill=(150, 105, 60))
        for _ in range(12):
            vx, vy = x + rng.uniform(20, w * 0.2), h * rng.uniform(0.5, 0.56)
            draw.ellipse(
                [vx - 12, vy - 10, vx + 12, vy + 10],
                fill=rng.choice([(60, 150, 50), (220, 60, 40), (240, 200, 60), (110, 70, 140)]),
            )
        draw.line([(x + 5, h * 0.35), (x + 5, h * 0.72)], fill=(90, 90, 90), width=4)
    for _ in range(rng.randint(3, 6)):
        _person(
            draw,
            rng.randint(60, w - 60),
            h * 0.76,
            1.3,
            shirt=rng.choice([(170, 60, 50), (60, 90, 150), (90, 90, 100)]),
        )


def construction(draw, rng, w, h):
    _sky(draw, rng, w, h, 0.7)
    draw.rectangle([0, h * 0.7, w, h], fill=(170, 140, 100))
    x0 = w * rng.uniform(0.35, 0.5)
    floors = rng.randint(5, 8)
    for f in range(floors):
        y = h * 0.7 - (f + 1) * 38
        draw.rectangle([x0, y, x0 + 260, y + 6], fill=(150, 150, 150))
        for c in range(5):
            draw.rectangle([x0 + c * 63, y, x0 + c * 63 + 10, y + 38], fill=(160, 160, 160))
    draw.line([(w * 0.25, h * 0.7), (w * 0.25, h * 0.08)], fill=(230, 180, 30), width=10)
    draw.line([(w * 0.12, h * 0.1), (w * 0.8, h * 0.1)], fill=(230, 180, 30), width=8)
    draw.line([(w * 0.7, h * 0.1), (w * 0.7, h * 0.3)], fill=(60, 60, 60), width=2)
    draw.rectangle([w * 0.68, h * 0.3, w * 0.72, h * 0.34], fill=(80, 80, 80))
    ex = rng.randint(40, int(w * 0.25))
    draw.rectangle([ex, h * 0.74, ex + 120, h * 0.84], fill=(240, 170, 20))
    draw.line(
        [(ex + 100, h * 0.76), (ex + 170, h * 0.66), (ex + 200, h * 0.74)],
        fill=(240, 170, 20),
        width=10,
    )
    draw.rectangle([ex, h * 0.84, ex + 120, h * 0.88], fill=(40, 40, 40))
    for _ in range(3):
        x = rng.randint(int(w * 0.5), w - 60)
        _person(draw, x, h * 0.78, 1.1, shirt=(240, 110, 30))
        draw.ellipse([x - 11, h * 0.78 - 24, x + 11, h * 0.78 - 12], fill=(250, 210, 40))


PAINTERS = {
    "meeting": meeting,
    "field": field,
    "harvest": harvest,
    "road": road,
    "school": school,
    "hospital": hospital,
    "river": river,
    "flood": flood,
    "town": town,
    "tea": tea,
    "orchard": orchard,
    "forest": forest,
    "village": village,
    "industry": industry,
    "hall": hall,
    "market": market,
    "construction": construction,
}
