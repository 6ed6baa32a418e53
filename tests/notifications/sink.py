"""A real SMTP server on 127.0.0.1 (aiosmtpd) that records what it receives.

Used by the integration tests and bench/reminders.py. It counts connections (one EHLO
or HELO each), records each message's outbox key, and can refuse the first N messages
with a temporary 451, or slow each message down a little.
"""

import asyncio
import threading
from collections import Counter
from email.parser import BytesHeaderParser

from aiosmtpd.controller import Controller

from tests.foundation.standalone import free_port


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.keys: list[str] = []
        self.recipients: list[str] = []
        self.connections = 0
        self.refusals = 0
        self.refuse_first = 0
        self.delay = 0.0
        self._parser = BytesHeaderParser()

    async def handle_HELO(self, server, session, envelope, hostname):
        with self.lock:
            self.connections += 1
        session.host_name = hostname
        return f"250 {server.hostname}"

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        headers = self._parser.parsebytes(envelope.original_content or envelope.content)
        with self.lock:
            if self.refuse_first > 0:
                self.refuse_first -= 1
                self.refusals += 1
                return "451 4.3.0 Try again later"
            self.keys.append(headers.get("X-Familiestotte-Key", ""))
            self.recipients.extend(envelope.rcpt_tos)
        return "250 OK"

    def received(self) -> list[str]:
        with self.lock:
            return list(self.keys)

    def duplicates(self) -> int:
        return sum(count - 1 for count in Counter(self.received()).values() if count > 1)


class SmtpSink:
    def __init__(self):
        self.recorder = Recorder()
        self.port = free_port()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        with self.recorder.lock:
            self.recorder.connections = 0  # the controller's own readiness probe
        return self.recorder

    def __exit__(self, *exc):
        self.controller.stop()
