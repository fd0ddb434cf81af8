"""The archive of one structure: a tar.gz with a manifest and checksummed members.

Layout::

    manifest.json   format version, Marelle version, applied migrations, source schema and id,
                    created_at, counts, and the sha256 of every other member
    tenant.json     the public rows: the Tenant's fields (not its pk), its Domain rows, its
                    ProviderReference rows
    schema.dump     pg_dump --format=custom of the structure's schema only
    media/<name>    every file the structure's FileFields (and its logo) refer to, under the
                    name the storage gave it (``tenants/<source id>/...``)

Reading verifies everything before anything is used: the format version, that the members are
exactly those the manifest lists (no more, no fewer), their checksums, and that no member name
could escape the extraction folder.
"""

from __future__ import annotations

import hashlib
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from tenants.transfer import TransferError

FORMAT = "marelle-structure"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
TENANT = "tenant.json"
DUMP = "schema.dump"
MEDIA = "media"


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return _digest(handle)


def _digest(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def media_member(name: str) -> str:
    """Archive member of a stored file (its storage name under ``media/``)."""
    return f"{MEDIA}/{_safe_name(name)}"


def write_archive(*, folder: Path, manifest: dict, output: Path) -> None:
    """Checksum every file under ``folder`` into the manifest, then write the tar.gz.

    Written next to ``output`` then renamed, so a failed export never leaves a half archive
    under the expected name."""
    members = sorted(p for p in folder.rglob("*") if p.is_file())
    manifest = {
        **manifest,
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "checksums": {p.relative_to(folder).as_posix(): sha256_of(p) for p in members},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    partial = output.with_name(output.name + ".partial")
    with tarfile.open(partial, "w:gz") as tar:
        tar.add(folder / MANIFEST, arcname=MANIFEST)
        for path in members:
            tar.add(path, arcname=path.relative_to(folder).as_posix())
    partial.replace(output)


@dataclass(frozen=True)
class Archive:
    """An extracted, verified archive."""

    folder: Path
    manifest: dict

    @property
    def tenant(self) -> dict:
        return json.loads((self.folder / TENANT).read_text())

    @property
    def dump(self) -> Path:
        return self.folder / DUMP

    def media_path(self, name: str) -> Path:
        return self.folder / media_member(name)


def open_archive(path: Path, *, into: Path) -> Archive:
    """Extract ``path`` into the folder ``into`` and verify it (see the module's docstring)."""
    with _open_tar(path) as tar:
        names = []
        for member in tar.getmembers():
            if member.isdir():
                continue
            if not member.isfile():
                raise TransferError(f"Archive invalide : membre non autorisé « {member.name} ».")
            names.append(_safe_name(member.name))
        if MANIFEST not in names:
            raise TransferError("Archive invalide : manifest.json absent.")
        # The "data" filter refuses links, devices and paths leaving the folder, once more.
        tar.extractall(into, filter="data")
    manifest = _parse_manifest((into / MANIFEST).read_bytes())
    expected = manifest.get("checksums") or {}
    present = set(names) - {MANIFEST}
    if present != set(expected):
        raise TransferError(
            "Archive invalide : ses fichiers ne sont pas ceux que liste son manifeste "
            "(archive modifiée ou incomplète)."
        )
    for name, checksum in expected.items():
        if sha256_of(into / name) != checksum:
            raise TransferError(
                f"Archive invalide : la somme de contrôle de « {name} » ne correspond pas "
                "(archive modifiée ou abîmée)."
            )
    for required in (TENANT, DUMP):
        if required not in expected:
            raise TransferError(f"Archive invalide : {required} absent.")
    return Archive(folder=into, manifest=manifest)


def verify_archive(path: Path) -> dict:
    """The manifest, once every member's checksum is checked, in one streaming pass and
    without extracting anything (the deletion's check of an archive of any size)."""
    manifest = None
    seen: dict[str, str] = {}
    try:
        with tarfile.open(path, "r|gz") as tar:
            for member in tar:
                if member.isdir():
                    continue
                if not member.isfile():
                    raise TransferError(
                        f"Archive invalide : membre non autorisé « {member.name} »."
                    )
                name = _safe_name(member.name)
                handle = tar.extractfile(member)
                if name == MANIFEST:
                    manifest = _parse_manifest(handle.read())
                    continue
                seen[name] = _digest(handle)
    except FileNotFoundError as exc:
        raise TransferError(f"Archive introuvable : {path}.") from exc
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise TransferError(f"Archive illisible : {path} n'est pas un tar.gz valide.") from exc
    if manifest is None:
        raise TransferError("Archive invalide : manifest.json absent.")
    if seen != (manifest.get("checksums") or {}):
        raise TransferError(
            "Archive invalide : ses fichiers ou leurs sommes de contrôle ne correspondent pas "
            "à son manifeste (archive modifiée, incomplète ou abîmée)."
        )
    return manifest


def _open_tar(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:gz")
    except FileNotFoundError as exc:
        raise TransferError(f"Archive introuvable : {path}.") from exc
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise TransferError(f"Archive illisible : {path} n'est pas un tar.gz valide.") from exc


def _parse_manifest(raw: bytes) -> dict:
    try:
        manifest = json.loads(raw)
    except ValueError as exc:
        raise TransferError("Archive invalide : manifest.json illisible.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise TransferError("Ce fichier n'est pas une archive de structure Marelle.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise TransferError(
            f"Format d'archive {manifest.get('format_version')!r} non pris en charge par cette "
            f"version de Marelle (format attendu : {FORMAT_VERSION})."
        )
    return manifest


def _safe_name(name: str) -> str:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts or "\\" in name:
        raise TransferError(f"Archive invalide : chemin non autorisé « {name} ».")
    return path.as_posix()
