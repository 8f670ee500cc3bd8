"""Where features hook into shared pages without editing them.

A feature's `init_app` calls these; the process dashboard (staff) lists the staff sections the
user may open, and the participant start page of a process includes the participant templates.
"""

from __future__ import annotations

from flask import Flask


def init_sections(app: Flask) -> None:
    app.extensions.setdefault("staff_sections", [])
    app.extensions.setdefault("participant_sections", [])
    app.extensions.setdefault("demo_loaders", [])
    app.extensions.setdefault("process_created_hooks", [])
    app.extensions.setdefault("personal_data_providers", [])


def register_staff_section(app: Flask, title, endpoint: str, permission, description="") -> None:
    """List a staff page (endpoint taking `process_slug`) on the process dashboard."""
    app.extensions["staff_sections"].append(
        {"title": title, "endpoint": endpoint, "permission": permission, "description": description}
    )


def register_participant_section(app: Flask, template: str) -> None:
    """Include `template` (given `process`) on the participant start page of a process."""
    app.extensions["participant_sections"].append(template)


def register_demo_loader(app: Flask, loader) -> None:
    """Run `loader(process)` when demo data are loaded, in registration order."""
    app.extensions["demo_loaders"].append(loader)


def register_process_created_hook(app: Flask, hook) -> None:
    """Run `hook(process)` after a process is created (e.g. to copy a predecessor's surveys)."""
    app.extensions["process_created_hooks"].append(hook)


def register_personal_data_provider(app: Flask, provider) -> None:
    """Let a feature answer data-subject requests and anonymise archived processes.

    `provider` has `find(process, name) -> list[PersonalRecord]`, `delete(process, keys)` for
    keys from those records, and `anonymise(process)` removing every personal datum it stores.
    """
    app.extensions["personal_data_providers"].append(provider)
