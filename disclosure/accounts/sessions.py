"""Session keys shared by the parts of staff login."""

#: Set by single sign-on when the provider asserted a second factor of its own (and the
#: settings trust it): the TOTP middleware then counts the session as verified.
SSO_SECOND_FACTOR = "accounts_sso_second_factor"
#: Time of the last request of a logged-in staff user (for the idle timeout).
LAST_ACTIVITY = "accounts_last_activity"
