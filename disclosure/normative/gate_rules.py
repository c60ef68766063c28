"""The normative-document database's rules of the publication gate
(:mod:`disclosure.publishing.rules`): the version chain, and the law-title check
(:mod:`.title_check`) registered into the checks registry with its gate rules."""

from disclosure.checks.gate_rules import register_check_rules
from disclosure.checks.registry import get_check
from disclosure.publishing.rules import register

from . import title_check
from .models import NormativeDocumentPage


@register("normative.version_chain", "实施方案：规章和规范性文件数据库（有效性，旧版本为“已修改”）")
def version_chain(page, revision):
    """A version cannot supersede itself nor close a cycle of versions: two drafts each valid
    when saved may close one once both are published, so it is checked again here."""
    if not isinstance(page, NormativeDocumentPage):
        return {}
    return {field: str(message) for field, message in page.supersedes_errors().items()}


register_check_rules(get_check(title_check.CHECK_NAME))
