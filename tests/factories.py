"""Factories for test data.

Users, images and documents are factory_boy factories. Pages live in a tree, so they are
made by small functions that add them under a column and optionally publish them (through
Wagtail's real publish path, or with a historical time like the migration import).
"""

import io
import itertools

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Locale

from portal.core.history import publish_with_time
from portal.core.pdf import minimal_pdf

_counter = itertools.count(1)

DEFAULT_PASSWORD = "Test-password-2026"


def paragraph_body(*paragraphs):
    return [{"type": "paragraph", "value": f"<p>{p}</p>"} for p in paragraphs]


def png_bytes(width=64, height=48, color=(200, 30, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_bytes(text="test"):
    """A minimal valid one-page PDF."""
    return minimal_pdf(text)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.cn")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for group in extracted:
                if isinstance(group, str):
                    group = Group.objects.get(name=group)
                self.groups.add(group)


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    title = factory.Sequence(lambda n: f"图片{n}")
    file = factory.LazyFunction(
        lambda: ImageFile(io.BytesIO(png_bytes()), name=f"img{next(_counter)}.png")
    )


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"附件{n}")
    file = factory.LazyFunction(lambda: ContentFile(pdf_bytes(), name=f"doc{next(_counter)}.pdf"))
    # as Wagtail's upload form records it
    file_size = factory.LazyAttribute(lambda doc: doc.file.size)


# --- pages -----------------------------------------------------------------------------------
def add_page(parent, page, publish=True, published_at=None, user=None):
    page.live = False  # as the admin creates pages: a draft until published
    parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=False)
    if published_at is not None:
        publish_with_time(page, published_at, user=user)
    elif publish:
        revision.publish(user=user, log_action=False, skip_permission_checks=True)
    page.refresh_from_db()
    return page


def make_news(column, title=None, body=None, publish=True, published_at=None, **fields):
    from news.models import NewsPage

    title = title or f"测试新闻{next(_counter)}"
    page = NewsPage(title=title, body=body or paragraph_body(f"{title}的正文内容。"), **fields)
    return add_page(column, page, publish=publish, published_at=published_at)


def make_catalog_item(column, title=None, publish=True, published_at=None, **fields):
    from disclosure_catalog.models import CatalogItemPage

    title = title or f"测试公开信息{next(_counter)}"
    fields.setdefault("summary", f"{title}的内容概述。")
    fields.setdefault("topic_category", "综合政务/政务公开")
    fields.setdefault("genre", "通知")
    fields.setdefault("body", paragraph_body(f"{title}的正文。"))
    page = CatalogItemPage(title=title, **fields)
    return add_page(column, page, publish=publish, published_at=published_at)


def make_policy(
    column, title=None, document_number=None, publish=True, published_at=None, **fields
):
    from disclosure_catalog.models import PolicyDocumentPage

    n = next(_counter)
    title = title or f"测试政策文件{n}"
    fields.setdefault("summary", f"{title}的内容概述。")
    fields.setdefault("topic_category", "综合政务/政务公开")
    fields.setdefault("genre", "通知")
    fields.setdefault("body", paragraph_body(f"{title}的正文。"))
    page = PolicyDocumentPage(
        title=title, document_number=document_number or f"榕府办发〔2026〕{n}号", **fields
    )
    return add_page(column, page, publish=publish, published_at=published_at)


def make_interpretation(column, policies, title=None, publish=True, **fields):
    from disclosure_catalog.models import InterpretationPage

    title = title or f"测试政策解读{next(_counter)}"
    fields.setdefault("summary", f"{title}的内容概述。")
    fields.setdefault("topic_category", "综合政务/政务公开")
    fields.setdefault("genre", "解读")
    fields.setdefault("body", paragraph_body(f"{title}的正文。"))
    page = InterpretationPage(title=title, **fields)
    page.policies = list(policies)
    return add_page(column, page, publish=publish)


def bootstrap_with_units(folder, slugs):
    """bootstrap_portal with only the named units of the project's units file (fast)."""
    import json

    from home.bootstrap import UNITS_FILE, Bootstrapper

    data = json.loads(UNITS_FILE.read_text(encoding="utf-8"))
    data["units"] = [u for u in data["units"] if u["slug"] in slugs or u["kind"] == "office"]
    units_file = folder / "units.json"
    units_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    Bootstrapper(units_file=units_file).run()


class Portal:
    """Accessors for the bootstrapped portal (see tests/conftest.py)."""

    def __init__(self):
        from home.models import HomePage

        if not HomePage.objects.exists():  # a transactional test flushed the database
            import io as _io

            from django.core.management import call_command

            call_command("bootstrap_portal", stdout=_io.StringIO())
        self.home = HomePage.objects.get(locale=Locale.get_default())

    def column(self, key):
        from home.models import ColumnPage

        return ColumnPage.objects.get(column_key=key, locale=Locale.get_default())

    def unit(self, slug):
        from portal.units.models import Unit

        return Unit.objects.get(slug=slug)

    def unit_news_column(self, slug):
        return self.unit(slug).news_column.specific

    def unit_catalogue_column(self, slug):
        return self.unit(slug).catalogue_column.specific

    def editor(self, slug, username=None):
        unit = self.unit(slug)
        return UserFactory(username=username or f"editor_{slug}", groups=[unit.editors_group])

    def reviewer(self, slug, username=None):
        unit = self.unit(slug)
        return UserFactory(username=username or f"reviewer_{slug}", groups=[unit.reviewers_group])
