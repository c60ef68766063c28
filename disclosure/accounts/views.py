"""登录锁定: the accounts and addresses locked now, and the superuser's unlock button."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .lockout import locks, unlock


@require_http_methods(["GET", "POST"])
def lockouts_view(request):
    if not (request.user.is_active and request.user.is_superuser):
        raise PermissionDenied
    if request.method == "POST":
        kind, value = request.POST.get("kind"), request.POST.get("value", "").strip()
        if kind not in ("username", "address") or not value:
            messages.error(request, _("请选择要解除的锁定。"))
        else:
            unlock(**{kind: value}, actor=request.user, request=request)
            messages.success(request, _("已解除对“%(value)s”的锁定。") % {"value": value})
        return redirect("security_lockouts")
    return TemplateResponse(request, "accounts/lockouts.html", {"locks": locks()})
