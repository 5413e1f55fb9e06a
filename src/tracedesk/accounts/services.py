import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tracedesk.accounts.models import ApiToken, Role, User
from tracedesk.audit.services import audit_record
from tracedesk.core.exceptions import ApplicationError


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    role: str,
    email: str = "",
    validate: bool = True,
) -> User:
    """Create an account; the password is checked against the validators first."""
    username = (username or "").strip()
    if not username:
        raise ApplicationError(_("Invalid user."), {"username": [_("A username is required.")]})
    if role not in Role.values:
        raise ApplicationError(
            _("Invalid user."),
            {
                "role": [
                    _("Unknown role “%(role)s”; choose one of %(roles)s.")
                    % {"role": role, "roles": ", ".join(Role.values)}
                ]
            },
        )
    if User.objects.filter(username__iexact=username).exists():
        raise ApplicationError(
            _("Invalid user."), {"username": [_("“%(u)s” is taken.") % {"u": username}]}
        )
    user = User(username=username, email=email, role=role)
    if validate:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ApplicationError(
                _("Invalid password."), {"password": list(exc.messages)}
            ) from None
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(actor=actor, action="user.create", target=user, data={"role": role})
    return user


@transaction.atomic
def api_token_create(*, actor: User, user: User, name: str) -> str:
    """Issue a token and return it once; only its hash is kept."""
    if not name.strip():
        raise ApplicationError(_("Invalid token."), {"name": [_("A token needs a name.")]})
    token = "td_" + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(user=user, name=name.strip(), token_hash=ApiToken.hash(token))
    audit_record(
        actor=actor, action="api_token.create", target=record, data={"user": user.username}
    )
    return token
