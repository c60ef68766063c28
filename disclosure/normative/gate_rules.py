"""The normative-document database's rule of the publication gate
(:mod:`disclosure.publishing.rules`)."""

from disclosure.publishing.rules import register

from .models import NormativeDocumentPage


@register("normative.version_chain", "实施方案：规章和规范性文件数据库（有效性，旧版本为“已修改”）")
def version_chain(page, revision):
    """A version cannot supersede itself nor close a cycle of versions: two drafts each valid
    when saved may close one once both are published, so it is checked again here."""
    if not isinstance(page, NormativeDocumentPage):
        return {}
    return {field: str(message) for field, message in page.supersedes_errors().items()}
