"""fahras-serve for one test: started on a free port of 127.0.0.1, always stopped.

    with serve(program, db) as server:
        status, headers, body = server.get("/api/search", q="بوتين")

The server is started with --port 0 and says on stderr where it listens; the test then
polls it until it answers (at most START_TIMEOUT seconds). At the end, on success or
failure, it gets SIGTERM (SIGKILL if it does not stop); it also gets SIGTERM if the test
process itself dies first (PR_SET_PDEATHSIG), e.g. killed by CTest's TIMEOUT.
"""
import contextlib
import ctypes
import http.client
import json
import queue
import re
import signal
import subprocess
import threading
import time
import urllib.parse

START_TIMEOUT = 15.0  # seconds: the program starts in milliseconds, a loaded machine is slower
REQUEST_TIMEOUT = 15.0

_PR_SET_PDEATHSIG = 1


def _die_with_parent():
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class Server:
    """A running fahras-serve: its base URL, its port, and what it wrote on stderr."""

    def __init__(self, process, lines):
        self.process = process
        self._lines = lines
        self.stderr = []
        self.url = None
        self.port = None
        self.exit_code = None

    def _read_url(self):
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("fahras-serve did not say where it listens within %.0f s"
                                     % START_TIMEOUT)
            try:
                line = self._lines.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                raise AssertionError("fahras-serve exited before listening (exit %s): %s"
                                     % (self.process.wait(), "".join(self.stderr)))
            self.stderr.append(line)
            match = re.fullmatch(r"fahras-serve: serving '.*' on (http://127\.0\.0\.1:(\d+)/)\n", line)
            if match:
                self.url, self.port = match.group(1), int(match.group(2))
                return

    def _wait_until_it_answers(self):
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                self.request("HEAD", "/")
                return
            except OSError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)  # polling interval, not a wait for the server

    def request(self, method, path, params=None, headers=None, body=None):
        """(status, headers as a dict with lower-case names, body bytes) of one request."""
        target = path
        if params:
            target += "?" + urllib.parse.urlencode(params, doseq=True)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, target, body=body, headers=headers or {})
            response = connection.getresponse()
            data = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data
        finally:
            connection.close()

    def get(self, path, params=None, headers=None):
        return self.request("GET", path, params, headers)

    def get_json(self, path, params=None):
        """(status, parsed JSON body); the body must be JSON, whatever the status."""
        status, headers, body = self.get(path, params)
        assert headers.get("content-type") == "application/json; charset=utf-8", headers
        return status, json.loads(body)

    def stop(self):
        """SIGTERM, then the exit code (SIGKILL after 10 s)."""
        if self.exit_code is None:
            if self.process.poll() is None:
                self.process.terminate()
            try:
                self.exit_code = self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.exit_code = self.process.wait()
        return self.exit_code


@contextlib.contextmanager
def serve(program, db, *args):
    process = subprocess.Popen([program, "--db", db, "--port", "0", *args],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               preexec_fn=_die_with_parent)
    lines = queue.Queue()

    def pump():
        for line in process.stderr:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    server = Server(process, lines)
    try:
        server._read_url()
        server._wait_until_it_answers()
        yield server
    finally:
        server.stop()
        reader.join(timeout=10)
        while True:
            try:
                line = lines.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                server.stderr.append(line)
