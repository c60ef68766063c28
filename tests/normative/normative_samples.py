"""Ids of the real corpus records the normative tests use."""

CREDIT_CODE = "11520200MB15762018"

ANTIMONOPOLY_2007 = "6f022edc271e"
ANTIMONOPOLY_2022 = "3da27b1ae663"
CIVIL_CODE_PARTS = ("99f6ebe527d8", "1284dd23c112", "0c0541caa925")
STATE_COUNCIL_ORDER = "ab83b4e2b3c9"  # 专利代理条例, 国务院令第76号 … 第706号
JUDICIAL_INTERPRETATION = "3bf445e86ddf"  # 法释〔2021〕11号, first line of its history
PROVINCIAL = "b048d0604b7e"  # 浙江省人民代表大会常务委员会任免国家机关工作人员条例
COURT_RULES = "a78bdc1a0989"  # 人民法院在线调解规则, 最高人民法院审判委员会第1859次会议通过

SAMPLE_IDS = (
    ANTIMONOPOLY_2007,
    ANTIMONOPOLY_2022,
    *CIVIL_CODE_PARTS,
    STATE_COUNCIL_ORDER,
    JUDICIAL_INTERPRETATION,
    PROVINCIAL,
)
