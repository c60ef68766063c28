"""Django 5.2.19's translation catalogues (private: ``DjangoTranslation._catalog``, a
``TranslationCatalog`` with ``_catalogs`` and ``_plurals``, and gettext's ``_fallback`` chain).

Wagtail ships a ``zh`` catalogue beside ``zh_Hans`` for each of its apps. gettext loads each as
the fallback of that app's ``zh_Hans`` catalogue and Django chains every one of them behind the
merged translation: 13 fallbacks, each asked in turn, one call deep, for every message no
catalogue holds — and the portal's Chinese msgids are such messages (their translation is
themselves; an empty ``msgstr`` is not compiled). A miss cost 12.9 µs against 2.3 µs for a hit:
about 0.5 ms an article page and 1.7 ms a search page.
"""

import gettext

from django.utils.translation import trans_real


def fold_fallbacks(language):
    """Fold the chain of gettext fallbacks of ``language``'s translation into its own catalogue,
    after the catalogues it already holds and in the chain's order, and the catalogues with the
    same plural rule into one dictionary, so a message is looked up once with the same answer as
    before (plural forms keep each catalogue's own rule). The
    chain ends at the first fallback that is not a plain gettext catalogue (Django's translation
    of the default language), which stays the fallback."""
    translation = trans_real.translation(language)
    catalog = getattr(translation, "_catalog", None)
    if not isinstance(catalog, trans_real.TranslationCatalog):
        return
    catalogs, plurals = list(catalog._catalogs), list(catalog._plurals)
    fallback = translation._fallback
    while type(fallback) is gettext.GNUTranslations:
        catalogs.append(fallback._catalog)
        plurals.append(fallback.plural)
        fallback = fallback._fallback
    # Neighbours with the same plural rule (all of Chinese: one form) become one dictionary in
    # which the earlier catalogue's entry wins, as it did when they were asked in turn.
    folded, rules = [], []
    for entries, plural in zip(catalogs, plurals, strict=True):
        if rules and rules[-1].__code__ == plural.__code__:
            for key, value in entries.items():
                folded[-1].setdefault(key, value)
        else:
            folded.append(dict(entries))
            rules.append(plural)
    catalog._catalogs, catalog._plurals = folded, rules
    translation._fallback = fallback
