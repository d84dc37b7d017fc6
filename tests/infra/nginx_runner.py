"""Start and stop nginx for real on loopback, serving a built site with the generated configuration."""

from __future__ import annotations

import os
import pwd
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.deploy import write_nginx_config

NGINX = Path("/usr/sbin/nginx")


@dataclass(frozen=True)
class NginxServer:
    url: str
    site: Path
    config: Path
    access_log: Path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}: {process.stderr.read().decode()}")  # type: ignore[union-attr]
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nginx did not answer within 10 seconds")


def start_nginx(site: Path, workdir: Path) -> tuple[subprocess.Popen[bytes], NginxServer]:
    """Start nginx in the foreground with every writable path inside `workdir`."""
    if not NGINX.exists():
        pytest.skip(f"{NGINX} is not installed (Debian package nginx; .ci/run installs it)")
    temp = workdir / "temp"
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (temp / name).mkdir(parents=True, exist_ok=True)
    port = _free_port()
    access_log = workdir / "access.log"
    config = write_nginx_config(site, workdir / "nginx.conf", listen=f"127.0.0.1:{port}",
                                server_name="localhost", temp_dir=temp, access_log=str(access_log))
    globals_ = f"daemon off; pid {workdir / 'nginx.pid'}; error_log stderr;"
    if os.geteuid() == 0:  # as root nginx would drop its workers to `nobody`, who cannot read tmp folders
        globals_ += f" user {pwd.getpwuid(os.geteuid()).pw_name};"
    test = subprocess.run([str(NGINX), "-t", "-q", "-e", "stderr", "-p", str(workdir), "-c", str(config),
                           "-g", globals_], capture_output=True, text=True, check=False)
    assert test.returncode == 0, f"nginx -t refused the generated configuration:\n{test.stderr}"
    process = subprocess.Popen([str(NGINX), "-e", "stderr", "-p", str(workdir), "-c", str(config),
                                "-g", globals_], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, time.monotonic() + 10)
    except RuntimeError:
        process.kill()
        process.wait()
        raise
    return process, NginxServer(url, site, config, access_log)


def stop_nginx(process: subprocess.Popen[bytes]) -> None:
    process.terminate()  # SIGTERM to the master (our own child) stops its workers too
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
