from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NormativeConfig(AppConfig):
    name = "disclosure.normative"
    label = "normative"
    verbose_name = _("规章和规范性文件数据库")

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save
        from wagtail.signals import page_published, page_unpublished

        from . import title_check  # registers the law-title check into the checks registry
        from .models import NormativeDocumentPage, index_articles
        from .validity import on_document_published, on_document_unpublished

        pre_save.connect(
            index_articles, sender=NormativeDocumentPage, dispatch_uid="normative_article_index"
        )
        page_published.connect(
            on_document_published,
            sender=NormativeDocumentPage,
            dispatch_uid="normative_validity_on_publish",
        )
        page_unpublished.connect(
            on_document_unpublished,
            sender=NormativeDocumentPage,
            dispatch_uid="normative_validity_on_unpublish",
        )
        # The title index of the law-title check is rebuilt after any change of a document.
        for signal in (page_published, page_unpublished, post_save, post_delete):
            signal.connect(
                title_check.invalidate,
                sender=NormativeDocumentPage,
                dispatch_uid=f"normative_title_index_{id(signal)}",
            )
