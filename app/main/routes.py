"""The home page for each role, and the language switch."""

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from app.access import Role, current_roles
from app.auth.services import remember_locale
from app.errors import fail
from app.htmx import wants_partial
from app.i18n import LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE
from app.main.urls import page_number, safe_next
from app.plans.queries import plans_awaiting_review
from app.profile.services import direct_subordinates

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    """Show the home page fitting the user's roles; anonymous users sign in."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    team = awaiting = None
    if Role.SUPERVISOR in current_roles():
        team = direct_subordinates(current_user.employee_id, page_number())
        if wants_partial("subordinates"):
            return render_template("main/_subordinates.html", team=team)
        awaiting = plans_awaiting_review(current_user.employee_id)
    return render_template("main/index.html", team=team, awaiting=awaiting)


@bp.post("/locale")
def set_locale():
    """Switch the interface language and remember the choice."""
    locale = request.form.get("locale", "")
    if locale not in current_app.config["LANGUAGES"]:
        fail(400, _("Choose Bahasa Indonesia or English."))
    response = redirect(safe_next(request.form.get("next")), code=303)
    response.set_cookie(
        LOCALE_COOKIE,
        locale,
        max_age=LOCALE_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    if current_user.is_authenticated:
        remember_locale(current_user, locale)
    return response


@bp.get("/healthz")
def health():
    """Report that the worker is up (for the reverse proxy)."""
    return {"status": "ok"}
