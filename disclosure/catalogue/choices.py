"""Value lists of the national catalogue format (基层政务公开标准目录), see ``domain.md``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """公开渠道和载体 (multi-valued)."""

    WEBSITE = "website", _("政府网站")
    GAZETTE = "gazette", _("政府公报")
    NEW_MEDIA = "new_media", _("两微一端")
    PRESS_CONFERENCE = "press_conference", _("发布会/听证会")
    BROADCAST = "broadcast", _("广播电视")
    PRINT = "print", _("纸质媒体")
    READING_POINT = "reading_point", _("公开查阅点")
    SERVICE_CENTRE = "service_centre", _("政务服务中心")
    SERVICE_STATION = "service_station", _("便民服务站")
    DOOR_TO_DOOR = "door_to_door", _("入户/现场")
    NOTICE_BOARD = "notice_board", _("公示栏/电子屏")
    TARGETED_PUSH = "targeted_push", _("精准推送")
    CREDIT_SYSTEM = "credit_system", _("国家企业信用信息公示系统")
    OTHER = "other", _("其他")


# Spellings seen in real catalogues for the same channel.
CHANNEL_ALIASES = {
    "发布会": Channel.PRESS_CONFERENCE,
    "听证会": Channel.PRESS_CONFERENCE,
    "新闻发布会": Channel.PRESS_CONFERENCE,
    "入户": Channel.DOOR_TO_DOOR,
    "现场": Channel.DOOR_TO_DOOR,
    "公示栏": Channel.NOTICE_BOARD,
    "电子屏": Channel.NOTICE_BOARD,
    "政务微博": Channel.NEW_MEDIA,
    "政务微信": Channel.NEW_MEDIA,
    "政府网站": Channel.WEBSITE,
}


def parse_channel(label):
    """A channel code from a Chinese label or alias; ``None`` when unknown."""
    label = label.strip()
    for value, choice_label in Channel.choices:
        if label in (value, str(choice_label)):
            return value
    alias = CHANNEL_ALIASES.get(label)
    return alias.value if alias is not None else None


class Audience(models.TextChoices):
    """公开对象."""

    PUBLIC = "public", _("全社会")
    SPECIFIC = "specific", _("特定群体")


class DisclosureMethod(models.TextChoices):
    """公开方式 of a catalogue item."""

    PROACTIVE = "proactive", _("主动")
    ON_REQUEST = "on_request", _("依申请")


class Level(models.TextChoices):
    """公开层级."""

    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡级")


def choice_from_label(choices, label):
    label = (label or "").strip()
    for value, choice_label in choices.choices:
        if label in (value, str(choice_label)):
            return value
    return None
