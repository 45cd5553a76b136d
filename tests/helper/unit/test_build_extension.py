"""scripts/build-extension: both packages, the right background key, one version, lint clean."""

import json
import subprocess
import zipfile

from entity_lens import __version__
from support import ROOT

SCRIPT = ROOT / "scripts" / "build-extension"


def build(*args):
    return subprocess.run([str(SCRIPT), *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def zipped_manifest(path):
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


def lint(source_dir):
    result = subprocess.run(["npx", "--no", "web-ext", "lint", "--source-dir", str(source_dir),
                             "--output", "json"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    return json.loads(result.stdout)


def check_packages(out_dir, tmp_path):
    chrome = out_dir / f"entity-lens-{__version__}-chrome.zip"
    firefox = out_dir / f"entity-lens-{__version__}-firefox.zip"
    assert sorted(out_dir.iterdir()) == [chrome, firefox]

    chrome_manifest = zipped_manifest(chrome)
    assert chrome_manifest["version"] == __version__
    assert "service_worker" in chrome_manifest["background"]
    assert "scripts" not in chrome_manifest["background"]

    firefox_manifest = zipped_manifest(firefox)
    assert firefox_manifest["version"] == __version__
    assert firefox_manifest["background"]["scripts"]
    assert "service_worker" not in firefox_manifest["background"]

    unpacked = tmp_path / "firefox"
    with zipfile.ZipFile(firefox) as archive:
        archive.extractall(unpacked)
    report = lint(unpacked)
    problems = [f"{m['code']}: {m['message']}" for m in report["errors"] + report["warnings"]]
    assert report["summary"]["errors"] == 0, problems
    assert not any(p.startswith("BACKGROUND_SERVICE_WORKER") for p in problems), problems


def test_builds_the_extension(tmp_path):
    manifest = ROOT / "extension" / "manifest.json"
    assert manifest.exists(), f"{manifest} is missing: the extension is not written yet"
    result = build("--out-dir", tmp_path / "dist")
    assert result.returncode == 0, result.stderr
    check_packages(tmp_path / "dist", tmp_path)


def write_extension(path, version):
    path.mkdir()
    (path / "background.js").write_text("console.log('entity lens');\n")
    (path / "manifest.json").write_text(json.dumps({
        "manifest_version": 3,
        "name": "Entity Lens",
        "version": version,
        "description": "Minimal cross-browser extension",
        "background": {"service_worker": "background.js", "scripts": ["background.js"]},
        "browser_specific_settings": {"gecko": {
            "id": "entity-lens@example.org", "strict_min_version": "140.0",
            "data_collection_permissions": {"required": ["none"]}}},
    }))


def test_splits_a_cross_browser_manifest(tmp_path):
    write_extension(tmp_path / "ext", __version__)
    result = build("--source-dir", tmp_path / "ext", "--out-dir", tmp_path / "dist")
    assert result.returncode == 0, result.stderr
    check_packages(tmp_path / "dist", tmp_path)
    chrome = zipped_manifest(tmp_path / "dist" / f"entity-lens-{__version__}-chrome.zip")
    assert "browser_specific_settings" not in chrome


def test_refuses_a_version_mismatch(tmp_path):
    write_extension(tmp_path / "ext", "9.9.9")
    result = build("--source-dir", tmp_path / "ext", "--out-dir", tmp_path / "dist")
    assert result.returncode != 0
    assert "version mismatch" in result.stderr
    assert __version__ in result.stderr and "9.9.9" in result.stderr
    assert not (tmp_path / "dist").exists()

