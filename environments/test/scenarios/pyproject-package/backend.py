"""A tiny PEP 517 backend of this test repository (no setuptools offline): it writes a
wheel of the package beside it, with fixed dates."""
import base64, hashlib, os, zipfile

NAME, VERSION, REQUIRES = 'monpaquet', "1.0.0", ['beta==1.0']


def _record(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"{name},sha256={digest.decode()},{len(data)}"


def build_wheel(directory, config_settings=None, metadata_directory=None):
    dist = f"{NAME}-{VERSION}.dist-info"
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, NAME, "__init__.py"), "rb") as f:
        module = f.read()
    metadata = f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {VERSION}\n"
    metadata += "".join(f"Requires-Dist: {r}\n" for r in REQUIRES)
    files = {
        f"{NAME}/__init__.py": module,
        f"{dist}/METADATA": metadata.encode(),
        f"{dist}/WHEEL": b"Wheel-Version: 1.0\nGenerator: scenario\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    lines = [_record(n, d) for n, d in files.items()] + [f"{dist}/RECORD,,"]
    files[f"{dist}/RECORD"] = ("\n".join(lines) + "\n").encode()
    name = f"{NAME}-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(directory, name), "w") as archive:
        for n, d in files.items():
            archive.writestr(zipfile.ZipInfo(n, date_time=(2020, 1, 1, 0, 0, 0)), d)
    return name
