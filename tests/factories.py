"""Small helpers that build the portal's objects for tests (plain functions, no factory_boy).

Pages are created as drafts and published through a revision, as the admin does, so that the
publish signals (outbox, index number, column permissions) run as in production; disclosure
items get a system confidentiality determination first (:func:`publish_revision`).
"""

import itertools
from datetime import date

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from wagtail.models import Site

from disclosure.columns.models import ColumnPage
from disclosure.departments.models import Department
from disclosure.departments.roles import ensure_roles, role_group
from disclosure.normative.models import NormativeDocumentPage
from disclosure.organisation.models import OrganisationSettings
from disclosure.publishing.models import ArticlePage, DisclosureItemPage
from disclosure.review.models import publish_with_system_determination
from disclosure.upstream.modelsearch import index_entry_table
from home.models import HomePage

CREDIT_CODE = "11520200MB15762018"

_counter = itertools.count(1)


def _unique(prefix):
    return f"{prefix}-{next(_counter)}"


def default_site():
    return Site.objects.get(is_default_site=True)


def organisation(credit_code=CREDIT_CODE, **fields):
    """The OrganisationSettings of the default site, with ``credit_code`` and ``fields`` set."""
    settings = OrganisationSettings.for_site(default_site())
    settings.credit_code = credit_code
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def home_page():
    """The portal home page (created by the data migration ``home/0002``)."""
    return HomePage.objects.get(pk=default_site().root_page_id)


def publish(page, user=None):
    """Save a revision of ``page`` and publish it; returns the page reloaded from the database."""
    revision = page.save_revision(user=user)
    publish_revision(revision, user=user)
    return type(page).objects.get(pk=page.pk)


def publish_revision(revision, user=None, reason="测试数据：系统认定"):
    """Publish ``revision`` as code does: a disclosure item needs a confidentiality
    determination for the revision, so a *system determination* is recorded first (as imports
    and the demo do); other pages are published as they are."""
    if isinstance(revision.as_object(), DisclosureItemPage):
        return publish_with_system_determination(revision, reason, user=user)
    return revision.publish(user=user)


def department(name=None, **fields):
    return Department.objects.create(name=name or _unique("科室"), **fields)


def column(parent=None, title=None, slug=None, departments=(), publish_page=True, **fields):
    """A ColumnPage below ``parent`` (the home page by default), published unless told not to;
    publishing gives the departments their page permissions."""
    parent = parent or home_page()
    title = title or _unique("栏目")
    page = ColumnPage(
        title=title,
        slug=slug or _unique("column"),
        live=False,
        show_in_menus=True,
        **fields,
    )
    parent.add_child(instance=page)
    if departments:
        page.departments.set(list(departments))
    if not publish_page:
        page.save_revision()
        return ColumnPage.objects.get(pk=page.pk)
    return publish(page)


def article(column, title=None, publish=True, slug=None, user=None, **fields):
    """An ArticlePage in ``column``: published by default, otherwise a draft with one revision."""
    page = ArticlePage(
        title=title or _unique("信息"),
        slug=slug or _unique("article"),
        live=False,
        **fields,
    )
    column.add_child(instance=page)
    revision = page.save_revision(user=user)
    if publish:
        publish_revision(revision, user=user)
    return ArticlePage.objects.get(pk=page.pk)


def user_with_role(username, role, department=None, password="pw", **fields):
    """A staff user in the role group ``role`` (see ``disclosure.departments.roles``) and,
    when given, a member of ``department``."""
    ensure_roles()
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.com",
        password=password,
        **fields,
    )
    user.groups.add(role_group(role))
    if department is not None:
        department.add_member(user)
    return user


def client_for(user):
    """A test client logged in as ``user``."""
    client = Client()
    client.force_login(user)
    return client


def superuser(username="admin", password="pw"):
    return get_user_model().objects.create_superuser(
        username=username, email=f"{username}@example.com", password=password
    )


def pdf_bytes(text="attachment"):
    """A valid one-page PDF with ``text`` (ASCII) in its text layer, written by hand: the gate
    reads every attachment, and a file it cannot read blocks publication."""
    import io

    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def normative_document(
    parent, title, slug, body, legal_category="法律", on=date(2020, 1, 1), **fields
):
    """A document of the normative database (a law by default) saved under ``parent``, not yet
    live; ``on`` its version and written date."""
    page = NormativeDocumentPage(
        title=title,
        slug=slug,
        legal_category=legal_category,
        version_date=on,
        written_on=on,
        body=body,
        live=False,
        **fields,
    )
    parent.add_child(instance=page)
    return page


# Subjects of other laws for a search test's index, so that no word of the test's own documents
# is common to much of the index (a relaxed match leaves such words out,
# search.fts.relaxed_expression).
OTHER_LAW_SUBJECTS = (
    "种子",
    "森林",
    "草原",
    "渔业",
    "气象",
    "测绘",
    "档案",
    "公路",
    "港口",
    "航道",
)


def other_laws(parent, legal_category="法律"):
    """Ten published laws on other subjects under ``parent`` (:data:`OTHER_LAW_SUBJECTS`), with
    the search index's planner statistics made current on PostgreSQL: the relaxed match reads
    the index size from them (search.postgres_fts.index_size_sql), and statistics taken when an
    earlier test had left the table mostly dead rows made every word common."""
    for number, subject in enumerate(OTHER_LAW_SUBJECTS):
        body = f"第一条 为了加强{subject}工作，制定本法。"
        title = f"中华人民共和国{subject}法"
        publish(normative_document(parent, title, f"law-{number}", body, legal_category))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(index_entry_table())}")
