"""机构设置 → 所在地区: the names the search compares with the corpus's 地域."""

from disclosure.organisation.models import OrganisationSettings


def test_regions_are_split_on_the_separators_editors_type():
    settings = OrganisationSettings(regions=" 河南，洛阳、 涧西区;新安县 ")
    assert settings.region_names() == ["河南", "洛阳", "涧西区", "新安县"]
    assert OrganisationSettings(regions="").region_names() == []
