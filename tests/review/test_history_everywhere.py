"""History everywhere (issue item 5): every model of the project's apps that holds disclosure
data keeps a history. Pages keep Wagtail revisions; every other model has django-simple-history
(``HistoricalRecords()``), unless it is covered otherwise (see ``covered_otherwise``) or is a
technical model on the allow-list below, each with its reason.

The test walks ``apps.get_app_configs()``: an app added tomorrow is checked without a change here.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from modelcluster.fields import ParentalKey
from simple_history.models import HistoricalChanges
from wagtail.models import Page, RevisionMixin, Task

from disclosure.outbox.models import AppendOnlyModel

# Technical models that hold no disclosure data of their own. Add one only with its reason.
TECHNICAL_MODELS = {
    # A counter of allocated 索引号 serials; the numbers themselves live on the pages.
    "publishing.IndexNumberSequence",
    # A site-wide scan's results: a report derived from the items (each run kept as it was),
    # rebuilt by ``scan_site``; decisions on findings are append-only (FindingDecision).
    "checks.ScanRun",
    "checks.ScanFinding",
    # The search query log: what visitors typed, not disclosure data.
    "search.QueryLog",
    # Search facet index rows, derived from the pages and rebuilt by ``update_index``.
    "search.FacetKey",
    "search.FacetEntry",
    # The API's read model of the public items, rebuilt from the pages and the outbox.
    "syndication.CatalogueEntry",
    # The feed projection's single progress row (a cursor and a lock).
    "syndication.SyncState",
    # Delivery state of one webhook event; every attempt is in the append-only DeliveryAttempt.
    "syndication.WebhookDelivery",
    # Stable codes the code finds role groups and the standard workflow by; written once by
    # ``ensure_roles``/``ensure_standard_workflow``, not editable in the admin.
    "departments.RoleGroup",
    "departments.WorkflowKey",
    # The attendance rows of a training (an internal work record, not disclosure data): edited
    # inline with the training, whose own history records each save; simple-history cannot copy
    # modelcluster's parental key.
    "ledger.TrainingAttendance",
}


def project_models():
    root = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if not path.is_relative_to(root) or {".venv", "site-packages"} & set(path.parts):
            continue
        yield from config.get_models()


def covered_otherwise(model):
    """Why ``model`` needs no simple-history, or ``""``."""
    if issubclass(model, Page):
        return "a page: Wagtail revisions"
    if issubclass(model, HistoricalChanges):
        return "a historical model itself"
    if issubclass(model, AppendOnlyModel):
        return "append-only: a row never changes"
    if issubclass(model, RevisionMixin):
        return "a snippet with Wagtail revisions"
    if issubclass(model, Task):
        return "a workflow step: configuration, its actions are in the page history"
    for field in model._meta.get_fields():
        if isinstance(field, ParentalKey) and issubclass(field.related_model, Page):
            return "a page's inline rows: stored in the page's revisions"
    return ""


def has_simple_history(model):
    # Set by ``HistoricalRecords`` on the model it tracks.
    return hasattr(model._meta, "simple_history_manager_attribute")


def test_the_walk_sees_the_project_apps():
    labels = {model._meta.label for model in project_models()}
    assert "publishing.Withdrawal" in labels
    assert "departments.Department" in labels
    assert not any(label.startswith(("wagtailcore.", "auth.")) for label in labels)


def test_every_model_holding_disclosure_data_has_history():
    missing = [
        model._meta.label
        for model in project_models()
        if model._meta.label not in TECHNICAL_MODELS
        and not covered_otherwise(model)
        and not has_simple_history(model)
    ]
    assert not missing, (
        "These models have no history: add `history = HistoricalRecords()` (simple-history), "
        "or, for a technical model holding no disclosure data, add it to TECHNICAL_MODELS "
        f"with its reason: {missing}"
    )


def test_the_allow_list_names_only_existing_models():
    labels = {model._meta.label for model in project_models()}
    unknown = {label for label in TECHNICAL_MODELS if label.split(".")[0] in _app_labels()} - labels
    assert not unknown, f"TECHNICAL_MODELS names models that no longer exist: {unknown}"


def _app_labels():
    return {config.label for config in apps.get_app_configs()}
