"""A question that names no place is answered by national law first; a local regulation of
some province ranks below it unless the query names that place (search.service, rerank)."""

import pytest
from django.core.management import call_command

from search import service
from search.models import Synonym
from tests.factories import column, normative_document, organisation, publish

pytestmark = pytest.mark.django_db

ARTICLE = "第十条 电子商务经营者应当依法办理市场主体登记。电子商务经营者应当公示营业执照信息。"


def law(laws, title, slug, region, issued_here=False, body=ARTICLE):
    category = "地方性法规" if region != "全国" else "法律"
    page = normative_document(
        laws, title, slug, body, category, region=region, issued_here=issued_here
    )
    publish(page)
    return page


@pytest.fixture
def laws(db):
    organisation()
    return column(title="法律法规", slug="laws")


def titles(query):
    return [page.title for page in service.search(query).results]


def test_national_law_first_for_a_query_naming_no_place(laws):
    # The same title but for the province, and the local body says it twice: BM25 alone
    # put the local regulation first.
    law(laws, "浙江省网络交易管理办法", "zj", "浙江", body=ARTICLE + "\n\n" + ARTICLE)
    law(laws, "网络交易管理办法", "national", "全国")
    assert titles("电子商务经营者营业执照") == ["网络交易管理办法", "浙江省网络交易管理办法"]
    assert titles("浙江电子商务经营者营业执照")[0] == "浙江省网络交易管理办法"


def test_the_regulations_of_the_bureaus_own_region_are_not_lowered(laws):
    """机构设置 → 所在地区: the bureau's province is not another jurisdiction."""
    organisation(regions="浙江，杭州")
    law(laws, "浙江省网络交易管理办法", "zj", "浙江", body=ARTICLE + "\n\n" + ARTICLE)
    law(laws, "山东省网络交易管理办法", "sd", "山东", body=ARTICLE + "\n\n" + ARTICLE)
    law(laws, "网络交易管理办法", "national", "全国")
    assert titles("电子商务经营者营业执照")[-1] == "山东省网络交易管理办法"
    assert titles("电子商务经营者营业执照")[0] == "浙江省网络交易管理办法"


def test_the_bureaus_own_documents_are_not_lowered(laws):
    law(laws, "网络交易管理办法", "national", "全国")
    law(laws, "网络交易登记指引", "own", "河南", issued_here=True, body=ARTICLE + "\n\n" + ARTICLE)
    assert titles("电子商务经营者营业执照")[0] == "网络交易登记指引"


def test_a_colloquial_question_finds_the_statutory_words_through_the_shipped_list(laws):
    """search/data/synonyms.json: 网店 ⇔ 电子商务经营者, 营业执照 ⇔ 市场主体登记."""
    law(laws, "中华人民共和国电子商务法", "national", "全国", body="第十条 " + ARTICLE[4:24])
    assert titles("开网店要办营业执照吗") == []
    call_command("load_synonyms", verbosity=0)
    assert Synonym.objects.filter(terms__contains="电子商务经营者").exists()
    assert titles("开网店要办营业执照吗") == ["中华人民共和国电子商务法"]


def test_the_bureaus_regions_are_split_as_editors_type_them(db):
    """机构设置 → 所在地区, split as the synonym groups are (commas, 、, semicolons, lines)."""
    organisation(regions=" 河南，洛阳、 涧西区;新安县 ")
    assert service._own_regions() == ["河南", "洛阳", "涧西区", "新安县"]
    organisation(regions="")
    assert service._own_regions() == []
