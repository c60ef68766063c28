"""Who counts as staff for the session rules: anyone who may enter Wagtail's admin (the project's
roles give ``wagtailadmin.access_admin``; only the system administrators have ``is_staff``)."""


def is_staff_user(user):
    return user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")
