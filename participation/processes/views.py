"""Staff pages of a process: its dashboard and settings; creating processes."""

from __future__ import annotations

import json

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from participation.accounts.operations import log_action
from participation.accounts.permissions import (
    Permission,
    admin_required,
    has_permission,
    process_permission_required,
)
from participation.contributions.queries import count_by_source
from participation.extensions import db
from participation.i18n import _
from participation.processes import operations, privacy
from participation.processes.forms import (
    DistrictForm,
    PhaseForm,
    ProcessCreateForm,
    RenameForm,
    ThemeForm,
)
from participation.processes.models import (
    AuditType,
    CrossCuttingTheme,
    FieldOfAction,
    Municipality,
    Phase,
    Process,
    TargetGroup,
)

bp = Blueprint("processes", __name__, url_prefix="/staff", template_folder="templates")

RENAMEABLE = {"field": FieldOfAction, "theme": CrossCuttingTheme, "target_group": TargetGroup}


@bp.route("/p/<process_slug>/")
@process_permission_required(Permission.VIEW)
def dashboard(process: Process):
    from flask_login import current_user

    sections = [
        s
        for s in current_app.extensions["staff_sections"]
        if has_permission(current_user, process, s["permission"])
    ]
    return render_template(
        "processes/dashboard.html",
        process=process,
        counts=count_by_source(process),
        sections=sections,
        can_manage=has_permission(current_user, process, Permission.MANAGE),
    )


def _settings_forms(process: Process) -> dict:
    participation = process.phase_dates(Phase.PARTICIPATION)
    phase_form = PhaseForm(
        prefix="phase",
        data={
            "phase": process.current_phase.value,
            "starts_on": participation.starts_on if participation else None,
            "ends_on": participation.ends_on if participation else None,
        },
    )
    phase_form.phase.choices = [(p.value, p.title) for p in Phase]
    return {
        "phase_form": phase_form,
        "theme_form": ThemeForm(prefix="theme"),
        "district_form": DistrictForm(prefix="district"),
        "rename_form": RenameForm(prefix="rename"),
    }


@bp.route("/p/<process_slug>/settings")
@process_permission_required(Permission.MANAGE)
def settings(process: Process):
    return render_template("processes/settings.html", process=process, **_settings_forms(process))


def _settings_error(process: Process, forms: dict, status: int = 422):
    return render_template("processes/settings.html", process=process, **forms), status


@bp.route("/p/<process_slug>/settings/phase", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def update_phase(process: Process):
    forms = _settings_forms(process)
    form = forms["phase_form"]
    if form.validate_on_submit():
        try:
            operations.set_phase(process, Phase(form.phase.data))
            operations.set_phase_dates(
                process, Phase.PARTICIPATION, form.starts_on.data, form.ends_on.data
            )
        except operations.ProcessError as error:
            db.session.rollback()
            form.ends_on.errors = [str(error)]
            return _settings_error(process, forms)
        log_action(
            "process_phase_changed",
            f"process:{process.id}",
            process=process,
            phase=process.current_phase.value,
        )
        db.session.commit()
        flash(_("Die Phase ist gespeichert."), "success")
        return redirect(url_for("processes.settings", process_slug=process.slug))
    return _settings_error(process, forms)


@bp.route("/p/<process_slug>/settings/rename/<kind>/<int:item_id>", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def rename(process: Process, kind: str, item_id: int):
    model = RENAMEABLE.get(kind)
    if model is None:
        abort(404)
    item = db.session.get(model, item_id)
    if item is None or item.process_id != process.id:
        abort(404)
    forms = _settings_forms(process)
    form = forms["rename_form"]
    if form.validate_on_submit():
        old_name = item.name
        operations.rename_reference(item, form.name.data)
        log_action(
            "reference_renamed", f"{kind}:{item.code}", process=process, old=old_name, new=item.name
        )
        db.session.commit()
        flash(_("„%(old)s“ heißt jetzt „%(new)s“.", old=old_name, new=item.name), "success")
        return redirect(url_for("processes.settings", process_slug=process.slug))
    flash(_("Der Name darf nicht leer sein und höchstens 200 Zeichen haben."), "error")
    return _settings_error(process, forms)


@bp.route("/p/<process_slug>/settings/themes", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def add_theme(process: Process):
    forms = _settings_forms(process)
    form = forms["theme_form"]
    if form.validate_on_submit():
        try:
            theme = operations.add_custom_theme(
                process, form.name.data, form.description.data or ""
            )
        except operations.ProcessError as error:
            db.session.rollback()
            form.name.errors = [str(error)]
            return _settings_error(process, forms)
        log_action("theme_added", f"theme:{theme.code}", process=process, name=theme.name)
        db.session.commit()
        flash(_("Das Querschnittsthema ist angelegt."), "success")
        return redirect(url_for("processes.settings", process_slug=process.slug))
    return _settings_error(process, forms)


@bp.route("/p/<process_slug>/settings/districts", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def add_district(process: Process):
    forms = _settings_forms(process)
    form = forms["district_form"]
    if form.validate_on_submit():
        try:
            district = operations.add_district(process, form.name.data)
        except operations.ProcessError as error:
            db.session.rollback()
            form.name.errors = [str(error)]
            return _settings_error(process, forms)
        log_action("district_added", f"district:{district.name}", process=process)
        db.session.commit()
        flash(_("„%(name)s“ ist eingetragen.", name=district.name), "success")
        return redirect(url_for("processes.settings", process_slug=process.slug))
    return _settings_error(process, forms)


@bp.route("/processes/new", methods=["GET", "POST"])
@admin_required
def create():
    form = ProcessCreateForm()
    form.audit_type.choices = [(t.value, t.title) for t in AuditType]
    earlier = db.session.scalars(select(Process).order_by(Process.name)).all()
    form.predecessor.choices = [("", _("— keine, erstes Audit —"))] + [
        (p.slug, p.name) for p in earlier
    ]
    if form.validate_on_submit():
        predecessor = next((p for p in earlier if p.slug == form.predecessor.data), None)
        audit_type = AuditType(form.audit_type.data)
        municipality = predecessor.municipality if predecessor else None
        if municipality is None:
            municipality = db.session.scalar(
                select(Municipality).where(Municipality.name == form.municipality.data.strip())
            ) or Municipality(
                name=form.municipality.data.strip(),
                is_district=audit_type is AuditType.FAMILY_DISTRICT,
            )
        districts = [line.strip() for line in (form.districts.data or "").splitlines()]
        try:
            process = operations.create_process(
                municipality,
                form.name.data,
                audit_type,
                predecessor=predecessor,
                districts=[d for d in districts if d],
            )
        except operations.ProcessError as error:
            db.session.rollback()
            form.name.errors = [str(error)]
        else:
            log_action(
                "process_created",
                f"process:{process.id}",
                process=process,
                audit_type=audit_type.value,
                predecessor=predecessor.slug if predecessor else None,
            )
            db.session.commit()
            flash(_("Das Verfahren „%(name)s“ ist angelegt.", name=process.name), "success")
            return redirect(url_for("processes.dashboard", process_slug=process.slug))
    return render_template("processes/create.html", form=form), 200 if not form.errors else 422


@bp.route("/p/<process_slug>/personal-data")
@process_permission_required(Permission.MANAGE)
def personal_data(process: Process):
    name = (request.args.get("name") or "").strip()[:200]
    records = privacy.find_personal_data(process, name) if name else []
    return render_template(
        "processes/personal_data.html", process=process, name=name, records=records
    )


@bp.route("/p/<process_slug>/personal-data/export", methods=["POST"])
@process_permission_required(Permission.EXPORT)
def export_personal_data(process: Process):
    name = (request.form.get("name") or "").strip()[:200]
    records = privacy.find_personal_data(process, name)
    log_action(
        "personal_data_exported", f"process:{process.id}", process=process, count=len(records)
    )
    db.session.commit()
    payload = json.dumps(
        {"process": process.name, "name": name, "records": [r.as_dict() for r in records]},
        ensure_ascii=False,
        indent=2,
        default=str,
    )
    response = current_app.response_class(payload, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="auskunft.json"'
    return response


@bp.route("/p/<process_slug>/personal-data/delete", methods=["POST"])
@process_permission_required(Permission.MANAGE)
def delete_personal_data(process: Process):
    keys = [k for k in request.form.getlist("key") if k][:1000]
    name = (request.form.get("name") or "").strip()[:200]
    if not keys:
        flash(_("Bitte wählen Sie mindestens einen Eintrag aus."), "error")
    else:
        deleted = privacy.delete_personal_data(process, keys)
        db.session.commit()
        flash(_("%(n)s Einträge gelöscht.", n=deleted), "success")
    return redirect(url_for("processes.personal_data", process_slug=process.slug, name=name))


@bp.route("/p/<process_slug>/archive", methods=["POST"])
@process_permission_required(Permission.ADMIN)
def archive(process: Process):
    if request.form.get("confirm") != process.slug:
        flash(_("Zur Bestätigung bitte den Kurznamen des Verfahrens eingeben."), "error")
        return redirect(url_for("processes.settings", process_slug=process.slug))
    privacy.archive_process(process)
    db.session.commit()
    flash(_("Das Verfahren ist archiviert; personenbezogene Angaben sind gelöscht."), "success")
    return redirect(url_for("processes.dashboard", process_slug=process.slug))
