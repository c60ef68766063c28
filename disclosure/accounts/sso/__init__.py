"""Single sign-on of staff from the provincial unified identity platform (统一身份认证平台):
OpenID Connect (:mod:`.oidc`) and CAS (:mod:`.cas`) beside the local accounts, with the
provider's attributes mapped to departments and roles in one place (:mod:`.mapping`)."""
