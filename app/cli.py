"""Command-line tasks: catalogues, demo data and accounts."""

from __future__ import annotations

import click
from flask import Flask

from app.hr.catalogues import (
    COMPETENCIES_FILE,
    RANKS_FILE,
    CatalogueError,
    load_certificate_types,
    load_competencies,
    load_ranks,
)


@click.command("load-catalogues")
@click.option(
    "--ranks",
    "ranks_file",
    type=click.Path(dir_okay=False),
    default=str(RANKS_FILE),
    show_default=True,
)
@click.option(
    "--competencies",
    "competencies_file",
    type=click.Path(dir_okay=False),
    default=str(COMPETENCIES_FILE),
    show_default=True,
)
def load_catalogues_command(ranks_file: str, competencies_file: str) -> None:
    """Load the rank catalogue and the ASN competency dictionary (idempotent)."""
    try:
        ranks = load_ranks(ranks_file)
        competencies = load_competencies(competencies_file)
        certificates = load_certificate_types()
    except CatalogueError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Ranks: {ranks.added} added, {ranks.updated} updated.")
    click.echo(
        f"Competencies: {competencies.added} added, {competencies.updated} updated."
    )
    click.echo(
        f"Certificate types: {certificates.added} added, "
        f"{certificates.updated} updated."
    )


@click.command("seed-demo")
@click.option(
    "--employees",
    default=300,
    show_default=True,
    type=click.IntRange(50, 50_000),
    help="How many employees to generate.",
)
@click.option(
    "--seed",
    default=2026,
    show_default=True,
    help="Random seed; the same seed gives the same people.",
)
def seed_demo_command(employees: int, seed: int) -> None:
    """Load catalogues and the Marelan demo organisation (idempotent)."""
    from app.demo.seed import DEMO_PASSWORD, seed_demo

    load_ranks()
    load_competencies()
    load_certificate_types()
    report = seed_demo(employees=employees, seed=seed, progress=click.echo)
    click.echo(
        f"Units {report.units}, positions {report.positions}, "
        f"employees {report.employees} ({report.added_employees} new), "
        f"assessments {report.added_assessments} new.\n{report.records_line}."
        f"\n{report.plans_line}."
        f"\n{report.mentoring_line}."
        f"\n{report.opportunities.line}."
        f"\n{report.monitoring.line}."
    )
    click.echo(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
    for account in report.accounts:
        click.echo(
            f"  {account.role:<11} {account.nip_display}  "
            f"{account.email}  {account.name}"
        )


@click.command("create-user")
@click.option("--email", required=True, help="Login e-mail address.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option(
    "--nip",
    help="NIP of a PNS or NI of a PPPK: link the login to this employee "
    "(created if new).",
)
@click.option(
    "--pppk/--pns",
    "pppk",
    default=None,
    help="Employment type of the number; by default it follows from the number "
    "(digit 13 of an NI is 2).",
)
@click.option("--name", help="Name of a new employee.")
@click.option("--unit", "unit_code", help="Unit code of a new employee.")
@click.option(
    "--rank",
    "rank_code",
    help="Rank of a new employee: a pangkat/golongan such as III/a for a PNS, "
    "a golongan such as IX for a PPPK.",
)
@click.option("--hr", is_flag=True, help="Give the HR role.")
@click.option("--admin", is_flag=True, help="Give the admin role.")
def create_user_command(
    email, password, nip, pppk, name, unit_code, rank_code, hr, admin
) -> None:
    """Create a login, for an existing or new employee or a staff-only account."""
    from app.auth.accounts import AccountError, create_user

    try:
        user = create_user(
            email=email,
            password=password,
            nip=nip,
            pppk=pppk,
            name=name,
            unit_code=unit_code,
            rank_code=rank_code,
            is_hr=hr,
            is_admin=admin,
        )
    except AccountError as error:
        raise click.BadParameter(str(error)) from None
    click.echo(f"Created user {user.email} (id {user.id}).")


def _size(value: str) -> tuple[int, int]:
    """``MENTEESxMENTORS`` as two numbers within what the generator can do."""
    mentees, _, mentors = value.lower().partition("x")
    try:
        size = int(mentees), int(mentors)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not MENTEESxMENTORS") from None
    if not (1 <= size[0] <= 20_000 and 10 <= size[1] <= 20_000):
        raise click.BadParameter("mentees from 1, mentors from 10, both up to 20000")
    return size


@click.command("matching-eval")
@click.option(
    "--size",
    "sizes",
    multiple=True,
    default=["200x300", "1000x1500"],
    show_default=True,
    help="MENTEESxMENTORS; repeat for several sizes.",
)
@click.option(
    "--seed",
    "seeds",
    multiple=True,
    type=click.IntRange(0, 2**32 - 1),
    default=[0, 1, 2],
    show_default=True,
    help="Repeat for several seeds.",
)
def matching_eval_command(sizes: tuple[str, ...], seeds: tuple[int, ...]) -> None:
    """Measure the mentor matching on generated data with planted good mentors.

    Per size, over the seeds: precision@1, precision@5 and the mean reciprocal
    rank of the planted mentor for the model and the baselines, how often each
    kind of trap is ranked above it, and the cohort's planted pairs.
    """
    from app.matching.evaluate import format_report, run_evaluation

    parsed = [_size(size) for size in sizes]
    click.echo(format_report(run_evaluation(parsed, seeds)))


def init_app(app: Flask) -> None:
    """Register the commands with ``flask``."""
    for command in (
        load_catalogues_command,
        seed_demo_command,
        create_user_command,
        matching_eval_command,
    ):
        app.cli.add_command(command)
