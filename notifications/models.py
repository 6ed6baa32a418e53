"""The email outbox (issue 4)."""
