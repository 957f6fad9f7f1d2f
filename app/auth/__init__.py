"""Sign-in and sign-out."""

from flask_babel import lazy_gettext as _l

from app.extensions import db, login_manager
from app.models import User

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please sign in to open this page.")
login_manager.login_message_category = "info"
# "strong" drops the session when the client's address or agent changes.
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """Load the signed-in user from the session; inactive users are refused."""
    if not user_id.isdigit():
        return None
    return db.session.get(User, int(user_id))
