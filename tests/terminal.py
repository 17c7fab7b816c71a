"""Run a command as a real process on a pseudo-terminal of a given width.

What a person sees is what the process prints when its stdout is a terminal of
that many columns; a pipe would make rich fall back to its piped layout.
stderr stays a pipe so error messages can be checked apart from the output.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import termios
import threading
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07")


class Run:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()


def run_on_terminal(
    command: str | list[str], *, columns: int, cwd: Path, env: dict[str, str],
    timeout: float = 120,
) -> Run:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {**env, "COLUMNS": str(columns), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        command, shell=isinstance(command, str), cwd=cwd, env=env, stdin=subprocess.DEVNULL,
        stdout=slave, stderr=subprocess.PIPE,
    )
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the last writer closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    assert process.stderr is not None
    stderr = process.stderr.read().decode()
    process.stderr.close()
    process.wait(timeout=timeout)
    reader.join(timeout=timeout)
    os.close(master)
    text = ANSI.sub("", b"".join(chunks).decode()).replace("\r\n", "\n")
    return Run(process.returncode, text, stderr)
