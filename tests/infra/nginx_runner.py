"""Start and stop nginx for real on loopback, serving a built site with the generated configuration."""

from __future__ import annotations

import os
import pwd
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.publish.nginx import Tls, write_nginx_config

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


def _trusting(tls: Tls | None) -> ssl.SSLContext | None:
    return ssl.create_default_context(cafile=str(tls.certificate)) if tls else None


def _wait_until_up(url: str, process: subprocess.Popen[bytes], deadline: float, error_log: Path,
                   context: ssl.SSLContext | None) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}: {error_log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/", timeout=2, context=context):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("nginx did not answer within 10 seconds")


def start_nginx(site: Path, workdir: Path,
                tls: Tls | None = None) -> tuple[subprocess.Popen[bytes], NginxServer]:
    """Start nginx in the foreground with every writable path inside `workdir`."""
    if not NGINX.exists():
        pytest.skip(f"{NGINX} is not installed (Debian package nginx; .ci/run installs it)")
    temp = workdir / "temp"
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (temp / name).mkdir(parents=True, exist_ok=True)
    port = _free_port()
    access_log = workdir / "access.log"
    listen = f"127.0.0.1:{port} ssl" if tls else f"127.0.0.1:{port}"
    config = write_nginx_config(site, workdir / "nginx.conf", listen=listen, server_name="localhost",
                                temp_dir=temp, access_log=str(access_log), tls=tls)
    globals_ = f"daemon off; pid {workdir / 'nginx.pid'}; error_log stderr;"
    if os.geteuid() == 0:  # as root nginx would drop its workers to `nobody`, who cannot read tmp folders
        globals_ += f" user {pwd.getpwuid(os.geteuid()).pw_name};"
    test = subprocess.run([str(NGINX), "-t", "-q", "-e", "stderr", "-p", str(workdir), "-c", str(config),
                           "-g", globals_], capture_output=True, text=True, check=False)
    assert test.returncode == 0, f"nginx -t refused the generated configuration:\n{test.stderr}"
    # nginx's error log goes to a file: a pipe nobody reads would block nginx once full.
    with (workdir / "error.log").open("wb") as error_log:
        process = subprocess.Popen([str(NGINX), "-e", "stderr", "-p", str(workdir), "-c", str(config),
                                    "-g", globals_], stdout=subprocess.DEVNULL, stderr=error_log)
    url = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process, time.monotonic() + 10, workdir / "error.log", _trusting(tls))
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


def self_signed_certificate(folder: Path) -> Tls:
    """A certificate for 127.0.0.1 and localhost, valid for a day, for the HTTPS listener test."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                    x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    tls = Tls(folder / "cert.pem", folder / "key.pem")
    tls.certificate.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    tls.key.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return tls
