"""The reply letter (政府信息公开申请答复告知书) of a request and the blank request form
(政府信息公开申请表) for letters, printed as DOCX or PDF by :mod:`disclosure.printing`.

Each outcome of the annual report's table 三 (:class:`~.choices.Outcome`) has its own text with
its legal basis: 条例 第36条 and its items, 第37条 (partial disclosure), 第38条 (no processing
or analysis), 第39条 (petitions, publications), 第30条 (no clarification), 第35条 and 第42条
(unreasonable volume, fees), 第14–16条 (the grounds for withholding). Every letter ends with the
requester's remedies (第51条: 行政复议 within 60 days, 行政诉讼 within 6 months)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosure.organisation.models import organisation_for
from disclosure.printing import docx, pdf
from disclosure.printing.document import CENTER, LEFT, RIGHT, Cell, Document, Paragraph, Table

from .choices import Delivery, FormWanted, IdentityDocument, Outcome, RequesterType

LAW = gettext_lazy("《中华人民共和国政府信息公开条例》")

#: Outcome → the paragraph that answers, with its legal basis. ``%(you)s`` is 您 or 贵单位,
#: ``%(law)s`` the regulation's name, ``%(form)s`` and ``%(delivery)s`` what the requester asked.
CASES = {
    Outcome.GRANTED: gettext_lazy(
        "经审查，%(you)s申请获取的政府信息属于公开范围。根据%(law)s第三十六条第（二）项的规定，"
        "本机关决定予以公开，按照%(you)s要求的%(form)s形式，通过%(delivery)s方式提供。"
    ),
    Outcome.PARTIAL: gettext_lazy(
        "经审查，%(you)s申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据%(law)s"
        "第三十七条、第三十六条第（三）项的规定，本机关向%(you)s提供可以公开的政府信息内容，"
        "按照%(you)s要求的%(form)s形式，通过%(delivery)s方式提供，并对不予公开的内容说明理由。"
    ),
    Outcome.WITHHELD_STATE_SECRET: gettext_lazy(
        "经审查，%(you)s申请获取的政府信息依法确定为国家秘密。根据%(law)s第十四条、"
        "第三十六条第（三）项的规定，本机关决定不予公开。"
    ),
    Outcome.WITHHELD_BY_LAW: gettext_lazy(
        "经审查，%(you)s申请获取的政府信息属于法律、行政法规禁止公开的政府信息。根据%(law)s"
        "第十四条、第三十六条第（三）项的规定，本机关决定不予公开。"
    ),
    Outcome.WITHHELD_SECURITY: gettext_lazy(
        "经审查，%(you)s申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。"
        "根据%(law)s第十四条、第三十六条第（三）项的规定，本机关决定不予公开。"
    ),
    Outcome.WITHHELD_THIRD_PARTY: gettext_lazy(
        "经审查，%(you)s申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，"
        "第三方不同意公开，且不公开不会对公共利益造成重大影响。根据%(law)s第十五条、第三十二条、"
        "第三十六条第（三）项的规定，本机关决定不予公开。"
    ),
    Outcome.WITHHELD_INTERNAL: gettext_lazy(
        "经审查，%(you)s申请获取的政府信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息。"
        "根据%(law)s第十六条第一款、第三十六条第（三）项的规定，本机关决定不予公开。"
    ),
    Outcome.WITHHELD_PROCESS: gettext_lazy(
        "经审查，%(you)s申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、"
        "过程稿、磋商信函、请示报告等过程性信息。根据%(law)s第十六条第二款、第三十六条第（三）项的"
        "规定，本机关决定不予公开。"
    ),
    Outcome.WITHHELD_ENFORCEMENT_FILE: gettext_lazy(
        "经审查，%(you)s申请获取的政府信息属于行政执法案卷信息。根据%(law)s第十六条第二款、"
        "第三十六条第（三）项的规定，本机关决定不予公开。"
    ),
    Outcome.WITHHELD_QUERY: gettext_lazy(
        "经审查，%(you)s申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有"
        "特别规定的信息。根据%(law)s第三十六条第（七）项的规定，请%(you)s依照有关法律、行政法规的"
        "规定办理。"
    ),
    Outcome.UNAVAILABLE_NOT_HELD: gettext_lazy(
        "经检索，本机关没有%(you)s申请公开的政府信息。根据%(law)s第三十六条第（四）项、第（五）项的"
        "规定，告知%(you)s该政府信息不存在；能够确定负责公开该政府信息的行政机关的，一并告知其名称"
        "和联系方式。"
    ),
    Outcome.UNAVAILABLE_NEEDS_CREATION: gettext_lazy(
        "经审查，本机关没有%(you)s申请获取的现成信息，需要对现有政府信息进行加工、分析才能形成。"
        "根据%(law)s第三十八条的规定，本机关不予提供。"
    ),
    Outcome.UNAVAILABLE_UNCLEAR: gettext_lazy(
        "本机关已告知%(you)s对申请内容作出补正，补正后申请内容仍不明确，无法确定%(you)s所需要的"
        "政府信息。根据%(law)s第二十九条第二款、第三十条的规定，本机关无法提供。"
    ),
    Outcome.NOT_PROCESSED_PETITION: gettext_lazy(
        "经审查，%(you)s以政府信息公开申请的形式进行信访、投诉、举报等活动。根据%(law)s第三十九条"
        "第一款的规定，本机关不作为政府信息公开申请处理，%(you)s可以通过信访、投诉、举报等相应渠道"
        "提出。"
    ),
    Outcome.NOT_PROCESSED_REPEATED: gettext_lazy(
        "本机关已就%(you)s提出的政府信息公开申请作出答复，%(you)s重复申请公开相同的政府信息。"
        "根据%(law)s第三十六条第（六）项的规定，本机关不予重复处理。"
    ),
    Outcome.NOT_PROCESSED_PUBLICATION: gettext_lazy(
        "经审查，%(you)s申请获取的是政府公报、报刊、书籍等公开出版物。根据%(law)s第三十九条第二款"
        "的规定，本机关告知%(you)s获取的途径，不作为政府信息公开申请处理。"
    ),
    Outcome.NOT_PROCESSED_UNREASONABLE: gettext_lazy(
        "%(you)s申请公开政府信息的数量、频次明显超过合理范围，本机关已要求%(you)s说明理由，经审查"
        "申请理由不合理。根据%(law)s第三十五条的规定，本机关不予处理。"
    ),
    Outcome.NOT_PROCESSED_CONFIRM: gettext_lazy(
        "经审查，%(you)s要求本机关确认或者重新出具%(you)s已经获取的信息，不属于%(law)s第二条、"
        "第二十七条所称申请获取政府信息。本机关不作为政府信息公开申请处理。"
    ),
    Outcome.OTHER_NO_CLARIFICATION: gettext_lazy(
        "本机关已告知%(you)s对申请内容作出补正，%(you)s无正当理由逾期未补正。根据%(law)s第三十条的"
        "规定，视为放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    Outcome.OTHER_FEE_UNPAID: gettext_lazy(
        "本机关已依照%(law)s第四十二条和《政府信息公开信息处理费管理办法》的规定向%(you)s发出收费"
        "通知，%(you)s逾期未按收费通知要求缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息"
        "公开申请。"
    ),
    Outcome.OTHER: gettext_lazy("根据%(law)s第三十六条的规定，本机关对%(you)s的申请作出处理。"),
}


def chinese_date(day):
    """A date as official documents write it (GB/T 9704—2012 7.3.5.1): 2026年12月4日."""
    return _("%(year)s年%(month)s月%(day)s日") % {
        "year": day.year,
        "month": day.month,
        "day": day.day,
    }


def _bureau():
    settings = organisation_for()
    return (settings.name or "").strip() if settings is not None else ""


def remedies():
    """第51条: 行政复议 within 60 days, 行政诉讼 within 6 months (行政复议法 第20条, 行政诉讼法
    第46条). The reconsideration body depends on where the bureau sits (行政复议法 第24条), so it
    is named generically."""
    return _(
        "如对本答复不服，可以自收到本告知书之日起60日内向%(body)s申请行政复议，或者在6个月内向"
        "%(court)s提起行政诉讼。"
    ) % {"body": _("有管辖权的行政复议机关"), "court": _("有管辖权的人民法院")}


def reply_letter(information_request):
    """The :class:`~disclosure.printing.document.Document` of ``request``'s reply letter;
    ``ValueError`` (in Chinese) while it has no outcome."""
    if not information_request.outcome:
        raise ValueError(
            _("申请 %(number)s 尚未答复，没有答复告知书。") % {"number": information_request}
        )
    you = (
        _("您")
        if information_request.requester_type == RequesterType.NATURAL_PERSON
        else _("贵单位")
    )
    received = (
        information_request.received_on
        or timezone.localtime(information_request.submitted_at).date()
    )
    replied = information_request.replied_on or timezone.localdate()
    bureau = _bureau()
    case = CASES[Outcome(information_request.outcome)] % {
        "you": you,
        "law": LAW,
        "form": information_request.get_form_wanted_display(),
        "delivery": information_request.get_delivery_display(),
    }
    blocks = [
        Paragraph(
            _("%(name)s：") % {"name": information_request.requester_name}, align=LEFT, indent=False
        ),
        Paragraph(
            _(
                "本机关于%(received)s收到%(you)s提出的政府信息公开申请（申请编号：%(number)s），"
                "%(you)s申请获取的政府信息为：%(description)s"
            )
            % {
                "received": chinese_date(received),
                "you": you,
                "number": information_request.tracking_number,
                "description": information_request.description.strip(),
            }
        ),
        Paragraph(_("现答复如下：")),
        Paragraph(case),
    ]
    if information_request.reply_summary.strip():
        blocks.append(Paragraph(information_request.reply_summary.strip()))
    blocks += [
        Paragraph(remedies()),
        Paragraph(_("特此告知。")),
        Paragraph(""),
        Paragraph(bureau or _("（行政机关名称）"), align=RIGHT, indent=False),
        Paragraph(chinese_date(replied), align=RIGHT, indent=False),
    ]
    return Document(
        _("政府信息公开申请答复告知书"),
        blocks,
        subtitle=_("申请编号：%(number)s") % {"number": information_request.tracking_number},
    )


def reply_letter_docx(information_request):
    return docx.render(reply_letter(information_request))


def reply_letter_pdf(information_request):
    """The letter as PDF; :class:`disclosure.printing.pdf.PrintingUnavailable` without a
    Chinese font."""
    return pdf.render(reply_letter(information_request))


# --- the blank request form ------------------------------------------------------------


def _boxes(choices):
    return "　".join(f"□{label}" for label in choices)


def information_request_form():
    """The blank 政府信息公开申请表 (the fields of the online form, 条例 第29条) as a bordered
    table, for requests by letter or in person."""
    kinds = _("□%(person)s　　法人或其他组织：%(organisations)s") % {
        "person": RequesterType.NATURAL_PERSON.label,
        "organisations": _boxes(
            t.label for t in RequesterType if t != RequesterType.NATURAL_PERSON
        ),
    }
    applicant = _("申请人信息")
    wanted = _("所需信息情况")
    rows = [
        [Cell(applicant, rowspan=7, align=CENTER), _("申请人类型"), kinds],
        [_("姓名或名称"), ""],
        [_("身份证明类型"), _boxes(IdentityDocument.labels)],
        [_("身份证明号码"), ""],
        [_("联系电话"), ""],
        [_("电子邮箱"), ""],
        [_("通信地址"), ""],
        [
            Cell(wanted, rowspan=3, align=CENTER),
            _("所需信息的名称、文号或者便于查询的其他特征性描述"),
            "\n\n\n",
        ],
        [_("获取信息的载体形式"), _boxes(FormWanted.labels)],
        [_("获取信息的方式"), _boxes(Delivery.labels)],
        [
            Cell(_("申请人签名（盖章）"), colspan=2, align=CENTER),
            Cell(_("\n\n年　　月　　日　　"), align=RIGHT),
        ],
    ]
    settings = organisation_for()
    notes = [
        _("1. 请如实、完整填写，申请人为法人或其他组织的，身份证明填写统一社会信用代码。"),
        _(
            "2. 本机关自收到申请之日起20个工作日内答复；需要延长的，延长期限最长不超过20个工作日"
            "（条例第三十三条）。信函申请以签收之日为收到申请之日（条例第三十一条）。"
        ),
    ]
    if settings is not None and settings.address:
        notes.append(
            _(
                "3. 信函申请请寄至：%(address)s%(postcode)s%(office)s，信封上注明“政府信息公开申请”。"
            )
            % {
                "address": settings.address,
                "postcode": f"（{settings.postcode}）" if settings.postcode else "",
                "office": settings.office_name or settings.name,
            }
        )
    return Document(
        _("政府信息公开申请表"),
        [
            Table(rows, widths=[2, 3.6, 9.4], font_size=12),
            *[Paragraph(note, align=LEFT, indent=False) for note in notes],
        ],
        subtitle=_bureau(),
        body_size=12,  # 小四: the notes under the table
    )


def information_request_form_docx():
    return docx.render(information_request_form())
