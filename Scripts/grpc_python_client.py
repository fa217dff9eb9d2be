#!/usr/bin/env python3
"""A client that is not ours: Python grpcio drives a running SwiftKMS service.

The stubs are generated at run time with grpcio-tools from the package's own Protos/ into a
temporary directory, so the test checks the .proto files as a third party would use them.

Checks (exit 0 when all pass, 1 with a message on stderr otherwise):
  * Decrypt of one ciphertext, then GetDecryptResult polled until it is no longer UNAVAILABLE;
    the first plaintext's bytes must equal --expect-plaintext (hex);
  * Decrypt and GetDecryptResult with a malformed request id answer INVALID_ARGUMENT.

Usage (makes its own venv on first use; set SWIFTKMS_GRPC_PYTHON_VENV to move it):
  grpc_python_client.py setup
  grpc_python_client.py check --target 127.0.0.1:PORT --protos DIR --key-id HEX
                              --ciphertext FILE --fhe-type 2 --expect-plaintext HEX
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

VENV = os.environ.get("SWIFTKMS_GRPC_PYTHON_VENV", os.path.expanduser("~/.cache/swiftkms-grpc-python"))
PY = os.path.join(VENV, "bin", "python")
PACKAGES = ["grpcio==1.85.1", "grpcio-tools==1.85.1"]
# Written once the packages are installed, so an interrupted install is redone.
MARK = os.path.join(VENV, "swiftkms-installed.txt")


def ensure_venv():
    """Re-run this script under the venv, creating it or finishing its install when needed."""
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    wanted = " ".join(PACKAGES)
    if not os.path.exists(MARK) or open(MARK).read() != wanted:
        if not os.path.exists(PY):
            subprocess.check_call([sys.executable, "-m", "venv", VENV])
        subprocess.check_call([PY, "-m", "pip", "install", "-q", "--disable-pip-version-check"] + PACKAGES)
        with open(MARK, "w") as f:
            f.write(wanted)
    os.execv(PY, [PY, os.path.abspath(__file__)] + sys.argv[1:])


def generate(protos, out):
    """Python messages and stubs of kms/*.proto into `out`; returns the imported modules."""
    from grpc_tools import protoc
    import grpc_tools
    include = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    files = [os.path.join("kms", f) for f in ("base.proto", "kms.proto")]
    rc = protoc.main(["protoc", f"-I{protos}", f"-I{include}", f"--python_out={out}",
                      f"--grpc_python_out={out}"] + files)
    if rc != 0:
        fail(f"protoc failed ({rc}) on {files}")
    sys.path.insert(0, out)
    import kms.base_pb2 as base
    import kms.kms_pb2_grpc as stubs
    return base, stubs


def fail(message):
    print(f"grpc_python_client: {message}", file=sys.stderr)
    sys.exit(1)


def expect_code(grpc, code, call, what):
    try:
        call()
    except grpc.RpcError as e:
        if e.code() != code:
            fail(f"{what}: expected {code}, got {e.code()} ({e.details()})")
        return
    fail(f"{what}: expected {code}, got a response")


def check(a):
    import grpc
    with tempfile.TemporaryDirectory() as out:
        base, stubs = generate(a.protos, out)
        channel = grpc.insecure_channel(a.target)
        grpc.channel_ready_future(channel).result(timeout=10)
        kms = stubs.CoreServiceEndpointStub(channel)
        request_id = os.urandom(20).hex()
        ciphertext = open(a.ciphertext, "rb").read()
        request = base.DecryptionRequest(
            version=1, request_id=base.RequestId(request_id=request_id),
            key_id=base.RequestId(request_id=a.key_id),
            ciphertexts=[base.TypedCiphertext(ciphertext=ciphertext, fhe_type=a.fhe_type)])
        kms.Decrypt(request, timeout=10)
        deadline = time.monotonic() + 30
        while True:
            try:
                response = kms.GetDecryptResult(base.RequestId(request_id=request_id), timeout=10)
                break
            except grpc.RpcError as e:
                if e.code() != grpc.StatusCode.UNAVAILABLE or time.monotonic() > deadline:
                    fail(f"GetDecryptResult: {e.code()} ({e.details()})")
                time.sleep(0.02)
        got = response.payload.plaintexts[0].hex() if response.payload.plaintexts else "(none)"
        if got != a.expect_plaintext.lower():
            fail(f"plaintext {got}, expected {a.expect_plaintext}")
        if len(response.signature) == 0:
            fail("the response is not signed")

        bad = "0x" + "ab" * 19
        request.request_id.request_id = bad
        expect_code(grpc, grpc.StatusCode.INVALID_ARGUMENT, lambda: kms.Decrypt(request, timeout=10), "Decrypt, malformed id")
        expect_code(grpc, grpc.StatusCode.INVALID_ARGUMENT,
                    lambda: kms.GetDecryptResult(base.RequestId(request_id=bad), timeout=10), "GetDecryptResult, malformed id")
        channel.close()
    print("ok")


def main():
    ensure_venv()
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("setup")
    c = sub.add_parser("check")
    c.add_argument("--target", required=True)
    c.add_argument("--protos", required=True)
    c.add_argument("--key-id", required=True)
    c.add_argument("--ciphertext", required=True)
    c.add_argument("--fhe-type", type=int, required=True)
    c.add_argument("--expect-plaintext", required=True)
    a = ap.parse_args()
    if a.cmd == "setup":
        import grpc, grpc_tools  # noqa: F401  (the venv works)
        print(VENV)
    else:
        check(a)


if __name__ == "__main__":
    main()
