from wagtail import hooks

from .admin_hooks import refuse_copying_gazette_issues

hooks.register("before_copy_page", refuse_copying_gazette_issues)
