"""The project lead's workshop board: analysis of all contributions, corrections and exports."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from participation.accounts.permissions import Permission
from participation.i18n import _l
from participation.sections import register_demo_loader, register_staff_section

workshop_cli = AppGroup("workshop", help="Workshop-Board: Analyse der Beiträge.")


@workshop_cli.command("analyse")
@click.argument("process_slug")
def analyse_command(process_slug: str) -> None:
    """Analyse all active contributions of a process now (with progress)."""
    from sqlalchemy import select

    from participation.extensions import db
    from participation.processes.models import Process
    from participation.workshop import operations
    from participation.workshop.models import RunStatus

    process = db.session.scalar(select(Process).where(Process.slug == process_slug))
    if process is None:
        raise click.ClickException(f"Kein Verfahren mit der Kennung {process_slug!r}.")
    try:
        run = operations.start_run(process, "cli")
    except operations.WorkshopError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()

    def progress(run):
        click.echo(f"  {run.step:<9} {run.processed:>6}/{run.total:<6} ({run.percent} %)")

    run = operations.execute_run(run.id, progress=progress)
    if run.status is not RunStatus.DONE:
        raise click.ClickException(f"Analyse fehlgeschlagen: {run.error}")
    click.echo(
        f"Analyse fertig: {run.total // 2} Beiträge, Modell: {run.model_kind} "
        f"({run.training_size} bestätigte Zuordnungen)."
    )


def analyse_demo_process(process) -> None:
    """Run the first analysis of a demo process so the board is populated on `make run`."""
    from participation.extensions import db
    from participation.workshop import operations

    db.session.flush()
    run = operations.start_run(process, "demo")
    db.session.commit()
    operations.execute_run(run.id)


def init_app(app: Flask) -> None:
    from participation.workshop.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(workshop_cli)
    register_staff_section(
        app,
        _l("Workshop-Board"),
        "workshop.board",
        Permission.VIEW,
        _l(
            "Alle Beiträge nach Handlungsfeldern und Unterthemen, Korrekturen und "
            "Material für den Strategieworkshop."
        ),
    )
    from participation.sections import register_personal_data_provider
    from participation.workshop.privacy import WorkshopPersonalData

    register_personal_data_provider(app, WorkshopPersonalData())
    # The demo comes with a first analysis, so the board has something to show on `make run`
    # (a few seconds; tests leave it out unless they ask for it).
    if app.config.get("WORKSHOP_DEMO_ANALYSIS", not app.testing):
        register_demo_loader(app, analyse_demo_process)
