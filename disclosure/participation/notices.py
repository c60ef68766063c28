"""What the sender of a message is told by e-mail (when they left an address): that a complaint
goes to its own channel, and that the answer is ready. A mail that cannot be sent is logged; the
step it follows is already committed."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def complaint_notice_text():
    return _(
        "您的留言属于投诉举报事项，不作为政民互动留言公开办理。本局将按照《市场监督管理投诉举报"
        "处理暂行办法》转入投诉举报渠道处理；您也可以拨打12315或登录全国12315平台"
        "（www.12315.cn）提出投诉举报。"
    )


def complaint_notice(message):
    _send(message, _("您的留言已转入投诉举报渠道"), complaint_notice_text())


def answer_notice(message):
    text = _("您的留言“%(subject)s”已答复。请凭查询码 %(code)s 在门户网站“政民互动”查询答复。") % {
        "subject": message.subject,
        "code": message.query_code,
    }
    _send(message, _("您的留言已答复"), text)


def _send(message, subject, text):
    if not message.email:
        return
    try:
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [message.email])
    except OSError:
        logger.exception("notice to the sender of message %s not sent", message.pk)
