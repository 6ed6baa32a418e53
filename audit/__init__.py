"""The audit log: who changed what, when, before and after, and from which address.

`record` writes an event that is not a model save; `shred_person` removes a deleted
person from their rows. Model saves of the registered models are written by
django-auditlog (audit.registrations). Nothing here imports a model at import time,
so the apps above may import this package anywhere.
"""

from .recording import record
from .shredding import PLACEHOLDER, add_name_source, shred_person

__all__ = ["PLACEHOLDER", "add_name_source", "record", "shred_person"]
