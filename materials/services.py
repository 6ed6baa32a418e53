"""Adding and removing a session's materials (the coordinator's workspace uses these)."""

from django.db import transaction

from programme.models import Material


def add_material(*, material: Material) -> Material:
    """Save a material whose form has been validated (Material.clean checked the file):
    the file is written to the private storage under its random name."""
    with transaction.atomic():
        material.save()
    return material


def remove_material(*, material: Material) -> None:
    """Delete the material, and its stored file once the deletion is committed, unless a
    copied programme's material still uses the same file."""
    name = material.file.name if material.file else ""
    storage = material.file.storage
    with transaction.atomic():
        material.delete()
        if name and not Material.objects.filter(file=name).exists():
            transaction.on_commit(lambda: storage.delete(name))
